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

/** a workspace with an admin, a salesperson, a marketer and one organisation customer with a buyer */
const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const sales = await t.member(admin, `sam@${tag}.test`, 'sales')
  const marketing = await t.member(admin, `mo@${tag}.test`, 'marketing')
  const c = await call('POST', '/api/customers', admin, { name: 'Harbour Wines', kind: 'organisation' })
  expect(c.statusCode).toBe(201)
  const customer = c.json()
  const p = await call('POST', `/api/customers/${customer.id}/people`, admin, {
    name: 'Grace Lee',
    title: 'Buyer',
  })
  expect(p.statusCode).toBe(201)
  return { admin, sales, marketing, workspace, customer, person: p.json() }
}

const auditActions = async (cookie: string) =>
  (
    (await call('GET', '/api/workspace/audit?limit=100', cookie)).json().events as {
      action: string
      targetId: string
    }[]
  ).map((e) => e.action)

describe('secrets', () => {
  it('records a secret about a person, answers "what do we know", and audits the read without the text', async () => {
    const s = await setup('known')
    const rec = await call('POST', `/api/customers/${s.customer.id}/secrets`, s.sales, {
      personId: s.person.id,
      category: 'lifestyle_choice',
      text: 'Only drinks red Burgundy, never white.',
      certainty: 'heard',
    })
    expect(rec.statusCode).toBe(201)
    expect(rec.json()).toMatchObject({
      personName: 'Grace Lee',
      category: 'lifestyle_choice',
      categoryLabel: 'Lifestyle choice',
      status: 'active',
      layer: 'secret',
      recordedByName: 'sam',
    })

    const known = await call('GET', `/api/customers/${s.customer.id}/known`, s.marketing)
    expect(known.statusCode).toBe(200)
    const k = known.json()
    expect(k.activeCount).toBe(1)
    expect(k.highlights[0]).toMatchObject({
      text: 'Only drinks red Burgundy, never white.',
      personName: 'Grace Lee',
    })
    expect(k.coverage.find((c: any) => c.category === 'lifestyle_choice').state).toBe('known')
    expect(k.coverage.find((c: any) => c.category === 'fear').state).toBe('empty')
    expect(k.people.map((p: any) => p.name)).toEqual(['Grace Lee'])

    const audit = (await call('GET', '/api/workspace/audit?limit=100', s.admin)).json().events as any[]
    const read = audit.find((e) => e.action === 'secrets.read_known')
    expect(read).toMatchObject({ actorLabel: 'mo@known.test', targetId: s.customer.id })
    expect(audit.some((e) => e.action === 'secret.recorded')).toBe(true)
    expect(JSON.stringify(audit)).not.toContain('Burgundy')
  })

  it('supersedes an older secret and keeps it as history', async () => {
    const s = await setup('supersede')
    const url = `/api/customers/${s.customer.id}/secrets`
    const old = (
      await call('POST', url, s.sales, {
        personId: s.person.id,
        category: 'recreation_preference',
        text: 'Plays golf on Saturdays',
      })
    ).json()
    const neu = await call('POST', url, s.sales, {
      personId: s.person.id,
      category: 'recreation_preference',
      text: 'Gave up golf; sails every weekend now',
      supersedes: old.id,
    })
    expect(neu.statusCode).toBe(201)
    const active = (await call('GET', url, s.sales)).json().secrets
    expect(active.map((x: any) => x.text)).toEqual(['Gave up golf; sails every weekend now'])
    const all = (await call('GET', `${url}?status=all`, s.sales)).json().secrets
    expect(all.find((x: any) => x.id === old.id)).toMatchObject({
      status: 'outdated',
      supersededBy: neu.json().id,
    })
  })

  it('lets only the recorder and admins change or delete; anyone may confirm', async () => {
    const s = await setup('edit')
    const other = await t.member(s.admin, 'sue@edit.test', 'service')
    const sec = (
      await call('POST', `/api/customers/${s.customer.id}/secrets`, s.sales, {
        category: 'cash_flow_margin',
        text: 'Margins squeezed by freight costs',
      })
    ).json()
    expect((await call('PATCH', `/api/secrets/${sec.id}`, other, { text: 'changed' })).statusCode).toBe(403)
    expect((await call('DELETE', `/api/secrets/${sec.id}`, other)).statusCode).toBe(403)
    t.clock.advance(60_000)
    const confirmed = await call('PATCH', `/api/secrets/${sec.id}`, other, { confirm: true })
    expect(confirmed.statusCode).toBe(200)
    expect(new Date(confirmed.json().lastConfirmedAt).getTime()).toBeGreaterThan(
      new Date(sec.lastConfirmedAt).getTime(),
    )
    expect(
      (
        await call('PATCH', `/api/secrets/${sec.id}`, s.sales, {
          text: 'Freight costs eat 4 points of margin',
        })
      ).json().text,
    ).toBe('Freight costs eat 4 points of margin')
    expect((await call('DELETE', `/api/secrets/${sec.id}`, s.admin)).statusCode).toBe(200)
    expect((await call('GET', `/api/customers/${s.customer.id}/secrets`, s.sales)).json().secrets).toEqual([])
  })

  it('refuses bad input clearly and stores nothing', async () => {
    const s = await setup('bad')
    const url = `/api/customers/${s.customer.id}/secrets`
    const cases: [unknown, number, string][] = [
      [{ category: 'habit', text: '' }, 422, 'text'],
      [{ category: 'habit', text: '   ' }, 422, 'text'],
      [{ category: 'habit', text: 'x'.repeat(2001) }, 422, 'text'],
      [{ category: 'no_such', text: 'hello' }, 422, 'category'],
      [{ category: 'habit', text: 'hello', personId: 'nobody' }, 404, 'person'],
      [{ category: 'inventory_problems', text: 'out of stock', personId: s.person.id }, 422, 'organisation'],
      [{ category: 'health', text: 'has diabetes', personId: s.person.id }, 422, 'special category'],
      [{ category: 'habit', text: 'hi', certainty: 'maybe' }, 422, 'certainty'],
    ]
    for (const [payload, status, hint] of cases) {
      const res = await call('POST', url, s.sales, payload)
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status)
      expect(JSON.stringify(res.json().error).toLowerCase()).toContain(hint.toLowerCase())
    }
    const huge = await call('POST', url, s.sales, { category: 'habit', text: 'x'.repeat(1024 * 1024) })
    expect(huge.statusCode).toBe(413)
    expect(huge.json().error.code).toBe('payload_too_large')
    // a customer of another workspace is simply not there
    const stranger = await setup('bad-other')
    expect(
      (
        await call('POST', `/api/customers/${stranger.customer.id}/secrets`, s.sales, {
          category: 'habit',
          text: 'hi',
        })
      ).statusCode,
    ).toBe(404)
    expect((await call('GET', `/api/customers/${stranger.customer.id}/known`, s.sales)).statusCode).toBe(404)
    // a person of another customer
    expect(
      (await call('POST', url, s.sales, { category: 'habit', text: 'hi', personId: stranger.person.id }))
        .statusCode,
    ).toBe(404)
    expect((await call('GET', url, s.sales)).json().secrets).toEqual([])
  })

  it('records sensitive categories only when the workspace allows them and the customer consented', async () => {
    const s = await setup('sensitive')
    const url = `/api/customers/${s.customer.id}/secrets`
    const body = { personId: s.person.id, category: 'health', text: 'Recovering from knee surgery' }
    expect((await call('POST', url, s.sales, body)).json().error.code).toBe('sensitive_not_allowed')
    expect(
      (await call('PATCH', '/api/secrets/settings', s.sales, { sensitiveCategories: true })).statusCode,
    ).toBe(403)
    expect(
      (await call('PATCH', '/api/secrets/settings', s.admin, { sensitiveCategories: true })).statusCode,
    ).toBe(200)
    const noConsent = await call('POST', url, s.sales, body)
    expect(noConsent.statusCode).toBe(422)
    expect(noConsent.json().error.details.consent).toBe('missing')
    expect(
      (
        await call('PUT', `/api/customers/${s.customer.id}/consent`, s.sales, {
          consented: true,
          note: 'Signed form',
        })
      ).statusCode,
    ).toBe(200)
    expect((await call('POST', url, s.sales, body)).statusCode).toBe(201)
    expect(await auditActions(s.admin)).toEqual(
      expect.arrayContaining(['customer.consent_recorded', 'workspace.settings_changed']),
    )
  })

  it('orders the next questions: empty categories first, then stale, rotating by round', async () => {
    const s = await setup('next')
    const url = `/api/customers/${s.customer.id}`
    const first = (await call('GET', `${url}/next-questions?personId=${s.person.id}&limit=2`, s.sales)).json()
    expect(first.about).toBe('person')
    expect(first.questions.map((q: any) => q.category)).toEqual(['habit', 'bias'])
    expect(first.questions.every((q: any) => q.state === 'empty')).toBe(true)
    await call('POST', `${url}/secrets`, s.sales, {
      personId: s.person.id,
      category: 'habit',
      text: 'Swims at 6 every morning',
    })
    const second = (
      await call('GET', `${url}/next-questions?personId=${s.person.id}&limit=2&round=1`, s.sales)
    ).json()
    expect(second.questions.map((q: any) => q.category)).toEqual(['bias', 'dream'])
    expect(second.questions[0].text).not.toBe(first.questions[1].text)
    // half a year later the habit is stale and comes before known categories, after empty ones
    t.clock.advance(200 * 24 * 3600 * 1000)
    const later = (
      await call('GET', `${url}/next-questions?personId=${s.person.id}&limit=20`, s.sales)
    ).json()
    const states = later.questions.map((q: any) => q.state)
    expect(states.at(-1)).toBe('stale')
    // the organisation itself is asked organisation questions
    const org = (await call('GET', `${url}/next-questions`, s.sales)).json()
    expect(org.about).toBe('organisation')
    expect(org.questions[0].category).toBe('inventory_problems')
  })

  it('suggests a category from the words', async () => {
    const s = await setup('suggest')
    const q = (text: string) =>
      call('GET', `/api/secrets/suggest-category?text=${encodeURIComponent(text)}`, s.sales).then(
        (r) => r.json().category,
      )
    expect(await q('Her daughter graduates from school in June')).toBe('family_priority')
    expect(await q('He is afraid the new warehouse will not be ready')).toBe('fear')
    expect(await q('zzz')).toBeNull()
    // from what the words mean, into the finer kinds of a lifestyle choice, with how sure it is
    expect(await q('Dotes on her spaniel')).toBe('pets_animals')
    expect(await q('Their favorite food is Mexican food.')).toBe('food_drink')
    const r = (
      await call(
        'GET',
        `/api/secrets/suggest-category?text=${encodeURIComponent('Dotes on her spaniel')}`,
        s.sales,
      )
    ).json()
    expect(r.confidence).toBeGreaterThan(0.5)
    expect(r.because).toContain('spaniel')
  })

  it('keeps engagements and links the secrets heard in them', async () => {
    const s = await setup('engage')
    const url = `/api/customers/${s.customer.id}/engagements`
    const e = await call('POST', url, s.sales, {
      channel: 'visit',
      summary: 'Quarterly review',
      personIds: [s.person.id],
    })
    expect(e.statusCode).toBe(201)
    const sec = await call('POST', `/api/customers/${s.customer.id}/secrets`, s.sales, {
      personId: s.person.id,
      category: 'dream',
      text: 'Wants to walk the Camino de Santiago',
      engagementId: e.json().id,
    })
    expect(sec.json().engagementId).toBe(e.json().id)
    const list = (await call('GET', url, s.marketing)).json().engagements
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ channel: 'visit', secretCount: 1, createdByName: 'sam' })
    expect((await call('POST', url, s.sales, { channel: 'visit', personIds: ['nobody'] })).statusCode).toBe(
      404,
    )
    expect((await call('POST', url, s.sales, { channel: 'pigeon' })).statusCode).toBe(422)
  })

  it('lets admins edit the question bank and add categories; others may not', async () => {
    const s = await setup('bank')
    const bank = (await call('GET', '/api/questions', s.sales)).json().questions
    expect(bank.length).toBeGreaterThan(40)
    expect(
      (
        await call('POST', '/api/questions', s.sales, {
          category: 'habit',
          text: 'What do you do first on Mondays?',
        })
      ).statusCode,
    ).toBe(403)
    const added = await call('POST', '/api/questions', s.admin, {
      category: 'habit',
      text: 'What do you do first on Mondays?',
    })
    expect(added.statusCode).toBe(201)
    expect((await call('GET', '/api/questions', s.sales)).json().questions).toHaveLength(bank.length + 1)
    const cat = await call('POST', '/api/secret-categories', s.admin, {
      label: 'Favourite wine',
      scope: 'person',
      cues: ['wine'],
    })
    expect(cat.json()).toMatchObject({ key: 'favourite_wine', builtin: false })
    expect(
      (await call('POST', '/api/secret-categories', s.admin, { label: 'Favourite wine' })).statusCode,
    ).toBe(409)
    const rec = await call('POST', `/api/customers/${s.customer.id}/secrets`, s.sales, {
      personId: s.person.id,
      category: 'favourite_wine',
      text: 'Chablis',
    })
    expect(rec.json().categoryLabel).toBe('Favourite wine')
    expect((await call('DELETE', '/api/secret-categories/favourite_wine', s.admin)).statusCode).toBe(409)
    expect((await call('DELETE', '/api/secret-categories/habit', s.admin)).statusCode).toBe(422)
  })
})
