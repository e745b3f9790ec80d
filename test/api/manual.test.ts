import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const call = (method: string, url: string, cookie: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })

const PURCHASES = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '1001,OAK1,OAK READING CHAIR,2,2026-01-10 10:00:00,180.00,W-1,United Kingdom',
  '1001,LMP1,WALNUT DESK LAMP,3,2026-01-10 10:00:00,20.00,W-1,United Kingdom',
  '1002,OAK1,OAK READING CHAIR,1,2026-02-10 10:00:00,180.00,W-1,United Kingdom',
  '1003,POST,POSTAGE,1,2026-02-10 10:00:00,18.00,W-1,United Kingdom',
].join('\n')

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)> [click](javascript:alert(1))'

/** a workspace with a customer (bought from an import), a key person, a spouse, an engagement and secrets */
const setup = async (tag: string) => {
  const { cookie: admin } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const sales = await t.member(admin, `sam@${tag}.test`, 'sales')
  const marketing = await t.member(admin, `mo@${tag}.test`, 'marketing')
  const imp = await t.app.inject({
    method: 'POST',
    url: '/api/imports?kind=purchases',
    headers: { cookie: admin, ...ORIGIN, 'content-type': 'text/csv' },
    payload: PURCHASES,
  })
  expect(imp.statusCode).toBe(200)
  const customer = (await call('GET', '/api/customers?q=W-1', admin)).json().customers[0]
  await call('PATCH', `/api/customers/${customer.id}`, admin, { name: 'Harbour Wines' })
  const person = (
    await call('POST', `/api/customers/${customer.id}/people`, admin, { name: 'Grace Lee', title: 'Buyer' })
  ).json()
  await call('POST', `/api/customers/${customer.id}/relations`, admin, {
    personId: person.id,
    kind: 'child',
    name: 'Emma',
    birthday: '2015-04-02',
  })
  const engagement = (
    await call('POST', `/api/customers/${customer.id}/engagements`, sales, {
      channel: 'visit',
      summary: 'Tasting at the shop',
      personIds: [person.id],
    })
  ).json()
  const url = `/api/customers/${customer.id}/secrets`
  const burgundy = (
    await call('POST', url, sales, {
      personId: person.id,
      category: 'lifestyle_choice',
      text: 'Only drinks red Burgundy, never white.',
      engagementId: engagement.id,
    })
  ).json()
  await call('POST', url, sales, {
    personId: person.id,
    category: 'lifestyle_choice',
    text: 'Now drinks Pinot Noir from anywhere',
    supersedes: burgundy.id,
  })
  await call('POST', url, admin, { category: 'cash_flow_margin', text: 'Margins squeezed by freight costs' })
  await call('POST', url, admin, { personId: person.id, category: 'dream', text: XSS })
  return { admin, sales, marketing, customer, person }
}

const audit = async (cookie: string) =>
  (await call('GET', '/api/workspace/audit?limit=100', cookie)).json().events as {
    action: string
    targetId: string
    actorLabel: string
    details: Record<string, unknown>
  }[]

