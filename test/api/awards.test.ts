import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const call = (method: string, url: string, cookie: string | null, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(cookie ? { cookie } : {}), ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })
const HOUR = 3_600_000

const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const leader = await t.member(admin, `lee@${tag}.test`, 'leader')
  const sales = await t.member(admin, `sam@${tag}.test`, 'sales')
  const service = await t.member(admin, `sue@${tag}.test`, 'service')
  const marketing = await t.member(admin, `mia@${tag}.test`, 'marketing')
  const members = (await call('GET', '/api/workspace/members', admin)).json().members as {
    userId: string
    email: string
  }[]
  const idOf = (who: string) => members.find((m) => m.email === `${who}@${tag}.test`)!.userId
  const customer = (
    await call('POST', '/api/customers', admin, {
      name: `${tag} Wines`,
      kind: 'organisation',
      ownerUserId: idOf('sam'),
    })
  ).json()
  const person = (
    await call('POST', `/api/customers/${customer.id}/people`, admin, {
      name: 'Grace Lee',
      email: `grace@${tag}.test`,
    })
  ).json()
  const secret = (
    await call('POST', `/api/customers/${customer.id}/secrets`, sales, {
      personId: person.id,
      category: 'lifestyle_choice',
      text: `Restores a 1962 wooden sailing boat (${tag})`,
      certainty: 'heard',
    })
  ).json()
  return { admin, leader, sales, service, marketing, workspace, customer, person, secret, idOf }
}

const month = () => t.clock.now().toISOString().slice(0, 7)
const awards = async (cookie: string, query = '') => (await call('GET', `/api/awards${query}`, cookie)).json()
const audit = async (cookie: string) =>
  (await call('GET', '/api/workspace/audit?limit=100', cookie)).json().events as {
    action: string
    details: Record<string, unknown>
  }[]

