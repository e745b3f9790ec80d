/**
 * Marketing search (POST /api/secrets/search) latency, sequential requests at one connection.
 *
 * Called by bench/secrets.ts once its data exists: `benchSearch({ base, headers, out })`.
 * Run alone it makes its own data with the same generator:
 *   node bin/run-ts.mjs bench/search.ts [--db embedded|postgres] [--scale 20000] [--secrets 100000] [--requests 300]
 *
 * The searches cover each way a secret matches and each way a class is read: words (a common
 * phrase, a stem), meaning only ("wine": no secret says it, tens of thousands mean it), a typo read
 * by trigram, a rare word (read whole), filters, a category alone and a second page.
 * Prints p50/p95 per search and overall; asserts nothing about time (target: p95 ≤ 50 ms on
 * PostgreSQL at 1M secrets).
 */
import { pathToFileURL } from 'node:url'

export interface SearchBenchOptions {
  base: string
  headers: Record<string, string>
  out?: (s: string) => void
  /** sequential requests over all the searches */
  requests?: number
  /**
   * a bare route in the same process (POST {q} → one full-text statement, no auth, no
   * transaction, no ranking): each search is followed by the same words there, the floor of the ratio
   */
  bare?: string
}

export interface SearchBenchFigures {
  p50: number
  p95: number
  /** the bare route's, when measured */
  bare?: { p50: number; p95: number }
  bySearch: { name: string; p50: number; p95: number; customers: number; exact: boolean }[]
}

const SEARCHES: { name: string; body: Record<string, unknown> }[] = [
  { name: 'words: "pinot noir"', body: { q: 'pinot noir' } },
  { name: 'stem: sailing → sails', body: { q: 'sailing' } },
  { name: 'meaning only: wine', body: { q: 'wine' } },
  { name: 'meaning: alcohol, tier A', body: { q: 'alcohol', tiers: ['A'] } },
  { name: 'typo: burgandy', body: { q: 'burgandy' } },
  { name: 'rare: a number', body: { q: '4242' } },
  { name: 'phrase OR word', body: { q: '"single malt" OR bees' } },
  { name: 'segment + category', body: { q: 'golf', segments: ['Hospitality'], categories: ['habit'] } },
  { name: 'category alone', body: { q: '', categories: ['dream'] } },
  { name: 'words, page 3', body: { q: 'football', page: 3 } },
]

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN

