/**
 * A bounded crash loop (#16 part 5): one Dazzle instance (`dazzle serve`) on PGlite or on a throwaway
 * PostgreSQL, mixed writes from a client (customers, secrets, OOPS! and their steps, small CSV
 * imports), the instance killed with SIGKILL at random moments and started again, N times. At the
 * end every write the client saw acknowledged (2xx) is looked up in the database, and every
 * OOPS! reported is checked for its one breach reminder (each is reported 25 hours after the
 * customer was let down, so its reminder falls due at once and races the kills).
 *
 *   npm run crashloop -- [--db embedded|postgres] [--kills 50] [--seed 1]
 *
 * Prints JSON figures; exits 1 if an acknowledged write was lost or a reminder fired twice or never.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { openDatabase } from '../src/db/connection.ts'
import { alive, freePort, startPrimary, stopPostgres, waitFor } from './cluster/kit.ts'

export interface CrashLoopFigures {
  db: 'embedded' | 'postgres'
  kills: number
  seconds: number
  /** write requests sent, and those answered 2xx (acknowledged) */
  sent: number
  acknowledged: Record<string, number>
  /** acknowledged writes not found afterwards (must be 0) */
  lost: number
  lostExamples: string[]
  /** OOPS! whose breach reminder fired, more than once (any reminder), never */
  remindersFired: number
  remindersTwice: number
  remindersMissed: number
  /** requests that met a dead instance (refused connection, cut answer): expected, not counted as lost */
  unanswered: number
  /** writes answered 4xx (none expected: each is valid) */
  refused: number
  refusedExamples: string[]
  /** how long a restart took, median and worst, in ms */
  restartMs: { median: number; max: number }
}

type Ack =
  | { kind: 'customer'; id: string }
  | { kind: 'secret'; id: string }
  | { kind: 'oops'; id: string }
  | { kind: 'step'; oopsId: string; message: string }
  | { kind: 'import'; names: string[] }

const REPO = path.resolve(import.meta.dirname, '..')

