/**
 * `npm run bench -- --suite recovery [--db embedded|postgres] [--scale 200000] [--secrets 1000000]
 *  [--recoveries 100000] [--catalogue 500] [--requests 300]`
 *
 * The recovery screen's data at scale: on top of the secrets bench's customers and secrets, it
 * generates `--recoveries` past OOPS! (closed, with steps) and a `--catalogue`-item surprise
 * catalogue, opens a few live OOPS!, then times the requests the recovery screen makes —
 * GET /api/oops/:id, GET /api/customers/:id/known and (when it exists) GET /api/oops/:id/suggestions —
 * as p50/p95 against a bare Fastify route running the screen's main single query on the same database.
 * Prints figures and ratios; asserts nothing about time.
 */
import Fastify from 'fastify'
import { sql } from 'kysely'
import { runTask } from '../src/server/tasks/tasks.ts'
import { generateSecretsWorkspace } from './generate.ts'
import { arg, benchApp, out, pct } from './kit.ts'

const dbKind = arg('db', 'embedded')
const scale = Number(arg('scale', '200000'))
const secretCount = Number(arg('secrets', String(scale * 5)))
const recoveries = Number(arg('recoveries', String(scale / 2)))
const catalogue = Number(arg('catalogue', '500'))
const requests = Number(arg('requests', '300'))

const { pgServer, database, app, deps } = await benchApp(dbKind)
out(`\nDazzle recovery bench — database: ${database.mode}`)

const slug = 'bench-recovery'
const { ws, admin, sampleIds, genMs } = await generateSecretsWorkspace(database, deps, {
  slug,
  scale,
  secretCount,
})
const t0 = performance.now()
await sql`insert into surprise_item (workspace_id, title, description, cost, lead_time_hours, kind, tags, concepts)
          select ${ws.id}, 'Surprise ' || g, 'Item ' || g, (g % 300) + 5, (g % 72),
                 (array['gift','experience','upgrade','discount','service','donation'])[1 + g % 6],
                 array[(array['wine','coffee','golf','books','flowers','music','sailing','football'])[1 + g % 8]],
                 (array['wine beverage','coffee beverage','golf sport','book','flower plant','music','sailing sport','football sport'])[1 + g % 8]
          from generate_series(1, ${catalogue}) g`.execute(database.raw)
await sql`insert into oops (workspace_id, customer_id, type, description, severity, let_down_at, reported_at, reported_by,
            owner_user_id, window_hours, at_risk_hours, first_contact_hours, status_every_hours, investment_cap, deadline_at,
            status, fixed_at, surprised_at, surprise_title, surprise_cost, resolved_at, closed_at, wow, nps_before, nps_after)
          select ${ws.id}, c.id, (array['broken_promise','not_as_promised','billing_mistake','repair_to_redo','late_delivery','other'])[1 + g % 6],
                 'Past case ' || g, 'medium', now() - (g % 700) * interval '1 day', now() - (g % 700) * interval '1 day', ${admin.id},
                 ${admin.id}, 24, 6, 2, 8, 100, now() - (g % 700) * interval '1 day' + interval '24 hours',
                 'closed', now() - (g % 700) * interval '1 day' + (g % 30) * interval '1 hour',
                 now() - (g % 700) * interval '1 day' + (g % 40) * interval '1 hour', 'Gift', 25,
                 now() - (g % 700) * interval '1 day' + interval '2 days', now() - (g % 700) * interval '1 day' + interval '2 days',
                 1 + g % 5, g % 11, (g * 7) % 11
          from generate_series(1, ${recoveries}) g join bench_customer_no c on c.n = 1 + (g::bigint * 104729) % ${scale}`.execute(
  database.raw,
)
await sql`insert into oops_step (workspace_id, oops_id, kind, channel, message, by_user_id, by_name, at)
          select o.workspace_id, o.id, k, 'phone', 'Step', ${admin.id}, 'Bench', o.reported_at + interval '1 hour'
          from oops o cross join unnest(array['first_contact','fix','surprise','final_resolution']) k
          where o.workspace_id = ${ws.id}`.execute(database.raw)
