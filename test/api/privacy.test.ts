import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '../../src/db/audit.store.ts'
import { privacyStore } from '../../src/db/privacy.store.ts'
import { inWorkspace } from '../../src/db/workspace-scope.ts'
import { eraseCustomer } from '../../src/domain/customers/erase-customer.ts'
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

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'
const PURCHASES = [
  HEADER,
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2025-12-01 08:26:00,2.55,17850.0,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,2025-12-01 08:26:00,3.39,17850.0,United Kingdom',
  '536366,22633,HAND WARMER UNION JACK,6,2025-12-02 08:28:00,1.85,17850.0,United Kingdom',
  'C536367,22633,HAND WARMER UNION JACK,-2,2025-12-03 09:41:00,1.85,17850.0,United Kingdom',
  '536368,22633,HAND WARMER UNION JACK,6,2025-12-01 08:28:00,1.85,12583.0,France',
  '536369,POST,POSTAGE,1,2025-12-01 08:34:00,18.00,12583.0,France',
  '536370,22728,ALARM CLOCK BAKELIKE PINK,24,2025-12-01 08:45:00,3.75,99999.0,Germany',
].join('\n')

const SECRET_TEXT = 'Only drinks red Burgundy, never white.'

/** a workspace with purchases for three customers, and one of them known well: people, family, secrets, engagements, consent */
const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const sales = await t.member(admin, `sam@${tag}.test`, 'sales')
  const leader = await t.member(admin, `lee@${tag}.test`, 'leader')
  const imported = await t.app.inject({
    method: 'POST',
    url: '/api/imports?kind=purchases&fileName=year.csv',
    headers: { cookie: admin, ...ORIGIN, 'content-type': 'text/csv' },
    payload: PURCHASES,
  })
  expect(imported.json()).toMatchObject({ status: 'imported', added: 7 })
  const list = (await call('GET', '/api/customers?q=17850', admin)).json()
  const id = list.customers[0].id as string
  const patched = await call('PATCH', `/api/customers/${id}`, admin, {
    name: 'Hartley & Finch Gifts',
    notes: 'Eleanor prefers calls after 4 pm.',
    country: 'United Kingdom',
    estimatedCategorySpend: 500,
  })
  expect(patched.statusCode).toBe(200)
  const person = (
    await call('POST', `/api/customers/${id}/people`, admin, {
      name: 'Eleanor Hartley',
      title: 'Owner',
      email: 'eleanor@hartley.example',
    })
  ).json()
  expect(
    (
      await call('POST', `/api/customers/${id}/relations`, admin, {
        personId: person.id,
        kind: 'spouse',
        name: 'James',
      })
    ).statusCode,
  ).toBe(201)
  const engagement = (
    await call('POST', `/api/customers/${id}/engagements`, sales, {
      channel: 'visit',
      summary: 'Spring range walk-through',
      notes: 'Met Eleanor at the shop.',
      personIds: [person.id],
    })
  ).json()
  const old = (
    await call('POST', `/api/customers/${id}/secrets`, sales, {
      personId: person.id,
      category: 'recreation_preference',
      text: 'Plays golf on Saturdays',
      engagementId: engagement.id,
    })
  ).json()
  const neu = await call('POST', `/api/customers/${id}/secrets`, sales, {
    personId: person.id,
    category: 'recreation_preference',
    text: 'Gave up golf; sails every weekend now',
    supersedes: old.id,
  })
  expect(neu.statusCode).toBe(201)
  expect(
    (
      await call('POST', `/api/customers/${id}/secrets`, sales, {
        personId: person.id,
        category: 'lifestyle_choice',
        text: SECRET_TEXT,
      })
    ).statusCode,
  ).toBe(201)
  expect(
    (await call('PUT', `/api/customers/${id}/consent`, sales, { consented: true, note: 'Signed form' }))
      .statusCode,
  ).toBe(200)
  return { admin, sales, leader, workspace, id, person }
}

const valueFigures = async (cookie: string) => {
  const { computedAt: _c, growHere: _g, ...v } = (await call('GET', '/api/value', cookie)).json()
  return v
}

