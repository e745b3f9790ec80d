import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMailer } from '../../src/server/mailer.ts'

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
