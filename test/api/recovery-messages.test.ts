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

/** A workspace with an admin (Ada) and Sue in service; a customer with the given people. */
const setup = async (tag: string, people: { name: string; email?: string }[]) => {
  const { cookie: admin } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const service = await t.member(admin, `sue@${tag}.test`, 'service')
  const c = (
    await call('POST', '/api/customers', admin, { name: 'Harbour Wines', kind: 'organisation' })
  ).json()
  for (const p of people) {
    expect((await call('POST', `/api/customers/${c.id}/people`, admin, p)).statusCode).toBe(201)
  }
  return { admin, service, customer: c }
}

const open = (s: Awaited<ReturnType<typeof setup>>, extra: Record<string, unknown> = {}) =>
  call('POST', '/api/oops', s.service, {
    customerId: s.customer.id,
    type: 'billing_mistake',
    description: 'Their agreed trade discount was left off the last two invoices.',
    severity: 'high',
    ...extra,
  })

const closeIt = async (id: string, by: string) => {
  expect(
    (await call('POST', `/api/oops/${id}/fix`, by, { note: 'Credit note issued for both invoices' }))
      .statusCode,
  ).toBe(200)
  const closed = await call('POST', `/api/oops/${id}/steps`, by, {
    kind: 'final_resolution',
    channel: 'phone',
    message: 'It is put right.',
  })
  expect(closed.statusCode).toBe(200)
  return closed.json()
}

describe('messages to the customer and the feedback link', () => {
  it("opens an OOPS! about the customer's main person unless told otherwise", async () => {
    const s = await setup('main', [{ name: 'Ben Ode' }, { name: 'Grace Lee', email: 'grace@harbour.test' }])
    const o = (await open(s)).json()
    expect(o).toMatchObject({
      personName: 'Grace Lee',
      personEmail: 'grace@harbour.test',
      customerKind: 'organisation',
    })
    const nobody = (await open(s, { personId: null })).json()
    expect(nobody.personName).toBeNull()
  })

  it('drafts each contact from what the case records, for its owner, with nothing left to fill in', async () => {
    const s = await setup('drafts', [{ name: 'Grace Lee', email: 'grace@harbour.test' }])
    const o = (await open(s)).json()
    await call('POST', `/api/oops/${o.id}/fix`, s.service, { note: 'Credit note issued for both invoices' })
    // the admin, writing on Sue's case
    const res = await call('GET', `/api/oops/${o.id}/drafts`, s.admin)
    expect(res.statusCode).toBe(200)
    const drafts: { kind: string; subject: string; body: string }[] = res.json().drafts
    expect(drafts.map((d) => d.kind)).toEqual([
      'first_contact',
      'status_report',
      'follow_up',
      'final_resolution',
    ])
    for (const d of drafts) {
      expect(d.body).not.toMatch(/[[\]{}]/)
      expect(d.body.startsWith('Dear Grace,\n')).toBe(true)
      expect(d.body.endsWith('sue\n(sent on sue’s behalf by ada)\ndrafts Co')).toBe(true)
      expect(d.body).toContain('“Their agreed trade discount was left off the last two invoices.”')
    }
    expect(drafts.find((d) => d.kind === 'final_resolution')!.body).toContain(
      'What we did:\n“Credit note issued for both invoices”',
    )
    expect((await call('GET', '/api/oops/nope/drafts', s.admin)).statusCode).toBe(404)
  })

  it('says the feedback link was emailed, and to whom', async () => {
    const s = await setup('emailed', [{ name: 'Grace Lee', email: 'grace@harbour.test' }])
    const o = (await open(s)).json()
    const closed = await closeIt(o.id, s.service)
    expect(closed.feedbackLink).toMatch(/\/feedback\/wow_/)
    expect(closed.feedback).toMatchObject({ delivery: 'emailed', sentTo: 'grace@harbour.test' })
    expect(closed.feedback.sentAt).toBe(closed.feedback.askedAt)
    expect(t.mailer.sent.at(-1)).toMatchObject({ to: 'grace@harbour.test', subject: 'Did we blow you away?' })
    // and still says so on the next read
    const again = (await call('GET', `/api/oops/${o.id}`, s.service)).json()
    expect(again.feedback).toMatchObject({ delivery: 'emailed', sentTo: 'grace@harbour.test' })
    expect(again.feedbackLink).toBeUndefined()

    // erased on request: the address it went to goes with the rest of what we knew of her
    const erased = await call('POST', `/api/customers/${s.customer.id}/erase`, s.admin, {
      confirm: 'Harbour Wines',
    })
    expect(erased.statusCode).toBe(200)
    const after = (await call('GET', `/api/oops/${o.id}`, s.admin)).json()
    expect(after.feedback).toMatchObject({ delivery: 'emailed', sentTo: null })
  })

  it('says the link was only made to copy when nobody has an address, and sends nothing', async () => {
    const s = await setup('linkonly', [])
    const o = (await open(s)).json()
    expect(o.personName).toBeNull()
    const before = t.mailer.sent.length
    const closed = await closeIt(o.id, s.service)
    expect(closed.feedbackLink).toMatch(/\/feedback\/wow_/)
    expect(closed.feedback).toMatchObject({ delivery: 'link_only', sentTo: null, sentAt: null })
    expect(closed.feedback.askedAt).toEqual(expect.any(String))
    expect(t.mailer.sent.length).toBe(before)
  })
})
