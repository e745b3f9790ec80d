/**
 * `npm run bench -- --suite customers [--db embedded|postgres] [--scale 200000] [--purchases N]
 *  [--requests 200]`
 *
 * 1. Import of the real year (test/data/online-retail/*.csv.gz) through runPurchaseImport, first
 *    and idempotent second run, as rows/s; against a bare `COPY` of the same purchase lines (parsed
 *    beforehand, same columns, a table without constraints or indexes) on the same database.
 * 2. GET /api/customers through the app with a Bearer token at `--scale` generated customers: sort
 *    by lifetime page 1, a deep page, a fuzzy `q=`; p50/p95 against the bare query on the table.
 * 3. recomputeValue at `--scale` customers and `--purchases` purchases generated in SQL.
 * Prints figures and ratios; asserts nothing about time.
 */
import { chmodSync, createReadStream, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createGunzip } from 'node:zlib'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { parse } from 'csv-parse'
import { CamelCasePlugin, Kysely, sql } from 'kysely'
import pg from 'pg'
import { type Database, openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { PGliteDialect } from '../src/db/pglite-dialect.ts'
import type { DB } from '../src/db/schema.ts'
import { recomputeValue } from '../src/db/value.store.ts'
import { inWorkspace } from '../src/db/workspace-scope.ts'
import {
  detectPurchaseMapping,
  type PurchaseField,
  parsePurchaseRow,
} from '../src/domain/customers/purchase-import.ts'
import { buildApp } from '../src/server/app.ts'
import { loadConfig } from '../src/server/config.ts'
import { runPurchaseImport } from '../src/server/imports/run-import.ts'
import { memoryMailer } from '../src/server/mailer.ts'
import { createUserInWorkspace, runTask } from '../src/server/tasks/tasks.ts'
import { startPostgres } from '../test/support/postgres-server.ts'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1]! : fallback
}
const dbKind = arg('db', 'embedded')
const scale = Number(arg('scale', '200000'))
// 5 M purchases on PostgreSQL; PGlite (single-threaded WASM) gets a tenth by default
const purchases = Number(arg('purchases', dbKind === 'postgres' ? '5000000' : '500000'))
const requests = Number(arg('requests', '200'))
const DATA = path.resolve(import.meta.dirname, '../test/data/online-retail')

const out = (s: string) => process.stdout.write(`${s}\n`)
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const time = async <T>(f: () => Promise<T>) => {
  const t0 = performance.now()
  const r = await f()
  return [performance.now() - t0, r] as const
}

// the embedded database is opened here as connection.ts does, keeping the PGlite handle for COPY
const OID = { INT8: 20, DATE: 1082 } as const
const openEmbedded = async (): Promise<[Database, PGlite]> => {
  const pglite = await PGlite.create(undefined, {
    parsers: {
      [OID.INT8]: (v: string) => Number(v),
      [OID.DATE]: (v: string) => v,
    },
    extensions: { pg_trgm },
  })
  const raw = new Kysely<any>({ dialect: new PGliteDialect({ pglite }) })
  const db = raw.withPlugin(new CamelCasePlugin()) as Kysely<DB>
  return [
    { raw, db, mode: 'embedded', listenVia: { mode: 'embedded', pglite }, close: () => raw.destroy() },
    pglite,
  ]
}

const pgServer = dbKind === 'postgres' ? await startPostgres() : null
let pglite: PGlite | null = null
let database: Database
if (pgServer) database = await openDatabase({ databaseUrl: pgServer.url })
else [database, pglite] = await openEmbedded()
await migrateToLatest(database.raw)
const config = { ...loadConfig({}), logLevel: 'silent', signInPerMinute: 1_000_000 }
const { app, deps } = await buildApp({ config, database, mailer: memoryMailer(), logger: false })
const workspace = async (slug: string) => {
  await createUserInWorkspace(deps, {
    workspace: slug,
    email: `admin@${slug}.test`,
    password: 'correct horse battery',
    role: 'admin',
  })
  return (await deps.identity.workspaceBySlug(slug))!
}

out(`\nDazzle customers bench — database: ${database.mode}`)

