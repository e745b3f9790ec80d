import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/domain/clock.ts'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

// mid-December: the month's plan runs, November is over
const clock = fixedClock('2026-12-16T09:00:00Z')
let t: TestApp
beforeAll(async () => {
  t = await buildTestApp({ clock })
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

/** Tia leads Leo, who leads Sue (service); Lou leads nobody; Sam is sales. */
const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const tia = await t.member(admin, `tia@${tag}.test`, 'leader')
  const leo = await t.member(admin, `leo@${tag}.test`, 'leader')
  const lou = await t.member(admin, `lou@${tag}.test`, 'leader')
  const sue = await t.member(admin, `sue@${tag}.test`, 'service')
  const sam = await t.member(admin, `sam@${tag}.test`, 'sales')
  const members = (await call('GET', '/api/workspace/members', admin)).json()
  const id = Object.fromEntries(
    (members.members ?? members).map((m: any) => [m.email.split('@')[0], m.userId]),
  ) as Record<'leo' | 'tia' | 'lou' | 'sue' | 'sam', string>
  for (const [who, leader] of [
    ['leo', 'tia'],
    ['sue', 'leo'],
  ] as const) {
    const r = await call('PUT', `/api/workspace/members/${id[who]}/leader`, admin, {
      leaderUserId: id[leader],
    })
    expect(r.statusCode).toBe(200)
  }
  return { admin, workspace, tia, leo, lou, sue, sam, id }
}
type Setup = Awaited<ReturnType<typeof setup>>

/** One of Sue's recoveries: fixed after `fixHours`, surprised, closed, answered with `wow`. */
const recovery = async (s: Setup, customerId: string, fixHours: number, wow: number) => {
  const o = (
    await call('POST', '/api/oops', s.sue, {
      customerId,
      type: 'late_delivery',
      description: 'The order arrived three days late',
      severity: 'high',
    })
  ).json()
  await call('POST', `/api/oops/${o.id}/steps`, s.sue, {
    kind: 'first_contact',
    channel: 'phone',
    message: 'On it.',
  })
  clock.advance(fixHours * HOUR)
  await call('POST', `/api/oops/${o.id}/fix`, s.sue, { note: 'Re-sent by courier' })
  await call('POST', `/api/oops/${o.id}/surprise`, s.sue, {
    custom: { title: 'A hand-written card and flowers', cost: 20, kind: 'gift' },
  })
  const closed = (
    await call('POST', `/api/oops/${o.id}/steps`, s.sue, {
      kind: 'final_resolution',
      channel: 'phone',
      message: 'All put right.',
    })
  ).json()
  const token = String(closed.feedbackLink).split('/feedback/')[1]!
  await t.app.inject({ method: 'POST', url: `/api/feedback/${token}`, payload: { wow, fixed: true, nps: 9 } })
  return o.id as string
}

const plansIn = async (workspaceId: string) =>
  (
    await sql<{
      n: number
    }>`select count(*)::int as n from performance_plan where workspace_id = ${workspaceId}`.execute(
      t.database.raw,
    )
  ).rows[0]!.n

const december = (leaderUserId: string) => ({
  leaderUserId,
  periodKind: 'month',
  periodStart: '2026-12-01',
  dazzlingShareMin: 50,
  medianFixHoursMax: 2,
  wowRateMin: 40,
  storiesMin: 2,
  tierACoverageMin: 50,
})

describe('leaders’ performance plans', () => {
  it('the leader’s leader sets it; the leader and their leader see it against the team’s actuals, live', async () => {
    const s = await setup('plans')
    const c = (
      await call('POST', '/api/customers', s.admin, { name: 'Harbour Wines', kind: 'organisation' })
    ).json()
    const c2 = (
      await call('POST', '/api/customers', s.admin, { name: 'Quay Books', kind: 'organisation' })
    ).json()
    // both tier A customers of Sue's; a secret is known about one
    await sql`update customer set value_tier = 'A', owner_user_id = ${s.id.sue} where id in (${c.id}, ${c2.id})`.execute(
      t.database.raw,
    )
    const person = (
      await call('POST', `/api/customers/${c.id}/people`, s.admin, {
        name: 'Grace Lee',
        email: 'grace@plans.test',
      })
    ).json()
    await call('POST', `/api/customers/${c.id}/secrets`, s.sam, {
      personId: person.id,
      category: 'lifestyle_choice',
      text: 'The owner sails at weekends',
      certainty: 'heard',
    })
    const first = await recovery(s, c.id, 3, 5)
    await recovery(s, c.id, 5, 2)
    const story = await call('GET', `/api/oops/${first}/story-draft`, s.leo)
    const d = story.json()
    expect(
      (
        await call('POST', '/api/stories', s.leo, {
          oopsId: first,
          title: d.title,
          body: d.body,
          privacy: 'named',
        })
      ).statusCode,
    ).toBe(201)

    const set = await call('POST', '/api/performance-plans', s.tia, december(s.id.leo))
    expect(set.statusCode, set.body).toBe(201)
    const plan = set.json()
    expect(plan).toMatchObject({
      leader: { userId: s.id.leo },
      period: { kind: 'month', label: 'December 2026', start: '2026-12-01', end: '2027-01-01' },
      status: 'running',
      setBy: { userId: s.id.tia },
      actuals: {
        recoveries: 2,
        decided: 2,
        dazzling: 2,
        dazzlingShare: 100,
        medianHoursToFix: 4,
        answers: 2,
        wowRate: 50,
        storiesTold: 1,
        tierA: { customers: 2, withSecrets: 1, coverage: 50 },
      },
    })
    expect(plan.actuals.team.map((m: any) => m.userId).sort()).toEqual([s.id.leo, s.id.sue].sort())
    expect(Object.fromEntries(plan.lines.map((l: any) => [l.key, l.state]))).toEqual({
      dazzlingShareMin: 'on_track',
      medianFixHoursMax: 'behind',
      wowRateMin: 'on_track',
      storiesMin: 'on_track',
      tierACoverageMin: 'on_track',
    })

    // the scoreboard's own figures for the same recoveries: one home per rule
    const board = (
      await call('GET', '/api/scoreboard?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z', s.tia)
    ).json()
    const sue = board.byOwner.find((l: any) => l.key === s.id.sue)
    expect(sue.medianHoursToFix).toBe(plan.actuals.medianHoursToFix)
    expect(sue.dazzling).toBe(plan.actuals.dazzling)

    const mine = (await call('GET', '/api/performance-plans', s.leo)).json()
    expect(mine.mine.map((p: any) => p.id)).toEqual([plan.id])
    expect(mine.mine[0]).toMatchObject({ mayChange: false, mayClose: false })
    const above = (await call('GET', '/api/performance-plans', s.tia)).json()
    expect(above.team.map((p: any) => p.id)).toEqual([plan.id])
    expect(above.settable.map((p: any) => p.userId)).toEqual([s.id.leo])
    expect((await call('GET', '/api/performance-plans', s.lou)).json().team).toEqual([])
    expect((await call('GET', `/api/performance-plans/${plan.id}`, s.lou)).statusCode).toBe(404)
    expect((await call('GET', '/api/performance-plans', s.sue)).statusCode).toBe(403)

    const audit = await sql<{ action: string; details: any }>`
      select action, details from audit_event where workspace_id = ${s.workspace.id} and action like 'performance_plan.%'`.execute(
      t.database.raw,
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['performance_plan.set'])
  })

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const s = await setup('planbad')
    const other = await t.admin('ada@planbad-other.test', 'Elsewhere')
    const otherLeader = await t.member(other.cookie, 'lee@planbad-other.test', 'leader')
    void otherLeader
    const otherId = (await call('GET', '/api/workspace/members', other.cookie))
      .json()
      .members?.find((m: any) => m.email.startsWith('lee'))?.userId
    const base = december(s.id.leo)
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, dazzlingShareMin: 120 }, 422, 'percentage'],
      [{ ...base, wowRateMin: -5 }, 422, 'percentage'],
      [{ ...base, medianFixHoursMax: -1 }, 422, 'cannot be negative'],
      [{ ...base, periodStart: '2026-11-01' }, 422, 'is over'],
      [{ ...base, periodStart: '2026-12-05' }, 422, 'first day'],
      [{ ...base, leaderUserId: s.id.sue }, 422, 'is not a leader'],
      [{ ...base, leaderUserId: otherId ?? 'nobody' }, 404, 'not a member of this workspace'],
      [
        { leaderUserId: s.id.leo, periodKind: 'month', periodStart: '2027-01-01' },
        422,
        'at least one expectation',
      ],
    ]
    for (const [body, status, words] of cases) {
      const r = await call('POST', '/api/performance-plans', s.tia, body)
      expect([r.statusCode, r.json().error.message]).toEqual([status, expect.stringContaining(words)])
    }
    // the leader cannot set their own; a leader outside the line cannot either
    expect((await call('POST', '/api/performance-plans', s.leo, base)).statusCode).toBe(403)
    expect((await call('POST', '/api/performance-plans', s.lou, base)).statusCode).toBe(403)
    expect(await plansIn(s.workspace.id)).toBe(0)

    expect((await call('POST', '/api/performance-plans', s.tia, base)).statusCode).toBe(201)
    const twice = await call('POST', '/api/performance-plans', s.admin, base)
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.code).toBe('performance_plan_exists')
    const quarter = await call('POST', '/api/performance-plans', s.admin, {
      ...base,
      periodKind: 'quarter',
      periodStart: '2026-10-01',
    })
    expect(quarter.statusCode).toBe(409)
    expect(await plansIn(s.workspace.id)).toBe(1)
    const jobs = await sql<{ n: number }>`
      select count(*)::int as n from job where workspace_id = ${s.workspace.id} and kind = 'performance_plan.close'`.execute(
      t.database.raw,
    )
    expect(jobs.rows[0]!.n).toBe(1)
  })

  it('keeps a history of changes; the setter closes it by hand and its actuals stay frozen', async () => {
    const s = await setup('planclose')
    const plan = (await call('POST', '/api/performance-plans', s.tia, december(s.id.leo))).json()
    expect(
      (await call('PATCH', `/api/performance-plans/${plan.id}`, s.leo, { wowRateMin: 10 })).statusCode,
    ).toBe(403)
    const changed = await call('PATCH', `/api/performance-plans/${plan.id}`, s.tia, {
      wowRateMin: 70,
      storiesMin: null,
    })
    expect(changed.statusCode).toBe(200)
    expect(changed.json().expectations).toMatchObject({ wowRateMin: 70, storiesMin: null })
    expect(
      (await call('PATCH', `/api/performance-plans/${plan.id}`, s.tia, { wowRateMin: 170 })).statusCode,
    ).toBe(422)

    expect((await call('POST', `/api/performance-plans/${plan.id}/close`, s.admin)).statusCode).toBe(200)
    const closed = (await call('GET', `/api/performance-plans/${plan.id}`, s.leo)).json()
    expect(closed).toMatchObject({
      status: 'closed',
      closedBy: { userId: expect.any(String) },
      mayChange: false,
    })
    expect(closed.actuals).toMatchObject({ recoveries: 0, dazzlingShare: null })
    expect(closed.history.map((h: any) => h.action)).toEqual(['set', 'changed', 'closed'])
    // a recovery after the close does not move the frozen figures
    const c = (
      await call('POST', '/api/customers', s.admin, { name: 'Late Co', kind: 'organisation' })
    ).json()
    await recovery(s, c.id, 1, 5)
    expect((await call('GET', `/api/performance-plans/${plan.id}`, s.leo)).json().actuals.recoveries).toBe(0)
    expect((await call('POST', `/api/performance-plans/${plan.id}/close`, s.tia)).statusCode).toBe(409)
    expect(
      (await call('PATCH', `/api/performance-plans/${plan.id}`, s.tia, { wowRateMin: 1 })).statusCode,
    ).toBe(409)
  })

  it('the period-end job closes the plan with its final actuals through the job runner', async () => {
    const s = await setup('planjob')
    const plan = (await call('POST', '/api/performance-plans', s.tia, december(s.id.leo))).json()
    const c = (
      await call('POST', '/api/customers', s.admin, { name: 'Dock Ltd', kind: 'organisation' })
    ).json()
    await recovery(s, c.id, 2, 5)
    clock.advance(17 * 24 * HOUR)
    await t.jobs.runDueJobs()
    const closed = (await call('GET', `/api/performance-plans/${plan.id}`, s.tia)).json()
    expect(closed).toMatchObject({
      status: 'closed',
      closedBy: null,
      actuals: { recoveries: 1, dazzling: 1 },
    })
    expect(closed.actuals.measuredAt).toBe('2027-01-01T00:00:00.000Z')
    expect(Object.fromEntries(closed.lines.map((l: any) => [l.key, l.state]))).toMatchObject({
      dazzlingShareMin: 'met',
      medianFixHoursMax: 'met',
      storiesMin: 'not_met',
    })
    clock.advance(-17 * 24 * HOUR)
  })
})
