import { describe, expect, it } from 'vitest'
import { DomainError } from '../errors.ts'
import {
  type BonusPlanInput,
  checkBonusPlan,
  payoutPercent,
  periodLabel,
  periodOf,
  periodsOverlap,
  planComponent,
  secretGatheringWeight,
} from './bonus-plan.ts'
import { computeEffectiveness, DEFAULT_EFFECTIVENESS_WEIGHTS } from './effectiveness.ts'
import { checkRatings, reportCardTrend, scoreReportCards } from './report-card.ts'
import { buildStatement } from './statement.ts'

/** the DomainError a rule refused with, checked for its code */
const expectRefusal = (fn: () => unknown, code: string): DomainError => {
  try {
    fn()
  } catch (e) {
    if (e instanceof DomainError) {
      expect(e.code).toBe(code)
      return e
    }
    throw e
  }
  throw new Error('expected a refusal')
}

const plan = (over: Partial<BonusPlanInput> = {}): BonusPlanInput => ({
  name: 'Q4 secret agents',
  periodKind: 'quarter',
  periodStart: '2026-10-01',
  components: [
    planComponent('revenue', 70, 100_000),
    planComponent('secret_effectiveness', 20, 100),
    planComponent('report_card', 10, 4),
  ],
  members: [{ userId: 'u1', targetBonus: 10_000, quota: null }],
  ...over,
})

describe('bonus plan rules', () => {
  it('refuses less than the minimum on secret gathering, whatever the split between effectiveness and report card', () => {
    const low = plan({
      components: [
        planComponent('revenue', 80, 1),
        planComponent('secret_effectiveness', 15, 1),
        planComponent('report_card', 5, 4),
      ],
    })
    const e = expectRefusal(() => checkBonusPlan(low, 25), 'bonus_plan_secret_weight')
    expect(e.message).toContain('carries 20 %')
    expect(e.details).toEqual({ minimum: 25, secretGatheringWeight: 20 })
    expect(checkBonusPlan(plan(), 25)).toEqual({ start: '2026-10-01', end: '2027-01-01' })
    // a raised minimum refuses what 25 % allowed
    expectRefusal(() => checkBonusPlan(plan(), 40), 'bonus_plan_secret_weight')
    // revenue and recoveries do not count as secret gathering
    expect(secretGatheringWeight([planComponent('recovery', 50, 70), planComponent('revenue', 50, 1)])).toBe(
      0,
    )
  })

  it('refuses weights that do not add to 100, repeated kinds or people, absurd targets and falling payout tables', () => {
    expectRefusal(
      () =>
        checkBonusPlan(
          plan({ components: [planComponent('revenue', 60, 1), planComponent('report_card', 30, 4)] }),
          25,
        ),
      'invalid_input',
    )
    expectRefusal(
      () =>
        checkBonusPlan(
          plan({ components: [planComponent('report_card', 50, 4), planComponent('report_card', 50, 4)] }),
          25,
        ),
      'invalid_input',
    )
    expectRefusal(
      () => checkBonusPlan(plan({ components: [planComponent('report_card', 100, 6)] }), 25),
      'invalid_input',
    )
    expectRefusal(
      () =>
        checkBonusPlan(
          plan({ components: [planComponent('recovery', 0, 50), planComponent('report_card', 100, 4)] }),
          25,
        ),
      'invalid_input',
    )
    const falling = {
      ...planComponent('report_card', 100, 4),
      steps: [
        { attainment: 50, payout: 60 },
        { attainment: 100, payout: 40 },
      ],
    }
    expectRefusal(() => checkBonusPlan(plan({ components: [falling] }), 25), 'invalid_input')
    const lowCap = { ...planComponent('report_card', 100, 4), cap: 50 }
    expectRefusal(() => checkBonusPlan(plan({ components: [lowCap] }), 25), 'invalid_input')
    expectRefusal(
      () =>
        checkBonusPlan(
          plan({
            members: [
              { userId: 'u1', targetBonus: 1, quota: null },
              { userId: 'u1', targetBonus: 1, quota: null },
            ],
          }),
          25,
        ),
      'invalid_input',
    )
    expectRefusal(() => checkBonusPlan(plan({ members: [] }), 25), 'invalid_input')
  })

  it('knows periods: first days only, the end is the next period, overlaps, and how people name them', () => {
    expect(periodOf('month', '2026-12-01')).toEqual({ start: '2026-12-01', end: '2027-01-01' })
    expect(periodOf('year', '2026-01-01').end).toBe('2027-01-01')
    expectRefusal(() => periodOf('quarter', '2026-11-01'), 'invalid_input')
    expectRefusal(() => periodOf('month', '2026-11-02'), 'invalid_input')
    expectRefusal(() => periodOf('month', 'soon'), 'invalid_input')
    expect(periodsOverlap(periodOf('quarter', '2026-10-01'), periodOf('month', '2026-12-01'))).toBe(true)
    expect(periodsOverlap(periodOf('quarter', '2026-07-01'), periodOf('quarter', '2026-10-01'))).toBe(false)
    expect(periodLabel('quarter', '2026-10-01')).toBe('Q4 2026')
    expect(periodLabel('month', '2026-10-01')).toBe('October 2026')
  })

  it('turns attainment into payout: nothing below the threshold, straight lines between steps, accelerated above, capped', () => {
    const c = planComponent('revenue', 100, 1)
    expect(payoutPercent(c, 49.9)).toBe(0)
    expect(payoutPercent(c, 50)).toBe(25)
    expect(payoutPercent(c, 75)).toBe(62.5)
    expect(payoutPercent(c, 100)).toBe(100)
    expect(payoutPercent(c, 120)).toBe(140)
    expect(payoutPercent(c, 500)).toBe(200)
    // monotone over the whole range
    let last = -1
    for (let a = 0; a <= 300; a += 0.5) {
      const p = payoutPercent(c, a)
      expect(p).toBeGreaterThanOrEqual(last)
      last = p
    }
  })
})