// ── 1. import ───────────────────────────────────────────────────────────────────────────────
{
  const files = readdirSync(DATA)
    .filter((f) => f.endsWith('.csv.gz'))
    .sort()
  const open = (f: string) => createReadStream(path.join(DATA, f)).pipe(createGunzip())
  const ws = await workspace('bench-import')
  const importYear = () =>
    runPurchaseImport(
      deps,
      ws.id,
      null,
      files.map((f) => ({ name: f.replace(/\.gz$/, ''), stream: open(f) })),
      { kind: 'purchases', dryRun: false, keepGoodRows: false, timezone: 'Europe/London', currency: 'GBP' },
    )
  // the same lines, parsed once, as COPY text (tab-separated, \N for null)
  const lines: string[] = []
  const esc = (v: string | null) =>
    v === null
      ? '\\N'
      : v.replace(/[\\\t\n\r]/g, (c) => `\\${c === '\t' ? 't' : c === '\n' ? 'n' : c === '\r' ? 'r' : '\\'}`)
  const now = new Date()
  for (const f of files) {
    let fields: Array<[PurchaseField, number]> | null = null
    const parser = open(f).pipe(parse({ bom: true, relax_column_count: true }))
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!fields) {
        fields = Object.entries(detectPurchaseMapping(record)).map(([h, x]) => [
          x as PurchaseField,
          record.indexOf(h),
        ])
        continue
      }
      const values: Partial<Record<PurchaseField, string>> = {}
      for (const [x, i] of fields) values[x] = record[i]
      const p = parsePurchaseRow(values, {
        timezone: 'Europe/London',
        currency: 'GBP',
        now,
        headerOf: (x) => x,
      })
      if (p.kind !== 'line') continue
      const l = p.line
      lines.push(
        [
          ws.id,
          `C${l.customerExternalId}`,
          `${l.invoiceId}|${lines.length}`,
          l.invoiceId,
          l.purchasedAt.toISOString(),
          esc(l.productCode),
          esc(l.description),
          l.quantity,
          l.unitPrice,
          l.amount,
          l.currency,
          l.isCancellation ? 't' : 'f',
          l.isProduct ? 't' : 'f',
        ].join('\t'),
      )
    }
  }
  const copyText = `${lines.join('\n')}\n`
  await sql`create table bench_bare_purchase (workspace_id text, customer_id text, line_key text, invoice_id text,
    purchased_at timestamptz, product_code text, description text, quantity numeric, unit_price numeric,
    amount numeric, currency text, is_cancellation boolean, is_product boolean)`.execute(database.raw)
  // a second table shaped like `purchase` itself: the same unique line key and indexes (no foreign
  // keys: the lines name no real customers) — what storing with the import's guarantees costs
  await sql`create table bench_keyed_purchase (like purchase including defaults including identity including indexes)`.execute(
    database.raw,
  )
  const COLUMNS = `(workspace_id, customer_id, line_key, invoice_id, purchased_at, product_code, description,
    quantity, unit_price, amount, currency, is_cancellation, is_product)`
  let copyMs: number
  let keyedMs: number
  if (pglite) {
    const copy = (table: string) => () =>
      pglite!.query(`copy ${table} ${COLUMNS} from '/dev/blob'`, [], { blob: new Blob([copyText]) })
    ;[copyMs] = await time(copy('bench_bare_purchase'))
    ;[keyedMs] = await time(copy('bench_keyed_purchase'))
  } else {
    // server-side COPY from a file (the bench connects as the superuser; no client streaming library)
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'dazzle-bench-'))
    chmodSync(tmp, 0o755)
    const file = path.join(tmp, 'lines.tsv')
    writeFileSync(file, copyText)
    chmodSync(file, 0o644)
    const copy = (table: string) => () =>
      sql`copy ${sql.raw(table)} ${sql.raw(COLUMNS)} from ${sql.lit(file)}`.execute(database.raw)
    ;[copyMs] = await time(copy('bench_bare_purchase'))
    ;[keyedMs] = await time(copy('bench_keyed_purchase'))
    rmSync(tmp, { recursive: true, force: true })
  }
  const [firstMs, first] = await time(importYear)
  const [againMs, again] = await time(importYear)
  if (first.added !== lines.length || again.added !== 0)
    throw new Error(`import counts off: ${first.added}, ${again.added}`)
  const rate = (n: number, ms: number) =>
    `${Math.round(n / (ms / 1000))
      .toLocaleString('en')
      .padStart(8)} rows/s`
  out(
    `\nimport of the real year: ${first.rows.toLocaleString('en')} CSV rows, ${lines.length.toLocaleString('en')} purchase lines, ${first.customersAdded} customers`,
  )
  out(
    `  bare COPY of the ${lines.length.toLocaleString('en')} lines (no constraints)  ${secs(copyMs).padStart(8)}  ${rate(lines.length, copyMs)}`,
  )
  out(
    `  COPY into a table keyed like purchase          ${secs(keyedMs).padStart(8)}  ${rate(lines.length, keyedMs)} (unique line key + indexes, no foreign keys)`,
  )
  out(
    `  import, first run                          ${secs(firstMs).padStart(8)}  ${rate(lines.length, firstMs)} (${rate(first.rows, firstMs)} of CSV)  ratio ${(copyMs / firstMs).toFixed(2)} · vs keyed ${(keyedMs / firstMs).toFixed(2)}`,
  )
  out(
    `  import again (adds 0)                      ${secs(againMs).padStart(8)}  ${rate(lines.length, againMs)} (${rate(again.rows, againMs)} of CSV)  ratio ${(copyMs / againMs).toFixed(2)} · vs keyed ${(keyedMs / againMs).toFixed(2)}`,
  )
  out(
    `  (ratio = COPY time / import time, on purchase lines; the import also parses and checks the CSV, keys every line, resolves customers, checks foreign keys and recomputes value tiers)`,
  )
}

