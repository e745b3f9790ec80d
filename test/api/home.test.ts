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
const HOUR = 3_600_000

describe('home: what needs me now', () => {
  it('GET /api/me/recoveries lists my open recoveries, breached first, with their clocks and due steps', async () => {
    const { cookie: admin } = await t.admin('ada@home.test', 'Home Co')
    const sue = await t.member(admin, 'sue@home.test', 'service')
    const sid = await t.member(admin, 'sid@home.test', 'service')
    const c = (
      await call('POST', '/api/customers', admin, { name: 'Harbour Wines', kind: 'organisation' })
    ).json()
    const open = async (cookie: string, hoursAgo: number) =>
      (
        await call('POST', '/api/oops', cookie, {
          customerId: c.id,
          type: 'late_delivery',
          description: `Late by ${hoursAgo} hours`,
          severity: 'high',
          letDownAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
        })
      ).json().id as string
    const recent = await open(sue, 1)
    const late = await open(sue, 30)
    await open(sid, 2)
    const contacted = await open(sue, 3)
    await call('POST', `/api/oops/${contacted}/steps`, sue, {
      kind: 'first_contact',
      channel: 'phone',
      message: 'On it.',
    })

    const r = await call('GET', '/api/me/recoveries', sue)
    expect(r.statusCode).toBe(200)
    const mine = r.json()
    expect(mine.oops.map((o: any) => o.id)).toEqual([late, contacted, recent])
    expect(mine.oops[0]).toMatchObject({ clock: { state: 'breached' }, customer: { name: 'Harbour Wines' } })
    // first contact is owed from the report (now), not from the let-down
    expect(mine.oops[0].due[0]).toMatchObject({ kind: 'first_contact', overdue: false })
    expect(mine.counts).toMatchObject({ open: 3, breached: 1 })
    expect(mine.more).toBe(false)
    // the one with its first contact made owes the next status update instead
    expect(mine.oops[1].due.map((d: any) => d.kind)).not.toContain('first_contact')
    expect((await call('GET', '/api/me/recoveries', sid)).json().oops).toHaveLength(1)
  })
})