describe('report card score', () => {
  const labels = [
    { behaviourId: 'b1', label: 'Listens' },
    { behaviourId: 'b2', label: 'Remembers' },
  ]
  const card = (id: string, at: string, r: Record<string, number | null>) => ({
    id,
    answeredAt: new Date(at),
    ratings: r,
    comment: null,
  })

  it('withholds the score below the minimum answers, leaves "can’t say" out of the means, and trends by month', () => {
    const cards = [
      card('1', '2026-10-03T10:00:00Z', { b1: 5, b2: null }),
      card('2', '2026-11-03T10:00:00Z', { b1: 3, b2: 4 }),
    ]
    const few = scoreReportCards(cards, labels, 3)
    expect(few).toMatchObject({ answers: 2, shown: false, overall: null })
    const enough = scoreReportCards(cards, labels, 2)
    expect(enough.overall).toBe(4)
    expect(enough.perBehaviour).toEqual([
      { behaviourId: 'b1', label: 'Listens', mean: 4, ratings: 2, cantSay: 0 },
      { behaviourId: 'b2', label: 'Remembers', mean: 4, ratings: 1, cantSay: 1 },
    ])
    expect(reportCardTrend(cards)).toEqual([
      { month: '2026-10', mean: 5, answers: 1 },
      { month: '2026-11', mean: 3.5, answers: 1 },
    ])
  })

  it('accepts every question answered on the scale or "can’t say", and nothing else', () => {
    const qs = labels.map((l) => ({ ...l, hint: null }))
    expect(() => checkRatings(qs, { b1: 4, b2: null })).not.toThrow()
    expectRefusal(() => checkRatings(qs, { b1: 4 }), 'invalid_input')
    expectRefusal(() => checkRatings(qs, { b1: 4, b2: 0 }), 'invalid_input')
    expectRefusal(() => checkRatings(qs, { b1: 4, b2: 3.5 }), 'invalid_input')
    expectRefusal(() => checkRatings(qs, { b1: 4, b2: 4, b3: 4 }), 'invalid_input')
    expectRefusal(() => checkRatings(qs, { b1: null, b2: null }), 'invalid_input')
  })
})

