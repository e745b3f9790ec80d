import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
let admin: string
let leader: string
let sales: string
let workspaceId: string
beforeAll(async () => {
  t = await buildTestApp()
  const a = await t.admin('ada@growth.test', 'Growth Co')
  admin = a.cookie
  workspaceId = a.workspace.id
  leader = await t.member(admin, 'lee@growth.test', 'leader')
  sales = await t.member(admin, 'sam@growth.test', 'sales')
})
afterAll(() => t.close())

const call = (method: string, url: string, cookie: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })

const DAY = 86_400_000
const at = (daysAgo: number) =>
  new Date(t.clock.now().getTime() - daysAgo * DAY).toISOString().slice(0, 19).replace('T', ' ')
/** one order of `amount` on each day ago given */
const orders = (customer: string, country: string, amount: number, days: number[]) =>
  days.map((d, i) => `${customer}-${i},SKU,GOODS,1,${at(d)},${amount},${customer},${country}`)
const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step)

const auditCount = async () =>
  (
    await sql<{ n: number }>`select count(*)::int as n from audit_event
      where workspace_id = ${workspaceId} and action = 'growth_goal.set'`.execute(t.database.raw)
  ).rows[0]!.n
const goalCount = async () =>
  (
    await sql<{
      n: number
    }>`select count(*)::int as n from growth_goal where workspace_id = ${workspaceId}`.execute(t.database.raw)
  ).rows[0]!.n

