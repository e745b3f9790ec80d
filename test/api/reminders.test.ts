import { rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../src/db/connection.ts'
import { completeJob, jobsStore } from '../../src/db/jobs.store.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { fixedClock } from '../../src/domain/clock.ts'
import type { RunStats } from '../../src/server/jobs/runner.ts'
import { createMailer } from '../../src/server/mailer.ts'
import { openSse } from '../support/sse-client.ts'
import { buildTestApp, ORIGIN, type TestApp, testDatabaseUrl } from '../support/test-app.ts'

const HOUR = 3_600_000
const MINUTE = 60_000
const POSTGRES = (process.env.DAZZLE_TEST_DB ?? 'embedded') === 'postgres'

const call = (t: TestApp, method: string, url: string, cookie: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })

/** A workspace with an admin, a service rep who owns the OOPS!, her leader, and a customer. */
const setup = async (t: TestApp, tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const service = await t.member(admin, `sue@${tag}.test`, 'service')
  const leader = await t.member(admin, `lee@${tag}.test`, 'leader')
  const ids = Object.fromEntries(
    (await call(t, 'GET', '/api/workspace/members', admin))
      .json()
      .members.map((m: { email: string; userId: string }) => [m.email, m.userId]),
  )
  const line = await call(t, 'PUT', `/api/workspace/members/${ids[`sue@${tag}.test`]}/leader`, admin, {
    leaderUserId: ids[`lee@${tag}.test`],
  })
  expect(line.statusCode).toBe(200)
  const customer = (
    await call(t, 'POST', '/api/customers', admin, { name: 'Harbour Wines', kind: 'organisation' })
  ).json()
  return { admin, service, leader, workspace, customer }
}
type Setup = Awaited<ReturnType<typeof setup>>

/** An OOPS! on the catch-all plan: first contact due after 4 h, at risk after 20 h, breached after 24 h. */
const openOops = async (t: TestApp, s: Setup) => {
  const res = await call(t, 'POST', '/api/oops', s.service, {
    customerId: s.customer.id,
    type: 'late_delivery',
    description: 'The Christmas order arrived three days late',
    severity: 'high',
  })
  expect(res.statusCode).toBe(201)
  return res.json() as { id: string }
}

const inbox = async (t: TestApp, cookie: string) =>
  (await call(t, 'GET', '/api/notifications', cookie)).json() as {
    notifications: {
      id: string
      kind: string
      oopsId: string
      title: string
      body: string
      readAt: string | null
    }[]
    unread: number
  }

const jobCounts = async (database: Database, workspaceId: string) => {
  const r = await sql<{ kind: string; status: string; n: number }>`
    select kind, status, count(*)::int as n from job where workspace_id = ${workspaceId}
    group by kind, status order by kind, status`.execute(database.raw)
  return Object.fromEntries(r.rows.map((x) => [`${x.kind} ${x.status}`, x.n]))
}