describe('secret-gathering effectiveness', () => {
  const at = new Date('2026-11-01T09:00:00Z')
  const secret = (over: object = {}) => ({
    secretId: 's1',
    customerId: 'c1',
    category: 'dream',
    layer: 'secret' as const,
    certainty: 'heard' as const,
    tier: 'A' as const,
    recordedAt: at,
    ...over,
  })
  const noCard = { answers: 0, shown: false, minAnswers: 3, overall: null, perBehaviour: [] }

  it('weighs each secret by layer, tier and certainty, and shows why', () => {
    const e = computeEffectiveness({
      recorded: [secret(), secret({ secretId: 's2', layer: 'need', tier: null, certainty: 'second_hand' })],
      coverage: [],
      used: [],
      confirmed: [],
      reportCard: noCard,
    })
    expect(e.recorded.map((r) => r.points)).toEqual([9, 0.4])
    expect(e.recorded[0]!.why).toBe('secret 3 × tier A 3 × heard 1')
    expect(e.points).toBe(9.4)
  })

  it('counts a use of a secret once per kind, and the report card only once enough customers answered', () => {
    const used = [
      { secretId: 's1', customerId: 'c1', how: 'read' as const, byLabel: 'sue', at },
      { secretId: 's1', customerId: 'c1', how: 'read' as const, byLabel: 'max', at },
      { secretId: 's1', customerId: 'c1', how: 'surprise' as const, byLabel: 'sue', at },
      { secretId: null, customerId: 'c1', how: 'search' as const, byLabel: 'mia', at },
    ]
    const e = computeEffectiveness({
      recorded: [],
      coverage: [{ customerId: 'c1', category: 'dream', secretId: 's1' }],
      used,
      confirmed: [{ secretId: 's9', customerId: 'c2', at }],
      reportCard: { ...noCard, answers: 3, shown: true, overall: 4.5 },
    })
    const w = DEFAULT_EFFECTIVENESS_WEIGHTS
    expect(e.used).toHaveLength(3)
    expect(e.lines.find((l) => l.key === 'used')!.points).toBe(
      w.usedByRead + w.usedBySurprise + w.usedBySearch,
    )
    expect(e.lines.find((l) => l.key === 'report_card')!.points).toBe(4.5 * w.reportCard)
    expect(e.points).toBe(
      w.coverage + w.usedByRead + w.usedBySurprise + w.usedBySearch + w.confirmedStale + 4.5 * w.reportCard,
    )
    const hidden = computeEffectiveness({
      recorded: [],
      coverage: [],
      used: [],
      confirmed: [],
      reportCard: { ...noCard, answers: 2, overall: null },
    })
    expect(hidden.points).toBe(0)
  })

  it('a statement pays each component by its table, on the person’s own quota, and explains what is missing', () => {
    const s = buildStatement({
      planId: 'p1',
      period: { start: '2026-10-01', end: '2027-01-01' },
      components: [
        planComponent('revenue', 60, 100_000),
        planComponent('report_card', 25, 4),
        planComponent('recovery', 15, 50),
      ],
      member: { userId: 'u1', name: 'Sam', targetBonus: 10_000, quota: 50_000 },
      figures: {
        revenue: { total: 60_000, byCustomer: [] },
        effectiveness: { recorded: [], coverage: [], used: [], confirmed: [] },
        cards: [],
        recoveries: [],
      },
      behaviourLabels: [],
      weights: DEFAULT_EFFECTIVENESS_WEIGHTS,
      minAnswers: 3,
      asOf: at,
    })
    const [revenue, card, recovery] = s.components
    expect(revenue).toMatchObject({
      target: 50_000,
      attainment: 120,
      payoutPercent: 140,
      atTarget: 6000,
      payout: 8400,
    })
    expect(card).toMatchObject({ actual: null, attainment: 0, payout: 0 })
    expect(card!.note).toContain('Needs 3')
    expect(recovery!.note).toContain('No recovery')
    expect(s.payout).toBe(8400)
  })
})
