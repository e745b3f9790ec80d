/**
 * `npm run bench -- --suite statements [--db embedded|postgres] [--scale 200000] [--secrets 1000000]
 *  [--purchases 5000000] [--people 200] [--requests 200]`
 *
 * A quarter's bonus statements for `--people` salespeople over `--scale` customers (each owned by
 * one of them), `--secrets` secrets (recorded by the owners, spread over 500 days) and
 * `--purchases` purchases (spread over the last 200 days), with report cards and colleagues' reads
 * in the audit trail:
 * 1. All statements at once (the leader's plan page, GET /api/bonus-plans/:id): time, against a
 *    bare SQL aggregate of the same figures in the same run (revenue per owner, secrets per
 *    recorder, mean rating per salesperson — no drill-down, no transaction, no audit).
 * 2. One person's statement page (GET /api/bonus-plans/:id/statements/:userId, Bearer token):
 *    p50/p95 over sequential requests, against a bare Fastify route running the same three
 *    aggregates for that one person.
 * Prints figures and ratios; asserts nothing about time.
 */
import Fastify from 'fastify'
import { sql } from 'kysely'
import { planComponent } from '../src/domain/accountability/bonus-plan.ts'
import { runTask } from '../src/server/tasks/tasks.ts'
import { generateSecretsWorkspace } from './generate.ts'
import { arg, benchApp, out, pct, secs, time } from './kit.ts'

const dbKind = arg('db', 'embedded')
const scale = Number(arg('scale', '200000'))
const secretCount = Number(arg('secrets', String(scale * 5)))
// PGlite (single-threaded WASM) gets a tenth of the purchases by default, as in the customers bench
const purchaseCount = Number(
  arg('purchases', dbKind === 'postgres' ? String(scale * 25) : String(scale * 2.5)),
)
const peopleCount = Number(arg('people', '200'))
const requests = Number(arg('requests', '200'))

const ms = (x: number) => `${x.toFixed(1)} ms`

const { pgServer, database, app, deps } = await benchApp(dbKind)
out(`\nDazzle statements bench — database: ${database.mode}`)

const slug = 'bench-statements'
const { ws, admin, genMs } = await generateSecretsWorkspace(database, deps, { slug, scale, secretCount })
out(
  `generated ${scale.toLocaleString('en')} customers and ${secretCount.toLocaleString('en')} secrets in ${secs(genMs)}`,
)

const now = new Date()
const quarterStart = `${now.getUTCFullYear()}-${String(Math.floor(now.getUTCMonth() / 3) * 3 + 1).padStart(2, '0')}-01`
const [peopleMs, people] = await time(async () => {
  // salespeople straight into the tables (a password each would be 200 argon2 hashes of nothing)
  await sql`insert into auth_user (id, email, name, email_verified)
            select 'bench-sales-' || g, 'sales' || g || '@${sql.raw(slug)}.test', 'Sales ' || g, true
            from generate_series(1, ${peopleCount}) g`.execute(database.raw)
  await sql`insert into membership (workspace_id, user_id, role)
            select ${ws.id}, 'bench-sales-' || g, 'sales' from generate_series(1, ${peopleCount}) g`.execute(
    database.raw,
  )
  await sql`update customer c set owner_user_id = 'bench-sales-' || (1 + n.n % ${peopleCount})
            from bench_customer_no n where n.id = c.id`.execute(database.raw)
  await sql`update secret s set recorded_by = c.owner_user_id from customer c
            where c.id = s.customer_id and s.workspace_id = ${ws.id}`.execute(database.raw)
  await sql`insert into purchase (workspace_id, customer_id, line_key, invoice_id, purchased_at, product_code,
              description, quantity, unit_price, amount, currency)
            select ${ws.id}, c.id, 'L' || g, 'INV' || (g / 3), now() - (g % 200) * interval '1 day' - (g % 86400) * interval '1 second',
                   'P' || (g % 500), 'Bench item', 1 + g % 6, 2.5, (1 + g % 6) * 2.5, 'GBP'
            from generate_series(1, ${purchaseCount}) g
            join bench_customer_no c on c.n = 1 + (g::bigint * 104729) % ${scale}`.execute(database.raw)
  // ten answered report cards a person this quarter, and colleagues reading what they heard
  await sql`insert into report_card (workspace_id, salesperson_user_id, customer_id, token_hash, questions,
              sent_at, expires_at, answered_at, ratings)
            select ${ws.id}, c.owner_user_id, c.id, 'bench-card-' || n.n, '[]'::jsonb, now() - interval '10 days',
                   now() + interval '11 days', now() - (n.n % 30) * interval '1 hour',
                   jsonb_build_object('b1', 1 + n.n % 5, 'b2', 1 + (n.n / 5) % 5, 'b3', null)
            from bench_customer_no n join customer c on c.id = n.id where n.n <= ${peopleCount * 10}`.execute(
    database.raw,
  )
  await sql`insert into audit_event (workspace_id, actor_user_id, actor_label, action, target_type, target_id, created_at)
            select ${ws.id}, ${admin.id}, 'admin', 'secrets.read_known', 'customer', c.id, now() - (c.n % 60) * interval '1 day'
            from bench_customer_no c where c.n % 4 = 0`.execute(database.raw)
  await sql`analyze`.execute(database.raw)
  if (database.mode === 'postgres') {
    await sql`vacuum analyze`.execute(database.raw)
    await sql`checkpoint`.execute(database.raw)
  }
  return (
    await sql<{
      id: string
    }>`select user_id as id from membership where workspace_id = ${ws.id} and role = 'sales'`.execute(
      database.raw,
    )
  ).rows.map((r) => r.id)
})
out(
  `${peopleCount} salespeople, ${purchaseCount.toLocaleString('en')} purchases, report cards and reads in ${secs(peopleMs)}`,
)

