import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
let admin: string
let sales: string
let marketing: string
beforeAll(async () => {
  t = await buildTestApp()
  admin = (await t.admin('ada@shop.test', 'Shop')).cookie
  sales = await t.member(admin, 'sid@shop.test', 'sales')
  marketing = await t.member(admin, 'meg@shop.test', 'marketing')
})
afterAll(() => t.close())

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'
const FILE = [
  HEADER,
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2025-12-01 08:26:00,2.55,17850.0,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,2025-12-01 08:26:00,3.39,17850.0,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,2025-12-01 08:26:00,3.39,17850.0,United Kingdom',
  '536366,22633,HAND WARMER UNION JACK,6,2025-12-01 08:28:00,1.85,12583.0,France',
  '536367,POST,POSTAGE,1,2025-12-01 08:34:00,18.00,12583.0,France',
  '536368,22960,JAM MAKING SET WITH JARS,6,2025-12-01 08:34:00,4.25,,United Kingdom',
  'C536379,22633,HAND WARMER UNION JACK,-2,2025-12-02 09:41:00,1.85,12583.0,France',
  '536370,22728,ALARM CLOCK BAKELIKE PINK,24,2026-06-01 08:45:00,3.75,99999.0,Germany',
].join('\n')

const upload = (cookie: string, body: string, query = 'kind=purchases') =>
  t.app.inject({
    method: 'POST',
    url: `/api/imports?${query}`,
    headers: { cookie, ...ORIGIN, 'content-type': 'text/csv' },
    payload: body,
  })
const get = (cookie: string, url: string) => t.app.inject({ url, headers: { cookie } })

