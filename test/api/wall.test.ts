import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WALL_STREAMS_PER_LINK } from '../../src/domain/wall/wall-link.ts'
import { openSse, type SseStream } from '../support/sse-client.ts'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
let base: string
const open: SseStream[] = []
beforeAll(async () => {
  t = await buildTestApp()
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
})
afterAll(async () => {
  for (const s of open) s.close()
  await t.close()
})

const call = (method: string, url: string, cookie: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })
/** a wall is opened by whoever stands at the TV: no cookie, no token header */
const wall = (token: string) => t.app.inject({ method: 'GET', url: `/api/wall/${token}` })
const HOUR = 3_600_000
const SECRET = 'Grace collects Burgundy from the 2015 vintage'
const month = () => t.clock.now().toISOString().slice(0, 7)

const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const service = await t.member(admin, `sue@${tag}.test`, 'service')
  const leader = await t.member(admin, `lee@${tag}.test`, 'leader')
  const sales = await t.member(admin, `sam@${tag}.test`, 'sales')
  const customer = (
    await call('POST', '/api/customers', admin, { name: `${tag} Wines`, kind: 'organisation' })
  ).json()
  const person = (
    await call('POST', `/api/customers/${customer.id}/people`, admin, { name: 'Grace Lee' })
  ).json()
  const secret = (
    await call('POST', `/api/customers/${customer.id}/secrets`, sales, {
      personId: person.id,
      category: 'lifestyle_choice',
      text: SECRET,
      certainty: 'heard',
    })
  ).json()
  return { admin, service, leader, sales, workspace, customer, person, secret }
}
type Setup = Awaited<ReturnType<typeof setup>>

const createLink = async (cookie: string, body: Record<string, unknown> = { name: 'Office TV' }) => {
  const r = await call('POST', '/api/workspace/wall-links', cookie, body)
  expect(r.statusCode, r.body).toBe(201)
  return r.json() as { link: { id: string; name: string; token: null }; token: string }
}

/** an OOPS! the service rep fixes and surprises inside the window, then closes */
const dazzlingRecovery = async (s: Setup) => {
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
  await step({ kind: 'first_contact', channel: 'phone', message: 'I am on it.' })
  t.clock.advance(2 * HOUR)
  await call('POST', `/api/oops/${o.id}/fix`, s.service, { note: 'Re-sent by courier' })
  await call('POST', `/api/oops/${o.id}/surprise`, s.service, {
    custom: { title: 'A bottle of 2015 Burgundy', cost: 25, kind: 'gift' },
    secretIds: [s.secret.id],
  })
  const closed = (
    await step({ kind: 'final_resolution', channel: 'phone', message: 'All put right.' })
  ).json()
  expect(closed.status).toBe('closed')
  return o.id as string
}

const publishStory = async (s: Setup, oopsId: string) => {
  const d = (await call('GET', `/api/oops/${oopsId}/story-draft`, s.leader)).json()
  const r = await call('POST', '/api/stories', s.leader, {
    oopsId,
    title: d.title,
    body: d.body,
    secretNote: d.secretNote,
    privacy: 'named',
  })
  expect(r.statusCode, r.body).toBe(201)
  return r.json() as { id: string; title: string }
}