describe('exporting everything held about a customer', () => {
  it('answers admins with a JSON file of the record, people, family, every secret, engagements, purchases, consent and audit events', async () => {
    const s = await setup('export')
    const res = await call('GET', `/api/customers/${s.id}/export`, s.admin)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/application\/json/)
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="customer-hartley-finch-gifts-\d{4}-\d{2}-\d{2}\.json"$/,
    )
    const x = res.json()
    expect(x).toMatchObject({
      format: 'dazzle.customer-export/1',
      exportedBy: 'ada@export.test',
      workspace: { slug: s.workspace.slug },
      customer: {
        id: s.id,
        name: 'Hartley & Finch Gifts',
        externalId: '17850',
        notes: 'Eleanor prefers calls after 4 pm.',
        lifetimeRevenue: 43.04,
        valueTier: 'A',
      },
      consent: { sensitiveCategories: true, note: 'Signed form' },
      people: [{ name: 'Eleanor Hartley', email: 'eleanor@hartley.example' }],
      relations: [{ kind: 'spouse', name: 'James', personId: s.person.id }],
      engagements: [{ summary: 'Spring range walk-through', notes: 'Met Eleanor at the shop.' }],
      counts: { secrets: 3, activeSecrets: 2, purchases: 4, people: 1, relations: 1, engagements: 1 },
    })
    // the history too: the outdated secret and what replaced it
    const golf = x.secrets.find((z: any) => z.text === 'Plays golf on Saturdays')
    expect(golf).toMatchObject({ status: 'outdated', engagementId: x.engagements[0].id })
    expect(x.secrets.find((z: any) => z.id === golf.supersededBy).text).toBe(
      'Gave up golf; sails every weekend now',
    )
    expect(x.purchases.map((p: any) => p.invoiceId).sort()).toEqual(['536365', '536365', '536366', 'C536367'])
    expect(x.purchases.reduce((t: number, p: any) => t + p.amount, 0)).toBeCloseTo(43.04, 2)
    const actions = x.auditEvents.map((e: any) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['secret.recorded', 'customer.consent_recorded']))
    // nothing of another customer
    expect(JSON.stringify(x)).not.toContain('12583')

    const audit = (await call('GET', '/api/workspace/audit?limit=100', s.admin)).json().events as any[]
    const exported = audit.find((e) => e.action === 'customer.exported')
    expect(exported).toMatchObject({
      actorLabel: 'ada@export.test',
      targetType: 'customer',
      targetId: s.id,
      details: { counts: { secrets: 3, purchases: 4 } },
    })
    expect(JSON.stringify(audit)).not.toContain('Burgundy')
    expect(JSON.stringify(audit)).not.toContain('golf')
  })

  it('refuses everyone but admins, and customers of other workspaces', async () => {
    const s = await setup('refuse')
    for (const cookie of [s.sales, s.leader]) {
      const exp = await call('GET', `/api/customers/${s.id}/export`, cookie)
      expect(exp.statusCode).toBe(403)
      expect(exp.json().error.code).toBe('forbidden')
      const erase = await call('POST', `/api/customers/${s.id}/erase`, cookie, {
        confirm: 'Hartley & Finch Gifts',
      })
      expect(erase.statusCode).toBe(403)
    }
    const other = await t.admin('eve@elsewhere.test', 'Elsewhere')
    expect((await call('GET', `/api/customers/${s.id}/export`, other.cookie)).statusCode).toBe(404)
    expect(
      (await call('POST', `/api/customers/${s.id}/erase`, other.cookie, { confirm: 'Hartley & Finch Gifts' }))
        .statusCode,
    ).toBe(404)
    // nothing was erased
    expect((await call('GET', `/api/customers/${s.id}/secrets`, s.sales)).json().secrets).toHaveLength(2)
  })
})

