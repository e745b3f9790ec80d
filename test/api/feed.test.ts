import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSse, type SseEvent, type SseStream } from '../support/sse-client.ts'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

const onPostgres = process.env.DAZZLE_TEST_DB === 'postgres'

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
  // an open stream must not hold app.close() (nor vitest's exit): the app ends it and closes
  const { cookie } = await t.admin('ada@shutdown.test', 'Shutdown Co')
  const feed = await subscribe(cookie)
  await t.close()
  await feed.ended
})

const call = (app: TestApp, method: string, url: string, cookie: string, payload?: unknown) =>
  app.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })

const userId = async (cookie: string) => (await call(t, 'GET', '/api/me', cookie)).json().user.id as string

/** a workspace with an admin, a salesperson and a marketer; a tier-A organisation with a buyer, a tier-B person */
const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const sales = await t.member(admin, `sam@${tag}.test`, 'sales')
  const marketing = await t.member(admin, `mo@${tag}.test`, 'marketing')
  const org = (
    await call(t, 'POST', '/api/customers', admin, { name: 'Harbour Wines', kind: 'organisation' })
  ).json()
  const person = (
    await call(t, 'POST', '/api/customers', admin, { name: 'Lena Park', kind: 'person' })
  ).json()
  const grace = (
    await call(t, 'POST', `/api/customers/${org.id}/people`, admin, { name: 'Grace Lee', title: 'Buyer' })
  ).json()
  // tiers come from purchases; set them directly, the feed only reads them
  await t.database.db.updateTable('customer').set({ valueTier: 'A' }).where('id', '=', org.id).execute()
  await t.database.db.updateTable('customer').set({ valueTier: 'B' }).where('id', '=', person.id).execute()
  return { admin, sales, marketing, workspace, org, person, grace }
}

const record = async (cookie: string, customerId: string, body: Record<string, unknown>, app = t) => {
  const r = await call(app, 'POST', `/api/customers/${customerId}/secrets`, cookie, body)
  expect(r.statusCode, r.body).toBe(201)
  return r.json() as { id: string; recordedAt: string }
}

/** subscribes and waits until the server says the subscription is live */
const subscribe = async (cookie: string, query = '', headers: Record<string, string> = {}, at = base) => {
  const s = await openSse(`${at}/api/secrets/feed/stream${query}`, { cookie, ...headers })
  open.push(s)
  expect(s.status).toBe(200)
  await s.next((e) => e.event === 'ready')
  return s
}
const secretEvent = (id?: string) => (e: SseEvent) =>
  e.event === 'secret' && (!id || (JSON.parse(e.data) as { id: string }).id === id)
const idsOf = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'secret').map((e) => (JSON.parse(e.data) as { id: string }).id)
/** what arrived on a stream after a marker that is known to come last */
const settle = async (s: SseStream, markerId: string) => {
  await s.next(secretEvent(markerId))
  return idsOf(s.events)
}