describe('wall links', () => {
  it('an admin makes one; its token opens the figures without sign-in and is never shown again', async () => {
    const s = await setup('make')
    const { link, token } = await createLink(s.admin, { name: '  Office TV  ', expiresInDays: 30 })
    expect(link).toMatchObject({ name: 'Office TV', token: null, demo: false })
    expect(token).toMatch(/^wall_[A-Za-z0-9_-]{43}$/)

    const list = await call('GET', '/api/workspace/wall-links', s.admin)
    expect(list.statusCode).toBe(200)
    expect(list.json().links.map((l: any) => l.id)).toEqual([link.id])
    expect(list.body).not.toContain(token)
    const stored = await t.database.db.selectFrom('wallLink').selectAll().where('id', '=', link.id).execute()
    expect(JSON.stringify(stored)).not.toContain(token)

    const r = await wall(token)
    expect(r.statusCode, r.body).toBe(200)
    expect(r.headers['cache-control']).toBe('no-store')
    expect(r.json()).toMatchObject({
      workspaceName: 'make Co',
      linkName: 'Office TV',
      showsSecrets: false,
      figures: { oops: 0, open: 0, atRisk: 0, breached: 0, dazzlingShare: null },
      stories: [],
      awards: [],
    })
    expect(r.json().trend.length).toBeGreaterThan(10)

    const audit = await t.database.db
      .selectFrom('auditEvent')
      .select(['action', 'details'])
      .where('action', 'like', 'wall%')
      .where('workspaceId', '=', s.workspace.id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['wall_link.created'])
    expect(JSON.stringify(audit)).not.toContain(token)
  })

  it('is for admins only; bad input is refused and nothing is stored', async () => {
    const s = await setup('adminonly')
    for (const who of [s.leader, s.service, s.sales]) {
      expect((await call('POST', '/api/workspace/wall-links', who, { name: 'TV' })).statusCode).toBe(403)
      expect((await call('GET', '/api/workspace/wall-links', who)).statusCode).toBe(403)
      expect((await call('PUT', '/api/workspace/wall-settings', who, { showSecrets: true })).statusCode).toBe(
        403,
      )
    }
    for (const body of [{ name: '' }, { name: 'x'.repeat(81) }, { name: 'TV', expiresInDays: 0 }, {}]) {
      const r = await call('POST', '/api/workspace/wall-links', s.admin, body)
      expect(r.statusCode, JSON.stringify(body)).toBe(422)
      expect(r.json().error.message).toBeTruthy()
    }
    expect((await call('GET', '/api/workspace/wall-links', s.admin)).json().links).toEqual([])
    expect((await call('DELETE', '/api/workspace/wall-links/nope', s.admin)).statusCode).toBe(404)
  })

  it('a tampered, revoked or expired token answers 4xx with a clear message', async () => {
    const s = await setup('refuse')
    const { link, token } = await createLink(s.admin)
    const last = token.at(-1) === 'A' ? 'B' : 'A'
    for (const bad of [`${token.slice(0, -1)}${last}`, 'wall_short', `dzl_${token.slice(5)}`]) {
      const r = await wall(bad)
      expect(r.statusCode, bad).toBe(404)
      expect(r.json().error).toMatchObject({ code: 'wall_link_invalid' })
      expect(r.json().error.message).toMatch(/not valid/)
    }
    expect((await call('DELETE', `/api/workspace/wall-links/${link.id}`, s.admin)).statusCode).toBe(200)
    const revoked = await wall(token)
    expect(revoked.statusCode).toBe(401)
    expect(revoked.json().error).toMatchObject({ code: 'wall_link_revoked' })
    expect(revoked.json().error.message).toMatch(/revoked/)
    const stream = await openSse(`${base}/api/wall/${token}/stream`)
    expect(stream.status).toBe(401)

    const expiring = await createLink(s.admin, { name: 'Lobby', expiresInDays: 1 })
    expect((await wall(expiring.token)).statusCode).toBe(200)
    t.clock.advance(25 * HOUR)
    const expired = await wall(expiring.token)
    expect(expired.statusCode).toBe(401)
    expect(expired.json().error).toMatchObject({ code: 'wall_link_expired' })
    const list = (await call('GET', '/api/workspace/wall-links', s.admin)).json().links
    expect(list.find((l: any) => l.id === link.id).revokedAt).toBeTruthy()
  })

  it('answers only for its own workspace', async () => {
    const a = await setup('walla')
    const b = await setup('wallb')
    await dazzlingRecovery(a)
    const linkA = await createLink(a.admin)
    const linkB = await createLink(b.admin)
    expect((await wall(linkA.token)).json()).toMatchObject({
      workspaceName: 'walla Co',
      figures: { oops: 1 },
    })
    expect((await wall(linkB.token)).json()).toMatchObject({
      workspaceName: 'wallb Co',
      figures: { oops: 0 },
    })
    // b's admin neither sees nor revokes a's link
    const listB = (await call('GET', '/api/workspace/wall-links', b.admin)).json().links
    expect(listB.map((l: any) => l.id)).toEqual([linkB.link.id])
    expect((await call('DELETE', `/api/workspace/wall-links/${linkA.link.id}`, b.admin)).statusCode).toBe(404)
    expect((await wall(linkA.token)).statusCode).toBe(200)
  })

  it('keeps secret text off the wall unless the workspace allows it; when shown, the read is audited', async () => {
    const s = await setup('secrets')
    const oopsId = await dazzlingRecovery(s)
    await publishStory(s, oopsId)
    await call('POST', '/api/awards/nominations', s.service, { secretId: s.secret.id, reason: 'So cool' })
    const decided = await call('POST', '/api/awards', s.leader, {
      kind: 'secret_agent',
      period: month(),
      secretId: s.secret.id,
      reason: 'The coolest secret of the month',
    })
    expect(decided.statusCode, decided.body).toBe(201)
    const { token } = await createLink(s.admin)

    const hidden = await wall(token)
    expect(hidden.body).not.toContain('Burgundy from the 2015')
    expect(hidden.json().stories[0]).toMatchObject({ secretNote: null, secretHidden: true })
    expect(hidden.json().awards[0]).toMatchObject({
      kind: 'secret_agent',
      winnerName: 'sam',
      secretText: null,
      secretHidden: true,
      reason: 'The coolest secret of the month',
    })

    expect((await call('GET', '/api/workspace/wall-settings', s.admin)).json()).toEqual({
      showSecrets: false,
    })
    expect(
      (await call('PUT', '/api/workspace/wall-settings', s.admin, { showSecrets: true })).statusCode,
    ).toBe(200)
    const shown = (await wall(token)).json()
    expect(shown.showsSecrets).toBe(true)
    expect(shown.awards[0].secretText).toBe(SECRET)
    expect(shown.stories[0].secretNote).toContain(SECRET)
    const reads = await t.database.db
      .selectFrom('auditEvent')
      .select(['actorLabel', 'details'])
      .where('action', '=', 'wall.read')
      .where('workspaceId', '=', s.workspace.id)
      .execute()
    expect(reads).toEqual([{ actorLabel: 'wall link “Office TV”', details: { secretsShown: 2 } }])
  })
})