describe('erasing a customer', () => {
  it('refuses without the customer’s name typed, and changes nothing', async () => {
    const s = await setup('confirm')
    for (const confirm of ['', 'Hartley', 'Someone else']) {
      const res = await call('POST', `/api/customers/${s.id}/erase`, s.admin, { confirm })
      expect(res.statusCode).toBe(422)
      expect(res.json().error.message).toMatch(/type its name exactly: "Hartley & Finch Gifts"/)
    }
    expect((await call('POST', `/api/customers/${s.id}/erase`, s.admin, {})).statusCode).toBe(422)
    const c = (await call('GET', `/api/customers/${s.id}`, s.admin)).json()
    expect(c).toMatchObject({
      name: 'Hartley & Finch Gifts',
      erasedAt: null,
      people: [{ name: 'Eleanor Hartley' }],
    })
  })

  it('removes secrets, people, family, engagements and notes, anonymises purchases, and keeps every revenue figure exactly', async () => {
    const s = await setup('erase')
    const before = await valueFigures(s.admin)
    const customerBefore = (await call('GET', `/api/customers/${s.id}`, s.admin)).json()
    const byMonthBefore = (await call('GET', `/api/customers/${s.id}/revenue-by-month`, s.admin)).json()

    // a service mistake, told in words that name her, with a contact logged and a fix
    const oops = await call('POST', '/api/oops', s.sales, {
      customerId: s.id,
      type: 'late_delivery',
      severity: 'high',
      description: 'Eleanor Hartley waited three days for the spring order',
    })
    expect(oops.statusCode).toBe(201)
    const oopsId = oops.json().id as string
    expect(
      (
        await call('POST', `/api/oops/${oopsId}/steps`, s.sales, {
          kind: 'first_contact',
          channel: 'phone',
          message: 'Dear Eleanor, this is on us.',
          npsBefore: 4,
        })
      ).statusCode,
    ).toBe(200)
    expect(
      (await call('POST', `/api/oops/${oopsId}/fix`, s.sales, { note: 'Couriered to Eleanor at home' }))
        .statusCode,
    ).toBe(200)
    const exported = (await call('GET', `/api/customers/${s.id}/export`, s.admin)).json()
    expect(exported.counts).toMatchObject({ oops: 1, oopsSteps: 2 })
    expect(exported.oops[0]).toMatchObject({
      description: 'Eleanor Hartley waited three days for the spring order',
    })
    const scoreBefore = (await call('GET', '/api/scoreboard', s.admin)).json().overall

    // spaces and case aside, the name confirms
    const res = await call('POST', `/api/customers/${s.id}/erase`, s.admin, {
      confirm: '  hartley &  finch gifts ',
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      ok: true,
      counts: {
        secrets: 3,
        engagements: 1,
        people: 1,
        relations: 1,
        purchasesAnonymised: 4,
        oopsAnonymised: 1,
      },
    })

    // the OOPS! stays on the scoreboard, without a word about her
    const erasedOops = (await call('GET', `/api/oops/${oopsId}`, s.admin)).json()
    expect(erasedOops.description).toBe('(erased)')
    expect(JSON.stringify(erasedOops)).not.toMatch(/Eleanor|Hartley/)
    expect((await call('GET', '/api/scoreboard', s.admin)).json().overall).toEqual(scoreBefore)

    // the revenue figures are exactly as they were: totals, tiers, shares, the curve
    expect(await valueFigures(s.admin)).toEqual(before)
    const c = (await call('GET', `/api/customers/${s.id}`, s.admin)).json()
    expect(c).toMatchObject({
      name: 'Erased customer',
      externalId: null,
      country: null,
      notes: null,
      ownerUserId: null,
      people: [],
      relations: [],
      segment: customerBefore.segment,
      value: { ...customerBefore.value, estimatedCategorySpend: null, walletShare: null },
    })
    expect(c.erasedAt).toEqual(expect.any(String))
    expect((await call('GET', `/api/customers/${s.id}/revenue-by-month`, s.admin)).json()).toEqual(
      byMonthBefore,
    )
    const lines = (await call('GET', `/api/customers/${s.id}/purchases`, s.admin)).json()
    expect(lines.total).toBe(4)
    expect(new Set(lines.purchases.map((p: any) => p.invoiceId))).toEqual(
      new Set(['erased-1', 'erased-2', 'erased-3']),
    )
    expect(lines.purchases.every((p: any) => p.description === null)).toBe(true)

    // gone from the secrets layer, the search and the list by its old name
    expect((await call('GET', `/api/customers/${s.id}/secrets?status=all`, s.admin)).statusCode).toBe(404)
    const known = await call('GET', `/api/customers/${s.id}/known`, s.admin)
    if (known.statusCode === 200) {
      expect(known.json()).toMatchObject({ activeCount: 0, highlights: [], people: [], family: [] })
    } else expect(known.statusCode).toBe(404)
    expect((await call('GET', '/api/customers?q=Hartley', s.admin)).json().total).toBe(0)
    expect((await call('GET', '/api/customers?q=17850', s.admin)).json().total).toBe(0)
    const exp = (await call('GET', `/api/customers/${s.id}/export`, s.admin)).json()
    expect(exp.counts).toMatchObject({ secrets: 0, people: 0, relations: 0, engagements: 0, purchases: 4 })
    expect(JSON.stringify(exp.customer)).not.toMatch(/Hartley|Eleanor|17850/)
    expect(exp.consent).toEqual({ sensitiveCategories: false, consentAt: null, note: null })

    // nothing can be added to it, and it cannot be erased twice
    expect((await call('PATCH', `/api/customers/${s.id}`, s.admin, { name: 'Back again' })).statusCode).toBe(
      422,
    )
    expect(
      (await call('POST', `/api/customers/${s.id}/people`, s.admin, { name: 'Eleanor' })).statusCode,
    ).toBe(422)
    expect(
      (await call('POST', `/api/customers/${s.id}/secrets`, s.sales, { category: 'habit', text: 'x' }))
        .statusCode,
    ).toBe(404)
    const again = await call('POST', `/api/customers/${s.id}/erase`, s.admin, { confirm: 'Erased customer' })
    expect(again.statusCode).toBe(422)
    expect(again.json().error.message).toMatch(/already erased/)

    // audited by counts: neither the name nor anything erased is in the trail
    const audit = (await call('GET', '/api/workspace/audit?limit=100', s.admin)).json().events as any[]
    expect(audit.find((e) => e.action === 'customer.erased')).toMatchObject({
      actorLabel: 'ada@erase.test',
      targetId: s.id,
      details: {
        secrets: 3,
        people: 1,
        relations: 1,
        engagements: 1,
        purchasesAnonymised: 4,
        oopsAnonymised: 1,
      },
    })
    expect(JSON.stringify(audit)).not.toMatch(/Burgundy|golf|Hartley|Eleanor/)

    // a later recompute (another customer added) and a re-import of the same purchases file count
    // its revenue once, as before
    await call('POST', '/api/customers', s.admin, { name: 'Newcomer Ltd' })
    const reimport = await t.app.inject({
      method: 'POST',
      url: '/api/imports?kind=purchases',
      headers: { cookie: s.admin, ...ORIGIN, 'content-type': 'text/csv' },
      payload: PURCHASES,
    })
    expect(reimport.json()).toMatchObject({ status: 'imported', added: 0, alreadyPresent: 7 })
    const after = await valueFigures(s.admin)
    expect(after.totalRevenue).toBe(before.totalRevenue)
    expect(after.tierRevenue).toEqual(before.tierRevenue)
    expect(after.withPositiveRevenue).toBe(before.withPositiveRevenue)
    const erased = (await call('GET', `/api/customers/${s.id}`, s.admin)).json()
    expect(erased.value).toMatchObject({
      lifetimeRevenue: customerBefore.value.lifetimeRevenue,
      orderCount: customerBefore.value.orderCount,
      tier: customerBefore.value.tier,
      rank: customerBefore.value.rank,
    })
  })

  it('leaves everything as it was when a step fails half-way', async () => {
    const s = await setup('atomic')
    const actor = { userId: 'ada', role: 'admin' as const, label: 'ada@atomic.test' }
    await expect(
      inWorkspace(t.database.db, s.workspace.id, (trx) =>
        eraseCustomer(
          {
            privacy: privacyStore(trx, s.workspace.id),
            // the audit row is written last: its failure must undo the deletions before it
            audit: {
              record: async (e) => {
                await auditLog(trx, s.workspace.id).record(e)
                throw new Error('disk full')
              },
            },
            clock: t.clock,
          },
          actor,
          { customerId: s.id, confirm: 'Hartley & Finch Gifts' },
        ),
      ),
    ).rejects.toThrow('disk full')
    const c = (await call('GET', `/api/customers/${s.id}`, s.admin)).json()
    expect(c).toMatchObject({ name: 'Hartley & Finch Gifts', externalId: '17850', erasedAt: null })
    expect(c.people).toHaveLength(1)
    expect(
      (await call('GET', `/api/customers/${s.id}/secrets?status=all`, s.admin)).json().secrets,
    ).toHaveLength(3)
    const lines = (await call('GET', `/api/customers/${s.id}/purchases`, s.admin)).json()
    expect(lines.purchases.some((p: any) => p.invoiceId === '536365')).toBe(true)
  })
})
