/**
 * HOW BIG (seed 001): "set how big you want to grow" before choosing whom to serve. A goal is a
 * growth of the yearly revenue by a percentage or by an amount, within a number of months, from a
 * baseline: the trailing 12 months' revenue when the goal was set, unless the leader gives another.
 */
export type GoalKind = 'percent' | 'amount'
export type BaselineKind = 'trailing12m' | 'custom'

/** Sane bounds: shrinking by half is the most a plan can mean, six times the revenue the most it can hope. */
export const GOAL_LIMITS = {
  percentMin: -50,
  percentMax: 500,
  monthsMin: 1,
  monthsMax: 60,
  /** an amount of growth (or a baseline) larger than this is a typo, not a plan */
  amountMax: 1_000_000_000_000,
} as const

export interface GoalInput {
  kind: GoalKind
  /** growth in percent of the baseline; kind 'percent' */
  percent?: number | null | undefined
  /** growth as an amount of yearly revenue (may be negative: a planned shrink); kind 'amount' */
  amount?: number | null | undefined
  months: number
  /** a baseline of the leader's own; none: the trailing 12 months' revenue */
  baseline?: number | null | undefined
}

/** A goal as it is kept: what was asked and what it means in revenue, frozen when it was set. */
export interface GrowthGoal {
  id: string
  kind: GoalKind
  percent: number | null
  amount: number | null
  months: number
  baselineKind: BaselineKind
  baseline: number
  /** the yearly revenue to reach by the deadline */
  targetRevenue: number
  currency: string
  setAt: Date
  setBy: string | null
  setByName: string | null
  /** when a newer goal took its place; null: the workspace's active goal */
  replacedAt: Date | null
}

const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * What a goal means in revenue: the yearly revenue to reach (target) and how much more than the
 * baseline that is (needed). Negative needed: the goal allows the revenue to shrink.
 */
export const revenueNeeded = (goal: {
  kind: GoalKind
  percent?: number | null | undefined
  amount?: number | null | undefined
  baseline: number
}): { target: number; needed: number } => {
  const needed = goal.kind === 'percent' ? (goal.baseline * (goal.percent ?? 0)) / 100 : (goal.amount ?? 0)
  return { target: round2(goal.baseline + needed), needed: round2(needed) }
}

/** The day a goal is due: `months` calendar months after it was set. */
export const goalDeadline = (setAt: Date, months: number): Date => {
  const d = new Date(setAt.getTime())
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  // the 31st of a month that has none is that month's last day
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, last))
  return d
}

/**
 * Why a goal cannot be kept, in words a leader can act on; null when it can. The API's schema says
 * the same of the bounds; this is the rule's one home (the CLI and the demo call it too).
 */
export const goalProblem = (g: GoalInput, trailing12m: number): string | null => {
  const L = GOAL_LIMITS
  if (!Number.isInteger(g.months) || g.months < L.monthsMin || g.months > L.monthsMax)
    return `Give the goal between ${L.monthsMin} and ${L.monthsMax} months.`
  if (g.kind === 'percent') {
    const p = g.percent
    if (p === null || p === undefined || !Number.isFinite(p)) return 'Say by how many percent to grow.'
    if (p < L.percentMin || p > L.percentMax)
      return `A growth goal is between ${L.percentMin} % and +${L.percentMax} %: ${p} % is not a plan anyone can work to.`
  } else {
    const a = g.amount
    if (a === null || a === undefined || !Number.isFinite(a)) return 'Say by how much revenue to grow.'
    if (Math.abs(a) > L.amountMax) return 'That amount is larger than any revenue Dazzle can plan for.'
  }
  const baseline = g.baseline ?? trailing12m
  if (g.baseline !== null && g.baseline !== undefined && (g.baseline <= 0 || g.baseline > L.amountMax))
    return 'A baseline is a yearly revenue above 0.'
  if (g.kind === 'percent' && baseline <= 0)
    return 'There is no revenue in the last 12 months to grow by a percentage: give a baseline, or set the goal as an amount.'
  if (g.kind === 'amount' && baseline + (g.amount ?? 0) < baseline * (1 + L.percentMin / 100))
    return `That shrinks the revenue by more than ${-L.percentMin} %: a growth goal is between ${L.percentMin} % and +${L.percentMax} %.`
  if (g.kind === 'amount' && baseline > 0 && (g.amount ?? 0) > (baseline * L.percentMax) / 100)
    return `That is more than +${L.percentMax} % of the baseline: a growth goal is between ${L.percentMin} % and +${L.percentMax} %.`
  return null
}