describe('HOW BIG, then WHO TO SERVE', () => {
  beforeAll(async () => {
    const csv = [
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
      // 101: monthly, £1,000 an order, 12 orders in the last year
      ...orders('101', 'United Kingdom', 1000, range(10, 340, 30)),
      // 102: monthly until 100 days ago, then quiet: over twice its gap, at risk
      ...orders('102', 'United Kingdom', 500, range(100, 340, 30)),
      // 103: every 20 days, £1,500
      ...orders('103', 'France', 1500, range(5, 345, 20)),
      // 104: one order, no cadence of its own
      ...orders('104', 'Germany', 2000, [50]),
    ].join('\n')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports?kind=purchases',
      headers: { cookie: admin, ...ORIGIN, 'content-type': 'text/csv' },
      payload: csv,
    })
    expect(res.json()).toMatchObject({ status: 'imported', customersAdded: 4 })
    const list = (await call('GET', '/api/customers?pageSize=10', admin)).json().customers as {
      id: string
      externalId: string
    }[]
    const idOf = (ext: string) => list.find((c) => c.externalId === ext)!.id
    const patch = (ext: string, body: object) => call('PATCH', `/api/customers/${idOf(ext)}`, admin, body)
    await patch('101', { segment: 'Wholesale', estimatedCategorySpend: 20_000 })
    await patch('102', { segment: 'Wholesale' })
    await patch('103', { segment: 'Export', estimatedCategorySpend: 60_000 })
    await patch('104', { segment: 'Export' })
  })

  it('shows no goal yet, and the last 12 months’ revenue to grow from', async () => {
    const res = await call('GET', '/api/growth/goal', leader)
    expect(res.statusCode).toBe(200)
    // 12 × 1,000 + 9 × 500 + 18 × 1,500 + 2,000
    expect(res.json()).toEqual({ goal: null, history: [], trailing12m: 45_500, currency: 'GBP' })
  })

  it('refuses a goal of −100 % or 10,000 %, odd months, a missing figure or a salesperson, and stores nothing', async () => {
    const bad: [unknown, RegExp][] = [
      [{ kind: 'percent', percent: -100, months: 12 }, /between -50 % and \+500 %/],
      [{ kind: 'percent', percent: 10_000, months: 12 }, /between -50 % and \+500 %/],
      [{ kind: 'percent', percent: 25, months: 0 }, /between 1 and 60 months/],
      [{ kind: 'percent', percent: 25, months: 61 }, /between 1 and 60 months/],
      [{ kind: 'percent', percent: 25, months: 2.5 }, /whole months/],
      [{ kind: 'percent', months: 12 }, /how many percent/],
      [{ kind: 'amount', amount: 1_000_000, months: 12 }, /more than \+500 %/],
      [{ kind: 'percent', percent: 25, months: 12, baseline: -5 }, /baseline is a yearly revenue above 0/],
    ]
    for (const [body, message] of bad) {
      const res = await call('PUT', '/api/growth/goal', leader, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(422)
      expect(JSON.stringify(res.json().error), JSON.stringify(body)).toMatch(message)
    }
    const refused = await call('PUT', '/api/growth/goal', sales, { kind: 'percent', percent: 25, months: 12 })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.message).toMatch(/setting the growth goal/)
    expect((await call('GET', '/api/growth/goal', sales)).statusCode).toBe(403)
    expect(await goalCount()).toBe(0)
    expect(await auditCount()).toBe(0)
  })

  it('answers nothing before a goal is set', async () => {
    const res = await call('GET', '/api/growth/answer?group=segment:Wholesale', leader)
    expect(res.statusCode).toBe(404)
    expect(res.json().error).toMatchObject({
      code: 'growth_goal_not_found',
      message: /Set a growth goal first/,
    })
  })

  it('keeps one active goal with the revenue it needs, the one it replaced in the history, and audits each', async () => {
    const first = await call('PUT', '/api/growth/goal', leader, { kind: 'percent', percent: 10, months: 6 })
    expect(first.statusCode).toBe(200)
    t.clock.advance(60_000)
    const res = await call('PUT', '/api/growth/goal', leader, { kind: 'percent', percent: 25, months: 12 })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      kind: 'percent',
      percent: 25,
      months: 12,
      baselineKind: 'trailing12m',
      baseline: 45_500,
      targetRevenue: 56_875,
      needed: 11_375,
      currency: 'GBP',
      setByName: expect.any(String),
      replacedAt: null,
    })
    const deadline = new Date(res.json().deadline)
    const setAt = new Date(res.json().setAt)
    expect(
      deadline.getUTCFullYear() * 12 +
        deadline.getUTCMonth() -
        (setAt.getUTCFullYear() * 12 + setAt.getUTCMonth()),
    ).toBe(12)
    const view = (await call('GET', '/api/growth/goal', leader)).json()
    expect(view.goal).toMatchObject({ id: res.json().id, percent: 25 })
    expect(view.history).toHaveLength(1)
    expect(view.history[0]).toMatchObject({ id: first.json().id, percent: 10, replacedAt: res.json().setAt })
    expect(await goalCount()).toBe(2)
    expect(await auditCount()).toBe(2)
    // a refused goal leaves the active one as it was
    expect(
      (await call('PUT', '/api/growth/goal', leader, { kind: 'percent', percent: -100, months: 12 }))
        .statusCode,
    ).toBe(422)
    expect((await call('GET', '/api/growth/goal', admin)).json().goal.id).toBe(res.json().id)
  })

  it('lists the groups to choose from: segments, tiers, countries and owners', async () => {
    const res = await call('GET', '/api/growth/groups', leader)
    expect(res.statusCode).toBe(200)
    const groups = res.json().groups as { key: string; label: string; customers: number }[]
    expect(groups.map((g) => `${g.label}: ${g.customers}`)).toEqual(
      expect.arrayContaining([
        'Segment Wholesale: 2',
        'Segment Export: 2',
        'Country France: 1',
        'Tier A: 2',
        'No owner: 4',
      ]),
    )
  })

  it('says the segment falls short, by how much, and which other group could close it', async () => {
    const res = await call(
      'GET',
      `/api/growth/answer?group=${encodeURIComponent('segment:Wholesale')}`,
      leader,
    )
    expect(res.statusCode).toBe(200)
    const a = res.json()
    // 101: wallet headroom 20,000 − 12,000; 102 quiet 100 days against a 30-day gap: 4,500 at risk
    expect(a.potential).toMatchObject({
      customers: 2,
      walletHeadroom: 8000,
      peerHeadroom: 0,
      atRisk: 4500,
      atRiskCustomers: 1,
      potential: 3500,
    })
    expect(a).toMatchObject({ needed: 11_375, canDeliver: false, margin: -7875, closersClose: true })
    expect(a.closers.map((g: { label: string }) => g.label)).toEqual(['Segment Export'])
    expect(a.verdict).toBe('This group falls short by £7,875; Segment Export could close it.')
    expect(a.others[0]).toMatchObject({ label: 'Segment Export', potential: { potential: 33_000 } })
  })

  it('says a group with enough potential can deliver, with what it has to spare', async () => {
    const a = (await call('GET', '/api/growth/answer?group=segment:Export', leader)).json()
    expect(a).toMatchObject({ canDeliver: true, margin: 21_625, closers: [] })
    expect(a.verdict).toBe('This group can deliver the goal with £21,625 to spare.')
  })

  it('refuses a group with no customers, an unknown kind of group or none, and a salesperson', async () => {
    const empty = await call('GET', '/api/growth/answer?group=segment:Hotels', leader)
    expect(empty.statusCode).toBe(422)
    expect(empty.json().error).toMatchObject({
      code: 'growth_group_empty',
      message: /No customers are in that group/,
    })
    const odd = await call('GET', '/api/growth/answer?group=colour:red', leader)
    expect(odd.statusCode).toBe(422)
    expect(odd.json().error.message).toMatch(/segment:…, tier:…/)
    expect((await call('GET', '/api/growth/answer', leader)).statusCode).toBe(422)
    expect((await call('GET', '/api/growth/answer?group=segment:Export', sales)).statusCode).toBe(403)
  })

  it('documents the goal and the answer in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/growth/goal', '/api/growth/answer', '/api/growth/groups']),
    )
    expect(Object.keys(doc.paths['/api/growth/goal'])).toEqual(expect.arrayContaining(['get', 'put']))
  })
})
