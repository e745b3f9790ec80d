import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import type { Actor } from '../workspaces/roles.ts'
import {
  changePerformancePlan,
  closeDuePlans,
  closePerformancePlan,
  readPerformancePlan,
  readPerformancePlans,
  setPerformancePlan,
} from './manage-performance-plans.ts'
import { memoryPlans } from './memory-plans.ts'
import { assessPlan, checkExpectations, type TeamActuals } from './performance-plan.ts'

const maya: Actor = { userId: 'maya', label: 'maya@x', role: 'admin' }
const tia: Actor = { userId: 'tia', label: 'tia@x', role: 'leader' }
const leo: Actor = { userId: 'leo', label: 'leo@x', role: 'leader' }
const lou: Actor = { userId: 'lou', label: 'lou@x', role: 'leader' }

const people = [
  { userId: 'maya', name: 'Maya Chen', role: 'admin' as const },
  { userId: 'tia', name: 'Tia Park', role: 'leader' as const },
  { userId: 'leo', name: 'Leo Grant', role: 'leader' as const },
  { userId: 'lou', name: 'Lou Fox', role: 'leader' as const },
  { userId: 'sam', name: 'Sam Reyes', role: 'service' as const },
  { userId: 'sofia', name: 'Sofia Ruiz', role: 'sales' as const },
]
// Tia leads Leo, who leads Sam and Sofia; Lou reports to nobody
const lines = [
  { userId: 'leo', leaderUserId: 'tia' },
  { userId: 'sam', leaderUserId: 'leo' },
  { userId: 'sofia', leaderUserId: 'leo' },
]

const setup = (now = '2026-12-16T12:00:00Z') => {
  const m = memoryPlans({
    people,
    lines,
    figures: () => ({
      recoveries: 10,
      decided: 8,
      dazzling: 5,
      dazzlingShare: 62.5,
      medianHoursToFix: 6,
      answers: 4,
      wowRate: 50,
      storiesTold: 1,
      tierA: { customers: 4, withSecrets: 3, coverage: 75 },
    }),
  })
  const clock = fixedClock(now)
  return { ...m, clock, deps: { plans: m.port, audit: m.audit, clock } }
}

const december = {
  leaderUserId: 'leo',
  periodKind: 'month' as const,
  periodStart: '2026-12-01',
  dazzlingShareMin: 60,
  medianFixHoursMax: 4,
  wowRateMin: 40,
  storiesMin: 2,
  tierACoverageMin: 80,
}

