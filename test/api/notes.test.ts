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

/** a workspace with a salesperson "sam", a marketer, and an organisation customer whose buyer Grace has a son Leo */
const setup = async (tag: string) => {
  const { cookie: admin } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const sales = await t.member(admin, `sam@${tag}.test`, 'sales')
  const marketing = await t.member(admin, `mo@${tag}.test`, 'marketing')
  const customer = (
    await call('POST', '/api/customers', admin, { name: 'Harbour Wines', kind: 'organisation' })
  ).json()
  const person = (
    await call('POST', `/api/customers/${customer.id}/people`, admin, { name: 'Grace Lee', title: 'Buyer' })
  ).json()
  const son = await call('POST', `/api/customers/${customer.id}/relations`, admin, {
    personId: person.id,
    kind: 'child',
    name: 'Leo',
  })
  expect(son.statusCode).toBe(201)
  const engagement = (
    await call('POST', `/api/customers/${customer.id}/engagements`, sales, {
      channel: 'meeting',
      personIds: [person.id],
    })
  ).json()
  return { admin, sales, marketing, customer, person, engagement }
}

const propose = (s: { sales: string; customer: { id: string } }, notes: string, extra: object = {}) =>
  call('POST', `/api/customers/${s.customer.id}/notes/proposals`, s.sales, { notes, ...extra })

const TRANSCRIPT = [
  'sam: Thanks for seeing me, Grace. I love sailing myself.',
  'Grace: My pleasure. I run marathons and I collect vintage maps.',
  'sam: Wonderful. How is the family?',
  'Grace: Leo starts university in September. I am afraid of flying, so we go by train.',
  'sam: I will send the catalogue.',
].join('\n')

const secretsOf = async (s: { admin: string; customer: { id: string } }) =>
  (await call('GET', `/api/customers/${s.customer.id}/secrets`, s.admin)).json().secrets as Array<{
    text: string
    engagementId: string | null
    personId: string | null
  }>

describe('notes → secrets', () => {
  it('proposes the customer’s facts from a transcript, ours left out, and records the accepted ones to the engagement', async () => {
    const s = await setup('notes')
    const res = await propose(s, TRANSCRIPT, { engagementId: s.engagement.id })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ engagementId: s.engagement.id, transcript: true, markupRemoved: false })
    const texts = body.proposals.map((p: { text: string }) => p.text)
    expect(texts).toEqual([
      'Runs marathons',
      'Collects vintage maps',
      'Leo starts university in September',
      'Is afraid of flying',
    ])
    expect(JSON.stringify(body)).not.toMatch(/sailing|catalogue/)
    const fear = body.proposals.find((p: { text: string }) => p.text === 'Is afraid of flying')
    expect(fear).toMatchObject({
      personId: s.person.id,
      aboutName: 'Grace Lee',
      category: 'fear',
      layer: 'secret',
    })
    const leo = body.proposals.find((p: { text: string }) => p.text.startsWith('Leo'))
    expect(leo).toMatchObject({ personId: s.person.id, aboutName: 'Leo' })
    expect(await secretsOf(s)).toEqual([])

    // accept two as proposed, one edited: recorded through the one way secrets are recorded
    for (const [p, text] of [
      [fear, fear.text],
      [leo, leo.text],
      [body.proposals[0], 'Runs marathons: Boston in April'],
    ] as const) {
      const rec = await call('POST', `/api/customers/${s.customer.id}/secrets`, s.sales, {
        personId: p.personId,
        category: p.category ?? 'recreation_preference',
        layer: p.layer,
        text,
        certainty: 'heard',
        engagementId: body.engagementId,
      })
      expect(rec.statusCode).toBe(201)
    }
    const stored = await secretsOf(s)
    expect(stored.map((x) => x.text).sort()).toEqual([
      'Is afraid of flying',
      'Leo starts university in September',
      'Runs marathons: Boston in April',
    ])
    expect(stored.every((x) => x.engagementId === s.engagement.id && x.personId === s.person.id)).toBe(true)

    // read again, the known ones are flagged as repeats
    const again = (await propose(s, TRANSCRIPT)).json()
    const flagged = again.proposals.filter((p: { duplicateOf: string | null }) => p.duplicateOf)
    expect(flagged.map((p: { text: string }) => p.text).sort()).toEqual([
      'Is afraid of flying',
      'Leo starts university in September',
      'Runs marathons',
    ])
    const audit = (await call('GET', '/api/workspace/audit?limit=100', s.admin)).json().events as Array<{
      action: string
      details: Record<string, unknown>
    }>
    expect(
      audit.some((e) => e.action === 'secrets.read_manual' && e.details.view === 'notes_proposals'),
    ).toBe(true)
    expect(JSON.stringify(audit)).not.toMatch(/marathon|flying/)
  })

  it('reads plain notes for what they say of the customer’s people, our own remarks left out', async () => {
    const s = await setup('plain')
    const res = await propose(
      s,
      'Lunch with Grace. I showed her the new range. She prefers Rioja to Bordeaux. Leo plays rugby.',
    )
    expect(res.statusCode).toBe(200)
    expect(res.json().transcript).toBe(false)
    expect(
      res.json().proposals.map((p: { text: string; aboutName: string }) => [p.text, p.aboutName]),
    ).toEqual([
      ['Lunch with Grace', 'Grace Lee'],
      ['Prefers Rioja to Bordeaux', 'Grace Lee'],
      ['Leo plays rugby', 'Leo'],
    ])
  })

  it('strips pasted markup and reads the words', async () => {
    const s = await setup('markup')
    const res = await propose(
      s,
      '<div><p>sam: Hi</p><p>Grace: I <b>love</b> jazz.<script>alert(1)</script></p></div>',
    )
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ markupRemoved: true, proposals: [{ text: 'Loves jazz' }] })
  })

  it('answers bad notes clearly and stores nothing', async () => {
    const s = await setup('bad')
    const huge = await propose(s, 'Grace loves jazz. '.repeat(60_000))
    expect(huge.statusCode).toBe(422)
    expect(huge.json().error.message).toMatch(/one meeting or call at a time/)
    const tooBig = await propose(s, 'x'.repeat(3 * 1024 * 1024))
    expect(tooBig.statusCode).toBe(413)
    const markup = await propose(s, '<div><img src="x.png"><br></div>')
    expect(markup.statusCode).toBe(422)
    expect(markup.json().error.message).toMatch(/no words/)
    const french = await propose(
      s,
      'Grace: Je suis ravie de vous voir. Mon fils commence l’université en septembre et nous partons en vacances.',
    )
    expect(french.statusCode).toBe(422)
    expect(french.json().error.message).toMatch(/English/)
    const empty = await propose(s, '   ')
    expect(empty.statusCode).toBe(422)
    const other = await setup('bad-other')
    const foreign = await propose(s, TRANSCRIPT, { engagementId: other.engagement.id })
    expect(foreign.statusCode).toBe(404)
    const marketing = await call('POST', `/api/customers/${s.customer.id}/notes/proposals`, s.marketing, {
      notes: TRANSCRIPT,
    })
    expect(marketing.statusCode).toBe(403)
    expect(await secretsOf(s)).toEqual([])
    const audit = (await call('GET', '/api/workspace/audit?limit=100', s.admin)).json().events as Array<{
      details: Record<string, unknown>
    }>
    expect(audit.some((e) => e.details?.view === 'notes_proposals')).toBe(false)
  })

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    expect(doc.paths['/api/customers/{id}/notes/proposals']?.post).toBeTruthy()
  })
})
