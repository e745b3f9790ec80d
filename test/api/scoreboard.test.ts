import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

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

describe('the scoreboard', () => {
  it('makes the owner of 1 dazzling of 1 the hero over 1 of 3, counts hand-overs, tier A coverage and the weekly trend', async () => {
    const { cookie: maya, workspace } = await t.admin('maya@board.test', 'Board Co')
    const sam = await t.member(maya, 'sam@board.test', 'service')
    const ids = Object.fromEntries(
      (await call('GET', '/api/workspace/members', maya))
        .json()
        .members.map((m: { email: string; userId: string }) => [m.email, m.userId]),
    )
    const customer = async (name: string) =>
      (await call('POST', '/api/customers', maya, { name, kind: 'person' })).json() as { id: string }
    const harbour = await customer('Grace Lee')
    const quay = await customer('Tom Quay')
    const since = new Date(t.clock.now().getTime() - HOUR).toISOString()

    const open = async (who: string) => {
      const r = await call('POST', '/api/oops', who, {
        customerId: harbour.id,
        type: 'late_delivery',
        description: 'The order arrived late',
      })
      expect(r.statusCode).toBe(201)
      return r.json().id as string
    }
    const dazzle = async (who: string, id: string) => {
      expect(
        (await call('POST', `/api/oops/${id}/fix`, who, { note: 'Re-sent by courier' })).statusCode,
      ).toBe(200)
      const s = await call('POST', `/api/oops/${id}/surprise`, who, {
        custom: { title: 'A bottle of Pinot Noir', cost: 20, kind: 'gift' },
      })
      expect(s.statusCode).toBe(200)
    }
    // sam: one dazzling, two left to breach; maya: one dazzling
    await dazzle(sam, await open(sam))
    await open(sam)
    // opened by maya, handed to sam twice over (to maya and back): two hand-overs on one recovery
    const passed = await open(maya)
    const hand = (who: string, to: string) =>
      call('POST', `/api/oops/${passed}/hand-over`, who, { toUserId: ids[to], reason: 'Sam knows them best' })
    expect((await hand(maya, 'sam@board.test')).statusCode).toBe(200)
    expect((await hand(sam, 'maya@board.test')).statusCode).toBe(200)
    expect((await hand(maya, 'sam@board.test')).statusCode).toBe(200)
    await dazzle(maya, await open(maya))

    // tier A: Harbour with a secret, Quay without
    await sql`update customer set value_tier = 'A' where workspace_id = ${workspace.id}`.execute(
      t.database.raw,
    )
    const secret = await call('POST', `/api/customers/${harbour.id}/secrets`, maya, {
      category: 'lifestyle_choice',
      text: 'Only drinks red Burgundy, never white.',
      certainty: 'heard',
    })
    expect(secret.statusCode).toBe(201)
    expect(quay.id).toBeTruthy()

    t.clock.advance(DAY + HOUR)
    const res = await call('GET', `/api/scoreboard?from=${encodeURIComponent(since)}`, maya)
    expect(res.statusCode).toBe(200)
    const board = res.json()
    const samLine = board.byOwner.find((l: { key: string }) => l.key === ids['sam@board.test'])
    const mayaLine = board.byOwner.find((l: { key: string }) => l.key === ids['maya@board.test'])
    expect(samLine).toMatchObject({ oops: 3, decided: 3, dazzling: 1, handOvers: 3, handedOver: 1 })
    expect(mayaLine).toMatchObject({ oops: 1, decided: 1, dazzling: 1, dazzlingShare: 1, handOvers: 0 })
    // the SQL lists sam first (more OOPS!): the hero is still maya, 1 of 1 against 1 of 3
    expect(board.byOwner[0].key).toBe(ids['sam@board.test'])
    expect(board.hero).toMatchObject({ key: ids['maya@board.test'], dazzling: 1, dazzlingShare: 1 })
    expect(board.overall).toMatchObject({ oops: 4, handOvers: 3, handedOver: 1 })

    expect(board.tierA).toEqual({
      customers: 2,
      withSecrets: 1,
      withFreshSecrets: 1,
      share: 0.5,
      freshShare: 0.5,
    })

    const weeks = board.trend as { weekStart: string; oops: number; dazzlingShare: number | null }[]
    expect(weeks.every((w) => new Date(w.weekStart).getUTCDay() === 1)).toBe(true)
    expect(weeks.reduce((n, w) => n + w.oops, 0)).toBe(4)
    const busy = weeks.filter((w) => w.oops > 0)
    expect(busy).toHaveLength(1)
    expect(busy[0]!.dazzlingShare).toBe(0.5)
  })

  it('has no hero when nobody dazzled, and no tier A coverage without tier A customers', async () => {
    const { cookie: ann } = await t.admin('ann@quiet-board.test', 'Quiet Board Co')
    const board = (await call('GET', '/api/scoreboard', ann)).json()
    expect(board.hero).toBeNull()
    expect(board.tierA).toEqual({
      customers: 0,
      withSecrets: 0,
      withFreshSecrets: 0,
      share: null,
      freshShare: null,
    })
    // 90 days by default: 13 or 14 Mondays, all quiet
    expect(board.trend.length).toBeGreaterThanOrEqual(13)
    expect(
      board.trend.every(
        (w: { oops: number; dazzlingShare: null }) => w.oops === 0 && w.dazzlingShare === null,
      ),
    ).toBe(true)
  })
})
