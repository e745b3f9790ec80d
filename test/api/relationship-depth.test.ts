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
const today = () => t.clock.now().toISOString().slice(0, 10)
const daysAgo = (n: number) => new Date(t.clock.now().getTime() - n * 86_400_000).toISOString().slice(0, 10)
const marksOf = async (customerId: string) =>
  Number(
    (
      await sql<{
        n: string
      }>`select count(*) as n from relationship_clue where customer_id = ${customerId}`.execute(
        t.database.raw,
      )
    ).rows[0]!.n,
  )

const setup = async (tag: string) => {
  const { cookie: admin } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const leader = await t.member(admin, `lee@${tag}.test`, 'leader')
  const sales = await t.member(admin, `sam@${tag}.test`, 'sales')
  const other = await t.member(admin, `sol@${tag}.test`, 'sales')
  const members = (await call('GET', '/api/workspace/members', admin)).json().members as {
    userId: string
    email: string
  }[]
  const samId = members.find((m) => m.email === `sam@${tag}.test`)!.userId
  const add = async (name: string) =>
    (await call('POST', '/api/customers', admin, { name, kind: 'organisation', ownerUserId: samId })).json()
      .id as string
  const key = await add('Harbour Wines')
  const key2 = await add('Quay Logistics')
  const small = await add('Corner Shop')
  // tiers come from purchases; here they are set as a recompute would leave them, once all exist
  await sql`update customer set value_tier = 'A' where id in (${key}, ${key2})`.execute(t.database.raw)
  await sql`update customer set value_tier = 'C' where id = ${small}`.execute(t.database.raw)
  return { admin, leader, sales, other, samId, key, key2, small }
}

const mark = (clue: string, holds: boolean, since: string, evidence = 'Seen it ourselves') => ({
  clue,
  holds,
  since,
  evidence,
})

