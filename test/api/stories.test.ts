import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { can, ROLES } from '../../src/domain/workspaces/roles.ts'
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
const HOUR = 3_600_000
const SECRET = 'Grace collects Burgundy from the 2015 vintage'

const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const service = await t.member(admin, `sue@${tag}.test`, 'service')
  const service2 = await t.member(admin, `sid@${tag}.test`, 'service')
  const leader = await t.member(admin, `lee@${tag}.test`, 'leader')
  const sales = await t.member(admin, `sam@${tag}.test`, 'sales')
  const marketing = await t.member(admin, `mo@${tag}.test`, 'marketing')
  const customer = (
    await call('POST', '/api/customers', admin, { name: 'Harbour Wines', kind: 'organisation' })
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
      text: SECRET,
      certainty: 'heard',
    })
  ).json()
  return { admin, service, service2, leader, sales, marketing, workspace, customer, person, secret }
}
type Setup = Awaited<ReturnType<typeof setup>>

/** An OOPS! owned by the service rep: fixed in 3 h, surprised from the secret, closed, answered "blown away". */
const closedRecovery = async (s: Setup, tag: string) => {
  const o = (
    await call('POST', '/api/oops', s.service, {
      customerId: s.customer.id,
      personId: s.person.id,
      type: 'late_delivery',
      description: 'The Christmas order arrived three days late',
      severity: 'high',
    })
  ).json()
  const step = (body: Record<string, unknown>) => call('POST', `/api/oops/${o.id}/steps`, s.service, body)
  await step({ kind: 'first_contact', channel: 'phone', message: 'I am on it.', npsBefore: 4 })
  t.clock.advance(3 * HOUR)
  await call('POST', `/api/oops/${o.id}/fix`, s.service, { note: `Re-sent by courier (${tag})` })
  await call('POST', `/api/oops/${o.id}/surprise`, s.service, {
    custom: { title: 'A bottle of 2015 Burgundy, hand-delivered', cost: 25, kind: 'gift' },
    secretIds: [s.secret.id],
  })
  const closed = (
    await step({ kind: 'final_resolution', channel: 'phone', message: 'All put right.' })
  ).json()
  expect(closed.status).toBe('closed')
  const token = String(closed.feedbackLink).split('/feedback/')[1]!
  await t.app.inject({
    method: 'POST',
    url: `/api/feedback/${token}`,
    payload: { wow: 5, fixed: true, nps: 9, comment: 'I did not expect you to remember that.' },
  })
  return o.id as string
}

const storiesIn = async (workspaceId: string) =>
  (
    await sql<{
      n: number
    }>`select count(*)::int as n from recovery_story where workspace_id = ${workspaceId}`.execute(
      t.database.raw,
    )
  ).rows[0]!.n

