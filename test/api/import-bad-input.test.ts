import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
beforeAll(async () => {
  t = await buildTestApp()
  cookie = (await t.admin('bytes@acme.test', 'Bytes Ltd')).cookie
})
afterAll(() => t.close())

const upload = (kind: string, body: string | Buffer, preview = false) =>
  t.app.inject({
    method: 'POST',
    url: `/api/imports${preview ? '/preview' : ''}?kind=${kind}`,
    headers: { cookie, ...ORIGIN, 'content-type': 'text/csv' },
    payload: body,
  })

const counts = async () =>
  (
    await sql<{ c: number; p: number; s: number; o: number }>`select
      (select count(*)::int from customer) as c, (select count(*)::int from purchase) as p,
      (select count(*)::int from secret) as s, (select count(*)::int from oops) as o`.execute(t.database.raw)
  ).rows[0]

describe('an import of bytes that are not a CSV file', () => {
  it('answers every kind with a 4xx or a refused report, never a 500, and stores nothing', async () => {
    const before = await counts()
    for (const seed of [1, 2, 3, 4, 5]) {
      const junk = randomBytes(3_000 + seed)
      for (const kind of ['purchases', 'customers', 'secrets', 'oops']) {
        for (const preview of [false, true]) {
          const res = await upload(kind, junk, preview)
          expect(res.statusCode, `${kind}${preview ? ' preview' : ''}: ${res.body}`).toBeLessThan(500)
          if (res.statusCode >= 400) expect(res.json().error.message).toBeTruthy()
          else if (!preview) expect(['rejected', 'dry_run']).toContain(res.json().status)
        }
      }
    }
    expect(await counts()).toEqual(before)
  })

  it('refuses a customer name longer than a name can be, with its row', async () => {
    const name = 'x'.repeat(12_000)
    const res = await upload('customers', `Customer ID,Company\n42,${name}\n`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'rejected', errors: [{ row: 2 }] })
    expect(await counts()).toMatchObject({ c: 0 })
  })

  it('refuses a NUL byte inside a cell with its row instead of failing the database', async () => {
    for (const [kind, body] of [
      ['customers', 'Customer ID,Company\n42,Al\u0000pha\n'],
      [
        'purchases',
        'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID,Description\n1,2,2026-01-05 10:00:00,5.00,42,Mu\u0000g\n',
      ],
    ] as const) {
      const res = await upload(kind, body)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({ status: 'rejected', errors: [{ row: 2 }] })
    }
    expect(await counts()).toMatchObject({ c: 0, p: 0 })
  })
})