const token = (await runTask(deps, 'token.create', { workspace: slug, email: admin.email })).output
const auth = { authorization: `Bearer ${token}` }
const created = await app.inject({
  method: 'POST',
  url: '/api/bonus-plans',
  headers: auth,
  payload: {
    name: 'Bench quarter',
    periodKind: 'quarter',
    periodStart: quarterStart,
    components: [
      planComponent('revenue', 50, 50_000),
      planComponent('secret_effectiveness', 25, 500),
      planComponent('report_card', 15, 4),
      planComponent('recovery', 10, 60),
    ],
    members: people.map((userId) => ({ userId, targetBonus: 10_000, quota: null })),
  },
})
if (created.statusCode !== 201) throw new Error(created.body)
const planId = created.json().id as string
const from = new Date(`${quarterStart}T00:00:00Z`)

/** the same figures, bare: three aggregates, no drill-down, no transaction, no audit */
const bareAggregates = async (userIds: readonly string[]) => {
  const ids = sql.join(userIds.map((u) => sql`${u}`))
  return Promise.all([
    sql`select c.owner_user_id, sum(p.amount) from customer c join purchase p on p.workspace_id = c.workspace_id and p.customer_id = c.id
        where c.workspace_id = ${ws.id} and c.owner_user_id in (${ids}) and p.purchased_at >= ${from} and p.purchased_at < now()
        group by c.owner_user_id`.execute(database.raw),
    sql`select recorded_by, count(*), sum(case when layer = 'secret' then 3 else 1 end) from secret
        where workspace_id = ${ws.id} and recorded_by in (${ids}) and recorded_at >= ${from} and recorded_at < now()
        group by recorded_by`.execute(database.raw),
    sql`select r.salesperson_user_id, avg(v.value::numeric) from report_card r, jsonb_each_text(r.ratings) v
        where r.workspace_id = ${ws.id} and r.salesperson_user_id in (${ids}) and r.answered_at >= ${from} and v.value is not null
        group by r.salesperson_user_id`.execute(database.raw),
  ])
}

// 1. every statement at once
const all: number[] = []
const bareAll: number[] = []
for (let i = 0; i < 3; i++) {
  const [t, r] = await time(() =>
    app.inject({ method: 'GET', url: `/api/bonus-plans/${planId}`, headers: auth }),
  )
  if (r.statusCode !== 200) throw new Error(r.body)
  all.push(t)
  bareAll.push((await time(() => bareAggregates(people)))[0])
}
const allMs = Math.min(...all)
const bareAllMs = Math.min(...bareAll)
out(
  `\n1. ${peopleCount} statements at once (best of 3): ${ms(allMs)}; bare aggregates ${ms(bareAllMs)}; ratio ${(allMs / bareAllMs).toFixed(2)}×`,
)

// 2. one statement page
const bare = Fastify({ logger: false })
bare.get<{ Params: { userId: string } }>('/bare/:userId', async (request) => {
  const [a, b, c] = await bareAggregates([request.params.userId])
  return { revenue: a.rows, secrets: b.rows, cards: c.rows }
})
await app.listen({ port: 0, host: '127.0.0.1' })
await bare.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`
const sample = (url: (u: string) => string, headers: Record<string, string>) => async () => {
  const xs: number[] = []
  for (let i = 0; i < requests; i++) {
    const u = people[i % people.length]!
    const t0 = performance.now()
    const r = await fetch(url(u), { headers })
    await r.arrayBuffer()
    if (r.status !== 200) throw new Error(`${r.status}`)
    xs.push(performance.now() - t0)
  }
  return xs
}
const page = await sample((u) => `${base}/api/bonus-plans/${planId}/statements/${u}`, auth)()
const floor = await sample((u) => `${bareBase}/bare/${u}`, {})()
out(
  `2. statement page over ${requests} requests: p50 ${ms(pct(page, 0.5))}, p95 ${ms(pct(page, 0.95))}; bare p50 ${ms(pct(floor, 0.5))}, p95 ${ms(pct(floor, 0.95))}; p95 ratio ${(pct(page, 0.95) / pct(floor, 0.95)).toFixed(2)}×`,
)

await app.close()
await bare.close()
await database.close()
await pgServer?.stop()
