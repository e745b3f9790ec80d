/**
 * `npm run bench -- --suite reminders [--db embedded|postgres|both] [--scale 100000] [--backlog-min 5]
 *  [--batch 50] [--repeat 200]`
 *
 * "The reminder scan with 100,000 open OOPS!": generates `--scale` open OOPS! over 2,000 customers
 * and 10 owners, each with its stored jobs as `remindersFor` plans them (first contact, at risk,
 * breached: 300,000 jobs). Jobs already due more than `--backlog-min` minutes ago are marked done
 * (a runner has been running); those due within the last `--backlog-min` minutes are pending — the
 * backlog an instance finds after that long an outage. Then, on the same database:
 *
 * - baseline: the bare `select id from job where status = 'pending' and run_at <= now() order by
 *   run_at limit N` (p50/p99 over `--repeat` runs) and a bare count of everything due;
 * - the idle poll: the runner's claim when nothing is due (what every instance runs every second);
 * - one due batch: claim N jobs and run them (each reads its OOPS!, checks the steps, notifies the
 *   owner and leaders, queues the emails, marks itself done), p50 of a few batches;
 * - the full scan: the whole backlog drained by the runner, cascaded email jobs included.
 *
 * Prints figures and ratios; asserts nothing about time.
 */
import { sql } from 'kysely'
import { type Database, openDatabase } from '../src/db/connection.ts'
import { jobsStore } from '../src/db/jobs.store.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { buildApp } from '../src/server/app.ts'
import { loadConfig } from '../src/server/config.ts'
import { jobHandlers } from '../src/server/jobs/job-handlers.ts'
import { createJobRunner } from '../src/server/jobs/runner.ts'
import { memoryMailer } from '../src/server/mailer.ts'
import { createUserInWorkspace } from '../src/server/tasks/tasks.ts'
import { startPostgres } from '../test/support/postgres-server.ts'

const out = (s: string) => process.stdout.write(`${s}\n`)
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!
const time = async <T>(f: () => Promise<T>) => {
  const t0 = performance.now()
  const r = await f()
  return [performance.now() - t0, r] as const
}
const repeatTimed = async (n: number, f: () => Promise<unknown>) => {
  const xs: number[] = []
  for (let i = 0; i < n; i++) xs.push((await time(f))[0])
  return { p50: pct(xs, 0.5), p99: pct(xs, 0.99) }
}

export interface RemindersBenchOptions {
  db: 'embedded' | 'postgres'
  scale: number
  backlogMinutes: number
  batch: number
  repeat: number
}