describe('the secrets manual', () => {
  it('gathers every active secret by category, family and key people, coverage, purchases, engagements and gatherers', async () => {
    const s = await setup('manual')
    const res = await call('GET', `/api/customers/${s.customer.id}/manual`, s.marketing)
    expect(res.statusCode).toBe(200)
    const m = res.json()
    expect(m.customer).toMatchObject({ name: 'Harbour Wines', kind: 'organisation', currency: 'GBP' })
    expect(m.activeCount).toBe(3)
    expect(m.categories.map((c: any) => c.category)).toEqual([
      'dream',
      'lifestyle_choice',
      'cash_flow_margin',
    ])
    const lifestyle = m.categories.find((c: any) => c.category === 'lifestyle_choice')
    // the superseded secret is history, not in the manual
    expect(lifestyle.secrets.map((x: any) => x.text)).toEqual(['Now drinks Pinot Noir from anywhere'])
    expect(lifestyle.secrets[0]).toMatchObject({ personName: 'Grace Lee', certainty: 'heard', stale: false })
    expect(m.coverage.find((c: any) => c.category === 'fear').state).toBe('empty')
    expect(m.coverage.find((c: any) => c.category === 'dream').state).toBe('known')
    expect(m.people).toEqual([expect.objectContaining({ name: 'Grace Lee', title: 'Buyer', secretCount: 2 })])
    expect(m.family).toEqual([expect.objectContaining({ name: 'Emma', kind: 'child', of: 'Grace Lee' })])
    expect(m.purchases).toMatchObject({ lifetimeRevenue: 618, orderCount: 3 })
    expect(m.purchases.topProducts.map((p: any) => [p.product, p.quantity, p.revenue, p.orders])).toEqual([
      ['OAK READING CHAIR', 3, 540, 2],
      ['WALNUT DESK LAMP', 3, 60, 1],
    ])
    expect(m.engagements).toEqual([
      expect.objectContaining({
        channel: 'visit',
        summary: 'Tasting at the shop',
        people: ['Grace Lee'],
        colleagues: ['sam'],
        secretCount: 1,
      }),
    ])
    expect(m.gatherers.map((g: any) => [g.name, g.recorded, g.active])).toEqual([
      ['ada', 2, 2],
      ['sam', 2, 1],
    ])
  })

  it('audits every read and export with counts, never the secret text', async () => {
    const s = await setup('audited')
    const id = s.customer.id
    expect((await call('GET', `/api/customers/${id}/manual`, s.marketing)).statusCode).toBe(200)
    expect((await call('GET', `/api/customers/${id}/manual.md`, s.sales)).statusCode).toBe(200)
    expect((await call('GET', `/api/customers/${id}/manual.pdf`, s.sales)).statusCode).toBe(200)
    const events = await audit(s.admin)
    const read = events.find((e) => e.action === 'secrets.read_manual' && e.details.view === 'manual')
    expect(read).toMatchObject({ actorLabel: 'mo@audited.test', targetId: id })
    const exports = events.filter((e) => e.action === 'secrets.exported')
    expect(exports.map((e) => [e.actorLabel, e.details.format, e.targetId])).toEqual([
      ['sam@audited.test', 'pdf', id],
      ['sam@audited.test', 'markdown', id],
    ])
    const text = JSON.stringify(events)
    for (const word of ['Pinot', 'Burgundy', 'freight', 'script']) expect(text).not.toContain(word)
  })

  it('downloads the manual as Markdown with the recorded HTML made inert', async () => {
    const s = await setup('markdown')
    const res = await call('GET', `/api/customers/${s.customer.id}/manual.md`, s.marketing)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="secrets-manual-harbour-wines\.md"/,
    )
    const md = res.body
    expect(md).toMatch(/^# Secrets manual: Harbour Wines/)
    expect(md).toContain('### Lifestyle choice')
    expect(md).toContain('Now drinks Pinot Noir from anywhere')
    expect(md).toContain('**Emma** — Child of Grace Lee')
    expect(md).toContain('OAK READING CHAIR')
    expect(md).not.toContain('<script')
    expect(md).not.toContain('<img')
    expect(md).not.toContain('](javascript')
    expect(md).toContain('&lt;script&gt;')
  })

  it('exports a real PDF', async () => {
    const s = await setup('pdf')
    const res = await call('GET', `/api/customers/${s.customer.id}/manual.pdf`, s.marketing)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="secrets-manual-harbour-wines\.pdf"/,
    )
    const pdf = res.rawPayload
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF')
    expect(pdf.length).toBeGreaterThan(2000)
    // one page at least, and its title in the document information
    expect(pdf.toString('latin1')).toMatch(/\/Type \/Page\b/)
  })

  it('answers an unknown customer, or one of another workspace, with 404 and audits nothing', async () => {
    const s = await setup('isolated')
    const other = await setup('elsewhere')
    for (const suffix of ['manual', 'manual.md', 'manual.pdf']) {
      const res = await call('GET', `/api/customers/${other.customer.id}/${suffix}`, s.admin)
      expect(res.statusCode).toBe(404)
      expect(res.json().error.code).toBe('customer_not_found')
      const missing = await call(
        'GET',
        `/api/customers/00000000-0000-0000-0000-000000000000/${suffix}`,
        s.admin,
      )
      expect(missing.statusCode).toBe(404)
    }
    expect((await audit(s.admin)).some((e) => e.action === 'secrets.exported')).toBe(false)
    expect((await audit(other.admin)).some((e) => e.action === 'secrets.exported')).toBe(false)
  })

  it('needs a signed-in member', async () => {
    const s = await setup('anon')
    const res = await t.app.inject({ method: 'GET', url: `/api/customers/${s.customer.id}/manual` })
    expect(res.statusCode).toBe(401)
  })
})

describe('consent to special categories', () => {
  it('reads back the consent recorded and the workspace setting', async () => {
    const s = await setup('consent')
    const url = `/api/customers/${s.customer.id}/consent`
    expect((await call('GET', url, s.marketing)).json()).toEqual({
      consentAt: null,
      note: null,
      sensitiveCategories: false,
    })
    expect((await call('PUT', url, s.sales, { consented: true, note: 'Signed form' })).statusCode).toBe(200)
    await call('PATCH', '/api/secrets/settings', s.admin, { sensitiveCategories: true })
    const after = (await call('GET', url, s.marketing)).json()
    expect(after).toMatchObject({ note: 'Signed form', sensitiveCategories: true })
    expect(typeof after.consentAt).toBe('string')
    expect(
      (await call('GET', '/api/customers/00000000-0000-0000-0000-000000000000/consent', s.admin)).statusCode,
    ).toBe(404)
  })
})
