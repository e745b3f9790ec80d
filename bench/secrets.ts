/**
 * `npm run bench -- --suite secrets [--db embedded|postgres] [--scale 200000] [--secrets 1000000]
 *  [--requests 500] [--seconds 5]`
 *
 * Generates `--scale` customers (a person for every fourth) and `--secrets` secrets spread over
 * them (texts built from a few hundred phrases, concepts from the server's own expander), then:
 * 1. "What do we know" (GET /api/customers/:id/known, Bearer token): p50/p99 over sequential
 *    requests at one connection and req/s at 50 connections (autocannon), each against a bare
 *    Fastify route in the same process that runs the same single SQL statement (the store's
 *    `known()`, audit row included) with no auth, no transaction and no response schema.
 * 2. Marketing search and live-feed latency when their harnesses exist (bench/search.ts,
 *    bench/feed.ts).
 * Prints figures and ratios; asserts nothing about time.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { secretsStore } from '../src/db/secrets.store.ts'
import { runTask } from '../src/server/tasks/tasks.ts'
import { generateSecretsWorkspace } from './generate.ts'
import { arg, benchApp, out, pct, secs, time } from './kit.ts'

const dbKind = arg('db', 'embedded')
const scale = Number(arg('scale', '200000'))
const secretCount = Number(arg('secrets', String(scale * 5)))
const requests = Number(arg('requests', '500'))
const seconds = Number(arg('seconds', '5'))

const { pgServer, database, app, deps } = await benchApp(dbKind)

out(`\nDazzle secrets bench — database: ${database.mode}`)

const { ws, admin, sampleIds, genMs } = await generateSecretsWorkspace(database, deps, {
  slug: 'bench-secrets',
  scale,
  secretCount,
})
out(
  `generated ${scale.toLocaleString('en')} customers and ${secretCount.toLocaleString('en')} secrets in ${secs(genMs)}`,
)
const token = (await runTask(deps, 'token.create', { workspace: 'bench-secrets', email: admin.email })).output
// the bare route: the same single statement, without auth, transaction or response schema
const bare = Fastify({ logger: false })
bare.get<{ Params: { id: string } }>('/bare/known/:id', async (request) =>
  secretsStore(database.db, ws.id).known(request.params.id, {
    actorUserId: admin.id,
    actorLabel: admin.email,
    action: 'secrets.read_known',
    ctx: {},
  }),
)
await app.listen({ port: 0, host: '127.0.0.1' })
await bare.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`
const auth = { authorization: `Bearer ${token}` }

const sequential = async (url: (i: number) => string, headers: Record<string, string>) => {
  for (let i = 0; i < 20; i++) await (await fetch(url(i), { headers })).arrayBuffer()
  const xs: number[] = []
  for (let i = 0; i < requests; i++) {
    const [ms, r] = await time(() => fetch(url(i), { headers }))
    if (r.status !== 200) throw new Error(`${url(i)}: ${r.status} ${await r.text()}`)
    await r.arrayBuffer()
    xs.push(ms)
  }
  return { p50: pct(xs, 0.5), p99: pct(xs, 0.99) }
}
const loaded = (url: string, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    autocannon({ url, headers, connections: 50, duration: seconds }, (err, r) => {
      if (err) reject(err)
      else if (r.non2xx > 0) reject(new Error(`${url}: ${r.non2xx} non-2xx answers`))
      else resolve(r.requests.average)
    })
  })

{
  const id = (i: number) => sampleIds[i % sampleIds.length]!
  const b = await sequential((i) => `${bareBase}/bare/known/${id(i)}`, {})
  const r = await sequential((i) => `${base}/api/customers/${id(i)}/known`, auth)
  const bRps = await loaded(`${bareBase}/bare/known/${id(0)}`, {})
  const rRps = await loaded(`${base}/api/customers/${id(0)}/known`, auth)
  out(
    `\n"What do we know" (GET /api/customers/:id/known), ${requests} sequential requests over ${sampleIds.length} customers`,
  )
  out(`  ${''.padEnd(26)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'req/s @50'.padStart(10)}`)
  out(
    `  ${'bare route, same SQL'.padEnd(26)} ${b.p50.toFixed(2).padStart(6)} ms ${b.p99.toFixed(2).padStart(6)} ms ${String(Math.round(bRps)).padStart(10)}`,
  )
  out(
    `  ${'Dazzle route'.padEnd(26)} ${r.p50.toFixed(2).padStart(6)} ms ${r.p99.toFixed(2).padStart(6)} ms ${String(Math.round(rRps)).padStart(10)}`,
  )
  out(
    `  ratio (route / bare)       p50 ${(r.p50 / b.p50).toFixed(2)}×   p99 ${(r.p99 / b.p99).toFixed(2)}×   throughput ${(rRps / bRps).toFixed(2)}×` +
      `   (targets: p50 ≤ 2×, p99 ≤ ${database.mode === 'postgres' ? 5 : 10} ms)`,
  )
}

// ── search and feed, measured by their own harnesses ─────────────────────────────────────────
for (const [file, fn] of [
  ['search.ts', 'benchSearch'],
  ['feed.ts', 'benchFeed'],
] as const) {
  if (!existsSync(path.join(import.meta.dirname, file))) continue
  const mod = (await import(`./${file}`)) as Record<string, unknown>
  const run = mod[fn] as
    | ((o: {
        base: string
        headers: Record<string, string>
        customerIds: string[]
        out: (s: string) => void
      }) => Promise<unknown>)
    | undefined
  if (run) await run({ base, headers: auth, customerIds: sampleIds, out })
}

await app.close()
await bare.close()
await database.close()
await pgServer?.stop()