export const benchSearch = async (o: SearchBenchOptions): Promise<SearchBenchFigures> => {
  const out = o.out ?? ((s: string) => process.stdout.write(`${s}\n`))
  const requests = o.requests ?? 300
  const headers = { ...o.headers, 'content-type': 'application/json' }
  const run = async (body: Record<string, unknown>) => {
    const t0 = performance.now()
    const r = await fetch(`${o.base}/api/secrets/search`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    })
    const json = (await r.json()) as { total: number; totalExact: boolean }
    const ms = performance.now() - t0
    if (r.status !== 200)
      throw new Error(`search ${JSON.stringify(body)}: ${r.status} ${JSON.stringify(json)}`)
    return { ms, json }
  }
  const runBare = async (q: string) => {
    const t0 = performance.now()
    const r = await fetch(`${o.bare}/bare-search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q }),
    })
    await r.json()
    return performance.now() - t0
  }
  // warm: the concepts database, the plans, the caches
  for (const s of SEARCHES) await run(s.body)
  const times = new Map<string, number[]>(SEARCHES.map((s) => [s.name, []]))
  const bareTimes: number[] = []
  const seen = new Map<string, { customers: number; exact: boolean }>()
  for (let i = 0; i < requests; i++) {
    const s = SEARCHES[i % SEARCHES.length]!
    const { ms, json } = await run(s.body)
    times.get(s.name)!.push(ms)
    const q = String(s.body.q ?? '')
    if (o.bare && q) bareTimes.push(await runBare(q))
    seen.set(s.name, { customers: json.total, exact: json.totalExact })
  }
  const all = [...times.values()].flat()
  const figures: SearchBenchFigures = {
    p50: pct(all, 0.5),
    p95: pct(all, 0.95),
    ...(bareTimes.length > 0 ? { bare: { p50: pct(bareTimes, 0.5), p95: pct(bareTimes, 0.95) } } : {}),
    bySearch: SEARCHES.map((s) => ({
      name: s.name,
      p50: pct(times.get(s.name)!, 0.5),
      p95: pct(times.get(s.name)!, 0.95),
      customers: seen.get(s.name)?.customers ?? 0,
      exact: seen.get(s.name)?.exact ?? true,
    })),
  }
  out(
    `\nMarketing search (POST /api/secrets/search), ${requests} sequential requests over ${SEARCHES.length} searches`,
  )
  out(`  ${'search'.padEnd(28)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'customers'.padStart(11)}`)
  for (const b of figures.bySearch) {
    out(
      `  ${b.name.padEnd(28)} ${b.p50.toFixed(1).padStart(6)} ms ${b.p95.toFixed(1).padStart(6)} ms ${`${b.customers.toLocaleString('en')}${b.exact ? '' : '+'}`.padStart(11)}`,
    )
  }
  out(
    `  ${'all'.padEnd(28)} ${figures.p50.toFixed(1).padStart(6)} ms ${figures.p95.toFixed(1).padStart(6)} ms   (target: p95 ≤ 50 ms on PostgreSQL)`,
  )
  if (figures.bare) {
    out(
      `  ${'bare full-text statement'.padEnd(28)} ${figures.bare.p50.toFixed(1).padStart(6)} ms ${figures.bare.p95.toFixed(1).padStart(6)} ms`,
    )
    out(
      `  ratio (search / bare)        p50 ${(figures.p50 / figures.bare.p50).toFixed(2)}×   p95 ${(figures.p95 / figures.bare.p95).toFixed(2)}×`,
    )
  }
  return figures
}

// run alone: make the data with the secrets bench's generator, then measure
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? process.argv[i + 1]! : fallback
  }
  const { openDatabase } = await import('../src/db/connection.ts')
  const { migrateToLatest } = await import('../src/db/migrate.ts')
  const { buildApp } = await import('../src/server/app.ts')
  const { loadConfig } = await import('../src/server/config.ts')
  const { memoryMailer } = await import('../src/server/mailer.ts')
  const { runTask } = await import('../src/server/tasks/tasks.ts')
  const { startPostgres } = await import('../test/support/postgres-server.ts')
  const { generateSecretsWorkspace } = await import('./generate.ts')
  const scale = Number(arg('scale', '20000'))
  const pgServer = arg('db', 'embedded') === 'postgres' ? await startPostgres() : null
  const database = await openDatabase({ databaseUrl: pgServer?.url })
  await migrateToLatest(database.raw)
  const config = { ...loadConfig({}), logLevel: 'silent', signInPerMinute: 1_000_000 }
  const { app, deps } = await buildApp({ config, database, mailer: memoryMailer(), logger: false })
  const slug = 'bench-search'
  const g = await generateSecretsWorkspace(database, deps, {
    slug,
    scale,
    secretCount: Number(arg('secrets', String(scale * 5))),
  })
  process.stdout.write(
    `\nDazzle search bench — ${database.mode}, data generated in ${(g.genMs / 1000).toFixed(1)} s\n`,
  )
  const token = (await runTask(deps, 'token.create', { workspace: slug, email: g.admin.email })).output
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  // the floor: the same words through one plain full-text statement, in the same process
  const { default: Fastify } = await import('fastify')
  const { sql } = await import('kysely')
  const bareApp = Fastify()
  bareApp.post('/bare-search', async (request) => {
    const { q } = request.body as { q: string }
    const r = await sql`select s.customer_id from secret s
      where s.workspace_id = ${g.ws.id} and s.status = 'active' and s.search @@ websearch_to_tsquery('english', ${q})
      limit 21`.execute(database.raw)
    return { n: r.rows.length }
  })
  await bareApp.listen({ port: 0, host: '127.0.0.1' })
  const bare = `http://127.0.0.1:${(bareApp.server.address() as { port: number }).port}`
  await benchSearch({
    base,
    bare,
    headers: { authorization: `Bearer ${token}` },
    requests: Number(arg('requests', '300')),
  })
  await bareApp.close()
  await app.close()
  await database.close()
  await pgServer?.stop()
}