describe('reminders and escalation', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(() => t.close())

  it('tells the owner once, in the app and by email, when the first contact falls due', async () => {
    const s = await setup(t, 'due')
    const o = await openOops(t, s)
    // not yet due: nothing runs
    expect((await t.jobs.runDueJobs()).claimed).toBe(0)
    t.clock.advance(4 * HOUR + MINUTE)
    const sentBefore = t.mailer.sent.length
    const stats = await t.jobs.runDueJobs()
    expect(stats).toMatchObject({ retried: 0, failed: 0, lost: 0 })

    const mine = await inbox(t, s.service)
    expect(mine.unread).toBe(1)
    expect(mine.notifications[0]).toMatchObject({ kind: 'oops.step_due', oopsId: o.id })
    expect(mine.notifications[0]!.title).toBe('First contact due: Harbour Wines')
    expect(mine.notifications[0]!.body).toMatch(/take responsibility/)
    const mail = t.mailer.sent.slice(sentBefore)
    expect(mail).toHaveLength(1)
    expect(mail[0]).toMatchObject({ to: 'sue@due.test', subject: 'First contact due: Harbour Wines' })
    expect(mail[0]!.text).toContain(`http://localhost:3000/w/${s.workspace.slug}/recoveries/${o.id}`)
    // the step is for the owner alone
    expect((await inbox(t, s.leader)).unread).toBe(0)

    // again, and again later: the job is done, nothing fires twice
    await t.jobs.runDueJobs()
    t.clock.advance(MINUTE)
    await t.jobs.runDueJobs()
    expect((await inbox(t, s.service)).notifications).toHaveLength(1)
    expect(t.mailer.sent.length - sentBefore).toBe(1)
    expect(await jobCounts(t.database, s.workspace.id)).toMatchObject({
      'oops.step_due done': 1,
      'notification.email done': 1,
      'oops.at_risk pending': 1,
      'oops.breached pending': 1,
    })
  })

  it('reads, marks read and marks all read, mine only', async () => {
    const s = await setup(t, 'read')
    await openOops(t, s)
    t.clock.advance(20 * HOUR + MINUTE) // first contact due, then at risk
    await t.jobs.runDueJobs()
    t.clock.advance(4 * HOUR) // breached: 3 for sue, 2 for lee
    await t.jobs.runDueJobs()
    const mine = await inbox(t, s.service)
    expect(mine.unread).toBe(3)
    const first = mine.notifications[2]!
    expect((await call(t, 'POST', `/api/notifications/${first.id}/read`, s.service)).statusCode).toBe(200)
    // not lee's to mark
    expect(
      (await call(t, 'POST', `/api/notifications/${mine.notifications[0]!.id}/read`, s.leader)).statusCode,
    ).toBe(404)
    const after = await inbox(t, s.service)
    expect(after.unread).toBe(2)
    // unread first
    expect(after.notifications.map((n) => n.readAt === null)).toEqual([true, true, false])
    const all = await call(t, 'POST', '/api/notifications/read-all', s.service)
    expect(all.json()).toEqual({ marked: 2 })
    expect((await inbox(t, s.service)).unread).toBe(0)
    expect((await inbox(t, s.leader)).unread).toBe(2)
  })

  it('tells the owner and the leader when the OOPS! turns at risk and when it breaches, and sends the webhook events', async () => {
    const s = await setup(t, 'escalate')
    const hook = await call(t, 'POST', '/api/webhooks', s.admin, {
      url: 'http://127.0.0.1:9/never-called',
      events: ['oops.at_risk', 'oops.breached'],
    })
    expect(hook.statusCode).toBe(201)
    const o = await openOops(t, s)
    // the first contact is made in time: no step reminder
    await call(t, 'POST', `/api/oops/${o.id}/steps`, s.service, {
      kind: 'first_contact',
      channel: 'phone',
      message: 'We got this wrong, and I am on it.',
    })
    t.clock.advance(20 * HOUR + MINUTE)
    const sentBefore = t.mailer.sent.length
    await t.jobs.runDueJobs({ maxRounds: 1 })
    const sue = await inbox(t, s.service)
    const lee = await inbox(t, s.leader)
    const atRisk = (n: { kind: string }) => n.kind === 'oops.at_risk'
    expect(sue.notifications.filter(atRisk).map((n) => n.title)).toEqual([
      'At risk: Harbour Wines — 3 h 59 min left',
    ])
    expect(lee.notifications.filter(atRisk).map((n) => n.title)).toEqual([
      'At risk: sue’s OOPS! for Harbour Wines — 3 h 59 min left',
    ])
    expect(lee.notifications.find(atRisk)!.body).toMatch(/Still to do: the fix and the surprise\. .*help sue/)
    // sue reports to lee: the escalation follows her line, not every admin
    expect((await inbox(t, s.admin)).unread).toBe(0)
    // the status report that fell due meanwhile is the owner's alone
    expect(lee.notifications.every((n) => n.kind !== 'oops.step_due')).toBe(true)

    await t.jobs.runDueJobs()
    const mail = t.mailer.sent.slice(sentBefore)
    expect(
      mail
        .filter((m) => m.subject.startsWith('At risk'))
        .map((m) => m.to)
        .sort(),
    ).toEqual(['lee@escalate.test', 'sue@escalate.test'])

    t.clock.advance(4 * HOUR)
    await t.jobs.runDueJobs()
    const breached = (await inbox(t, s.leader)).notifications.filter((n) => n.kind === 'oops.breached')
    expect(breached.map((n) => n.title)).toEqual(['Breached: sue’s OOPS! for Harbour Wines'])
    expect(
      (await inbox(t, s.service)).notifications.some((n) =>
        n.title.startsWith('Breached: Harbour Wines — the 24-hour'),
      ),
    ).toBe(true)

    const deliveries = await sql<{ event: string }>`
      select event from webhook_delivery where workspace_id = ${s.workspace.id} order by created_at, event`.execute(
      t.database.raw,
    )
    expect(deliveries.rows.map((d) => d.event)).toEqual(['oops.at_risk', 'oops.breached'])
  })

  it('escalates to the admins of a workspace that has no leader', async () => {
    const { cookie: admin } = await t.admin('ann@noleader.test', 'No Leader Co')
    const service = await t.member(admin, 'sam@noleader.test', 'service')
    const customer = (
      await call(t, 'POST', '/api/customers', admin, { name: 'Quay Books', kind: 'organisation' })
    ).json()
    await call(t, 'POST', '/api/oops', service, {
      customerId: customer.id,
      type: 'billing_mistake',
      description: 'Charged twice',
    })
    t.clock.advance(20 * HOUR + MINUTE)
    await t.jobs.runDueJobs()
    expect((await inbox(t, admin)).notifications.map((n) => n.title)).toEqual([
      'At risk: sam’s OOPS! for Quay Books — 3 h 59 min left',
    ])
  })

  it('tells nobody about a recovery that is complete, or a step done after its reminder was planned', async () => {
    const s = await setup(t, 'recheck')
    const o = await openOops(t, s)
    await call(t, 'POST', `/api/oops/${o.id}/steps`, s.service, {
      kind: 'first_contact',
      channel: 'phone',
      message: 'We got this wrong, and I am on it.',
    })
    await call(t, 'POST', `/api/oops/${o.id}/fix`, s.service, { note: 'Re-sent by courier' })
    await call(t, 'POST', `/api/oops/${o.id}/surprise`, s.service, {
      custom: { title: 'A bottle of Pinot Noir', cost: 25, kind: 'gift' },
    })
    // as if these jobs had been planned before the change and never cancelled: they look again before telling
    await sql`update job set status = 'pending' where workspace_id = ${s.workspace.id} and status = 'cancelled'`.execute(
      t.database.raw,
    )
    const pending = await jobCounts(t.database, s.workspace.id)
    expect(pending['oops.at_risk pending']).toBe(1)
    expect(pending['oops.step_due pending']).toBeGreaterThanOrEqual(2)
    t.clock.advance(25 * HOUR)
    await t.jobs.runDueJobs()
    const sue = await inbox(t, s.service)
    // only the final resolution, which is really due, is reminded
    expect(sue.notifications.map((n) => n.title)).toEqual(['Final resolution due: Harbour Wines'])
    expect((await inbox(t, s.leader)).unread).toBe(0)
    const after = await jobCounts(t.database, s.workspace.id)
    expect(after['oops.at_risk done']).toBe(1)
    expect(after['oops.breached done']).toBe(1)
  })

  it('rings the bell live: the stream says when a new notification arrives', async () => {
    const s = await setup(t, 'live')
    await openOops(t, s)
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const port = (t.app.server.address() as AddressInfo).port
    const stream = await openSse(
      `http://127.0.0.1:${port}/api/notifications/stream?workspace=${s.workspace.slug}`,
      {
        cookie: s.service,
      },
    )
    try {
      expect(stream.status).toBe(200)
      expect(JSON.parse((await stream.next((e) => e.event === 'ready')).data)).toEqual({ unread: 0 })
      t.clock.advance(4 * HOUR + MINUTE)
      await t.jobs.runDueJobs()
      const e = await stream.next((x) => x.event === 'notification', 5_000)
      expect(JSON.parse(e.data)).toEqual({ unread: 1 })
    } finally {
      stream.close()
    }
  })
})

