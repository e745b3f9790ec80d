import { sql } from 'kysely'
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
const upload = (url: string, cookie: string, csv: string) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, ...ORIGIN, 'content-type': 'text/csv' },
    payload: csv,
  })

const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const leader = await t.member(admin, `lee@${tag}.test`, 'leader')
  const service = await t.member(admin, `sue@${tag}.test`, 'service')
  const sales = await t.member(admin, `sal@${tag}.test`, 'sales')
  return { admin, leader, service, sales, workspace }
}

const CATALOGUE = `Key,Title,Description,Price,Lead time (hours),Type,Suits,Active
W1,"Bottle of Pinot Noir, hand-delivered",From the wine merchant next door,45,4,gift,wine; pinot noir,yes
W2,Vineyard tour and tasting for two,,140,72,experience,wine; tasting,yes
C1,Specialty coffee subscription,Fresh-roasted beans every month,55,1,gift,coffee; espresso,yes
H1,Two tickets to the next home hockey game,,70,3,gift,hockey; sports; tickets,yes
G1,Personalised golf balls,,45,48,gift,golf,yes
B1,Gift card for an independent bookshop,,30,1,gift,books; reading,yes
P1,Priority delivery for a year,,20,1,upgrade,convenience; delivery,yes
`

describe('surprise catalogue', () => {
  it('lets everyone read the catalogue and only leaders and admins change it, with concepts kept', async () => {
    const s = await setup('crud')
    const body = {
      title: 'Bottle of Pinot Noir',
      description: 'Hand-delivered with a note',
      cost: 40,
      leadTimeHours: 4,
      kind: 'gift',
      tags: ['Wine', 'wine', ' Red wine '],
    }
    expect((await call('POST', '/api/surprises', s.service, body)).json().error.code).toBe('forbidden')
    expect((await call('POST', '/api/surprises', s.sales, body)).statusCode).toBe(403)
    const created = await call('POST', '/api/surprises', s.leader, body)
    expect(created.statusCode).toBe(201)
    const item = created.json()
    expect(item).toMatchObject({
      title: 'Bottle of Pinot Noir',
      cost: 40,
      active: true,
      tags: ['wine', 'red wine'],
    })
    // WordNet's concepts of its words are kept with it, so ranking needs no lookups
    const row = await sql<{
      concepts: string
    }>`select concepts from surprise_item where id = ${item.id}`.execute(t.database.raw)
    expect(row.rows[0]!.concepts).toMatch(/\bwine\b/)
    expect(row.rows[0]!.concepts).toMatch(/\bbeverage\b/)

    for (const who of [s.service, s.sales, s.admin]) {
      const list = await call('GET', '/api/surprises', who)
      expect(list.statusCode).toBe(200)
      expect(list.json().items.map((i: any) => i.id)).toEqual([item.id])
    }
    expect((await call('POST', '/api/surprises', s.admin, body)).json().error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('already in the catalogue'),
    })
    expect(
      (await call('POST', '/api/surprises', s.admin, { ...body, title: 'x', cost: -1 })).statusCode,
    ).toBe(422)
    expect(
      (await call('POST', '/api/surprises', s.admin, { ...body, title: 'Other', kind: 'bribe' })).statusCode,
    ).toBe(422)

    expect((await call('PATCH', `/api/surprises/${item.id}`, s.service, { cost: 1 })).statusCode).toBe(403)
    const changed = await call('PATCH', `/api/surprises/${item.id}`, s.leader, {
      title: 'Burgundy, hand-delivered',
      cost: 55,
    })
    expect(changed.json()).toMatchObject({ title: 'Burgundy, hand-delivered', cost: 55, leadTimeHours: 4 })
    const off = await call('PATCH', `/api/surprises/${item.id}`, s.admin, { active: false })
    expect(off.json().active).toBe(false)
    expect((await call('GET', '/api/surprises?active=true', s.service)).json().items).toEqual([])
    expect((await call('GET', '/api/surprises?active=false', s.service)).json().items).toHaveLength(1)

    const gone = await call('DELETE', `/api/surprises/${item.id}`, s.leader)
    expect(gone.json()).toEqual({ outcome: 'deleted', timesGiven: 0 })
    expect((await call('GET', `/api/surprises/${item.id}`, s.admin)).json().error.code).toBe(
      'surprise_not_found',
    )
    const audit = await sql<{
      n: number
    }>`select count(*)::int as n from audit_event where workspace_id = ${s.workspace.id} and action = 'surprise_catalogue.changed'`.execute(
      t.database.raw,
    )
    expect(audit.rows[0]!.n).toBe(4)
  })

  it('keeps another workspace’s catalogue out of sight', async () => {
    const a = await setup('iso-a')
    const b = await setup('iso-b')
    const item = (
      await call('POST', '/api/surprises', a.admin, { title: 'Cheese hamper', cost: 30, leadTimeHours: 24 })
    ).json()
    expect((await call('GET', `/api/surprises/${item.id}`, b.admin)).statusCode).toBe(404)
    expect((await call('PATCH', `/api/surprises/${item.id}`, b.admin, { cost: 1 })).statusCode).toBe(404)
    expect((await call('GET', '/api/surprises', b.admin)).json().items).toEqual([])
  })
})

