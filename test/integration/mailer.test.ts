import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMAIL_JOB } from '../../src/db/inbox.store.ts'
import { jobMessageId } from '../../src/server/jobs/job-handlers.ts'
import { createMailer } from '../../src/server/mailer.ts'
import { BASE_URL, buildTestApp, type TestApp } from '../support/test-app.ts'

const received: Array<{ to: string[]; data: string }> = []
let server: SMTPServer
let port: number
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
  port = (server.server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

it('sends invitation and reset emails through a real SMTP server when SMTP_URL is set', async () => {
  const mailer = createMailer({
    smtpUrl: `smtp://127.0.0.1:${port}`,
    from: 'Dazzle <no-reply@dazzle.test>',
    log: () => {},
  })
  expect(mailer.delivers).toBe(true)
  await mailer.send({
    to: 'bob@acme.test',
    subject: 'Join Acme on Dazzle',
    text: 'Accept: http://x/invite/inv_abc',
  })
  expect(received).toHaveLength(1)
  expect(received[0]!.to).toEqual(['bob@acme.test'])
  expect(received[0]!.data).toContain('Subject: Join Acme on Dazzle')
  expect(received[0]!.data).toContain('http://x/invite/inv_abc')
})

it('writes the email to the log when no SMTP server is configured', async () => {
  const lines: string[] = []
  const mailer = createMailer({ smtpUrl: undefined, from: 'x', log: (m) => lines.push(m) })
  await mailer.send({ to: 'a@b.test', subject: 'Reset your Dazzle password', text: 'link' })
  expect(mailer.delivers).toBe(false)
  expect(lines[0]).toMatch(/a@b.test: Reset your Dazzle password/)
})

describe('an email job sent again after a crash', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({
      mailer: createMailer({
        smtpUrl: `smtp://127.0.0.1:${port}`,
        from: 'Dazzle <no-reply@dazzle.test>',
        log: () => {},
      }),
    })
  })
  afterAll(() => t.close())

  const messageIds = (to: string) =>
    received.filter((m) => m.to[0] === to).map((m) => /^Message-ID: (.*)$/im.exec(m.data)?.[1]?.trim())

  it('carries the same Message-ID both times, so receivers can drop the repeat', async () => {
    const a = await t.admin('ada@mail.test', 'Mail Co')
    const ws = a.workspace.id
    const user = await sql<{ id: string }>`select id from auth_user where email = 'ada@mail.test'`.execute(
      t.database.raw,
    )
    // two notifications, each with its email job, as a reminder leaves them
    const jobs: number[] = []
    for (const title of ['At risk: one', 'At risk: two']) {
      const n = await sql<{ id: string }>`
        insert into notification (workspace_id, user_id, kind, title, body)
        values (${ws}, ${user.rows[0]!.id}, 'oops.at_risk', ${title}, 'Three hours left') returning id`.execute(
        t.database.raw,
      )
      const j = await sql<{ id: string }>`
        insert into job (workspace_id, kind, run_at, payload, dedupe_key)
        values (${ws}, ${EMAIL_JOB}, ${t.clock.now()}, ${JSON.stringify({ notificationId: n.rows[0]!.id })},
                ${`email:${n.rows[0]!.id}`}) returning id`.execute(t.database.raw)
      jobs.push(Number(j.rows[0]!.id))
    }
    expect(await t.jobs.runDueJobs()).toMatchObject({ done: 2 })
    // killed after the mail server took the first email, before "done" was written: it runs again
    await sql`update job set status = 'pending', done_at = null, locked_by = null, locked_until = null
              where id = ${jobs[0]!}`.execute(t.database.raw)
    expect(await t.jobs.runDueJobs()).toMatchObject({ done: 1 })

    const ids = messageIds('ada@mail.test')
    expect(ids).toHaveLength(3)
    const first = jobMessageId({ id: jobs[0]!, workspaceId: ws }, BASE_URL)
    expect(first).toMatch(/^<[^<>@\s]+@localhost>$/)
    expect(ids).toEqual([first, jobMessageId({ id: jobs[1]!, workspaceId: ws }, BASE_URL), first])
    expect(ids[1]).not.toBe(first)
  })
})
