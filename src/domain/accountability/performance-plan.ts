import { DomainError } from '../errors.ts'
import { type Period, periodLabel, periodOf } from './bonus-plan.ts'

/**
 * A leader's performance plan (issue 12, part 4; seed 003: "recovery expectations are part of the
 * leaders' performance plans"): for one month or quarter, what their team's recoveries should reach,
 * measured against the record as the period runs and frozen when it closes.
 */

export const PLAN_PERIOD_KINDS = ['month', 'quarter'] as const
export type PlanPeriodKind = (typeof PLAN_PERIOD_KINDS)[number]

/** The expectations a plan may carry; each may be left out. Shares are percentages, time in hours. */
export interface Expectations {
  /** dazzling share ≥ this % of the decided recoveries */
  dazzlingShareMin: number | null
  /** median time to fix ≤ this many hours */
  medianFixHoursMax: number | null
  /** WOW rate ≥ this % of the customers' answers */
  wowRateMin: number | null
  /** at least this many recovery stories told */
  storiesMin: number | null
  /** ≥ this % of the team's tier A customers with a secret known */
  tierACoverageMin: number | null
}
export type ExpectationKey = keyof Expectations
export const EXPECTATION_KEYS = [
  'dazzlingShareMin',
  'medianFixHoursMax',
  'wowRateMin',
  'storiesMin',
  'tierACoverageMin',
] as const satisfies readonly ExpectationKey[]

export const EXPECTATION_LABELS: Record<ExpectationKey, string> = {
  dazzlingShareMin: 'Dazzling share',
  medianFixHoursMax: 'Median time to fix',
  wowRateMin: 'WOW rate',
  storiesMin: 'Stories told',
  tierACoverageMin: 'Secrets known about tier A customers',
}

/** The most hours a plan may expect a fix in: a quarter. */
export const MAX_FIX_HOURS = 2_208
export const MAX_STORIES = 10_000

/** What the team did in the period so far, from the scoreboard, the stories and tier A coverage. */
export interface TeamActuals {
  /** the leader and everyone who reports to them, directly or through others */
  team: { userId: string; name: string }[]
  recoveries: number
  decided: number
  dazzling: number
  /** per cent, null when nothing is decided yet */
  dazzlingShare: number | null
  medianHoursToFix: number | null
  answers: number
  wowRate: number | null
  storiesTold: number
  tierA: { customers: number; withSecrets: number; coverage: number | null }
  measuredAt: Date
}

/**
 * met: reached for good (a closed plan that made it, or a count already reached);
 * on_track: the period runs and the team meets it so far (a count: at the pace the days need);
 * behind: the period runs and the team misses it so far; not_met: closed and missed;
 * no_data: the period runs and nothing is measured yet.
 */
export const EXPECTATION_STATES = ['met', 'on_track', 'behind', 'not_met', 'no_data'] as const
export type ExpectationState = (typeof EXPECTATION_STATES)[number]

export interface ExpectationLine {
  key: ExpectationKey
  label: string
  target: number
  actual: number | null
  state: ExpectationState
  /** in words: "62 % of 8 decided", "2 of 3 told; 1.5 expected by now" */
  detail: string
}

const pct = (v: number) => `${Math.round(v * 10) / 10} %`
const hours = (v: number) => `${Math.round(v * 10) / 10} h`

/**
 * Expectations made fit to keep: each a number in its range, at least one given. Nothing is
 * stored when one is out of range; the message says which and why.
 */
export const checkExpectations = (input: Partial<Expectations>): Expectations => {
  const out: Expectations = {
    dazzlingShareMin: null,
    medianFixHoursMax: null,
    wowRateMin: null,
    storiesMin: null,
    tierACoverageMin: null,
  }
  for (const key of EXPECTATION_KEYS) {
    const v = input[key]
    if (v === undefined || v === null) continue
    const label = EXPECTATION_LABELS[key]
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DomainError('invalid_input', `${label} must be a number.`, { field: key })
    }
    if (key === 'medianFixHoursMax') {
      if (v < 0) {
        throw new DomainError('invalid_input', `${label} cannot be negative: give the hours, e.g. 24.`, {
          field: key,
        })
      }
      if (v > MAX_FIX_HOURS) {
        throw new DomainError('invalid_input', `${label} can be at most ${MAX_FIX_HOURS} h (a quarter).`, {
          field: key,
        })
      }
    } else if (key === 'storiesMin') {
      if (!Number.isInteger(v) || v < 0 || v > MAX_STORIES) {
        throw new DomainError(
          'invalid_input',
          `${label} must be a whole number from 0 to ${MAX_STORIES.toLocaleString('en')}.`,
          { field: key },
        )
      }
    } else if (v < 0 || v > 100) {
      throw new DomainError('invalid_input', `${label} is a percentage: give a number from 0 to 100.`, {
        field: key,
      })
    }
    out[key] = v
  }
  if (EXPECTATION_KEYS.every((k) => out[k] === null)) {
    throw new DomainError('invalid_input', 'Give the plan at least one expectation.', {
      field: 'expectations',
    })
  }
  return out
}