describe('live feed', () => {
  it('streams a recorded secret to a colleague as the feed shows it', async () => {
    const s = await setup('stream')
    const feed = await subscribe(s.marketing)
    const rec = await record(s.sales, s.org.id, {
      personId: s.grace.id,
      category: 'lifestyle_choice',
      text: 'Only drinks red Burgundy <script>alert(1)</script>',
    })
    const e = await feed.next(secretEvent())
    const item = JSON.parse(e.data)
    expect(item).toMatchObject({
      id: rec.id,
      customer: { id: s.org.id, name: 'Harbour Wines', tier: 'A' },
      personName: 'Grace Lee',
      category: 'lifestyle_choice',
      categoryLabel: 'Lifestyle choice',
      text: 'Only drinks red Burgundy <script>alert(1)</script>',
      recordedBy: await userId(s.sales),
      recordedByName: 'sam',
      recordedAt: rec.recordedAt,
      status: 'active',
    })
    expect(e.id).toBe(item.cursor)
    feed.close()
  })

  it('sends each subscriber only what matches its filters', async () => {
    const s = await setup('filters')
    const samId = await userId(s.sales)
    const tierB = await subscribe(s.marketing, '?tier=B')
    const fears = await subscribe(s.marketing, '?category=fear')
    const bySam = await subscribe(s.marketing, `?recordedBy=${samId}`)
    const both = await subscribe(s.marketing, `?tier=A&category=fear`)

    const a = await record(s.admin, s.org.id, {
      category: 'inventory_problems',
      text: 'Out of stock every December',
    })
    const b = await record(s.sales, s.person.id, {
      category: 'recreation_preference',
      text: 'Sails on Sundays',
    })
    const c = await record(s.admin, s.person.id, { category: 'fear', text: 'Afraid of flying' })
    const d = await record(s.sales, s.org.id, {
      personId: s.grace.id,
      category: 'fear',
      text: 'Fears the merger',
    })
    // a last secret that matches every filter marks the end of what each stream will get
    const end = await record(s.sales, s.person.id, { category: 'fear', text: 'Fears heights' })
    // the tier is read when the event is sent: change it only once the last tier-B event is out
    expect(await settle(tierB, end.id)).toEqual([b.id, c.id, end.id])
    await t.database.db
      .updateTable('customer')
      .set({ valueTier: 'A' })
      .where('id', '=', s.person.id)
      .execute()
    const endA = await record(s.sales, s.person.id, { category: 'fear', text: 'Fears heights, still' })

    expect(await settle(fears, endA.id)).toEqual([c.id, d.id, end.id, endA.id])
    expect(await settle(bySam, endA.id)).toEqual([b.id, d.id, end.id, endA.id])
    expect(await settle(both, endA.id)).toEqual([d.id, endA.id])
    expect(idsOf(tierB.events)).not.toContain(a.id)
    for (const x of [tierB, fears, bySam, both]) x.close()
  })

  it("never sends a workspace's secrets to another workspace's subscribers", async () => {
    const one = await setup('wall-one')
    const two = await setup('wall-two')
    const feedTwo = await subscribe(two.marketing)
    const adminTwo = await subscribe(two.admin)
    await record(one.sales, one.org.id, {
      personId: one.grace.id,
      category: 'dream',
      text: 'Dreams of the Camino',
    })
    await record(one.sales, one.person.id, { category: 'hope', text: 'Hopes to retire to Portugal' })
    const marker = await record(two.sales, two.org.id, {
      personId: two.grace.id,
      category: 'dream',
      text: 'Wants a vineyard',
    })
    expect(await settle(feedTwo, marker.id)).toEqual([marker.id])
    expect(await settle(adminTwo, marker.id)).toEqual([marker.id])
    // asking for a workspace one is not a member of is refused before any stream opens
    const other = await openSse(`${base}/api/secrets/feed/stream?workspace=${one.workspace.slug}`, {
      cookie: two.marketing,
    })
    expect(other.status).toBe(404)
    const page = await call(t, 'GET', '/api/secrets/feed', two.marketing)
    expect(page.json().items.map((i: { id: string }) => i.id)).toEqual([marker.id])
    feedTwo.close()
    adminTwo.close()
  })

  it('resends what was recorded while a reader was away, from its Last-Event-ID', async () => {
    const s = await setup('resume')
    const watching = t.deps.feed.subscribers
    const first = await subscribe(s.marketing)
    const s1 = await record(s.sales, s.org.id, {
      personId: s.grace.id,
      category: 'habit',
      text: 'Walks the dog',
    })
    const seen = await first.next(secretEvent(s1.id))
    first.close()
    await expect.poll(() => t.deps.feed.subscribers).toBe(watching)

    t.clock.advance(60_000)
    const s2 = await record(s.sales, s.org.id, {
      personId: s.grace.id,
      category: 'skill',
      text: 'Speaks Italian',
    })
    t.clock.advance(1_000)
    const s3 = await record(s.sales, s.person.id, { category: 'bias', text: 'Prefers small suppliers' })

    const again = await subscribe(s.marketing, '', { 'last-event-id': seen.id! })
    expect(idsOf(again.events)).toEqual([s2.id, s3.id])
    // and it is live again
    t.clock.advance(1_000)
    const s4 = await record(s.sales, s.person.id, { category: 'skill', text: 'Plays the cello' })
    expect(await settle(again, s4.id)).toEqual([s2.id, s3.id, s4.id])
    again.close()

    // the same catch-up as a page, for a client that reads JSON
    const page = await call(t, 'GET', `/api/secrets/feed?after=${encodeURIComponent(seen.id!)}`, s.marketing)
    expect(page.json().items.map((i: { id: string }) => i.id)).toEqual([s4.id, s3.id, s2.id])
  })

  it('tells a reader that missed too much to reload its first page instead of replaying it all', async () => {
    const s = await setup('gap')
    const first = await subscribe(s.marketing)
    const s1 = await record(s.sales, s.person.id, { category: 'habit', text: 'Swims at seven' })
    const seen = await first.next(secretEvent(s1.id))
    first.close()
    // a busy afternoon while the laptop slept
    await sql`insert into secret (workspace_id, customer_id, category, text, recorded_at, last_confirmed_at)
              select ${s.workspace.id}, ${s.person.id}, 'habit', 'Habit ' || g, ${t.clock.now()}::timestamptz + g * interval '1 ms',
                     ${t.clock.now()}
              from generate_series(1, 501) g`.execute(t.database.raw)
    const again = await subscribe(s.marketing, '', { 'last-event-id': seen.id! })
    expect(again.events.map((e) => e.event)).toEqual(['gap', 'ready'])
    again.close()
  })

  it('pages the feed newest first, keyed on the moment of recording, with the same filters', async () => {
    const s = await setup('pages')
    const ids: string[] = []
    const habit = (i: number) =>
      i % 2
        ? record(s.sales, s.person.id, { category: 'habit', text: `Habit ${i}` })
        : record(s.sales, s.org.id, { personId: s.grace.id, category: 'habit', text: `Habit ${i}` })
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1_000)
      ids.push((await habit(i)).id)
    }
    // two in the same millisecond: the id breaks the tie, nothing is skipped or repeated
    t.clock.advance(1_000)
    ids.push((await habit(6)).id)
    ids.push((await habit(8)).id)

    const seen: string[] = []
    let before: string | null = null
    let pages = 0
    do {
      const r = await call(
        t,
        'GET',
        `/api/secrets/feed?limit=2${before ? `&before=${encodeURIComponent(before)}` : ''}`,
        s.marketing,
      )
      expect(r.statusCode).toBe(200)
      const body = r.json() as { items: { id: string; recordedAt: string }[]; nextBefore: string | null }
      seen.push(...body.items.map((i) => i.id))
      before = body.nextBefore
      pages++
    } while (before && pages < 10)
    expect(seen).toHaveLength(7)
    expect(new Set(seen)).toEqual(new Set(ids))
    expect(seen.slice(2)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]])

    const tierB = (await call(t, 'GET', '/api/secrets/feed?tier=B', s.marketing)).json()
    expect(tierB.items.map((i: { id: string }) => i.id)).toEqual([ids[3], ids[1]])
    const none = (await call(t, 'GET', '/api/secrets/feed?category=fear', s.marketing)).json()
    expect(none).toMatchObject({ items: [], nextBefore: null })
    expect(none.newest).toMatch(/^\d+_$/)
    expect((await call(t, 'GET', '/api/secrets/feed?before=nonsense', s.marketing)).statusCode).toBe(422)
    expect((await call(t, 'GET', '/api/secrets/feed?tier=Z', s.marketing)).statusCode).toBe(422)

    // every page that showed secrets is in the audit trail: who, how many, which filters; never the text
    const reads = await sql<{ actor_label: string; details: Record<string, unknown> }>`
      select actor_label, details from audit_event
      where workspace_id = ${s.workspace.id} and action = 'secrets.read_feed' order by id`.execute(
      t.database.raw,
    )
    expect(reads.rows.map((r) => r.details)).toEqual([
      ...Array.from({ length: pages }, () => expect.objectContaining({ view: 'page' })),
      { view: 'page', items: 2, tier: 'B' },
    ])
    expect(reads.rows.every((r) => r.actor_label === 'mo@pages.test')).toBe(true)
    expect(JSON.stringify(reads.rows)).not.toMatch(/Habit/)
    // a live subscription is audited once, when it opens, with its filters
    const live = await subscribe(s.marketing, '?category=habit')
    live.close()
    const subscribed = await sql<{ n: number }>`
      select count(*)::int as n from audit_event where workspace_id = ${s.workspace.id}
        and action = 'secrets.read_feed' and details->>'view' = 'stream' and details->>'category' = 'habit'`.execute(
      t.database.raw,
    )
    expect(subscribed.rows[0]!.n).toBe(1)
  })

  it('lets every role read the feed, by session or token, and nobody else', async () => {
    const s = await setup('roles')
    for (const role of ['leader', 'service'] as const) {
      const cookie = await t.member(s.admin, `${role}@roles.test`, role)
      expect((await call(t, 'GET', '/api/secrets/feed', cookie)).statusCode).toBe(200)
    }
    for (const cookie of [s.admin, s.sales, s.marketing]) {
      expect((await call(t, 'GET', '/api/secrets/feed', cookie)).statusCode).toBe(200)
    }
    const token = (
      await call(t, 'POST', '/api/workspace/tokens', s.marketing, { name: 'feed script' })
    ).json().token
    const viaToken = await openSse(`${base}/api/secrets/feed/stream`, { authorization: `Bearer ${token}` })
    open.push(viaToken)
    expect(viaToken.status).toBe(200)
    await viaToken.next((e) => e.event === 'ready')
    viaToken.close()

    const anonymous = await openSse(`${base}/api/secrets/feed/stream`)
    expect(anonymous.status).toBe(401)
    expect((await call(t, 'GET', '/api/secrets/feed', '')).statusCode).toBe(401)
    const badCursor = await openSse(`${base}/api/secrets/feed/stream`, {
      cookie: s.marketing,
      'last-event-id': 'x',
    })
    expect(badCursor.status).toBe(422)
  })

  it('keeps an idle stream open with heartbeats and forgets a reader that left', async () => {
    const s = await setup('heartbeat')
    const before = t.deps.feed.subscribers
    t.deps.feed.timing.heartbeatMs = 50
    try {
      const feed = await subscribe(s.marketing)
      expect(t.deps.feed.subscribers).toBe(before + 1)
      await expect.poll(() => feed.comments, { timeout: 2_000 }).toBeGreaterThanOrEqual(2)
      feed.close()
      await expect.poll(() => t.deps.feed.subscribers).toBe(before)
    } finally {
      t.deps.feed.timing.heartbeatMs = 15_000
    }
  })
})