describe('recovery stories', () => {
  it('the leader publishes a closed recovery’s story from Dazzle’s draft; it tops the feed and is audited without text', async () => {
    const s = await setup('publish')
    const oopsId = await closedRecovery(s, 'publish')
    const draft = await call('GET', `/api/oops/${oopsId}/story-draft`, s.leader)
    expect(draft.statusCode).toBe(200)
    const d = draft.json()
    expect(d.title).toBe('How we blew Harbour Wines away after a late delivery')
    expect(d.body).toContain(
      'What went wrong for Harbour Wines:\n“The Christmas order arrived three days late”',
    )
    expect(d.body).toContain(
      'sue took it on and had it fixed 3 hours after it was reported — well inside the 24-hour window.',
    )
    expect(d.body).toContain('Then the surprise:\n“A bottle of 2015 Burgundy, hand-delivered”')
    expect(d.body).toContain('“You blew me away!”')
    expect(d.body).toContain('“I did not expect you to remember that.”')
    expect(d.body).not.toContain(SECRET)
    expect(d.secretNote).toBe(`The secret behind the surprise: “${SECRET}”`)
    expect(d.alreadyTold).toBeNull()

    const published = await call('POST', '/api/stories', s.leader, {
      oopsId,
      title: d.title,
      body: `${d.body}\n\nWell done, Sue.`,
      secretNote: d.secretNote,
      privacy: 'named',
    })
    expect(published.statusCode).toBe(201)
    const story = published.json()
    expect(story).toMatchObject({
      oopsId,
      privacy: 'named',
      customer: { shown: 'Harbour Wines', id: s.customer.id },
      outcome: 'dazzling',
      author: { name: 'lee' },
      reactions: { applause: 0, heart: 0, party: 0 },
    })
    const feed = (await call('GET', '/api/stories', s.service)).json()
    expect(feed.stories.map((x: any) => x.id)).toEqual([story.id])
    expect(feed.stories[0].body).toContain('Well done, Sue.')
    expect((await call('GET', `/api/oops/${oopsId}/story-draft`, s.leader)).json().alreadyTold).toBe(story.id)

    const audit = (await call('GET', '/api/workspace/audit?limit=100', s.admin)).json().events as any[]
    const event = audit.find((e) => e.action === 'story.published')
    expect(event).toMatchObject({ targetId: story.id, details: { oopsId, privacy: 'named' } })
    expect(JSON.stringify(audit)).not.toContain('Burgundy')
  })

  it('takes a story down with its customer when the customer is erased', async () => {
    const s = await setup('erase')
    const oopsId = await closedRecovery(s, 'erase')
    const d = (await call('GET', `/api/oops/${oopsId}/story-draft`, s.leader)).json()
    const published = await call('POST', '/api/stories', s.leader, {
      oopsId,
      title: d.title,
      body: d.body,
      privacy: 'named',
    })
    expect(published.statusCode).toBe(201)
    const erased = await call('POST', `/api/customers/${s.customer.id}/erase`, s.admin, {
      confirm: 'Harbour Wines',
    })
    expect(erased.statusCode, erased.body).toBe(200)
    const feed = (await call('GET', '/api/stories', s.leader)).json()
    expect(feed.stories).toEqual([])
    expect(JSON.stringify(feed)).not.toContain('Harbour Wines')
  })

  it('refuses an open recovery, another workspace’s recovery, a colleague who does not own it, empty or oversized text — storing nothing', async () => {
    const s = await setup('bad')
    const oopsId = await closedRecovery(s, 'bad')
    const open = (
      await call('POST', '/api/oops', s.service, {
        customerId: s.customer.id,
        type: 'billing_mistake',
        description: 'Charged twice',
      })
    ).json()
    const other = await t.admin('eve@bad-elsewhere.test', 'Elsewhere')
    const good = { oopsId, title: 'A good story', body: 'We put it right.', privacy: 'named' }
    const cases: [string, Record<string, unknown>, number, string, string][] = [
      [s.leader, { ...good, oopsId: open.id }, 409, 'oops_not_closed', 'still open'],
      [other.cookie, good, 404, 'oops_not_found', 'No such OOPS!'],
      [s.service2, good, 403, 'forbidden', 'owner or a leader'],
      [s.marketing, good, 403, 'forbidden', ''],
      [s.leader, { ...good, body: '   ' }, 422, 'validation_failed', 'needs some words'],
      [s.leader, { ...good, title: '' }, 422, 'validation_failed', 'needs a title'],
      [s.leader, { ...good, body: 'x'.repeat(6001) }, 422, 'validation_failed', '6,000 characters'],
      [s.leader, { ...good, title: 'x'.repeat(141) }, 422, 'validation_failed', '140 characters'],
      [s.leader, { ...good, secretNote: 'x'.repeat(1001) }, 422, 'validation_failed', '1,000 characters'],
      [s.leader, { ...good, privacy: 'public' }, 422, 'validation_failed', ''],
      [s.leader, { ...good, privacy: 'anonymised' }, 422, 'invalid_input', 'describe the customer'],
      [
        s.leader,
        {
          ...good,
          privacy: 'anonymised',
          customerLabel: 'a customer in Leeds',
          body: 'Grace Lee was thrilled.',
        },
        422,
        'invalid_input',
        'names “Grace Lee”',
      ],
    ]
    for (const [who, body, status, code, words] of cases) {
      const r = await call('POST', '/api/stories', who, body)
      expect(r.statusCode, JSON.stringify(body).slice(0, 120)).toBe(status)
      expect(r.json().error.code).toBe(code)
      expect(r.json().error.message).toContain(words)
    }
    expect((await call('GET', `/api/oops/${open.id}/story-draft`, s.leader)).statusCode).toBe(409)
    expect((await call('GET', `/api/oops/${oopsId}/story-draft`, other.cookie)).statusCode).toBe(404)
    expect(await storiesIn(s.workspace.id)).toBe(0)
    // the owner may tell it, once
    expect((await call('POST', '/api/stories', s.service, good)).statusCode).toBe(201)
    const twice = await call('POST', '/api/stories', s.leader, good)
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.code).toBe('story_exists')
    expect(await storiesIn(s.workspace.id)).toBe(1)
  })

  it('an anonymised story names the customer nowhere, and the secret goes only to roles that may read secrets', async () => {
    const s = await setup('privacy')
    const oopsId = await closedRecovery(s, 'privacy')
    const d = (await call('GET', `/api/oops/${oopsId}/story-draft?privacy=anonymised`, s.leader)).json()
    expect(d.customerLabel).toBe('a business customer')
    expect(`${d.title}\n${d.body}`).not.toMatch(/Harbour Wines|Grace Lee/)
    const story = (
      await call('POST', '/api/stories', s.leader, {
        oopsId,
        title: d.title,
        body: d.body,
        secretNote: d.secretNote,
        privacy: 'anonymised',
        customerLabel: 'a long-standing wine merchant in Leeds',
      })
    ).json()
    expect(story.customer).toEqual({ shown: 'a long-standing wine merchant in Leeds', id: null })
    const readers = {
      admin: s.admin,
      leader: s.leader,
      sales: s.sales,
      service: s.service,
      marketing: s.marketing,
    }
    for (const role of ROLES) {
      const feed = await call('GET', '/api/stories', readers[role])
      const text = feed.body
      expect(text, role).not.toContain('Harbour Wines')
      expect(text, role).not.toContain('Grace Lee')
      expect(text, role).not.toContain(s.customer.id)
      const mayRead = can({ userId: '', label: '', role }, 'secrets.read')
      expect(text.includes(SECRET), role).toBe(mayRead)
      expect(feed.json().stories[0].secretHidden, role).toBe(!mayRead)
    }
    // switching to named is allowed; naming the customer while anonymised is not
    const named = await call('PATCH', `/api/stories/${story.id}`, s.service, {
      body: 'Harbour Wines were thrilled.',
    })
    expect(named.statusCode).toBe(422)
    expect(named.json().error.message).toContain('names “Harbour Wines”')
    const ok = await call('PATCH', `/api/stories/${story.id}`, s.service, {
      privacy: 'named',
      body: 'Harbour Wines were thrilled.',
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({
      customer: { shown: 'Harbour Wines', id: s.customer.id },
      body: 'Harbour Wines were thrilled.',
    })
    expect(ok.json().editedAt).not.toBeNull()
  })

  it('one reaction per member per kind, toggled; edits and deletes by the author, owner or a leader, audited', async () => {
    const s = await setup('react')
    const oopsId = await closedRecovery(s, 'react')
    const story = (
      await call('POST', '/api/stories', s.service, {
        oopsId,
        title: 'Sue did it',
        body: 'Put right in 3 hours.',
        privacy: 'named',
      })
    ).json()
    const react = (who: string, kind: string, method = 'PUT') =>
      call(method, `/api/stories/${story.id}/reactions/${kind}`, who)
    expect((await react(s.sales, 'applause')).statusCode).toBe(200)
    expect((await react(s.sales, 'applause')).json().reactions.applause).toBe(1)
    await react(s.marketing, 'applause')
    const hearts = (await react(s.marketing, 'heart')).json()
    expect(hearts.reactions).toEqual({ applause: 2, heart: 1, party: 0 })
    expect(hearts.mine).toEqual(['applause', 'heart'])
    expect((await react(s.marketing, 'applause', 'DELETE')).json().reactions.applause).toBe(1)
    expect((await react(s.sales, 'thumbs')).statusCode).toBe(422)
    expect((await call('PUT', `/api/stories/nope/reactions/heart`, s.sales)).statusCode).toBe(404)
    const mine = (await call('GET', '/api/stories', s.sales)).json().stories[0]
    expect(mine.mine).toEqual(['applause'])

    expect((await call('PATCH', `/api/stories/${story.id}`, s.service2, { title: 'Mine' })).statusCode).toBe(
      403,
    )
    expect((await call('PATCH', `/api/stories/${story.id}`, s.leader, {})).statusCode).toBe(422)
    expect(
      (
        await call('PATCH', `/api/stories/${story.id}`, s.leader, { title: 'Three hours, start to finish' })
      ).json().title,
    ).toBe('Three hours, start to finish')
    expect((await call('DELETE', `/api/stories/${story.id}`, s.sales)).statusCode).toBe(403)
    expect((await call('DELETE', `/api/stories/${story.id}`, s.service)).statusCode).toBe(200)
    expect((await call('GET', '/api/stories', s.sales)).json().stories).toEqual([])
    const reactions = await sql<{
      n: number
    }>`select count(*)::int as n from story_reaction where story_id = ${story.id}`.execute(t.database.raw)
    expect(reactions.rows[0]!.n).toBe(0)
    const actions = ((await call('GET', '/api/workspace/audit?limit=100', s.admin)).json().events as any[])
      .map((e) => e.action)
      .filter((a: string) => a.startsWith('story.'))
    expect(actions.sort()).toEqual(['story.deleted', 'story.edited', 'story.published'])
  })

  it('the weekly digest emails every member the new stories on Monday, once, without the secret', async () => {
    const s = await setup('digest')
    const oopsId = await closedRecovery(s, 'digest')
    const d = (await call('GET', `/api/oops/${oopsId}/story-draft?privacy=anonymised`, s.leader)).json()
    const { alreadyTold: _, ...drafted } = d
    expect((await call('POST', '/api/stories', s.leader, { oopsId, ...drafted })).statusCode).toBe(201)
    const before = t.mailer.sent.length
    t.clock.advance(8 * 24 * HOUR)
    await t.jobs.runDueJobs()
    const digests = t.mailer.sent
      .slice(before)
      .filter((m) => m.to.endsWith('@digest.test') && m.subject.startsWith('A new recovery story'))
    expect(digests.map((m) => m.to).sort()).toEqual(
      ['ada', 'lee', 'mo', 'sam', 'sid', 'sue'].map((n) => `${n}@digest.test`),
    )
    const text = digests[0]!.text
    expect(text).toContain(d.title)
    expect(text).toContain('/w/digest-co/stories')
    expect(text).not.toContain('Burgundy from the 2015')
    expect(text).not.toContain('Harbour Wines')
    const n = t.mailer.sent.length
    t.clock.advance(8 * 24 * HOUR)
    await t.jobs.runDueJobs()
    expect(t.mailer.sent.slice(n).filter((m) => m.to.endsWith('@digest.test'))).toEqual([])
  })
})