describe('secret agent of the month', () => {
  it('a colleague nominates a secret, the leader decides, the recorder is told and the award is posted', async () => {
    const s = await setup('agent')
    const nom = await call('POST', '/api/awards/nominations', s.service, {
      secretId: s.secret.id,
      reason: 'Now we know what to send after the next late delivery',
    })
    expect(nom.statusCode).toBe(201)
    expect(nom.json()).toMatchObject({ period: month(), secretId: s.secret.id })
    t.clock.advance(60_000)
    expect(
      (
        await call('POST', '/api/awards/nominations', s.marketing, {
          secretId: s.secret.id,
          reason: 'A boat!',
        })
      ).statusCode,
    ).toBe(201)

    const cand = await call('GET', `/api/awards/candidates?kind=secret_agent&period=${month()}`, s.marketing)
    expect(cand.statusCode).toBe(200)
    expect(cand.json()).toMatchObject({
      kind: 'secret_agent',
      decided: null,
      candidates: [
        {
          rank: 1,
          winner: { userId: s.idOf('sam'), name: 'sam' },
          secret: { id: s.secret.id, text: s.secret.text, customerName: 'agent Wines' },
          figures: { nominations: 2 },
        },
      ],
    })
    expect(cand.json().candidates[0].nominations.map((n: any) => n.by.name)).toEqual(['sue', 'mia'])

    const decided = await call('POST', '/api/awards', s.leader, {
      kind: 'secret_agent',
      period: month(),
      secretId: s.secret.id,
      reason: 'The coolest secret of the month',
    })
    expect(decided.statusCode).toBe(201)
    expect(decided.json()).toMatchObject({
      kind: 'secret_agent',
      kindLabel: 'Secret agent of the month',
      winner: { name: 'sam' },
      reason: 'The coolest secret of the month',
      figures: { nominations: 2 },
      decidedBy: { name: 'lee' },
    })

    const list = await awards(s.marketing)
    expect(list.awards).toHaveLength(1)
    expect(list.awards[0].secret).toMatchObject({ text: s.secret.text, customerName: 'agent Wines' })
    expect(list.current.month).toBe(month())
    expect((await awards(s.marketing, `?userId=${s.idOf('sam')}`)).awards).toHaveLength(1)
    expect((await awards(s.marketing, `?userId=${s.idOf('sue')}`)).awards).toHaveLength(0)

    const bell = (await call('GET', '/api/notifications', s.sales)).json().notifications as any[]
    expect(bell[0]).toMatchObject({ kind: 'award.won', body: 'The coolest secret of the month' })
    expect(bell[0].title).toMatch(/^You are secret agent of the month/)

    const events = await audit(s.admin)
    const decidedEvent = events.find((e) => e.action === 'award.decided')
    expect(decidedEvent?.details).toMatchObject({ kind: 'secret_agent', winnerUserId: s.idOf('sam') })
    expect(events.filter((e) => e.action === 'award.nominated')).toHaveLength(2)
    expect(events.some((e) => e.action === 'awards.read')).toBe(true)
    // the trail says who read how many, never the words
    expect(JSON.stringify(events)).not.toContain('wooden sailing boat')
  })

  it('refuses bad nominations and decisions with a clear 4xx and stores nothing', async () => {
    const s = await setup('bad')
    const other = await setup('bad-other')
    const nominate = (cookie: string, body: unknown) => call('POST', '/api/awards/nominations', cookie, body)
    // your own secret
    const own = await nominate(s.sales, { secretId: s.secret.id, reason: 'mine is cool' })
    expect(own.statusCode).toBe(422)
    expect(own.json().error.code).toBe('nomination_own_secret')
    // another workspace's secret
    expect((await nominate(s.service, { secretId: other.secret.id, reason: 'x' })).statusCode).toBe(404)
    // no reason, unknown fields
    expect((await nominate(s.service, { secretId: s.secret.id, reason: '  ' })).statusCode).toBe(422)
    // the month is the one now running: a nomination cannot be backdated
    const backdated = await nominate(s.service, { secretId: s.secret.id, reason: 'x', period: '2020-01' })
    expect(backdated.json().error.code).toBe('validation_failed')
    expect((await nominate(s.service, { secretId: s.secret.id, reason: 'cool' })).statusCode).toBe(201)
    const twice = await nominate(s.service, { secretId: s.secret.id, reason: 'still cool' })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.code).toBe('nomination_taken')

    const decide = (cookie: string, body: Record<string, unknown>) =>
      call('POST', '/api/awards', cookie, { kind: 'secret_agent', period: month(), ...body })
    // a non-leader
    const notLeader = await decide(s.service, { secretId: s.secret.id })
    expect(notLeader.statusCode).toBe(403)
    expect(notLeader.json().error.message).toMatch(/ask a leader/)
    // another workspace's secret, a member of another workspace
    expect((await decide(s.leader, { secretId: other.secret.id })).statusCode).toBe(404)
    const stranger = await call('POST', '/api/awards', s.leader, {
      kind: 'recovery_hero',
      period: month(),
      userId: other.idOf('sue'),
    })
    expect(stranger.statusCode).toBe(404)
    expect(stranger.json().error.code).toBe('member_not_found')
    // a secret nobody nominated
    const unnominated = (
      await call('POST', `/api/customers/${s.customer.id}/secrets`, s.sales, {
        personId: s.person.id,
        category: 'dream',
        text: 'Wants to sail to Norway',
        certainty: 'heard',
      })
    ).json()
    expect((await decide(s.leader, { secretId: unnominated.id })).json().error.code).toBe(
      'award_not_candidate',
    )
    // a malformed or future period, an unknown kind
    expect((await decide(s.leader, { secretId: s.secret.id, period: '2026-13' })).statusCode).toBe(422)
    expect((await decide(s.leader, { secretId: s.secret.id, period: '2999-01' })).statusCode).toBe(422)
    expect((await decide(s.leader, { secretId: s.secret.id, kind: 'best_hair' })).statusCode).toBe(422)
    expect((await awards(s.admin)).awards).toHaveLength(0)
    expect((await call('GET', '/api/notifications', s.sales)).json().notifications).toHaveLength(0)

    expect((await decide(s.leader, { secretId: s.secret.id })).statusCode).toBe(201)
    const again = await decide(s.admin, { secretId: s.secret.id })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('award_taken')
    // nominations for a decided month are closed
    expect((await nominate(s.marketing, { secretId: s.secret.id, reason: 'late' })).statusCode).toBe(409)
    expect((await awards(s.admin)).awards).toHaveLength(1)
    // nothing leaks across workspaces
    expect((await awards(other.admin)).awards).toHaveLength(0)
    const otherCand = await call(
      'GET',
      `/api/awards/candidates?kind=secret_agent&period=${month()}`,
      other.admin,
    )
    expect(otherCand.json().candidates).toHaveLength(0)
  })

  it('keeps the award but drops the secret once its customer is erased', async () => {
    const s = await setup('erase')
    await call('POST', '/api/awards/nominations', s.service, { secretId: s.secret.id, reason: 'cool' })
    await call('POST', '/api/awards', s.leader, {
      kind: 'secret_agent',
      period: month(),
      secretId: s.secret.id,
      reason: `Knew ${s.customer.name} dreams of a wooden sailing boat`,
    })
    const erased = await call('POST', `/api/customers/${s.customer.id}/erase`, s.admin, {
      confirm: s.customer.name,
    })
    expect(erased.statusCode).toBeLessThan(300)
    const [a] = (await awards(s.marketing)).awards
    expect(a).toMatchObject({ winner: { name: 'sam' }, secret: null })
    expect(JSON.stringify(a)).not.toContain('wooden sailing boat')
    expect(JSON.stringify(a)).not.toContain(s.customer.name)
  })
})