describe('the live wall', () => {
  it('sends the wall again when a recovery closes, a story is told or an award decided; revoking ends it', async () => {
    const s = await setup('live')
    const { link, token } = await createLink(s.admin)
    const stream = await openSse(`${base}/api/wall/${token}/stream`)
    open.push(stream)
    expect(stream.status).toBe(200)
    const first = JSON.parse((await stream.next((e) => e.event === 'wall')).data)
    expect(first.figures).toMatchObject({ dazzling: 0, open: 0 })

    const oopsId = await dazzlingRecovery(s)
    const afterClose = await stream.next(
      (e) =>
        e.event === 'wall' &&
        JSON.parse(e.data).figures.dazzling === 1 &&
        JSON.parse(e.data).figures.open === 0,
      8_000,
    )
    expect(JSON.parse(afterClose.data).figures.dazzlingShare).toBe(1)

    const story = await publishStory(s, oopsId)
    await stream.next((e) => e.event === 'wall' && JSON.parse(e.data).stories[0]?.id === story.id, 8_000)
    expect(stream.events.at(-1)!.data).not.toContain('Burgundy from the 2015')

    await call('POST', '/api/awards/nominations', s.service, { secretId: s.secret.id, reason: 'So cool' })
    await call('POST', '/api/awards', s.leader, {
      kind: 'secret_agent',
      period: month(),
      secretId: s.secret.id,
      reason: 'Best of the month',
    })
    await stream.next(
      (e) => e.event === 'wall' && JSON.parse(e.data).awards[0]?.reason === 'Best of the month',
      8_000,
    )

    expect((await call('DELETE', `/api/workspace/wall-links/${link.id}`, s.admin)).statusCode).toBe(200)
    const revoked = await stream.next((e) => e.event === 'revoked', 8_000)
    expect(JSON.parse(revoked.data).message).toMatch(/revoked/)
    await stream.ended
  })

  it('caps the open streams of one link', async () => {
    const s = await setup('cap')
    const { token } = await createLink(s.admin)
    const streams: SseStream[] = []
    for (let i = 0; i < WALL_STREAMS_PER_LINK; i++) {
      const st = await openSse(`${base}/api/wall/${token}/stream`)
      open.push(st)
      streams.push(st)
      expect(st.status).toBe(200)
      await st.next((e) => e.event === 'wall')
    }
    const refused = await fetch(`${base}/api/wall/${token}/stream`)
    expect(refused.status).toBe(429)
    expect(((await refused.json()) as any).error.code).toBe('wall_busy')
    // one screen off: another may come on
    streams[0]!.close()
    await new Promise((r) => setTimeout(r, 200))
    const again = await openSse(`${base}/api/wall/${token}/stream`)
    open.push(again)
    expect(again.status).toBe(200)
  })

  it('is in the OpenAPI document, without sign-in', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    expect(doc.paths['/api/wall/{token}'].get.security).toEqual([])
    expect(doc.paths['/api/wall/{token}/stream'].get).toBeTruthy()
    expect(Object.keys(doc.paths['/api/workspace/wall-links'])).toEqual(['get', 'post'])
    expect(doc.paths['/api/workspace/wall-links/{id}'].delete).toBeTruthy()
  })

  it('stores nothing about customers that erasure would have to clear', async () => {
    const cols = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'wall_link'`.execute(
      t.database.db,
    )
    expect(cols.rows.map((c) => c.column_name)).not.toContain('customer_id')
  })
})

describe.runIf(process.env.DAZZLE_TEST_DB === 'postgres')('the wall behind several instances', () => {
  let t2: TestApp
  let base2: string
  beforeAll(async () => {
    // a second instance on the same PostgreSQL database, as behind a load balancer
    t2 = await buildTestApp({ databaseUrl: t.databaseUrl!, clock: t.clock })
    await t2.app.listen({ port: 0, host: '127.0.0.1' })
    base2 = `http://127.0.0.1:${(t2.app.server.address() as AddressInfo).port}`
  })
  afterAll(() => t2.close())

  it('moves a wall served by one instance when a recovery closes through another, and ends it when revoked there', async () => {
    const s = await setup('instances')
    const { link, token } = await createLink(s.admin)
    const onB = await openSse(`${base2}/api/wall/${token}/stream`)
    open.push(onB)
    expect(onB.status).toBe(200)
    await onB.next((e) => e.event === 'wall')
    // everything below goes through instance A (t); the stream is held by instance B
    await dazzlingRecovery(s)
    await onB.next((e) => e.event === 'wall' && JSON.parse(e.data).figures.dazzling === 1, 10_000)
    expect((await call('DELETE', `/api/workspace/wall-links/${link.id}`, s.admin)).statusCode).toBe(200)
    await onB.next((e) => e.event === 'revoked', 10_000)
    await onB.ended
    expect((await t2.app.inject({ method: 'GET', url: `/api/wall/${token}` })).statusCode).toBe(401)
  })
})
