import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/domain/clock.ts'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

// Diversify (issue 13, part 3): concentration by quarter, and the low-share targets.
const NOW = new Date('2026-11-20T12:00:00Z')
let t: TestApp
let admin: string
let leader: string
let sales: string
beforeAll(async () => {
  t = await buildTestApp({ clock: fixedClock(NOW) })
  const a = await t.admin('ada@diversify.test', 'Diversify Co')
  admin = a.cookie
  leader = await t.member(admin, 'lee@diversify.test', 'leader')
  sales = await t.member(admin, 'sam@diversify.test', 'sales')
  const row = (invoice: string, date: string, qty: number, price: number, customer: string) =>
    `${invoice},SKU,GOODS,${qty},${date} 10:00:00,${price},${customer},United Kingdom`
  const csv = [
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
    // 2024: R bought a lot, long before the 8 quarters (2025-Q1 … 2026-Q4)
    row('1', '2024-06-10', 1, 1900, 'R'),
    // 2026-Q3: A 500, B 500 → HHI 2 × 50² = 5,000
    row('2', '2026-07-15', 1, 500, 'A'),
    row('3', '2026-08-15', 1, 500, 'B'),
    // 2026-Q4: A 400 + 200, B 300, C 100 → 60/30/10 %, HHI 4,600; R's returns (50 − 150) are left out
    row('4', '2026-10-05', 1, 400, 'A'),
    row('5', '2026-11-01', 2, 100, 'A'),
    row('6', '2026-10-20', 3, 100, 'B'),
    row('7', '2026-11-10', 1, 100, 'C'),
    row('8', '2026-10-02', 1, 50, 'R'),
    row('C9', '2026-10-09', -1, 150, 'R'),
  ].join('\n')
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports?kind=purchases',
    headers: { cookie: admin, ...ORIGIN, 'content-type': 'text/csv' },
    payload: csv,
  })
  expect(res.json()).toMatchObject({ status: 'imported', customersAdded: 4 })
})
afterAll(() => t.close())

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } })

describe('too much from too few: concentration by quarter', () => {
  it('gives the top-10 share and the HHI of each of the last 8 quarters, by hand', async () => {
    const res = await get('/api/growth/concentration', leader)
    expect(res.statusCode).toBe(200)
    const q = res.json().quarters as { label: string; hhi: number; top10Share: number }[]
    expect(q.map((x) => x.label)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ])
    expect(q[7]).toMatchObject({ revenue: 1000, customers: 3, top10Share: 1, hhi: 4600, level: 'high' })
    expect(q[6]).toMatchObject({ revenue: 1000, customers: 2, hhi: 5000, level: 'high' })
    expect(q[0]).toMatchObject({ revenue: 0, customers: 0, hhi: 0, level: 'unconcentrated' })
    expect(res.json().currency).toBe('GBP')
  })

  it('is for leaders and admins, and in the OpenAPI document', async () => {
    expect((await get('/api/growth/concentration', sales)).statusCode).toBe(403)
    expect((await get('/api/growth/concentration', admin)).statusCode).toBe(200)
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    expect(doc.paths['/api/growth/concentration']?.get).toBeDefined()
  })
})

describe('grow here: the low-share targets', () => {
  it('never lists a customer whose last 12 months are negative, and orders the rest by headroom', async () => {
    const list = (await get('/api/customers?pageSize=10', admin)).json().customers as {
      id: string
      externalId: string
    }[]
    const idOf = (ext: string) => list.find((c) => c.externalId === ext)!.id
    const patch = (ext: string, estimatedCategorySpend: number) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/customers/${idOf(ext)}`,
        headers: { cookie: admin, ...ORIGIN },
        payload: { estimatedCategorySpend },
      })
    // R: tier A on its 2024 purchase, −£100 in the last 12 months, a big estimate: no target
    for (const [ext, est] of [
      ['R', 50_000],
      ['A', 5000],
      ['B', 20_000],
      ['C', 150],
    ] as const)
      expect((await patch(ext, est)).statusCode).toBe(200)
    const value = (await get('/api/value', leader)).json()
    const r = value.growHere.find((c: { externalId?: string; id: string }) => c.id === idOf('R'))
    expect(r).toBeUndefined()
    // B: 800 of 20,000 (headroom 19,200) before A: 1,100 of 5,000 (3,900); C is not below half (or tier C)
    expect(value.growHere.map((c: { id: string }) => c.id)).toEqual([idOf('B'), idOf('A')])
  })
})