describe('recovery hero and recovery addict', () => {
  it('computes the candidates with their figures, and a leader confirms one of them', async () => {
    const s = await setup('hero')
    const open = async () =>
      (
        await call('POST', '/api/oops', s.service, {
          customerId: s.customer.id,
          personId: s.person.id,
          type: 'late_delivery',
          description: 'The Christmas order arrived three days late',
          severity: 'high',
          letDownAt: new Date(t.clock.now().getTime() - HOUR).toISOString(),
        })
      ).json()
    const dazzling = await open()
    await call('POST', `/api/oops/${dazzling.id}/fix`, s.service, { note: 'Re-sent by courier' })
    const sur = await call('POST', `/api/oops/${dazzling.id}/surprise`, s.service, {
      custom: { title: 'A sailing-knot book', cost: 20, kind: 'gift' },
      secretIds: [s.secret.id],
    })
    expect(sur.statusCode).toBe(200)
    const handed = await open()
    expect(
      (
        await call('POST', `/api/oops/${handed.id}/hand-over`, s.service, {
          toUserId: s.idOf('lee'),
          reason: 'Lee knows the customer',
        })
      ).statusCode,
    ).toBe(200)

    const hero = (
      await call('GET', `/api/awards/candidates?kind=recovery_hero&period=${month()}`, s.sales)
    ).json()
    expect(hero.candidates).toHaveLength(1)
    expect(hero.candidates[0]).toMatchObject({
      rank: 1,
      winner: { name: 'sue' },
      figures: { dazzling: 1, decided: 1, dazzlingShare: 1 },
    })
    expect(hero.candidates[0].secret).toBeNull()

    const addict = (
      await call('GET', `/api/awards/candidates?kind=recovery_addict&period=${month()}`, s.sales)
    ).json()
    const byName = Object.fromEntries(addict.candidates.map((c: any) => [c.winner.name, c.figures]))
    expect(byName.sue).toEqual({ finished: 1, takenOn: 2, handoversTaken: 0 })
    expect(byName.lee).toEqual({ finished: 0, takenOn: 1, handoversTaken: 1 })
    expect(addict.candidates[0].winner.name).toBe('sue')

    const notCandidate = await call('POST', '/api/awards', s.leader, {
      kind: 'recovery_hero',
      period: month(),
      userId: s.idOf('mia'),
    })
    expect(notCandidate.statusCode).toBe(422)
    const ok = await call('POST', '/api/awards', s.leader, {
      kind: 'recovery_hero',
      period: month(),
      userId: s.idOf('sue'),
    })
    expect(ok.statusCode).toBe(201)
    expect(ok.json()).toMatchObject({ winner: { name: 'sue' }, figures: { dazzling: 1 } })
    expect(ok.json().reason).toMatch(/^1 dazzling recovery of 1 \(100 %\)/)
    const decided = (
      await call('GET', `/api/awards/candidates?kind=recovery_hero&period=${month()}`, s.sales)
    ).json()
    expect(decided.decided).toMatchObject({ winner: { name: 'sue' } })

    // the manual whose secret was behind the surprise, read by a colleague, is a candidate of the year
    expect((await call('GET', `/api/customers/${s.customer.id}/manual`, s.service)).statusCode).toBe(200)
    const year = month().slice(0, 4)
    const manual = (
      await call('GET', `/api/awards/candidates?kind=secrets_manual&period=${year}`, s.leader)
    ).json()
    expect(manual.candidates[0]).toMatchObject({
      winner: { name: 'sam' },
      customer: { id: s.customer.id, name: 'hero Wines' },
      figures: { activeSecrets: 1, readers: 1, usedInRecoveries: 1, freshShare: 1 },
    })
    expect(manual.candidates[0].figures.score).toBeGreaterThan(0)
    const other = await setup('hero-other')
    expect(
      (
        await call('POST', '/api/awards', s.leader, {
          kind: 'secrets_manual',
          period: year,
          customerId: other.customer.id,
        })
      ).statusCode,
    ).toBe(404)
    expect(
      (await call('POST', '/api/awards', s.leader, { kind: 'secrets_manual', period: month() })).statusCode,
    ).toBe(422)
    const won = await call('POST', '/api/awards', s.leader, {
      kind: 'secrets_manual',
      period: year,
      customerId: s.customer.id,
    })
    expect(won.statusCode).toBe(201)
    expect(won.json()).toMatchObject({
      kind: 'secrets_manual',
      periodLabel: year,
      customer: { name: 'hero Wines' },
    })
  })
})

describe('the API contract', () => {
  it('documents the awards paths in the OpenAPI document', async () => {
    const doc = (await call('GET', '/api/openapi.json', null)).json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/awards', '/api/awards/candidates', '/api/awards/nominations']),
    )
    expect(doc.paths['/api/awards'].post).toBeDefined()
  })
})