describe('catalogue import (CSV)', () => {
  it('maps the headers, previews on a dry run and writes nothing', async () => {
    const s = await setup('dry')
    const res = await upload('/api/surprises/import?dryRun=true&fileName=catalogue.csv', s.leader, CATALOGUE)
    expect(res.statusCode).toBe(200)
    const r = res.json()
    expect(r).toMatchObject({ status: 'checked', rows: 7, added: 7, updated: 0, unchanged: 0, errorCount: 0 })
    expect(r.mapping).toEqual({
      Key: 'key',
      Title: 'title',
      Description: 'description',
      Price: 'cost',
      'Lead time (hours)': 'leadTimeHours',
      Type: 'kind',
      Suits: 'tags',
      Active: 'active',
    })
    expect(r.preview[0]).toMatchObject({
      row: 2,
      action: 'add',
      item: {
        title: 'Bottle of Pinot Noir, hand-delivered',
        cost: 45,
        tags: ['wine', 'pinot noir'],
        sourceKey: 'key:W1',
      },
    })
    expect((await call('GET', '/api/surprises', s.admin)).json().items).toEqual([])
  })

  it('is all or nothing: one bad row refuses the file and says which and why', async () => {
    const s = await setup('bad')
    const bad = `${CATALOGUE}X1,Mystery box,,lots,2,gift,,yes\nX2,Helicopter ride,,900,2 fortnights,gift,,yes\n`
    const res = await upload('/api/surprises/import', s.admin, bad)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'rejected', added: 0, errorCount: 2 })
    expect(res.json().errors).toEqual([
      { row: 9, column: 'Price', reason: '"lots" is not an amount' },
      { row: 10, column: 'Lead time (hours)', reason: expect.stringContaining('not a lead time') },
    ])
    expect((await call('GET', '/api/surprises', s.admin)).json().items).toEqual([])
    // unless asked to keep the good rows
    const partial = await upload('/api/surprises/import?keepGoodRows=true', s.admin, bad)
    expect(partial.json()).toMatchObject({ status: 'partial', added: 7, errorCount: 2 })
    expect((await call('GET', '/api/surprises', s.admin)).json().items).toHaveLength(7)
  })

  it('is idempotent: a second import changes nothing; a changed row updates its item', async () => {
    const s = await setup('idem')
    expect((await upload('/api/surprises/import', s.leader, CATALOGUE)).json()).toMatchObject({
      status: 'imported',
      added: 7,
    })
    const again = await upload('/api/surprises/import', s.leader, CATALOGUE)
    expect(again.json()).toMatchObject({ status: 'imported', added: 0, updated: 0, unchanged: 7 })
    const cheaper = CATALOGUE.replace(
      'W1,"Bottle of Pinot Noir, hand-delivered",From the wine merchant next door,45',
      'W1,"Bottle of Pinot Noir, hand-delivered",From the wine merchant next door,39',
    )
    expect((await upload('/api/surprises/import', s.leader, cheaper)).json()).toMatchObject({
      added: 0,
      updated: 1,
      unchanged: 6,
    })
    const items = (await call('GET', '/api/surprises', s.leader)).json().items
    expect(items).toHaveLength(7)
    expect(items.find((i: any) => i.sourceKey === 'key:W1').cost).toBe(39)
    // the export reads back as the same catalogue
    const csv = await call('GET', '/api/surprises/export.csv', s.service)
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    expect((await upload('/api/surprises/import', s.leader, csv.body)).json()).toMatchObject({
      status: 'imported',
      added: 0,
      updated: 0,
      unchanged: 7,
    })
  })

  it('refuses a file without the columns it needs, a duplicate row, a JSON body and a service rep', async () => {
    const s = await setup('refuse')
    const noCost = await upload('/api/surprises/import', s.admin, 'Title,Lead time\nFlowers,4\n')
    expect(noCost.json()).toMatchObject({ status: 'rejected', missing: ['cost'] })
    expect(noCost.json().errors[0].reason).toContain('no column for cost')
    const twice = await upload(
      '/api/surprises/import',
      s.admin,
      'Title,Cost,Lead time\nFlowers,40,4\nflowers,45,4\n',
    )
    expect(twice.json()).toMatchObject({ status: 'rejected', errorCount: 1 })
    expect(twice.json().errors[0]).toMatchObject({
      row: 3,
      reason: expect.stringContaining('same item as row 2'),
    })
    const json = await call('POST', '/api/surprises/import', s.admin, { title: 'x' })
    expect(json.statusCode).toBe(422)
    expect(json.json().error.message).toContain('text/csv')
    expect((await upload('/api/surprises/import', s.service, CATALOGUE)).statusCode).toBe(403)
  })
})