/** a small seeded generator, so a run can be repeated */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const crashLoop = async (opts: {
  db: 'embedded' | 'postgres'
  kills: number
  seed?: number
  log?: (msg: string) => void
}): Promise<CrashLoopFigures> => {
  const log = opts.log ?? (() => undefined)
  const random = rng(opts.seed ?? 1)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dazzle-crashloop-'))
  // PostgreSQL runs as the postgres user when this runs as root: it must reach its folder here
  chmodSync(dir, 0o777)
  const started = Date.now()
  const pgNode = opts.db === 'postgres' ? await startPrimary(dir) : null
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const dataDir = path.join(dir, 'data')
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DAZZLE_URL: base,
    DAZZLE_AUTH_SECRET: 'crash-loop-secret-crash-loop-secret-0123',
    DAZZLE_DEMO: '0',
    DAZZLE_DATA_DIR: dataDir,
    DAZZLE_JOB_POLL_MS: '200',
    DAZZLE_SIGN_IN_PER_MINUTE: '1000',
    DATABASE_URL: pgNode ? pgNode.url() : '',
  }
  const logFile = path.join(dir, 'dazzle.log')
  let child: ChildProcess | null = null
  const restarts: number[] = []
  const start = async () => {
    const t0 = Date.now()
    const fd = openSync(logFile, 'a')
    child = spawn(process.execPath, [path.join(REPO, 'bin', 'dazzle.mjs'), 'serve'], {
      env,
      stdio: ['ignore', fd, fd],
    })
    const pid = child.pid as number
    await waitFor(
      'Dazzle',
      async () => {
        if (!alive(pid) || child?.exitCode !== null) throw new Error('Dazzle exited')
        return (await fetch(`${base}/api/health`)).ok
      },
      180_000,
      logFile,
    )
    restarts.push(Date.now() - t0)
  }
  const killed: number[] = []
  const kill = async (signal: NodeJS.Signals) => {
    const c = child
    if (!c || c.exitCode !== null) return
    const gone = new Promise((r) => c.once('exit', r))
    c.kill(signal)
    await gone
    killed.push(c.pid as number)
  }

  try {
    await start()
    // the client: one admin, one workspace, one customer to hang secrets and OOPS! on
    const origin = { origin: base }
    const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'crash@loop.test', password: 'correct horse battery', name: 'Crash' }),
    })
    if (!signUp.ok) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`)
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const ws = await fetch(`${base}/api/workspaces`, {
      method: 'POST',
      headers: { cookie, ...origin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Crash Loop' }),
    })
    if (ws.status !== 201) throw new Error(`workspace: ${ws.status} ${await ws.text()}`)
    const slug = ((await ws.json()) as { slug: string }).slug
    const headers = { cookie, ...origin, 'x-dazzle-workspace': slug }

    const acks: Ack[] = []
    const customers: string[] = []
    const oopses: string[] = []
    let sent = 0
    let unanswered = 0
    let refused = 0
    const refusedExamples: string[] = []
    let n = 0
    const post = async (url: string, body: unknown, type = 'application/json') => {
      sent++
      try {
        const res = await fetch(`${base}${url}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': type },
          body: typeof body === 'string' ? body : JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        })
        const text = await res.text()
        if (res.status >= 500) throw new Error(`${url}: ${res.status} ${text.slice(0, 300)}`)
        if (!res.ok) {
          refused++
          if (refusedExamples.length < 5) refusedExamples.push(`${url}: ${res.status} ${text.slice(0, 200)}`)
          return null
        }
        return JSON.parse(text)
      } catch (e) {
        if (e instanceof Error && /: 5\d\d /.test(e.message)) throw e
        unanswered++ // the instance died under it: the write may or may not have happened
        await sleep(100) // down or starting: do not spin
        return null
      }
    }
    const oneWrite = async () => {
      const i = ++n
      const pick = random()
      const customer = customers[Math.floor(random() * customers.length)]
      const oops = oopses[Math.floor(random() * oopses.length)]
      if (pick < 0.3 || !customer) {
        const r = await post('/api/customers', { name: `Crash customer ${i}` })
        if (r) {
          acks.push({ kind: 'customer', id: r.id })
          customers.push(r.id)
        }
      } else if (pick < 0.55) {
        const r = await post(`/api/customers/${customer}/secrets`, {
          category: 'inventory_problems',
          text: `Crash loop secret ${i}: the spring stock never arrives on time`,
        })
        if (r) acks.push({ kind: 'secret', id: r.id })
      } else if (pick < 0.75) {
        const r = await post('/api/oops', {
          customerId: customer,
          type: 'broken_promise',
          description: `Crash loop OOPS! ${i}`,
          letDownAt: new Date(Date.now() - 25 * 3_600_000).toISOString(),
        })
        if (r) {
          acks.push({ kind: 'oops', id: r.id })
          oopses.push(r.id)
        }
      } else if (pick < 0.92 && oops) {
        const message = `Crash loop step ${i}`
        const r = await post(`/api/oops/${oops}/steps`, { kind: 'status_report', channel: 'phone', message })
        if (r) acks.push({ kind: 'step', oopsId: oops, message })
      } else {
        const names = [`Crash import ${i} a`, `Crash import ${i} b`]
        const r = await post(
          `/api/imports?kind=customers&fileName=crash-${i}.csv`,
          `externalId,name,email\ncrash-${i}-a,${names[0]},a${i}@crash.test\ncrash-${i}-b,${names[1]},b${i}@crash.test\n`,
          'text/csv',
        )
        if (r?.status === 'imported') acks.push({ kind: 'import', names })
        else if (r) {
          refused++
          if (refusedExamples.length < 5) refusedExamples.push(`import: ${JSON.stringify(r).slice(0, 200)}`)
        }
      }
    }
    let writing = true
    const writer = async () => {
      while (writing) {
        await oneWrite()
      }
    }
    const writers = Array.from({ length: 3 }, writer)

    for (let k = 0; k < opts.kills; k++) {
      await sleep(300 + random() * 2_000)
      await kill('SIGKILL')
      log(`kill ${k + 1}/${opts.kills} (${acks.length} acknowledged so far)`)
      await start()
    }
    await sleep(1_000)
    writing = false
    await Promise.all(writers)

    // reminders: jobs a killed instance held wait out their lease (2 min) before another takes
    // them; that wait is the design, so here the leases of the dead instances are ended instead
    const dead = killed.map(String)
    const settle = async () => {
      const database = await openDatabase(pgNode ? { databaseUrl: pgNode.url() } : { dataDir })
      try {
        if (dead.length)
          await sql`update job set locked_until = now()
            where status = 'pending' and locked_until > now() and split_part(locked_by, ':', 2) in (${sql.join(dead)})`.execute(
            database.raw,
          )
        const r = await sql<{ n: number }>`
          select count(*)::int as n from job where status = 'pending' and run_at <= now()`.execute(
          database.raw,
        )
        return r.rows[0]!.n
      } finally {
        await database.close()
      }
    }
    for (let round = 0; ; round++) {
      if (!pgNode) await kill('SIGTERM') // PGlite's folder is one process's at a time
      const pending = await settle()
      if (pending === 0) break
      if (round > 30) throw new Error(`${pending} due jobs never ran`)
      if (!pgNode) await start()
      await sleep(2_000)
    }
    if (pgNode) await kill('SIGTERM')

    const database = await openDatabase(pgNode ? { databaseUrl: pgNode.url() } : { dataDir })
    try {
      const db = database.raw
      const has = async (table: string, column: string, value: string) =>
        (
          await sql<{
            n: number
          }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(
            db,
          )
        ).rows[0]!.n > 0
      const lost: string[] = []
      for (const a of acks) {
        const found =
          a.kind === 'customer'
            ? await has('customer', 'id', a.id)
            : a.kind === 'secret'
              ? await has('secret', 'id', a.id)
              : a.kind === 'oops'
                ? await has('oops', 'id', a.id)
                : a.kind === 'step'
                  ? (
                      await sql<{
                        n: number
                      }>`select count(*)::int as n from oops_step where oops_id = ${a.oopsId} and message = ${a.message}`.execute(
                        db,
                      )
                    ).rows[0]!.n > 0
                  : (await has('customer', 'name', a.names[0]!)) &&
                    (await has('customer', 'name', a.names[1]!))
        if (!found) lost.push(JSON.stringify(a))
      }
      const oopsIds = acks.filter((a) => a.kind === 'oops').map((a) => (a as { id: string }).id)
      const perOops = await sql<{ oops_id: string; breached: number }>`
        select o.id as oops_id, count(n.id) filter (where n.kind = 'oops.breached')::int as breached
        from oops o left join notification n on n.oops_id = o.id group by o.id`.execute(db)
      const breached = new Map(perOops.rows.map((r) => [r.oops_id, r.breached]))
      const twice = await sql<{ n: number }>`
        select count(*)::int as n from (select 1 from notification where oops_id is not null
          group by oops_id, kind, user_id having count(*) > 1) x`.execute(db)
      const count = (k: Ack['kind']) => acks.filter((a) => a.kind === k).length
      return {
        db: opts.db,
        kills: opts.kills,
        seconds: Math.round((Date.now() - started) / 1000),
        sent,
        acknowledged: {
          total: acks.length,
          customers: count('customer'),
          secrets: count('secret'),
          oops: count('oops'),
          steps: count('step'),
          imports: count('import'),
        },
        lost: lost.length,
        lostExamples: lost.slice(0, 5),
        remindersFired: oopsIds.filter((id) => (breached.get(id) ?? 0) > 0).length,
        remindersTwice: twice.rows[0]!.n,
        remindersMissed: oopsIds.filter((id) => (breached.get(id) ?? 0) === 0).length,
        unanswered,
        refused,
        refusedExamples,
        restartMs: {
          median: [...restarts].sort((a, b) => a - b)[Math.floor(restarts.length / 2)] ?? 0,
          max: Math.max(0, ...restarts),
        },
      }
    } finally {
      await database.close()
    }
  } finally {
    await kill('SIGKILL').catch(() => undefined)
    if (pgNode) await stopPostgres(pgNode).catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      db: { type: 'string', default: 'embedded' },
      kills: { type: 'string', default: '50' },
      seed: { type: 'string', default: '1' },
    },
  })
  if (values.db !== 'embedded' && values.db !== 'postgres') throw new Error('--db is embedded or postgres')
  const figures = await crashLoop({
    db: values.db,
    kills: Number(values.kills),
    seed: Number(values.seed),
    log: (m) => console.error(m),
  })
  console.log(JSON.stringify(figures, null, 2))
  process.exit(figures.lost || figures.remindersTwice || figures.remindersMissed ? 1 : 0)
}