// ── 2. customers list at scale ──────────────────────────────────────────────────────────────
const big = await workspace('bench-big')
{
  const [genMs] = await time(async () => {
    await sql`insert into customer (workspace_id, kind, name, external_id, country, currency, lifetime_revenue,
                trailing_12m_revenue, order_count, value_tier)
              select ${big.id}, 'organisation',
                     (array['Acme','Globex','Initech','Umbrella','Hooli','Stark','Wayne','Tyrell','Cyberdyne','Soylent'])[1 + g % 10]
                       || ' ' || (array['Trading','Holdings','Retail','Partners','Supplies','Group','Foods','Garden'])[1 + (g / 10) % 8]
                       || ' ' || g,
                     'X' || g, 'United Kingdom', 'GBP', round((power(random(), 3) * 50000)::numeric, 2),
                     round((random() * 1000)::numeric, 2), (g % 40), (array['A','B','C'])[1 + g % 3]
              from generate_series(1, ${scale}) g`.execute(database.raw)
    await sql`analyze customer`.execute(database.raw)
    // as after any change made through the app: ranks, tiers and the value report (which holds the
    // list's unfiltered total) are worked out; the generated sums stay (there are no purchases)
    await inWorkspace(database.db, big.id, (trx) => recomputeValue(trx, big.id, new Date(), undefined, []))
  })
  const token = (
    await runTask(deps, 'token.create', { workspace: 'bench-big', email: 'admin@bench-big.test' })
  ).output
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!
  const sample = async (f: () => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await f()
    const xs: number[] = []
    for (let i = 0; i < requests; i++) xs.push((await time(f))[0])
    return { p50: pct(xs, 0.5), p95: pct(xs, 0.95) }
  }
  const get = (qs: string) => async () => {
    const r = await fetch(`${base}/api/customers?${qs}`, { headers: { authorization: `Bearer ${token}` } })
    if (r.status !== 200) throw new Error(`${qs}: ${r.status} ${await r.text()}`)
    await r.json()
  }
  const deep = Math.floor(scale / 50 / 2)
  const bare = (page: number, term?: string) => () =>
    inWorkspace(database.db, big.id, async (trx) => {
      let q = trx.selectFrom('customer').selectAll().where('workspaceId', '=', big.id)
      if (term) q = q.where(sql<boolean>`word_similarity(${term}, name) >= 0.45`)
      await q
        .orderBy('lifetimeRevenue', 'desc')
        .orderBy('id')
        .limit(50)
        .offset((page - 1) * 50)
        .execute()
    })
  out(
    `\nGET /api/customers at ${scale.toLocaleString('en')} customers (generated in ${secs(genMs)}), ${requests} sequential requests each, Bearer token`,
  )
  out(`  ${'case'.padEnd(34)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} | bare query p50   p95 | ratio p50`)
  for (const [name, qs, baseline] of [
    ['sort=lifetime page 1', 'sort=lifetime&page=1', bare(1)],
    [`sort=lifetime page ${deep}`, `sort=lifetime&page=${deep}`, bare(deep)],
    ['q=globx holdngs (fuzzy)', 'q=globx%20holdngs', bare(1, 'globx holdngs')],
  ] as const) {
    const b = await sample(baseline)
    const r = await sample(get(qs))
    out(
      `  ${name.padEnd(34)} ${r.p50.toFixed(1).padStart(6)} ms ${r.p95.toFixed(1).padStart(6)} ms | ${b.p50.toFixed(1).padStart(7)} ms ${b.p95.toFixed(1).padStart(6)} ms | ${(r.p50 / b.p50).toFixed(2)}`,
    )
  }
  out(
    `  (baseline: the page query alone on the same table, in a workspace transaction; the route also counts matches and lists segments)`,
  )
}