const generate = async (database: Database, workspaceId: string, o: RemindersBenchOptions) => {
  const owners = await sql<{ user_id: string }>`
    select user_id from membership where workspace_id = ${workspaceId} and role = 'service' order by user_id`.execute(
    database.raw,
  )
  const ownerIds = owners.rows.map((r) => r.user_id)
  await sql`insert into customer (workspace_id, kind, name, external_id, country, currency)
            select ${workspaceId}, 'organisation', 'Customer ' || g, 'R' || g, 'United Kingdom', 'GBP'
            from generate_series(1, 2000) g`.execute(database.raw)
  // let-down moments spread over the last 24 h: every state of the clock is represented
  await sql`
    insert into oops (workspace_id, customer_id, type, description, severity, let_down_at, reported_at,
                      reported_by, owner_user_id, window_hours, at_risk_hours, first_contact_hours,
                      status_every_hours, investment_cap, deadline_at)
    select ${workspaceId}, c.id, 'late_delivery', 'Order ' || g || ' arrived late', 'medium', t, t,
           (${sql.val(ownerIds)}::text[])[1 + g % ${ownerIds.length}], (${sql.val(ownerIds)}::text[])[1 + g % ${ownerIds.length}],
           24, 4, 4, 12, 30, t + interval '24 hours'
    from generate_series(1, ${o.scale}) g
    cross join lateral (select date_trunc('milliseconds', now() - (g::float / ${o.scale}) * interval '24 hours') as t) ts
    join (select id, row_number() over (order by id) - 1 as n from customer where workspace_id = ${workspaceId}) c
      on c.n = g % 2000`.execute(database.raw)
  // the jobs remindersFor plans for a new OOPS!, with the same keys
  await sql`
    insert into job (workspace_id, kind, run_at, payload, dedupe_key, status, attempts, done_at)
    select ${workspaceId}, j.kind, j.run_at, j.payload, j.key,
           case when j.run_at < now() - make_interval(mins => ${o.backlogMinutes}) then 'done' else 'pending' end,
           case when j.run_at < now() - make_interval(mins => ${o.backlogMinutes}) then 1 else 0 end,
           case when j.run_at < now() - make_interval(mins => ${o.backlogMinutes}) then j.run_at end
    from oops x
    cross join lateral (values
      ('oops.step_due', x.reported_at + interval '4 hours',
       jsonb_build_object('oopsId', x.id, 'step', 'first_contact',
         'dueAt', to_char((x.reported_at + interval '4 hours') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
       x.id || ':step:first_contact:' || to_char((x.reported_at + interval '4 hours') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      ('oops.at_risk', x.deadline_at - interval '4 hours', jsonb_build_object('oopsId', x.id), x.id || ':at_risk'),
      ('oops.breached', x.deadline_at, jsonb_build_object('oopsId', x.id), x.id || ':breached')
    ) as j(kind, run_at, payload, key)
    where x.workspace_id = ${workspaceId}`.execute(database.raw)
  await sql`analyze`.execute(database.raw)
  const counts = await sql<{ pending: number; due: number; total: number }>`
    select count(*) filter (where status = 'pending')::int as pending,
           count(*) filter (where status = 'pending' and run_at <= now())::int as due,
           count(*)::int as total from job`.execute(database.raw)
  return counts.rows[0]!
}