describe('surprise suggestions', () => {
  const withCustomer = async (tag: string, secrets: Array<{ category: string; text: string }>) => {
    const s = await setup(tag)
    expect((await upload('/api/surprises/import', s.admin, CATALOGUE)).json().status).toBe('imported')
    // a plan for the wine trade: cap 80, no experiences, no donations
    const plan = await call('POST', '/api/recovery-plans', s.leader, {
      name: 'Wine trade',
      segment: 'Wine trade',
      investmentCap: 80,
      allowedKinds: ['gift', 'upgrade', 'service'],
    })
    expect(plan.statusCode).toBe(201)
    const customer = (
      await call('POST', '/api/customers', s.admin, {
        name: 'Harbour Wines',
        kind: 'organisation',
        segment: 'Wine trade',
      })
    ).json()
    const person = (
      await call('POST', `/api/customers/${customer.id}/people`, s.admin, { name: 'Grace Lee' })
    ).json()
    const recorded: Record<string, string> = {}
    for (const x of secrets) {
      const r = await call('POST', `/api/customers/${customer.id}/secrets`, s.sales, {
        personId: person.id,
        ...x,
      })
      expect(r.statusCode).toBe(201)
      recorded[x.text] = r.json().id
    }
    const open = async () => {
      const o = await call('POST', '/api/oops', s.service, {
        customerId: customer.id,
        personId: person.id,
        type: 'late_delivery',
        description: 'The Christmas order arrived three days late',
      })
      expect(o.statusCode).toBe(201)
      return o.json()
    }
    return { ...s, customer, person, recorded, open }
  }

  it('suggests the wine to someone who only drinks Pinot Noir, citing that secret', async () => {
    const s = await withCustomer('pinot', [
      { category: 'bias', text: 'Only drinks Pinot Noir' },
      { category: 'fear', text: 'Afraid of flying' },
    ])
    const o = await s.open()
    const res = await call('GET', `/api/oops/${o.id}/suggestions`, s.service)
    expect(res.statusCode).toBe(200)
    const r = res.json()
    expect(r).toMatchObject({
      budget: 80,
      allowedKinds: ['gift', 'upgrade', 'service'],
      secretsConsidered: 2,
    })
    const top = r.suggestions[0]
    expect(top.item.title).toBe('Bottle of Pinot Noir, hand-delivered')
    expect(top.drawsOn[0]).toMatchObject({
      secretId: s.recorded['Only drinks Pinot Noir'],
      text: 'Only drinks Pinot Noir',
      certainty: 'heard',
      personName: 'Grace Lee',
    })
    expect(top.reason).toMatch(/^draws on: 'Only drinks Pinot Noir' \(heard, today\) — wine/)
    // every suggestion fits the cap and the clock, and draws on a secret
    for (const x of r.suggestions) {
      expect(x.item.cost).toBeLessThanOrEqual(80)
      expect(x.item.leadTimeHours).toBeLessThanOrEqual(r.hoursLeft)
      expect(x.drawsOn.length).toBeGreaterThan(0)
    }
    // the tasting fits the wine lover but not the limits: over the cap, too slow, not an allowed kind
    const tasting = r.excluded.find((x: any) => x.item.title === 'Vineyard tour and tasting for two')
    expect(tasting.failed.map((f: any) => f.constraint).sort()).toEqual([
      'kind_not_allowed',
      'over_budget',
      'too_slow',
    ])
    expect(tasting.drawsOn[0].text).toBe('Only drinks Pinot Noir')
    // reading them shows secrets: audited
    const audit = await sql<{
      n: number
    }>`select count(*)::int as n from audit_event where workspace_id = ${s.workspace.id} and action = 'secrets.read_manual' and details->>'view' = 'surprise_suggestions'`.execute(
      t.database.raw,
    )
    expect(audit.rows[0]!.n).toBe(1)

    // accept it: the surprise is recorded with the secret it draws on
    const accepted = await call('POST', `/api/oops/${o.id}/surprise`, s.service, {
      itemId: top.item.id,
      secretIds: top.drawsOn.map((d: any) => d.secretId),
    })
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json().surprise).toMatchObject({
      itemId: top.item.id,
      secretIds: [s.recorded['Only drinks Pinot Noir']],
    })
    expect((await call('GET', `/api/oops/${o.id}/suggestions`, s.service)).json().chosen).toMatchObject({
      itemId: top.item.id,
    })

    // next time, the same customer never gets the same bottle again
    const o2 = await s.open()
    const next = (await call('GET', `/api/oops/${o2.id}/suggestions`, s.service)).json()
    expect(next.alreadyGiven).toEqual([top.item.id])
    expect(next.suggestions.map((x: any) => x.item.id)).not.toContain(top.item.id)
    expect(next.excluded.find((x: any) => x.item.id === top.item.id).failed[0]).toMatchObject({
      constraint: 'already_given',
    })
    // and the bottle, now given, can only be taken out of the catalogue, not deleted
    expect((await call('DELETE', `/api/surprises/${top.item.id}`, s.admin)).json()).toEqual({
      outcome: 'deactivated',
      timesGiven: 1,
    })
  })

  it('finds coffee for beans roasted at home and hockey for a peewee coach, never against a secret', async () => {
    const s = await withCustomer('meaning', [
      { category: 'habit', text: 'Roasts his own beans at home' },
      { category: 'family_priority', text: "Coaches his daughter's peewee team" },
      { category: 'lifestyle_choice', text: 'Quit drinking last year' },
    ])
    const o = await s.open()
    const r = (await call('GET', `/api/oops/${o.id}/suggestions`, s.service)).json()
    const titles = r.suggestions.map((x: any) => x.item.title)
    expect(titles.slice(0, 2).sort()).toEqual([
      'Specialty coffee subscription',
      'Two tickets to the next home hockey game',
    ])
    const coffee = r.suggestions.find((x: any) => x.item.title === 'Specialty coffee subscription')
    expect(coffee.reason).toContain("'Roasts his own beans at home'")
    // the interest both speak to, with the secret's words that said so
    expect(coffee.drawsOn[0].links).toContainEqual({ meaning: 'coffee', words: ['roasts', 'beans'] })
    expect(coffee.drawsOn[0].because).toContain('coffee (“roasts”, “beans”)')
    // the wine goes against what he told us
    const wine = r.excluded.find((x: any) => x.item.title === 'Bottle of Pinot Noir, hand-delivered')
    expect(wine.failed).toEqual([
      { constraint: 'against_a_secret', message: expect.stringContaining("'Quit drinking last year'") },
    ])
  })

  it('leaves out what the clock no longer allows, and says so', async () => {
    const s = await withCustomer('clock', [
      { category: 'recreation_preference', text: 'Plays golf every Sunday' },
    ])
    const o = await s.open()
    const r = (await call('GET', `/api/oops/${o.id}/suggestions`, s.service)).json()
    const balls = r.excluded.find((x: any) => x.item.title === 'Personalised golf balls')
    expect(balls.failed[0]).toMatchObject({
      constraint: 'too_slow',
      message: expect.stringMatching(/Needs 48 h; 2\d(\.\d)? h are left/),
    })
    expect(r.suggestions.map((x: any) => x.item.title)).not.toContain('Personalised golf balls')
  })

  it('after a breach, still suggests what can be done in the next hours, said to be late, with the apology to make', async () => {
    const s = await withCustomer('breached', [
      { category: 'habit', text: 'Roasts his own beans at home' },
      { category: 'recreation_preference', text: 'Plays golf every Sunday' },
    ])
    const o = await s.open()
    await sql`update oops set deadline_at = now() - interval '3 hours' where id = ${o.id}`.execute(
      t.database.raw,
    )
    const r = (await call('GET', `/api/oops/${o.id}/suggestions`, s.service)).json()
    expect(r.hoursLeft).toBeLessThan(0)
    expect(r.suggestions[0]).toMatchObject({ item: { title: 'Specialty coffee subscription' }, late: true })
    expect(r.late).toMatchObject({ withinHours: 6, mention: { text: 'Roasts his own beans at home' } })
    expect(r.late.advice).toContain('Apologise now')
    // the golf balls take two days: not even a late act
    const balls = r.excluded.find((x: any) => x.item.title === 'Personalised golf balls')
    expect(balls.failed[0].message).toContain('the clock has run out')
  })

  it('sees a change to the catalogue at once, whoever made it and however (the cached catalogue follows its version)', async () => {
    const s = await withCustomer('version', [{ category: 'bias', text: 'Only drinks Pinot Noir' }])
    const o = await s.open()
    const first = (await call('GET', `/api/oops/${o.id}/suggestions`, s.service)).json()
    const wine = first.suggestions.find((x: any) => x.item.title === 'Bottle of Pinot Noir, hand-delivered')
    expect(wine).toBeDefined()
    // another instance (or a hand in the database) puts the price up: no request of this app saw it
    await sql`update surprise_item set cost = 500 where id = ${wine.item.id}`.execute(t.database.raw)
    const second = (await call('GET', `/api/oops/${o.id}/suggestions`, s.service)).json()
    expect(second.suggestions.map((x: any) => x.item.id)).not.toContain(wine.item.id)
    expect(second.excluded.find((x: any) => x.item.id === wine.item.id)).toMatchObject({
      item: { cost: 500 },
      failed: [{ constraint: 'over_budget' }],
    })
    // and taken out of the catalogue, it is gone from the suggestions
    await sql`delete from surprise_item where id = ${wine.item.id}`.execute(t.database.raw)
    const third = (await call('GET', `/api/oops/${o.id}/suggestions`, s.service)).json()
    expect([...third.suggestions, ...third.excluded].map((x: any) => x.item.id)).not.toContain(wine.item.id)
  })

  it('refuses a surprise over the cap without approval, in words the owner can act on', async () => {
    const s = await withCustomer('cap', [{ category: 'bias', text: 'Only drinks Pinot Noir' }])
    const big = (
      await call('POST', '/api/surprises', s.admin, {
        title: 'Case of Grand Cru Burgundy',
        cost: 400,
        leadTimeHours: 4,
        kind: 'gift',
        tags: ['wine'],
      })
    ).json()
    const o = await s.open()
    const r = (await call('GET', `/api/oops/${o.id}/suggestions`, s.service)).json()
    expect(r.excluded.find((x: any) => x.item.id === big.id).failed[0]).toMatchObject({
      constraint: 'over_budget',
      message: 'Costs 400, over the cap of 80 by 320: only with approval.',
    })
    const refused = await call('POST', `/api/oops/${o.id}/surprise`, s.service, {
      itemId: big.id,
      secretIds: [],
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error).toMatchObject({
      code: 'approval_required',
      message:
        "Case of Grand Cru Burgundy costs 400, above this plan's cap of 80: a leader (or an admin) must approve it — ask them to record it, or choose within the cap.",
      details: { cap: 80, cost: 400, approverRole: 'leader' },
    })
    // the leader may, and is named as the approver
    const approved = await call('POST', `/api/oops/${o.id}/surprise`, s.leader, {
      itemId: big.id,
      secretIds: [],
    })
    expect(approved.statusCode).toBe(200)
  })

  it('answers 404 for an OOPS! of another workspace', async () => {
    const a = await withCustomer('other-a', [])
    const b = await setup('other-b')
    const o = await a.open()
    expect((await call('GET', `/api/oops/${o.id}/suggestions`, b.service)).json().error.code).toBe(
      'oops_not_found',
    )
  })
})
