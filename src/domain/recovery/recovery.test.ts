import { describe, expect, it } from 'vitest'
import { DomainError } from '../errors.ts'
import { dueSteps, fillTemplate, TEMPLATES, toneWarnings } from './communication.ts'
import { checkLetDownAt } from './oops.ts'
import { describeRemaining, isDazzling, readClock } from './recovery-clock.ts'
import { choosePlan, DEFAULT_PLANS } from './recovery-plan.ts'
import { remindersFor } from './reminders.ts'

const H = 3_600_000
const t0 = new Date('2026-11-24T09:00:00Z')
const at = (hours: number) => new Date(t0.getTime() + hours * H)
const clock = { letDownAt: t0, windowHours: 24, atRiskHours: 6, fixedAt: null, surprisedAt: null }

describe('the recovery clock', () => {
  it('is on track, then at risk in the last hours, then breached', () => {
    expect(readClock(clock, at(1)).state).toBe('on_track')
    expect(readClock(clock, at(17.99)).state).toBe('on_track')
    expect(readClock(clock, at(18)).state).toBe('at_risk')
    expect(readClock(clock, at(24)).state).toBe('at_risk')
    expect(readClock(clock, at(24.01)).state).toBe('breached')
    expect(readClock(clock, at(20)).remainingMs).toBe(4 * H)
  })

  it('calls a recovery dazzling only when the fix and the surprise are both inside the window', () => {
    expect(isDazzling({ ...clock, fixedAt: at(5), surprisedAt: at(23) })).toBe(true)
    expect(isDazzling({ ...clock, fixedAt: at(5), surprisedAt: at(25) })).toBe(false)
    expect(isDazzling({ ...clock, fixedAt: at(5), surprisedAt: null })).toBe(false)
    expect(readClock({ ...clock, fixedAt: at(5), surprisedAt: at(25) }, at(30)).state).toBe('recovered_late')
    expect(readClock({ ...clock, fixedAt: at(5), surprisedAt: at(6) }, at(30)).state).toBe('dazzling')
  })

  it('says the time left in words', () => {
    expect(describeRemaining(3 * H + 12 * 60_000)).toBe('3 h 12 min left')
    expect(describeRemaining(-(2 * H))).toBe('breached 2 h 0 min ago')
    expect(describeRemaining(5 * 60_000)).toBe('5 min left')
  })

  it('refuses a let-down in the future or long ago', () => {
    expect(() => checkLetDownAt(at(1), t0)).toThrow(DomainError)
    expect(() => checkLetDownAt(at(-24 * 40), t0)).toThrow(/30 days/)
    expect(() => checkLetDownAt(at(-3), t0)).not.toThrow()
  })
})

describe('recovery plans', () => {
  const plans = [
    ...DEFAULT_PLANS.map((p, i) => ({ ...p, id: `d${i}` })),
    { ...DEFAULT_PLANS[0]!, id: 'wine', tier: null, segment: 'Wine' },
  ]
  it('takes the segment plan first, then the tier plan, then the catch-all', () => {
    expect(choosePlan(plans, { tier: 'B', segment: 'Wine' })?.id).toBe('wine')
    expect(choosePlan(plans, { tier: 'A', segment: 'Retail' })?.id).toBe('d0')
    expect(choosePlan(plans, { tier: 'C', segment: null })?.id).toBe('d2')
    expect(choosePlan(plans, { tier: null, segment: null })?.id).toBe('d2')
    expect(choosePlan([], { tier: 'A', segment: null })).toBeNull()
  })
  it('gives the precious few more than everyone else', () => {
    const [a, b, rest] = DEFAULT_PLANS
    expect(a!.investmentCap).toBeGreaterThan(b!.investmentCap)
    expect(b!.investmentCap).toBeGreaterThan(rest!.investmentCap)
    expect(a!.firstContactHours).toBeLessThan(rest!.firstContactHours)
  })
})