describe.runIf(onPostgres)('live feed on several app instances', () => {
  let t2: TestApp
  let base2: string
  beforeAll(async () => {
    // a second instance on the same PostgreSQL database, as behind a load balancer
    t2 = await buildTestApp({ databaseUrl: t.databaseUrl! })
    await t2.app.listen({ port: 0, host: '127.0.0.1' })
    base2 = `http://127.0.0.1:${(t2.app.server.address() as AddressInfo).port}`
  })
  afterAll(() => t2.close())

  it('delivers a secret recorded on one instance to a subscriber on another', async () => {
    const s = await setup('instances')
    const onB = await subscribe(s.marketing, '?tier=A', {}, base2)
    const onA = await subscribe(s.marketing, '?tier=A')
    const rec = await record(s.sales, s.org.id, {
      personId: s.grace.id,
      category: 'dream',
      text: 'Dreams of Norway',
    })
    const [eb, ea] = await Promise.all([onB.next(secretEvent(rec.id)), onA.next(secretEvent(rec.id))])
    expect(JSON.parse(eb.data)).toEqual(JSON.parse(ea.data))
    // and the other way round
    const back = await record(
      s.sales,
      s.org.id,
      { personId: s.grace.id, category: 'hope', text: 'A second shop' },
      t2,
    )
    await onA.next(secretEvent(back.id))
    await onB.next(secretEvent(back.id))
    onA.close()
    onB.close()
  })

  it('catches up what was recorded while its LISTEN connection was down', async () => {
    const s = await setup('relisten')
    const feed = await subscribe(s.marketing, '', {}, base2)
    const killed = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and query ilike 'LISTEN%'`.execute(t.database.raw)
    expect(killed.rows[0]!.n).toBeGreaterThanOrEqual(1)
    // recorded while the listeners are reconnecting: the notification is lost, the catch-up is not
    const rec = await record(s.sales, s.org.id, {
      personId: s.grace.id,
      category: 'habit',
      text: 'Bakes sourdough',
    })
    await feed.next(secretEvent(rec.id), 10_000)
    // and LISTEN is back for what comes next
    const next = await record(s.sales, s.org.id, {
      personId: s.grace.id,
      category: 'habit',
      text: 'Runs at dawn',
    })
    await feed.next(secretEvent(next.id), 10_000)
    feed.close()
  })
})