describe('the job runner', () => {
  // a database of its own: these tests count every workspace's due jobs
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(() => t.close())

  it('never fires a job twice: a runner whose lease ran out finds another instance has taken it over', async () => {
    const s = await setup(t, 'lease')
    await openOops(t, s)
    t.clock.advance(4 * HOUR + MINUTE)
    const store = jobsStore(t.database.db)
    const kinds = ['oops.step_due']
    // instance A claims the reminder and dies before finishing
    const [a] = await store.claim({ owner: 'A', now: t.clock.now(), leaseMs: 60_000, limit: 10, kinds })
    expect(a).toMatchObject({ kind: 'oops.step_due', attempts: 1, lockedBy: 'A' })
    // while A's lease holds, nobody else takes it
    expect(await store.claim({ owner: 'B', now: t.clock.now(), leaseMs: 60_000, limit: 10, kinds })).toEqual(
      [],
    )
    expect((await t.jobs.runDueJobs()).claimed).toBe(0)
    // A's lease runs out: this instance takes the job over and runs it
    t.clock.advance(61_000)
    const stats = await t.jobs.runDueJobs()
    expect(stats.claimed).toBe(2) // the reminder (its 2nd attempt), then its email
    expect((await inbox(t, s.service)).unread).toBe(1)
    // A comes back and tries to finish: refused, so its effects would roll back
    const late = await t.database.db.transaction().execute((trx) => completeJob(trx, a!, 'A', t.clock.now()))
    expect(late).toBe(false)
    const row = await sql<{ status: string; attempts: number }>`
      select status, attempts from job where id = ${a!.id}`.execute(t.database.raw)
    expect(row.rows[0]).toEqual({ status: 'done', attempts: 2 })
  })

  it('retries a job that fails, with backoff, and gives up after the last attempt', async () => {
    const s = await setup(t, 'retry')
    await sql`insert into job (workspace_id, kind, run_at, payload, dedupe_key)
              values (${s.workspace.id}, 'notification.email', ${t.clock.now()}, '{"notificationId":"x"}', 'test:retry')`.execute(
      t.database.raw,
    )
    // a mail server that refuses everything
    const failing = await buildTestApp({
      database: t.database,
      clock: t.clock,
      mailer: {
        delivers: true,
        async send() {
          throw new Error('550 mailbox unavailable')
        },
      },
      jobs: { maxAttempts: 3 },
    })
    try {
      // the notification does not exist: the email job just finishes
      expect((await failing.jobs.runDueJobs()).done).toBeGreaterThanOrEqual(1)
      await openOops(t, s)
      t.clock.advance(4 * HOUR + MINUTE)
      const first = await failing.jobs.runDueJobs()
      expect(first).toMatchObject({ retried: 1, failed: 0 })
      const row = () =>
        sql<{ status: string; attempts: number; last_error: string; run_at: Date }>`
          select status, attempts, last_error, run_at from job
          where workspace_id = ${s.workspace.id} and dedupe_key like 'email:%'`
          .execute(t.database.raw)
          .then((r) => r.rows[0]!)
      expect(await row()).toMatchObject({
        status: 'pending',
        attempts: 1,
        last_error: '550 mailbox unavailable',
      })
      expect(new Date((await row()).run_at).getTime()).toBe(t.clock.now().getTime() + 30_000)
      t.clock.advance(30_000)
      expect(await failing.jobs.runDueJobs()).toMatchObject({ retried: 1 })
      t.clock.advance(60_000)
      expect(await failing.jobs.runDueJobs()).toMatchObject({ failed: 1 })
      expect(await row()).toMatchObject({ status: 'failed', attempts: 3 })
      // the in-app notification is there all the same
      expect((await inbox(t, s.service)).unread).toBe(1)
    } finally {
      await failing.close()
    }
  })
})