// ── 3. value-tier recomputation ─────────────────────────────────────────────────────────────
{
  const [genMs] = await time(async () => {
    await sql`create table bench_customer_no as
              select id, row_number() over (order by id)::int as n from customer where workspace_id = ${big.id}`.execute(
      database.raw,
    )
    await sql`create unique index on bench_customer_no(n)`.execute(database.raw)
    await sql`insert into purchase (workspace_id, customer_id, line_key, invoice_id, purchased_at, product_code,
                description, quantity, unit_price, amount, currency, is_cancellation, is_product)
              select ${big.id}, c.id, 'L' || g, 'I' || (g / 4), now() - (g % 700) * interval '1 day', 'P' || (g % 3000), null,
                     1 + g % 12, 1.25, round((power(random(), 2) * 200)::numeric, 2), 'GBP', false, true
              from generate_series(1, ${purchases}) g join bench_customer_no c on c.n = 1 + (g::bigint * 7919) % ${scale}`.execute(
      database.raw,
    )
    await sql`analyze purchase`.execute(database.raw)
  })
  const [firstMs] = await time(() =>
    inWorkspace(database.db, big.id, (trx) => recomputeValue(trx, big.id, new Date())),
  )
  const [againMs] = await time(() =>
    inWorkspace(database.db, big.id, (trx) => recomputeValue(trx, big.id, new Date())),
  )
  out(
    `\nrecomputeValue at ${scale.toLocaleString('en')} customers / ${purchases.toLocaleString('en')} purchases (generated in ${secs(genMs)})`,
  )
  // what a change costs: one customer's purchases (an edit, a small import), a new customer
  const one = await sql<{ id: string }>`
    select customer_id as id from purchase where workspace_id = ${big.id} limit 1`.execute(database.raw)
  const [oneMs] = await time(() =>
    inWorkspace(database.db, big.id, (trx) =>
      recomputeValue(trx, big.id, new Date(), undefined, [one.rows[0]!.id]),
    ),
  )
  const [noneMs] = await time(() =>
    inWorkspace(database.db, big.id, (trx) => recomputeValue(trx, big.id, new Date(), undefined, [])),
  )
  out(`  first (every customer changes)  ${secs(firstMs)}`)
  out(`  again (nothing changes)         ${secs(againMs)}`)
  out(`  one customer's purchases        ${secs(oneMs)}   (sums for that one; ranks, tiers, report for all)`)
  out(`  a new customer, no purchases    ${secs(noneMs)}`)
}

await app.close()
await database.close()
if (pglite && !pglite.closed) await pglite.close()
if (pgServer) {
  // pg's pool.end() resolves once it has asked its clients to close, not once they have: stopping
  // the server before they are gone sends them "terminating connection due to administrator
  // command", which the pool, having no listener left, throws as an unhandled 'error' event
  const check = new pg.Client({ connectionString: pgServer.url })
  await check.connect()
  for (let i = 0; i < 100; i++) {
    const { rows } = await check.query(
      `select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()`,
    )
    if (rows[0].n === 0) break
    await new Promise((r) => setTimeout(r, 50))
  }
  await check.end()
  await pgServer.stop()
}
