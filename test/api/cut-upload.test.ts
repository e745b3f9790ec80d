import { spawn } from 'node:child_process'
import net from 'node:net'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BASE_URL, buildTestApp, type TestApp } from '../support/test-app.ts'

const onPostgres = process.env.DAZZLE_TEST_DB === 'postgres'

let t: TestApp
let port = 0
let admin: { cookie: string }
beforeAll(async () => {
  t = await buildTestApp()
  admin = await t.admin('cut@acme.test', 'Cut Ltd')
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  port = (t.app.server.address() as net.AddressInfo).port
})
afterAll(() => t.close())

const HEADER = 'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n'
const someLines = (n: number, from = 0) =>
  Array.from(
    { length: n },
    (_, i) => `${from + i},1,2026-01-05 10:00:00,2.50,${7000 + ((from + i) % 50)}\n`,
  ).join('')

/** The raw start of an upload that promises more bytes than it will send. */
const requestHead = (bodyBytes: number) =>
  [
    'POST /api/imports?kind=purchases HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `Cookie: ${admin.cookie}`,
    `Origin: ${BASE_URL}`,
    'Content-Type: text/csv',
    `Content-Length: ${bodyBytes}`,
    '',
    '',
  ].join('\r\n')

const purchases = async () =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from purchase`.execute(t.database.raw)).rows[0]!.n,
  )

const healthWithinASecond = async () => {
  const started = Date.now()
  const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5_000) })
  expect(res.status).toBe(200)
  expect(Date.now() - started).toBeLessThan(1_000)
}

const idleInTransaction = async () =>
  (
    await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and state like 'idle in transaction%'`.execute(t.database.raw)
  ).rows[0]!.n

const settle = () => new Promise((r) => setTimeout(r, 300))

describe('an import upload that is cut off', () => {
  it('stores nothing and keeps the server answering when the socket is destroyed mid-body', async () => {
    const body = HEADER + someLines(2_000)
    const socket = net.connect(port, '127.0.0.1')
    await new Promise((r) => socket.once('connect', r))
    socket.write(requestHead(body.length * 10))
    socket.write(body)
    await settle()
    socket.destroy()
    await settle()
    await healthWithinASecond()
    expect(await purchases()).toBe(0)
    if (onPostgres) expect(await idleInTransaction()).toBe(0)
  })

  it('keeps every other request answering while an upload is stalled, before it is complete', async () => {
    const socket = net.connect(port, '127.0.0.1')
    await new Promise((r) => socket.once('connect', r))
    socket.write(requestHead(1_000_000))
    socket.write(HEADER + someLines(100))
    await settle()
    // the client is still there but sends nothing more: nothing may wait for it
    await healthWithinASecond()
    const list = await t.app.inject({ url: '/api/customers', headers: { cookie: admin.cookie } })
    expect(list.statusCode).toBe(200)
    if (onPostgres) expect(await idleInTransaction()).toBe(0)
    socket.destroy()
    await settle()
    expect(await purchases()).toBe(0)
  })

  it('stores nothing when the uploading process is killed mid-request', async () => {
    const body = HEADER + someLines(5_000)
    // a separate process, killed without a chance to close anything itself
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const [head, body] = JSON.parse(require('node:fs').readFileSync(0, 'utf8'))
         const s = require('node:net').connect(${port}, '127.0.0.1', () => {
           s.write(head)
           s.write(body, () => process.stdout.write('sent\\n'))
         }); setInterval(() => {}, 1000)`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    )
    child.stdin.end(JSON.stringify([requestHead(body.length * 4), body]))
    await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()))
    await settle()
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    await settle()
    await healthWithinASecond()
    expect(await purchases()).toBe(0)
    if (onPostgres) expect(await idleInTransaction()).toBe(0)
  })

  it('still imports a whole upload sent over a real socket', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/imports?kind=purchases`, {
      method: 'POST',
      headers: { cookie: admin.cookie, origin: BASE_URL, 'content-type': 'text/csv' },
      body: HEADER + someLines(300),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'imported', added: 300, customersAdded: 50 })
    expect(await purchases()).toBe(300)
  })
})