describe('relationship depth', () => {
  it('the owner marks a clue on a key account and the depth moves; history kept, audited without the evidence', async () => {
    const s = await setup('depth1')
    const empty = (await call('GET', `/api/customers/${s.key}/depth`, s.sales)).json()
    expect(empty).toMatchObject({ keyAccount: true, canMark: true, depth: 0, trend: 'steady' })
    expect(empty.next).toMatchObject({ clue: 'strategic_planning', reason: 'ladder' })

    const r = await call(
      'POST',
      `/api/customers/${s.key}/depth`,
      s.sales,
      mark('strategic_planning', true, daysAgo(3), 'Asked to the board offsite by Grace'),
    )
    expect(r.statusCode, r.body).toBe(201)
    expect(r.json()).toMatchObject({ depth: 1, trend: 'climbing', next: { clue: 'office_on_premises' } })

    const off = await call(
      'POST',
      `/api/customers/${s.key}/depth`,
      s.leader,
      mark('office_on_premises', true, today()),
    )
    expect(off.json().depth).toBe(2)
    const lost = await call(
      'POST',
      `/api/customers/${s.key}/depth`,
      s.admin,
      mark('strategic_planning', false, today(), 'Not asked this year'),
    )
    const d = lost.json()
    expect(d.depth).toBe(1)
    expect(d.marks).toHaveLength(3)
    expect(d.clues.find((c: { clue: string }) => c.clue === 'strategic_planning')).toMatchObject({
      holds: false,
    })
    expect(d.next).toMatchObject({ clue: 'strategic_planning', reason: 'win_back' })
    // the office came and the planning went on the same day: the depth line does not move that day
    expect(d.history).toEqual([{ day: daysAgo(3), depth: 1 }])

    // a colleague sees it but may not set it
    const seen = (await call('GET', `/api/customers/${s.key}/depth`, s.other)).json()
    expect(seen).toMatchObject({ depth: 1, canMark: false })
    const refused = await call(
      'POST',
      `/api/customers/${s.key}/depth`,
      s.other,
      mark('no_rfp', true, today()),
    )
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.message).toContain('owner')

    const audit = await sql<{ action: string; details: unknown }>`
      select action, details::text as details from audit_event where target_id = ${s.key} and action = 'relationship_depth.clue_marked'`.execute(
      t.database.raw,
    )
    expect(audit.rows).toHaveLength(3)
    expect(JSON.stringify(audit.rows)).not.toContain('offsite')
    expect(await marksOf(s.key)).toBe(3)
  })

  it('the leader sees how many key accounts sit at each depth, who climbs and who slips against 90 days ago', async () => {
    const s = await setup('depth2')
    // Harbour: held no RFP since long ago, lost it this month → slipping; Quay: climbed two clues
    await call('POST', `/api/customers/${s.key}/depth`, s.sales, mark('no_rfp', true, daysAgo(300)))
    await call('POST', `/api/customers/${s.key}/depth`, s.sales, mark('no_rfp', false, daysAgo(10)))
    await call(
      'POST',
      `/api/customers/${s.key2}/depth`,
      s.sales,
      mark('strategic_planning', true, daysAgo(20)),
    )
    await call(
      'POST',
      `/api/customers/${s.key2}/depth`,
      s.sales,
      mark('office_on_premises', true, daysAgo(5)),
    )

    const o = await call('GET', '/api/depth', s.leader)
    expect(o.statusCode, o.body).toBe(200)
    const v = o.json()
    expect(v.accounts).toBe(2)
    expect(v.byDepth).toEqual([1, 0, 1, 0, 0])
    expect(v.climbing.map((a: { customerName: string }) => a.customerName)).toEqual(['Quay Logistics'])
    expect(v.climbing[0]).toMatchObject({ depth: 2, before: 0, change: 2, next: { clue: 'no_rfp' } })
    expect(v.slipping[0]).toMatchObject({
      customerName: 'Harbour Wines',
      change: -1,
      next: { clue: 'no_rfp', reason: 'win_back' },
    })
    // the small customer is no key account, so it is not in the view
    expect(v.all.map((a: { customerId: string }) => a.customerId)).not.toContain(s.small)

    expect((await call('GET', '/api/depth', s.sales)).statusCode).toBe(403)
  })

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const s = await setup('depth3')
    const { cookie: stranger } = await t.admin('eve@elsewhere.test', 'Elsewhere')
    const theirs = (
      await call('POST', '/api/customers', stranger, { name: 'Not yours', kind: 'organisation' })
    ).json().id as string
    await sql`update customer set value_tier = 'A' where id = ${theirs}`.execute(t.database.raw)

    const tomorrow = new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString().slice(0, 10)
    const cases: [string, string, unknown, number, RegExp][] = [
      ['future', s.key, mark('no_rfp', true, tomorrow), 422, /has not come yet/],
      ['unknown clue', s.key, mark('golf_with_ceo', true, today()), 422, /one of the four clues/],
      ['not a date', s.key, mark('no_rfp', true, '2026-02-30'), 422, /day it became so/],
      ['no evidence', s.key, mark('no_rfp', true, today(), '   '), 422, /evidence/],
      ['extra field', s.key, { ...mark('no_rfp', true, today()), depth: 4 }, 422, /./],
      ['another workspace', theirs, mark('no_rfp', true, today()), 404, /no such customer/],
      ['not a key account', s.small, mark('no_rfp', true, today()), 422, /not a key account/],
    ]
    for (const [what, id, body, status, message] of cases) {
      const r = await call('POST', `/api/customers/${id}/depth`, s.admin, body)
      expect(r.statusCode, `${what}: ${r.body}`).toBe(status)
      expect(r.json().error.message, what).toMatch(message)
    }
    expect((await call('GET', `/api/customers/${theirs}/depth`, s.admin)).statusCode).toBe(404)

    // a change dated before the clue's latest mark would not become current: refused too
    await call('POST', `/api/customers/${s.key}/depth`, s.admin, mark('no_rfp', true, daysAgo(5)))
    const back = await call(
      'POST',
      `/api/customers/${s.key}/depth`,
      s.admin,
      mark('no_rfp', false, daysAgo(30)),
    )
    expect(back.statusCode).toBe(422)
    expect(await marksOf(s.key)).toBe(1)
    expect(await marksOf(s.small)).toBe(0)
    expect(await marksOf(theirs)).toBe(0)
  })

  it('forgets an erased customer’s marks and their evidence', async () => {
    const s = await setup('depth-erase')
    const r = await call(
      'POST',
      `/api/customers/${s.key}/depth`,
      s.sales,
      mark('office_on_premises', true, today(), 'Desk next to Grace Lee on the third floor'),
    )
    expect(r.statusCode, r.body).toBe(201)
    expect(await marksOf(s.key)).toBe(1)
    const erase = await call('POST', `/api/customers/${s.key}/erase`, s.admin, { confirm: 'Harbour Wines' })
    expect(erase.statusCode, erase.body).toBe(200)
    expect(await marksOf(s.key)).toBe(0)
    // the other key account keeps its history
    await call('POST', `/api/customers/${s.key2}/depth`, s.sales, mark('no_rfp', true, today()))
    expect(await marksOf(s.key2)).toBe(1)
  })

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    expect(Object.keys(doc.paths['/api/customers/{id}/depth'])).toEqual(
      expect.arrayContaining(['get', 'post']),
    )
    expect(doc.paths['/api/depth'].get).toBeTruthy()
  })
})