/** Runs the bench on one database and prints its figures. */
export const runRemindersBench = async (o: RemindersBenchOptions) => {
  const pgServer = o.db === 'postgres' ? await startPostgres() : null
  const database = await openDatabase({ databaseUrl: pgServer?.url })
  try {
    await migrateToLatest(database.raw)
    const config = { ...loadConfig({}), logLevel: 'silent', signInPerMinute: 1_000_000, jobPollMs: 0 }
    const mailer = memoryMailer()
    const { app, deps } = await buildApp({ config, database, mailer, logger: false, jobs: false })
    const slug = 'bench-reminders'
    await createUserInWorkspace(deps, {
      workspace: slug,
      email: `admin@${slug}.test`,
      password: 'correct horse battery',
      role: 'admin',
    })
    for (let i = 0; i < 2; i++)
      await createUserInWorkspace(deps, {
        workspace: slug,
        email: `leader${i}@${slug}.test`,
        password: 'correct horse battery',
        role: 'leader',
      })
    for (let i = 0; i < 10; i++)
      await createUserInWorkspace(deps, {
        workspace: slug,
        email: `owner${i}@${slug}.test`,
        password: 'correct horse battery',
        role: 'service',
      })
    const ws = (await deps.identity.workspaceBySlug(slug))!

    out(`\nDazzle reminders bench — database: ${database.mode}`)
    const [genMs, counts] = await time(() => generate(database, ws.id, o))
    out(
      `data: ${o.scale.toLocaleString('en')} open OOPS!, ${counts.total.toLocaleString('en')} jobs (${counts.pending.toLocaleString('en')} pending, ${counts.due.toLocaleString('en')} due: the last ${o.backlogMinutes} min), generated in ${(genMs / 1000).toFixed(1)} s`,
    )

    const store = jobsStore(database.db)
    const kinds = Object.keys(jobHandlers(deps))
    const bareDue = await repeatTimed(o.repeat, () =>
      sql`select id from job where status = 'pending' and run_at <= now() order by run_at limit ${o.batch}`.execute(
        database.raw,
      ),
    )
    const [bareCountMs] = await time(() =>
      sql`select count(*) from job where status = 'pending' and run_at <= now()`.execute(database.raw),
    )
    // nothing due at this moment (before the backlog): the poll every instance runs every second
    const quiet = new Date(Date.now() - (o.backlogMinutes + 1) * 60_000)
    const idle = await repeatTimed(o.repeat, () =>
      store.claim({ owner: 'bench', now: quiet, leaseMs: 60_000, limit: o.batch, kinds }),
    )
    const bareIdle = await repeatTimed(o.repeat, () =>
      sql`select id from job where status = 'pending' and run_at <= ${quiet} order by run_at limit ${o.batch}`.execute(
        database.raw,
      ),
    )

    const runner = createJobRunner(deps, jobHandlers(deps), { batchSize: o.batch, concurrency: 8 })
    const batches: number[] = []
    let perBatch = 0
    for (let i = 0; i < 5; i++) {
      const [t, stats] = await time(() => runner.runDueJobs({ maxRounds: 1 }))
      batches.push(t)
      perBatch = stats.claimed
    }
    const left = await sql<{ n: number }>`
      select count(*)::int as n from job where status = 'pending' and run_at <= now()`.execute(database.raw)
    const [drainMs, drained] = await time(() => runner.runDueJobs({ maxRounds: 1_000_000 }))
    const notes = await sql<{ n: number }>`select count(*)::int as n from notification`.execute(database.raw)

    const line = (name: string, v: string, base?: string) =>
      out(`${name.padEnd(46)} ${v.padStart(24)}${base ? `   | baseline ${base}` : ''}`)
    line('bare: select due limit N (p50 / p99)', `${ms(bareDue.p50)} / ${ms(bareDue.p99)}`)
    line('bare: count(*) of all due', ms(bareCountMs))
    line(
      `idle poll: claim, nothing due (p50 / p99)`,
      `${ms(idle.p50)} / ${ms(idle.p99)}`,
      `${ms(bareIdle.p50)} / ${ms(bareIdle.p99)} (ratio ${(idle.p50 / Math.max(bareIdle.p50, 0.001)).toFixed(2)})`,
    )
    line(
      `one due batch: claim + run ${perBatch} (p50 of 5)`,
      `${ms(pct(batches, 0.5))} (${ms(pct(batches, 0.5) / Math.max(perBatch, 1))}/job)`,
      `${ms(bareDue.p50)} (ratio ${(pct(batches, 0.5) / Math.max(bareDue.p50, 0.001)).toFixed(1)})`,
    )
    line(
      `full scan: drain ${left.rows[0]!.n.toLocaleString('en')} due + their emails`,
      `${(drainMs / 1000).toFixed(1)} s (${Math.round((drained.done / drainMs) * 1000)} jobs/s)`,
      `${ms(bareCountMs)} to count them`,
    )
    out(
      `drained: ${drained.done.toLocaleString('en')} jobs done, ${drained.failed} failed, ${drained.retried} retried; ${notes.rows[0]!.n.toLocaleString('en')} notifications, ${mailer.sent.length.toLocaleString('en')} emails`,
    )
    await app.close()
  } finally {
    await database.close()
    // pg's pool resolves end() before its sockets have closed: stopping the server at once would
    // make a closing client report the shutdown as an unhandled error
    await new Promise((r) => setTimeout(r, 500))
    await pgServer?.stop()
  }
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1]! : fallback
}
if (arg('suite', '') === 'reminders') {
  const which = arg('db', 'both')
  for (const db of which === 'both'
    ? (['postgres', 'embedded'] as const)
    : [which as 'embedded' | 'postgres']) {
    await runRemindersBench({
      db,
      scale: Number(arg('scale', '100000')),
      backlogMinutes: Number(arg('backlog-min', '5')),
      batch: Number(arg('batch', '50')),
      repeat: Number(arg('repeat', '200')),
    })
  }
}