describe('leaders’ performance plans', () => {
  it('the leader’s own leader sets it; the leader sees it measured against the team’s actuals as the month runs', async () => {
    const { deps, closeJobs, figureCalls, auditLog } = setup()
    const plan = await setPerformancePlan(deps, tia, december)
    expect(plan).toMatchObject({
      leader: { userId: 'leo', name: 'Leo Grant' },
      period: { label: 'December 2026', start: '2026-12-01', end: '2027-01-01' },
      status: 'running',
      setBy: { name: 'Tia Park' },
    })
    // the team is the leader and everyone below them; measured from the 1st to now
    expect(figureCalls.at(-1)).toEqual({
      team: ['leo', 'sam', 'sofia'],
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2026-12-16T12:00:00Z'),
    })
    expect(Object.fromEntries(plan.lines.map((l) => [l.key, l.state]))).toEqual({
      dazzlingShareMin: 'on_track',
      medianFixHoursMax: 'behind',
      wowRateMin: 'on_track',
      // half the month gone: 1 of 2 is the pace
      storiesMin: 'on_track',
      tierACoverageMin: 'behind',
    })
    expect(closeJobs).toEqual([{ planId: plan.id, at: new Date('2027-01-01T00:00:00Z') }])
    expect(auditLog).toEqual([
      expect.objectContaining({ action: 'performance_plan.set', actorUserId: 'tia', targetId: plan.id }),
    ])

    const seen = await readPerformancePlans(deps, leo)
    expect(seen.mine.map((p) => p.id)).toEqual([plan.id])
    expect(seen.mine[0]).toMatchObject({ mayChange: false, mayClose: false })
    // Tia, a leader of leaders, sees Leo's plan among her team's
    expect((await readPerformancePlans(deps, tia)).team.map((p) => p.leader.name)).toEqual(['Leo Grant'])
    // a leader outside the line sees nothing of it
    expect((await readPerformancePlans(deps, lou)).team).toEqual([])
    await expect(readPerformancePlan(deps, lou, plan.id)).rejects.toMatchObject({
      code: 'performance_plan_not_found',
    })
  })

  it('refuses bad input with nothing stored: out of range, negative hours, past period, non-leader, stranger, a second plan', async () => {
    const { deps, plans, changes, closeJobs, auditLog } = setup()
    const refused = [
      [{ ...december, dazzlingShareMin: 101 }, 'invalid_input'],
      [{ ...december, wowRateMin: -1 }, 'invalid_input'],
      [{ ...december, tierACoverageMin: 100.5 }, 'invalid_input'],
      [{ ...december, medianFixHoursMax: -2 }, 'invalid_input'],
      [{ ...december, storiesMin: 1.5 }, 'invalid_input'],
      [{ ...december, periodStart: '2026-11-01' }, 'invalid_input'],
      [{ ...december, periodStart: '2026-12-02' }, 'invalid_input'],
      [{ ...december, periodKind: 'quarter' as const }, 'invalid_input'],
      [{ ...december, leaderUserId: 'sam' }, 'invalid_input'],
      [{ ...december, leaderUserId: 'someone-elsewhere' }, 'member_not_found'],
      [
        {
          leaderUserId: 'leo',
          periodKind: 'month' as const,
          periodStart: '2027-01-01',
        },
        'invalid_input',
      ],
    ] as const
    for (const [input, code] of refused) {
      await expect(setPerformancePlan(deps, tia, input)).rejects.toMatchObject({ code })
    }
    expect(plans.size).toBe(0)
    expect(changes).toEqual([])
    expect(closeJobs).toEqual([])
    expect(auditLog).toEqual([])

    await expect(setPerformancePlan(deps, tia, { ...december, dazzlingShareMin: 101 })).rejects.toThrow(
      'Dazzling share is a percentage: give a number from 0 to 100.',
    )
    await expect(setPerformancePlan(deps, tia, { ...december, leaderUserId: 'sam' })).rejects.toThrow(
      'Sam Reyes is not a leader',
    )

    await setPerformancePlan(deps, tia, december)
    // the same period, or a quarter overlapping it
    await expect(setPerformancePlan(deps, tia, december)).rejects.toMatchObject({
      code: 'performance_plan_exists',
    })
    await expect(
      setPerformancePlan(deps, maya, { ...december, periodKind: 'quarter', periodStart: '2026-10-01' }),
    ).rejects.toMatchObject({ code: 'performance_plan_exists' })
    expect(plans.size).toBe(1)
  })

  it('only the leader’s own leader or an admin sets it; the leader cannot set their own', async () => {
    const { deps } = setup()
    await expect(setPerformancePlan(deps, leo, december)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(setPerformancePlan(deps, lou, december)).rejects.toMatchObject({ code: 'forbidden' })
    const byAdmin = await setPerformancePlan(deps, maya, { ...december, leaderUserId: 'lou' })
    expect(byAdmin.setBy?.name).toBe('Maya Chen')
    expect((await readPerformancePlans(deps, tia)).settable.map((p) => p.name)).toEqual(['Leo Grant'])
  })

  it('changes keep a history; closing by its setter freezes the actuals so later figures do not move it', async () => {
    const t = setup()
    const plan = await setPerformancePlan(t.deps, tia, december)
    await expect(changePerformancePlan(t.deps, leo, plan.id, { wowRateMin: 10 })).rejects.toMatchObject({
      code: 'forbidden',
    })
    await expect(changePerformancePlan(t.deps, tia, plan.id, { wowRateMin: 140 })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    const changed = await changePerformancePlan(t.deps, tia, plan.id, { wowRateMin: 60, storiesMin: null })
    expect(changed.expectations).toMatchObject({ wowRateMin: 60, storiesMin: null, dazzlingShareMin: 60 })
    expect(changed.lines.map((l) => l.key)).not.toContain('storiesMin')

    await expect(closePerformancePlan(t.deps, leo, plan.id)).rejects.toMatchObject({ code: 'forbidden' })
    t.clock.advance(24 * 3_600_000)
    const closed = await closePerformancePlan(t.deps, tia, plan.id)
    expect(closed).toMatchObject({ status: 'closed', closedBy: { name: 'Tia Park' }, mayChange: false })
    expect(Object.fromEntries(closed.lines.map((l) => [l.key, l.state]))).toEqual({
      dazzlingShareMin: 'met',
      medianFixHoursMax: 'not_met',
      wowRateMin: 'not_met',
      tierACoverageMin: 'not_met',
    })
    expect(closed.history.map((h) => [h.action, h.by?.name])).toEqual([
      ['set', 'Tia Park'],
      ['changed', 'Tia Park'],
      ['closed', 'Tia Park'],
    ])
    const calls = t.figureCalls.length
    expect((await readPerformancePlan(t.deps, leo, plan.id)).actuals?.dazzlingShare).toBe(62.5)
    expect(t.figureCalls.length).toBe(calls)
    await expect(closePerformancePlan(t.deps, tia, plan.id)).rejects.toMatchObject({
      code: 'performance_plan_closed',
    })
    await expect(changePerformancePlan(t.deps, tia, plan.id, { wowRateMin: 1 })).rejects.toMatchObject({
      code: 'performance_plan_closed',
    })
  })

  it('the period-end job closes every plan whose period is over, measured to the last day, and no other', async () => {
    const t = setup()
    const dec = await setPerformancePlan(t.deps, tia, december)
    const q1 = await setPerformancePlan(t.deps, tia, {
      ...december,
      periodKind: 'quarter',
      periodStart: '2027-01-01',
    })
    expect(q1.status).toBe('upcoming')
    expect(q1.lines).toEqual([])
    expect(await closeDuePlans(t.deps)).toEqual([])
    t.clock.advance(20 * 86_400_000)
    expect(await closeDuePlans(t.deps)).toEqual([dec.id])
    expect(t.figureCalls.at(-1)?.to).toEqual(new Date('2027-01-01T00:00:00Z'))
    const closed = await readPerformancePlan(t.deps, leo, dec.id)
    expect(closed).toMatchObject({ status: 'closed', closedBy: null })
    expect(t.auditLog.at(-1)).toMatchObject({ action: 'performance_plan.closed', actorLabel: 'system' })
    expect((await readPerformancePlan(t.deps, leo, q1.id)).status).toBe('running')
    expect(await closeDuePlans(t.deps)).toEqual([])
  })
})

describe('assessing a plan', () => {
  const actuals = (over: Partial<TeamActuals> = {}): TeamActuals => ({
    team: [],
    recoveries: 0,
    decided: 0,
    dazzling: 0,
    dazzlingShare: null,
    medianHoursToFix: null,
    answers: 0,
    wowRate: null,
    storiesTold: 0,
    tierA: { customers: 0, withSecrets: 0, coverage: null },
    measuredAt: new Date(),
    ...over,
  })
  const e = checkExpectations({ dazzlingShareMin: 50, storiesMin: 4 })

  it('says nothing is measured yet while the period runs, and not met once it is closed', () => {
    expect(assessPlan(e, actuals(), { closed: false, elapsed: 0.1 }).map((l) => l.state)).toEqual([
      'no_data',
      'on_track',
    ])
    expect(assessPlan(e, actuals(), { closed: true, elapsed: 1 }).map((l) => l.state)).toEqual([
      'not_met',
      'not_met',
    ])
  })

  it('counts stories against the pace of the days gone, and a reached count is met for good', () => {
    const at = (n: number, elapsed: number) =>
      assessPlan(e, actuals({ storiesTold: n }), { closed: false, elapsed })[1]!.state
    expect(at(1, 0.5)).toBe('behind')
    expect(at(2, 0.5)).toBe('on_track')
    expect(at(4, 0.2)).toBe('met')
  })

  it('a median time to fix is met at or under the hours, a share at or over the percentage', () => {
    const lines = assessPlan(
      checkExpectations({ medianFixHoursMax: 6, dazzlingShareMin: 62.5 }),
      actuals({ medianHoursToFix: 6, dazzlingShare: 62.5, decided: 8, dazzling: 5 }),
      { closed: true, elapsed: 1 },
    )
    expect(lines.map((l) => [l.key, l.state, l.detail])).toEqual([
      ['dazzlingShareMin', 'met', '5 of 8 decided dazzled'],
      ['medianFixHoursMax', 'met', 'median of the fixes'],
    ])
  })

  it('refuses a plan with no expectation at all', () => {
    expect(() => checkExpectations({})).toThrow('Give the plan at least one expectation.')
  })
})