describe('stored jobs across instances', () => {
  it('survives a restart: jobs planned by one instance are run by the next one on the same database', {
    timeout: 120_000,
  }, async () => {
    const clock = fixedClock(new Date())
    const url = await testDatabaseUrl()
    const dataDir = url ? undefined : `/tmp/dazzle-restart-${process.pid}-${Date.now()}`
    const open = async () => {
      const d = await openDatabase({ databaseUrl: url, dataDir })
      await migrateToLatest(d.raw)
      return d
    }
    try {
      let database = await open()
      const first = await buildTestApp({ database, clock })
      const s = await setup(first, 'restart')
      const o = await openOops(first, s)
      await first.close()
      await database.close()

      // a new process: nothing in memory survives, only the rows
      database = await open()
      const second = await buildTestApp({ database, clock })
      try {
        clock.advance(20 * HOUR + MINUTE)
        await second.jobs.runDueJobs()
        clock.advance(4 * HOUR)
        await second.jobs.runDueJobs()
        const sue = await inbox(second, s.service)
        expect(sue.notifications.map((n) => n.kind).sort()).toEqual([
          'oops.at_risk',
          'oops.breached',
          'oops.step_due',
        ])
        expect(sue.notifications.every((n) => n.oopsId === o.id)).toBe(true)
        expect(second.mailer.sent.filter((m) => m.to === 'sue@restart.test')).toHaveLength(3)
      } finally {
        await second.close()
        await database.close()
      }
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('fires each job exactly once with two app instances racing over the same due jobs', {
    timeout: 120_000,
  }, async () => {
    const clock = fixedClock(new Date())
    // PostgreSQL: two instances, two connection pools, one database. PGlite: one database in one process.
    const a = await buildTestApp({ clock, jobs: { batchSize: 3, concurrency: 3 } })
    const shared = POSTGRES ? {} : { database: a.database }
    const b = await buildTestApp({
      clock,
      databaseUrl: a.databaseUrl,
      ...shared,
      jobs: { batchSize: 3, concurrency: 3 },
    })
    try {
      const s = await setup(a, 'race')
      const count = 8
      for (let i = 0; i < count; i++) await openOops(i % 2 ? a : b, s)
      // both loops at once, twice over each time, as two instances polling would
      const race = async () => [
        ...(await Promise.all([a.jobs.runDueJobs(), b.jobs.runDueJobs()])),
        ...(await Promise.all([a.jobs.runDueJobs(), b.jobs.runDueJobs()])),
      ]
      clock.advance(20 * HOUR + MINUTE)
      const first = await race()
      clock.advance(4 * HOUR)
      const runs = [...first, ...(await race())]
      const [ra, rb] = first as [RunStats, RunStats]
      const done = runs.reduce((n, r) => n + r.done, 0)
      // per OOPS!: step, at risk, breached; emails: 3 to sue, 2 to lee
      expect(done).toBe(count * 3 + count * 5)
      expect(runs.reduce((n, r) => n + r.lost + r.failed + r.retried, 0)).toBe(0)
      if (POSTGRES) {
        expect(ra.claimed).toBeGreaterThan(0)
        expect(rb.claimed).toBeGreaterThan(0)
      }
      const perJob = await sql<{ n: number; kind: string; user_id: string; oops_id: string }>`
        select count(*)::int as n, kind, user_id, oops_id from notification
        where workspace_id = ${s.workspace.id} group by kind, user_id, oops_id`.execute(a.database.raw)
      expect(perJob.rows).toHaveLength(count * 5)
      expect(perJob.rows.every((r) => r.n === 1)).toBe(true)
      // (the invitations of setup() went through the same outboxes)
      const mail = [...a.mailer.sent, ...b.mailer.sent].filter((m) =>
        /^(First contact due|At risk|Breached)/.test(m.subject),
      )
      expect(mail).toHaveLength(count * 5)
      const jobs = await sql<{ status: string; n: number }>`
        select status, count(*)::int as n from job where workspace_id = ${s.workspace.id} group by status`.execute(
        a.database.raw,
      )
      expect(jobs.rows).toEqual([{ status: 'done', n: count * 8 }])
    } finally {
      await b.close()
      await a.close()
    }
  })
})

/** an email as sent over SMTP (quoted-printable), as a person reads it */
const readable = (data: string) =>
  Buffer.from(
    data
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8')

describe('escalation email through a real SMTP server', () => {
  const received: { to: string[]; data: string }[] = []
  let server: SMTPServer
  let t: TestApp
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        let data = ''
        stream.on('data', (d) => {
          data += d
        })
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data })
          done()
        })
      },
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const port = (server.server.address() as AddressInfo).port
    t = await buildTestApp({
      mailer: createMailer({
        smtpUrl: `smtp://127.0.0.1:${port}`,
        from: 'Dazzle <no-reply@dazzle.test>',
        log: () => {},
      }),
    })
  })
  afterAll(async () => {
    await t.close()
    await new Promise<void>((r) => server.close(() => r()))
  })

  it('emails the owner and the leader when the OOPS! turns at risk', async () => {
    const s = await setup(t, 'smtp')
    const o = await openOops(t, s)
    await call(t, 'POST', `/api/oops/${o.id}/steps`, s.service, {
      kind: 'first_contact',
      channel: 'phone',
      message: 'We got this wrong, and I am on it.',
    })
    received.length = 0
    t.clock.advance(20 * HOUR + MINUTE)
    await t.jobs.runDueJobs()
    const atRisk = () =>
      received
        .map((m) => ({ to: m.to, text: readable(m.data) }))
        .filter((m) => m.text.includes('\r\nAt risk: '))
    expect(
      atRisk()
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(['lee@smtp.test', 'sue@smtp.test'])
    const lee = atRisk().find((m) => m.to[0] === 'lee@smtp.test')!
    expect(lee.text).toContain('At risk: sue’s OOPS! for Harbour Wines — 3 h 59 min left')
    expect(lee.text).toContain(`http://localhost:3000/w/${s.workspace.slug}/recoveries/${o.id}`)
    // once: running again sends nothing more
    await t.jobs.runDueJobs()
    expect(atRisk()).toHaveLength(2)
  })
})
