/**
 * `npm run bench [-- --scale N --db embedded|postgres --seconds S]`
 * `npm run bench -- --suite customers [...]`: import, customers list and value tiers (bench/customers.ts)
 * `npm run bench -- --suite secrets [...]`: "what do we know", search, live feed (bench/secrets.ts)
 * `npm run bench -- --suite reminders [...]`: the reminder scan with 100,000 open OOPS! (bench/reminders.ts)
 * `npm run bench -- --suite recovery [...]`: the recovery screen's requests at scale (bench/recovery.ts)
 * `npm run bench -- --suite statements [...]`: a quarter's bonus statements for 200 salespeople (bench/statements.ts)
 * `npm run bench -- --suite scale [--seconds S --connections C]`: the read API at 1, 2, 3 instances behind HAProxy (bench/scale.ts)
 *
 * Generates data (N workspaces × 6 people, 40·N audit events each), then measures each API route
 * with autocannon against a baseline measured in the same run: a bare Fastify route on the same
 * database doing the route's one essential query. Prints requests/s, p50/p99 latency and the ratio.
 */
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { sql } from 'kysely'
import { openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { buildApp } from '../src/server/app.ts'
import { loadConfig } from '../src/server/config.ts'
import { memoryMailer } from '../src/server/mailer.ts'
import { createUserInWorkspace } from '../src/server/tasks/tasks.ts'
import { startPostgres } from '../test/support/postgres-server.ts'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1]! : fallback
}
if (arg('suite', 'api') === 'customers') {
  await import('./customers.ts')
  process.exit(0)
}
if (arg('suite', 'api') === 'secrets') {
  await import('./secrets.ts')
  process.exit(0)
}
if (arg('suite', 'api') === 'reminders') {
  await import('./reminders.ts')
  process.exit(0)
}
if (arg('suite', 'api') === 'recovery') {
  await import('./recovery.ts')
  process.exit(0)
}
if (arg('suite', 'api') === 'scale') {
  await import('./scale.ts')
  process.exit(0)
}
if (arg('suite', 'api') === 'statements') {
  await import('./statements.ts')
  process.exit(0)
}
const scale = Number(arg('scale', '20'))
const dbKind = arg('db', 'embedded')
const seconds = Number(arg('seconds', '5'))

const pgServer = dbKind === 'postgres' ? await startPostgres() : null
const database = await openDatabase({ databaseUrl: pgServer?.url })
await migrateToLatest(database.raw)

const config = { ...loadConfig({}), logLevel: 'silent', signInPerMinute: 1_000_000 }
const { app, deps } = await buildApp({ config, database, mailer: memoryMailer(), logger: false })

// data
const t0 = Date.now()
let token = ''
for (let w = 0; w < scale; w++) {
  const slug = `bench-${w}`
  for (const [i, role] of (
    ['admin', 'leader', 'sales', 'service', 'marketing', 'sales'] as const
  ).entries()) {
    await createUserInWorkspace(deps, {
      workspace: slug,
      email: `p${i}@${slug}.test`,
      password: 'correct horse battery',
      role,
    })
  }
  const ws = (await deps.identity.workspaceBySlug(slug))!
  await sql`insert into audit_event (workspace_id, actor_label, action, details)
            select ${ws.id}, 'bench', 'api_token.used', '{}'::jsonb from generate_series(1, 40)`.execute(
    database.raw,
  )
  if (w === 0) {
    const r = await app.inject({ url: '/api/health' })
    if (r.statusCode !== 200) throw new Error('app not healthy')
  }
}
{
  const res = await import('../src/server/tasks/tasks.ts')
  token = (await res.runTask(deps, 'token.create', { workspace: 'bench-0', email: 'p0@bench-0.test' })).output
}
const generated = (Date.now() - t0) / 1000
await app.listen({ port: 0, host: '127.0.0.1' })
const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`

// the baseline: bare Fastify, same database, the one query each route needs
const bare = Fastify()
bare.get('/select1', async () => (await sql`select 1 as ok`.execute(database.raw)).rows[0])
bare.get('/user-by-email', async () =>
  database.db
    .selectFrom('authUser')
    .select(['id', 'email'])
    .where('email', '=', 'p0@bench-0.test')
    .executeTakeFirst(),
)
bare.get('/token-by-hash', async () =>
  database.db
    .selectFrom('apiToken')
    .selectAll()
    .where('tokenHash', '=', deps.mint.hash(token))
    .executeTakeFirst(),
)
const ws0 = (await deps.identity.workspaceBySlug('bench-0'))!
bare.get('/audit-page', async () =>
  database.db
    .selectFrom('auditEvent')
    .selectAll()
    .where('workspaceId', '=', ws0.id)
    .orderBy('id', 'desc')
    .limit(51)
    .execute(),
)
await bare.listen({ port: 0, host: '127.0.0.1' })
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`

const measure = async (url: string, opts: Partial<autocannon.Options> = {}) => {
  const r = await autocannon({ url, duration: seconds, connections: 8, ...opts })
  if (r.non2xx) throw new Error(`${url}: ${r.non2xx} non-2xx answers`)
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 }
}

const signInBody = JSON.stringify({ email: 'p0@bench-0.test', password: 'correct horse battery' })
const cases: Array<[string, () => ReturnType<typeof measure>, () => ReturnType<typeof measure>]> = [
  ['GET /api/health', () => measure(`${appUrl}/api/health`), () => measure(`${bareUrl}/select1`)],
  [
    'POST /api/auth/sign-in/email',
    () =>
      measure(`${appUrl}/api/auth/sign-in/email`, {
        method: 'POST',
        body: signInBody,
        headers: { 'content-type': 'application/json', origin: config.baseUrl },
      }),
    () => measure(`${bareUrl}/user-by-email`),
  ],
  [
    'GET /api/me (token)',
    () => measure(`${appUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } }),
    () => measure(`${bareUrl}/token-by-hash`),
  ],
  [
    'GET /api/workspace/audit (token)',
    () => measure(`${appUrl}/api/workspace/audit`, { headers: { authorization: `Bearer ${token}` } }),
    () => measure(`${bareUrl}/audit-page`),
  ],
]

const rows: string[] = []
for (const [name, route, baseline] of cases) {
  const b = await baseline()
  const r = await route()
  rows.push(
    `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms | baseline ${b.rps.toFixed(0).padStart(7)} req/s | ratio ${(r.rps / b.rps).toFixed(2)}`,
  )
}

process.stdout.write(
  `\nDazzle bench — database: ${database.mode}, scale ${scale} (${scale} workspaces, ${scale * 6} people, ${scale * 40} audit events; generated in ${generated.toFixed(1)} s), ${seconds} s per measurement, 8 connections\n`,
)
process.stdout.write(
  `${'route'.padEnd(34)} ${'throughput'.padStart(13)}                          | baseline: bare Fastify, same query\n`,
)
for (const r of rows) process.stdout.write(`${r}\n`)
process.stdout.write(`(ratio = route throughput / baseline throughput)\n`)

await app.close()
await bare.close()
await database.close()
await pgServer?.stop()