await sql`analyze`.execute(database.raw)
out(
  `generated ${scale.toLocaleString('en')} customers, ${secretCount.toLocaleString('en')} secrets (${(genMs / 1000).toFixed(1)} s), ` +
    `${recoveries.toLocaleString('en')} past recoveries and a ${catalogue}-item catalogue (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
)

const token = (await runTask(deps, 'token.create', { workspace: slug, email: admin.email })).output
await app.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
const open: { id: string; customerId: string }[] = []
for (const customerId of sampleIds.slice(0, 50)) {
  const r = await fetch(`${base}/api/oops`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ customerId, type: 'late_delivery', description: 'The order arrived late' }),
  })
  if (r.status !== 201) throw new Error(`open: ${r.status} ${await r.text()}`)
  open.push({ id: ((await r.json()) as { id: string }).id, customerId })
}

// the bare route: the screen's main query (the OOPS! with its customer, person and owner), nothing else
const bare = Fastify({ logger: false })
bare.get<{ Params: { id: string } }>('/bare/oops/:id', async (request) =>
  database.db
    .selectFrom('oops as o')
    .innerJoin('customer as c', 'c.id', 'o.customerId')
    .leftJoin('customerPerson as p', 'p.id', 'o.personId')
    .leftJoin('authUser as u', 'u.id', 'o.ownerUserId')
    .selectAll('o')
    .select(['c.name as customerName', 'c.valueTier', 'p.name as personName', 'u.name as ownerName'])
    .where('o.workspaceId', '=', ws.id)
    .where('o.id', '=', request.params.id)
    .executeTakeFirst(),
)
await bare.listen({ port: 0, host: '127.0.0.1' })
const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`

const sample = async (url: (i: number) => string, headers: Record<string, string>) => {
  for (let i = 0; i < 20; i++) await (await fetch(url(i), { headers })).arrayBuffer()
  const xs: number[] = []
  for (let i = 0; i < requests; i++) {
    const t = performance.now()
    const r = await fetch(url(i), { headers })
    if (r.status !== 200) throw new Error(`${url(i)}: ${r.status} ${await r.text()}`)
    await r.arrayBuffer()
    xs.push(performance.now() - t)
  }
  return { p50: pct(xs, 0.5), p95: pct(xs, 0.95) }
}
const pick = (i: number) => open[i % open.length]!
const b = await sample((i) => `${bareBase}/bare/oops/${pick(i).id}`, {})
const suggestionsExist =
  (await fetch(`${base}/api/oops/${pick(0).id}/suggestions`, { headers: auth })).status !== 404
const cases: [string, (i: number) => string][] = [
  ['GET /api/oops/:id', (i) => `${base}/api/oops/${pick(i).id}`],
  ['GET /api/customers/:id/known', (i) => `${base}/api/customers/${pick(i).customerId}/known`],
]
if (suggestionsExist)
  cases.push(['GET /api/oops/:id/suggestions', (i) => `${base}/api/oops/${pick(i).id}/suggestions`])
out(`\nrecovery screen requests, ${requests} sequential each over ${open.length} open OOPS!`)
out(`  ${'request'.padEnd(34)} ${'p50'.padStart(9)} ${'p95'.padStart(9)}   p95 ratio vs bare`)
out(
  `  ${'bare route, main query'.padEnd(34)} ${b.p50.toFixed(2).padStart(6)} ms ${b.p95.toFixed(2).padStart(6)} ms`,
)
for (const [name, url] of cases) {
  const r = await sample(url, auth)
  out(
    `  ${name.padEnd(34)} ${r.p50.toFixed(2).padStart(6)} ms ${r.p95.toFixed(2).padStart(6)} ms   ${(r.p95 / b.p95).toFixed(2)}×`,
  )
}
out(`  (target: p95 ≤ 25 ms on PostgreSQL for the screen's data)`)

await app.close()
await bare.close()
await database.close()
await pgServer?.stop()