describe('hyper-communication', () => {
  const o = { reportedAt: t0, firstContactHours: 1, statusEveryHours: 4, recoveredAt: null, closed: false }
  it('asks for the first contact, then status reports at the cadence, then the resolution and a follow-up', () => {
    expect(dueSteps(o, [], at(0.5))).toEqual([{ kind: 'first_contact', dueAt: at(1), overdue: false }])
    expect(dueSteps(o, [], at(2))[0]?.overdue).toBe(true)
    const contacted = [{ kind: 'first_contact' as const, at: at(0.5) }]
    expect(dueSteps(o, contacted, at(1))).toEqual([{ kind: 'status_report', dueAt: at(4.5), overdue: false }])
    const reported = [...contacted, { kind: 'status_report' as const, at: at(4) }]
    expect(dueSteps(o, reported, at(5))[0]).toMatchObject({ kind: 'status_report', dueAt: at(8) })
    const recovered = dueSteps({ ...o, recoveredAt: at(6) }, reported, at(7))
    expect(recovered.map((d) => d.kind)).toEqual(['final_resolution'])
    const resolved = [...reported, { kind: 'final_resolution' as const, at: at(7) }]
    expect(dueSteps({ ...o, recoveredAt: at(6), closed: true }, resolved, at(8))).toEqual([
      { kind: 'follow_up', dueAt: at(31), overdue: false },
    ])
    // closed without a logged first contact: only the follow-up after the resolution is owed
    const closedOnly = [{ kind: 'final_resolution' as const, at: at(7) }]
    expect(
      dueSteps({ ...o, recoveredAt: at(6), closed: true }, closedOnly, at(8)).map((d) => d.kind),
    ).toEqual(['follow_up'])
  })

  it('schedules one reminder per step and moment, and the at-risk and breach moments', () => {
    const jobs = remindersFor(
      {
        id: 'o1',
        letDownAt: t0,
        reportedAt: t0,
        windowHours: 24,
        atRiskHours: 6,
        firstContactHours: 1,
        statusEveryHours: 4,
        deadlineAt: at(24),
        fixedAt: null,
        surprisedAt: null,
        status: 'open',
      },
      [],
      t0,
    )
    expect(jobs.map((j) => [j.kind, j.runAt.toISOString()])).toEqual([
      ['oops.at_risk', at(18).toISOString()],
      ['oops.breached', at(24).toISOString()],
      ['oops.step_due', at(1).toISOString()],
    ])
    expect(new Set(jobs.map((j) => j.dedupeKey)).size).toBe(3)
  })

  it('writes templates the source’s way and flags policy-quoting and blame', () => {
    const text = fillTemplate(TEMPLATES.first_contact.body, {
      name: 'Grace',
      what: 'your order was late',
      owner: 'Sue',
    })
    expect(text).toContain('Dear Grace')
    expect(text).toContain('I am sorry')
    expect(text).toContain('{company}')
    for (const t of Object.values(TEMPLATES)) expect(toneWarnings(t.body)).toEqual([])
    expect(toneWarnings('As per our policy we cannot refund.')).toHaveLength(1)
    expect(toneWarnings('You should have checked the box.')).toHaveLength(1)
  })
})

describe('"did we blow you away?"', () => {
  it('refuses a used or expired link with words for the customer', async () => {
    const { checkFeedbackLink, netPromoterScore } = await import('./feedback.ts')
    expect(() => checkFeedbackLink({ expiresAt: at(48), usedAt: null }, t0)).not.toThrow()
    expect(() => checkFeedbackLink({ expiresAt: at(48), usedAt: at(1) }, at(2))).toThrow(
      /already have your answer/,
    )
    expect(() => checkFeedbackLink({ expiresAt: at(48), usedAt: null }, at(49))).toThrow(/expired/)
    expect(netPromoterScore([10, 9, 8, 3])).toBe(25)
    expect(netPromoterScore([])).toBeNull()
  })
})