describe('importing purchases', () => {
  it('imports a file, counts rows without a customer, and adds nothing the second time', async () => {
    const first = await upload(admin, FILE, 'kind=purchases&fileName=december.csv')
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({
      status: 'imported',
      rows: 8,
      added: 7,
      rowsWithoutCustomer: 1,
      customersAdded: 3,
      errorCount: 0,
      mapping: { InvoiceNo: 'invoiceId', CustomerID: 'customerExternalId' },
    })
    const second = (await upload(admin, FILE)).json()
    expect(second).toMatchObject({ status: 'imported', added: 0, alreadyPresent: 7, customersAdded: 0 })
  })

  it('computes value figures and tiers from the purchases', async () => {
    const list = (await get(sales, '/api/customers')).json()
    expect(list.total).toBe(3)
    const [top, second, third] = list.customers
    // 99999: 24 × 3.75 = 90; 17850: 6×2.55 + 2×6×3.39 = 55.98; 12583: 11.10 + 18 − 3.70 = 25.40
    expect(top).toMatchObject({
      externalId: '99999',
      value: { lifetimeRevenue: 90, tier: 'A', rank: 1, orderCount: 1 },
    })
    expect(second).toMatchObject({
      externalId: '17850',
      value: { lifetimeRevenue: 55.98, tier: 'A', rank: 2 },
    })
    expect(third).toMatchObject({ externalId: '12583', value: { lifetimeRevenue: 25.4, orderCount: 2 } })
    const value = (await get(admin, '/api/value')).json()
    expect(value).toMatchObject({ customers: 3, withPositiveRevenue: 3, tiers: { A: 2, B: 1, C: 0 } })
    expect(value.top10Share).toBe(1)
    expect(value.pareto.at(-1)).toEqual({ customerShare: 1, revenueShare: 1 })
  })

  it('rejects a file with a bad row as a whole, with the row, column and reason, and keeps the data as it was', async () => {
    const before = (await get(admin, '/api/value')).json()
    const bad = [
      HEADER,
      '600001,22633,HAND WARMER,6,2025-12-05 08:28:00,1.85,55555.0,France',
      '600002,22633,HAND WARMER,six,2025-12-05 08:28:00,1.85,55555.0,France',
      '600003,22633,HAND WARMER,6,2099-12-05 08:28:00,1.85,55555.0,France',
    ].join('\n')
    const res = (await upload(admin, bad, 'kind=purchases&fileName=bad.csv')).json()
    expect(res.status).toBe('rejected')
    expect(res.added).toBe(0)
    expect(res.errors).toEqual([
      { row: 3, column: 'Quantity', reason: 'the quantity "six" is not a number' },
      { row: 4, column: 'InvoiceDate', reason: 'the date 2099-12-05 08:28:00 is in the future' },
    ])
    expect((await get(admin, '/api/value')).json().customers).toBe(before.customers)
    const report = await get(admin, `/api/imports/${res.id}/errors.csv`)
    expect(report.headers['content-type']).toMatch(/text\/csv/)
    expect(report.body).toContain('bad.csv,3,Quantity,"the quantity ""six"" is not a number"')

    const partial = (await upload(admin, bad, 'kind=purchases&keepGoodRows=true')).json()
    expect(partial).toMatchObject({ status: 'partial', added: 1, errorCount: 2 })

    // rows are counted as a spreadsheet shows them: a value over two lines is one row, a blank line is a row
    const spread = [
      HEADER,
      '600011,22633,"HAND WARMER\nUNION JACK",6,2025-12-05 08:28:00,1.85,55556.0,France',
      '',
      '600012,22633,HAND WARMER,six,2025-12-05 08:28:00,1.85,55556.0,France',
      '600013,22633,HAND WARMER,6,2099-12-05 08:28:00,1.85,55556.0,France',
    ].join('\n')
    expect((await upload(admin, spread, 'kind=purchases')).json().errors).toEqual([
      { row: 4, column: 'Quantity', reason: 'the quantity "six" is not a number' },
      { row: 5, column: 'InvoiceDate', reason: 'the date 2099-12-05 08:28:00 is in the future' },
    ])
  })

  it('explains files it cannot read at all', async () => {
    const cases: Array<[string, RegExp]> = [
      ['InvoiceNo,StockCode,Quantity\n1,2,3', /no column for the date, the customer id and the line total/],
      ['Everything\n1', /only one column was found \(read as columns separated by commas\)/],
      [
        'InvoiceNo,InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,1,1,2025-01-01,1,1',
        /"InvoiceNo" more than once/,
      ],
    ]
    for (const [body, message] of cases) {
      const res = await upload(admin, body)
      expect(res.statusCode).toBe(422)
      expect(res.json().error.message).toMatch(message)
    }
    const half = (
      await upload(admin, `${HEADER}\n700001,22633,HAND WARMER,6,2025-12-05 08:28:00,1.85,5`)
    ).json()
    expect(half.status).toBe('rejected')
    expect(half.errors[0]).toMatchObject({
      row: 2,
      reason: expect.stringMatching(/has 7 columns where the header has 8/),
    })
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\n700002,22633,CAF`),
      Buffer.from([0xe9]),
      Buffer.from(',6,2025-12-05 08:28:00,1.85,12583.0,France'),
    ])
    const enc = await t.app.inject({
      method: 'POST',
      url: '/api/imports?kind=purchases',
      headers: { cookie: admin, ...ORIGIN, 'content-type': 'text/csv' },
      payload: latin1,
    })
    // not UTF-8: read as Windows-1252, as the old Windows export it is
    expect(enc.json()).toMatchObject({ status: 'imported', added: 1 })
    expect(enc.json().notes[0]).toMatch(/Windows-1252/)
    // a semicolon file is read as one; its short row is reported by row
    const semi = (await upload(admin, `${HEADER.replaceAll(',', ';')}\n1;2;3`)).json()
    expect(semi).toMatchObject({ status: 'rejected', added: 0 })
    expect(semi.errors[0]).toMatchObject({
      row: 2,
      reason: expect.stringMatching(/has 3 columns where the header has 8/),
    })
    const mixed = (
      await upload(admin, `${HEADER},Currency\n700003,22633,X,1,2025-12-05 08:28:00,1.85,12583.0,France,EUR`)
    ).json()
    expect(mixed.errors[0]).toMatchObject({
      column: 'Currency',
      reason: expect.stringMatching(/buys in GBP/),
    })
  })

  it('previews the mapping and the first rows as they will be stored', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports/preview?kind=purchases',
      headers: { cookie: admin, ...ORIGIN, 'content-type': 'text/csv' },
      payload: FILE,
    })
    const p = res.json()
    expect(p.missing).toEqual([])
    expect(p.rows[0].stored).toMatchObject({
      customerExternalId: '17850',
      // as stored: to the cent, the time as London reads it
      amount: '15.30',
      unitPrice: '2.55',
      purchasedAt: '2025-12-01 08:26',
    })
    expect(p.rows[5]).toMatchObject({ stored: null, error: expect.stringMatching(/no customer/) })
  })

  it('answers a JSON body where a CSV file belongs with 422', async () => {
    for (const url of ['/api/imports/preview?kind=purchases', '/api/imports?kind=purchases']) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: admin, ...ORIGIN },
        payload: { a: 1 },
      })
      expect(res.statusCode).toBe(422)
      expect(res.json().error.message).toMatch(/text\/csv/)
    }
  })

  it('lets only admins import', async () => {
    const res = await upload(sales, FILE)
    expect(res.statusCode).toBe(403)
  })
})

describe('importing customers with their people and family', () => {
  const CUSTOMERS = [
    'Customer ID,Company,Segment,Country,Owner,Estimated spend,Contact,Contact title,Spouse,Children',
    '17850.0,Hartley & Finch,Gift shops,United Kingdom,sid@shop.test,"1,000",Eleanor Hartley,Owner,James,Poppy; Theo',
    'NEW-1,Maison Clément,Boutiques,France,,,Claire Dubois,Head buyer,,',
  ].join('\n')

  it('names existing customers, adds new ones with their contact, spouse and children, and adds nothing twice', async () => {
    const first = (await upload(admin, CUSTOMERS, 'kind=customers&fileName=crm.csv')).json()
    expect(first).toMatchObject({
      kind: 'customers',
      status: 'imported',
      rows: 2,
      added: 1,
      alreadyPresent: 1,
    })
    const again = (await upload(admin, CUSTOMERS, 'kind=customers')).json()
    expect(again).toMatchObject({ status: 'imported', added: 0, alreadyPresent: 2 })

    const hartley = (await get(admin, '/api/customers?q=17850')).json().customers[0]
    expect(hartley).toMatchObject({ name: 'Hartley & Finch', segment: 'Gift shops', ownerName: 'sid' })
    expect(hartley.value).toMatchObject({ lifetimeRevenue: 55.98, estimatedCategorySpend: 1000 })
    const detail = (await get(admin, `/api/customers/${hartley.id}`)).json()
    expect(detail.people).toEqual([expect.objectContaining({ name: 'Eleanor Hartley', title: 'Owner' })])
    expect(detail.relations.map((r: { kind: string; name: string }) => `${r.kind} ${r.name}`)).toEqual([
      'spouse James',
      'child Poppy',
      'child Theo',
    ])
  })

  it('refuses an owner who is not a member, and a customer id given twice', async () => {
    const bad = [
      'Customer ID,Company,Owner',
      'X-1,Alpha,nobody@else.test',
      'X-2,Beta,',
      'X-2,Beta again,',
    ].join('\n')
    const res = (await upload(admin, bad, 'kind=customers')).json()
    expect(res.status).toBe('rejected')
    expect(res.errors).toEqual([
      { row: 2, column: 'Owner', reason: 'no member of this workspace has the email nobody@else.test' },
      { row: 4, column: 'Customer ID', reason: 'customer X-2 is already on row 3' },
    ])
    expect((await get(admin, '/api/customers?q=X-2')).json().total).toBe(0)
  })
})

describe('customers', () => {
  it('lets sales add a customer, its people and family, and find it by a misspelt name', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: sales, ...ORIGIN },
      payload: {
        name: 'Bellweather Vineyards',
        kind: 'organisation',
        segment: 'Wine',
        estimatedCategorySpend: 1000,
      },
    })
    expect(created.statusCode).toBe(201)
    const id = created.json().id
    const person = (
      await t.app.inject({
        method: 'POST',
        url: `/api/customers/${id}/people`,
        headers: { cookie: sales, ...ORIGIN },
        payload: { name: 'Helena Marsh', title: 'Owner', email: 'helena@bellweather.test' },
      })
    ).json()
    const spouse = await t.app.inject({
      method: 'POST',
      url: `/api/customers/${id}/relations`,
      headers: { cookie: sales, ...ORIGIN },
      payload: { personId: person.id, kind: 'spouse', name: 'Tom Marsh', birthday: '1975-04-12' },
    })
    expect(spouse.statusCode).toBe(201)
    const detail = (await get(marketing, `/api/customers/${id}`)).json()
    expect(detail).toMatchObject({
      name: 'Bellweather Vineyards',
      people: [{ name: 'Helena Marsh', title: 'Owner' }],
      relations: [{ kind: 'spouse', name: 'Tom Marsh', birthday: '1975-04-12', personId: person.id }],
      value: { lifetimeRevenue: 0, tier: 'C', walletShare: 0 },
    })
    const found = (await get(sales, '/api/customers?q=belweather%20vinyards')).json()
    expect(found.customers.map((c: { name: string }) => c.name)).toContain('Bellweather Vineyards')
    expect((await get(sales, '/api/customers?segment=Wine')).json().total).toBe(1)
    const tiers = (await get(admin, '/api/value')).json().tiers
    expect((await get(sales, '/api/customers?tier=A')).json().total).toBe(tiers.A)
    // every sort the list offers works, in both directions
    for (const sort of ['lifetime', 'trailing12m', 'name', 'lastPurchase', 'orders']) {
      for (const dir of ['asc', 'desc']) {
        const res = await get(sales, `/api/customers?sort=${sort}&dir=${dir}&pageSize=5`)
        expect(res.statusCode, `${sort} ${dir}`).toBe(200)
        expect(res.json().customers.length).toBeGreaterThan(0)
      }
    }
    const t12m = (await get(sales, '/api/customers?sort=trailing12m&dir=desc&pageSize=20')).json().customers
    const figures = t12m.map((c: { value: { trailing12mRevenue: number } }) => c.value.trailing12mRevenue)
    expect(figures).toEqual([...figures].sort((a: number, b: number) => b - a))
  })

  it('refuses marketing changing a customer, and sales the value page', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: marketing, ...ORIGIN },
      payload: { name: 'Nope Ltd' },
    })
    expect(res.statusCode).toBe(403)
    expect((await get(sales, '/api/value')).statusCode).toBe(403)
  })

  it('pages purchases newest first and sums revenue by month', async () => {
    const list = (await get(admin, '/api/customers?q=17850')).json()
    const id = list.customers[0].id
    const page = (await get(admin, `/api/customers/${id}/purchases?pageSize=2`)).json()
    expect(page).toMatchObject({ total: 3, pageSize: 2 })
    expect(page.purchases).toHaveLength(2)
    const months = (await get(admin, `/api/customers/${id}/revenue-by-month`)).json()
    expect(months.months).toEqual([{ month: '2025-12', revenue: 55.98, orders: 1 }])
  })

  it('takes only a member of the workspace as a customer’s owner, on add and on change', async () => {
    const send = (method: 'POST' | 'PATCH', url: string, payload: object) =>
      t.app.inject({ method, url, headers: { cookie: admin, ...ORIGIN }, payload })
    const members = (await get(admin, '/api/workspace/members')).json().members as Array<{
      userId: string
      email: string
    }>
    const sid = members.find((m) => m.email === 'sid@shop.test')!.userId
    const outsider = await t.admin('oz@elsewhere.test', 'Elsewhere')
    const oz = (await get(outsider.cookie, '/api/me')).json().user.id as string
    const count = async () => (await get(admin, '/api/customers?pageSize=200')).json().total as number
    const before = await count()

    for (const ownerUserId of [oz, 'no-such-user']) {
      const res = await send('POST', '/api/customers', { name: 'Owned Elsewhere Ltd', ownerUserId })
      expect(res.statusCode, res.body).toBe(404)
      expect(res.json().error).toMatchObject({
        code: 'member_not_found',
        message: 'The owner must be a member of this workspace.',
        details: { field: 'ownerUserId' },
      })
    }
    expect(await count()).toBe(before)

    const ok = await send('POST', '/api/customers', { name: 'Owned Here Ltd', ownerUserId: sid })
    expect(ok.statusCode).toBe(201)
    expect(ok.json()).toMatchObject({ ownerUserId: sid, ownerName: 'sid' })
    for (const ownerUserId of [oz, 'no-such-user']) {
      const res = await send('PATCH', `/api/customers/${ok.json().id}`, { ownerUserId })
      expect(res.statusCode, res.body).toBe(404)
      expect(res.json().error.code).toBe('member_not_found')
    }
    const after = (await get(admin, `/api/customers/${ok.json().id}`)).json()
    expect(after).toMatchObject({ ownerUserId: sid, ownerName: 'sid' })
    // sending back the owner it has, or none, is fine
    expect((await send('PATCH', `/api/customers/${ok.json().id}`, { ownerUserId: sid })).statusCode).toBe(200)
    expect(
      (await send('PATCH', `/api/customers/${ok.json().id}`, { ownerUserId: null })).json().ownerUserId,
    ).toBe(null)
    const names = (await get(admin, '/api/customers?pageSize=200'))
      .json()
      .customers.map((c: { ownerName: string }) => c.ownerName)
    expect(names).not.toContain('oz')
  })

  it('answers an unknown customer with 404', async () => {
    const res = await get(admin, '/api/customers/00000000-0000-0000-0000-000000000000')
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('customer_not_found')
  })
})