/** The plan's period, refused when it is already over (a plan is set for now or ahead). */
export const planPeriod = (kind: PlanPeriodKind, start: string, now: Date): Period & { label: string } => {
  if (!(PLAN_PERIOD_KINDS as readonly string[]).includes(kind)) {
    throw new DomainError('invalid_input', 'A performance plan is for a month or a quarter.', {
      field: 'periodKind',
    })
  }
  const period = periodOf(kind, start)
  const label = periodLabel(kind, start)
  if (Date.parse(`${period.end}T00:00:00Z`) <= now.getTime()) {
    throw new DomainError(
      'invalid_input',
      `${label} is over: a plan is set for the current period or one ahead.`,
      { field: 'periodStart' },
    )
  }
  return { ...period, label }
}

export const periodBounds = (p: Period) => ({
  from: new Date(`${p.start}T00:00:00Z`),
  to: new Date(`${p.end}T00:00:00Z`),
})

/** How much of the period has run at `now`, 0 to 1. */
export const elapsedShare = (p: Period, now: Date): number => {
  const { from, to } = periodBounds(p)
  return Math.min(1, Math.max(0, (now.getTime() - from.getTime()) / (to.getTime() - from.getTime())))
}

const actualOf = (key: ExpectationKey, a: TeamActuals): number | null =>
  key === 'dazzlingShareMin'
    ? a.dazzlingShare
    : key === 'medianFixHoursMax'
      ? a.medianHoursToFix
      : key === 'wowRateMin'
        ? a.wowRate
        : key === 'storiesMin'
          ? a.storiesTold
          : a.tierA.coverage

const detailOf = (key: ExpectationKey, a: TeamActuals): string => {
  if (key === 'dazzlingShareMin') {
    return a.decided === 0 ? 'no recovery decided yet' : `${a.dazzling} of ${a.decided} decided dazzled`
  }
  if (key === 'medianFixHoursMax')
    return a.medianHoursToFix === null ? 'nothing fixed yet' : 'median of the fixes'
  if (key === 'wowRateMin')
    return a.answers === 0 ? 'no customer has answered yet' : `of ${a.answers} answers`
  if (key === 'storiesMin') return `${a.storiesTold} told`
  return a.tierA.customers === 0
    ? 'the team owns no tier A customer'
    : `${a.tierA.withSecrets} of ${a.tierA.customers} tier A customers`
}

/**
 * Each expectation of a plan against the actuals. A rate is judged on what is measured so far; a
 * count against the pace the elapsed days need ("2 of 4 with half the month gone" is on track).
 */
export const assessPlan = (
  expectations: Expectations,
  actuals: TeamActuals,
  progress: { closed: boolean; elapsed: number },
): ExpectationLine[] =>
  EXPECTATION_KEYS.flatMap((key): ExpectationLine[] => {
    const target = expectations[key]
    if (target === null) return []
    const actual = actualOf(key, actuals)
    const label = EXPECTATION_LABELS[key]
    let detail = detailOf(key, actuals)
    let state: ExpectationState
    if (key === 'storiesMin') {
      const n = actual ?? 0
      const due = target * progress.elapsed
      if (n >= target) state = 'met'
      else if (progress.closed) state = 'not_met'
      else {
        state = n >= Math.floor(due) ? 'on_track' : 'behind'
        detail = `${n} of ${target} told; ${Math.round(due * 10) / 10} expected by now`
      }
    } else if (actual === null) {
      state = progress.closed ? 'not_met' : 'no_data'
    } else {
      const meets = key === 'medianFixHoursMax' ? actual <= target : actual >= target
      state = progress.closed ? (meets ? 'met' : 'not_met') : meets ? 'on_track' : 'behind'
    }
    return [{ key, label, target, actual, state, detail }]
  })

/** An expectation in words: "≥ 60 %", "≤ 12 h", "≥ 3". */
export const targetText = (key: ExpectationKey, v: number): string =>
  key === 'medianFixHoursMax' ? `≤ ${hours(v)}` : key === 'storiesMin' ? `≥ ${v}` : `≥ ${pct(v)}`

/** An actual in words, as its expectation is written. */
export const actualText = (key: ExpectationKey, v: number | null): string =>
  v === null ? '—' : key === 'medianFixHoursMax' ? hours(v) : key === 'storiesMin' ? String(v) : pct(v)
