import {
  COMPONENT_LABELS,
  COMPONENT_TARGET_UNITS,
  type ComponentKind,
  type Period,
  type PlanComponent,
  payoutPercent,
} from './bonus-plan.ts'
import {
  type ConfirmedInput,
  type CoverageInput,
  computeEffectiveness,
  type Effectiveness,
  type EffectivenessWeights,
  type RecordedSecretInput,
  type UsedInput,
} from './effectiveness.ts'
import { type AnsweredCard, type ReportCardScore, reportCardTrend, scoreReportCards } from './report-card.ts'

/** What the figures of one person over a period are made of, read from what Dazzle holds. */
export interface RawFigures {
  revenue: {
    total: number
    byCustomer: { customerId: string; customerName: string; amount: number; lines: number }[]
  }
  effectiveness: {
    recorded: RecordedSecretInput[]
    coverage: CoverageInput[]
    used: UsedInput[]
    confirmed: ConfirmedInput[]
  }
  cards: (AnsweredCard & { customerId: string; customerName: string })[]
  recoveries: {
    oopsId: string
    customerId: string
    customerName: string
    resolvedAt: Date
    dazzling: boolean
  }[]
}

export interface ComponentResult {
  kind: ComponentKind
  label: string
  weight: number
  target: number
  unit: string
  actual: number | null
  /** % of target, one decimal */
  attainment: number
  payoutPercent: number
  /** the component's share of the target bonus */
  atTarget: number
  payout: number
  /** why, when the figure is not what one would expect (no answers yet, no recoveries) */
  note: string | null
}

/** How a value goes on the wire and into a frozen statement: moments as ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T

/** One person's statement for one plan: how each component went, what it pays, and what is behind it. */
export interface Statement {
  planId: string
  userId: string
  name: string
  period: Period
  /** figures as of this moment (the period's end once it has ended) */
  asOf: string
  targetBonus: number
  components: ComponentResult[]
  payout: number
  details: {
    revenue: RawFigures['revenue'] & { quota: number | null }
    effectiveness: Wire<Effectiveness>
    reportCard: ReportCardScore & {
      trend: { month: string; mean: number; answers: number }[]
      cards: {
        id: string
        customerId: string
        customerName: string
        answeredAt: string
        mean: number | null
        comment: string | null
      }[]
    }
    recoveries: {
      decided: number
      dazzling: number
      share: number | null
      cases: (Omit<RawFigures['recoveries'][number], 'resolvedAt'> & { resolvedAt: string })[]
    }
  }
}

const money = (n: number) => Math.round(n * 100) / 100
const pct1 = (n: number) => Math.round(n * 10) / 10

const cardMean = (ratings: Record<string, number | null>): number | null => {
  const given = Object.values(ratings).filter((r): r is number => r !== null)
  return given.length ? Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 100) / 100 : null
}

export const buildStatement = (p: {
  planId: string
  period: Period
  components: readonly PlanComponent[]
  member: { userId: string; name: string; targetBonus: number; quota: number | null }
  figures: RawFigures
  behaviourLabels: readonly { behaviourId: string; label: string }[]
  weights: EffectivenessWeights
  minAnswers: number
  asOf: Date
}): Statement => {
  const f = p.figures
  const reportCard = scoreReportCards(f.cards, p.behaviourLabels, p.minAnswers)
  const effectiveness = computeEffectiveness({ ...f.effectiveness, reportCard }, p.weights)
  const decided = f.recoveries.length
  const dazzling = f.recoveries.filter((r) => r.dazzling).length
  const share = decided ? (dazzling / decided) * 100 : null

  const components = p.components.map((c): ComponentResult => {
    let actual: number | null
    let target = c.target
    let note: string | null = null
    switch (c.kind) {
      case 'revenue':
        actual = money(f.revenue.total)
        target = p.member.quota ?? c.target
        break
      case 'secret_effectiveness':
        actual = effectiveness.points
        break
      case 'report_card':
        actual = reportCard.overall
        if (!reportCard.shown)
          note = `Needs ${reportCard.minAnswers} answered report cards; has ${reportCard.answers}.`
        break
      case 'recovery':
        actual = share === null ? null : pct1(share)
        if (share === null) note = 'No recovery of theirs was decided in the period.'
        break
    }
    const attainment = actual === null ? 0 : pct1((actual / target) * 100)
    const payoutPct = payoutPercent(c, attainment)
    const atTarget = money((p.member.targetBonus * c.weight) / 100)
    return {
      kind: c.kind,
      label: COMPONENT_LABELS[c.kind],
      weight: c.weight,
      target,
      unit: COMPONENT_TARGET_UNITS[c.kind],
      actual,
      attainment,
      payoutPercent: payoutPct,
      atTarget,
      payout: money((atTarget * payoutPct) / 100),
      note,
    }
  })
  return {
    planId: p.planId,
    userId: p.member.userId,
    name: p.member.name,
    period: p.period,
    asOf: p.asOf.toISOString(),
    targetBonus: p.member.targetBonus,
    components,
    payout: money(components.reduce((a, c) => a + c.payout, 0)),
    details: {
      revenue: { ...f.revenue, quota: p.member.quota },
      effectiveness: JSON.parse(JSON.stringify(effectiveness)) as Wire<Effectiveness>,
      reportCard: {
        ...reportCard,
        trend: reportCardTrend(f.cards),
        cards: f.cards.map((c) => ({
          id: c.id,
          customerId: c.customerId,
          customerName: c.customerName,
          answeredAt: c.answeredAt.toISOString(),
          mean: cardMean(c.ratings),
          comment: c.comment,
        })),
      },
      recoveries: {
        decided,
        dazzling,
        share: share === null ? null : pct1(share),
        cases: f.recoveries.map((r) => ({ ...r, resolvedAt: r.resolvedAt.toISOString() })),
      },
    },
  }
}
