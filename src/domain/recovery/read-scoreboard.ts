import type { Clock } from '../clock.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { chooseRecoveryHero } from './recovery-hero.ts'

/** One line of the recovery scoreboard: the whole workspace, an owner or a tier. */
export interface ScoreLine {
  key: string | null
  label: string
  oops: number
  /** whose outcome is known: both done, or the window is over */
  decided: number
  dazzling: number
  dazzlingShare: number | null
  medianHoursToFix: number | null
  medianHoursToSurprise: number | null
  answers: number
  wowRate: number | null
  npsBefore: number | null
  npsAfter: number | null
  /** hand-overs of these OOPS! from one owner to another (the source: minimise hand-offs) */
  handOvers: number
  /** OOPS! handed over at least once */
  handedOver: number
}

/** A line with nothing on it yet: no OOPS!, no shares (a board before its first recovery). */
export const emptyScoreLine = (over: Partial<ScoreLine> = {}): ScoreLine => ({
  key: null,
  label: 'Everyone',
  oops: 0,
  decided: 0,
  dazzling: 0,
  dazzlingShare: null,
  medianHoursToFix: null,
  medianHoursToSurprise: null,
  answers: 0,
  wowRate: null,
  npsBefore: null,
  npsAfter: null,
  handOvers: 0,
  handedOver: 0,
  ...over,
})

/** One week of the trend, by let-down time; weeks start on Monday (UTC). */
export interface ScoreWeek {
  weekStart: Date
  oops: number
  decided: number
  dazzling: number
  answers: number
  wows: number
  medianHoursToFix: number | null
}

/** What we know about the customers that matter most, as of now. */
export interface TierACoverage {
  customers: number
  /** with at least one active secret */
  withSecrets: number
  /** with an active secret heard or confirmed in the last STALE_AFTER_DAYS */
  withFreshSecrets: number
}

export interface ScoreboardPort {
  board(
    from: Date,
    to: Date,
    now: Date,
  ): Promise<{
    overall: ScoreLine
    byOwner: ScoreLine[]
    byTier: ScoreLine[]
    weeks: ScoreWeek[]
    tierA: TierACoverage
  }>
}

const DAY = 86_400_000
/** the period when none is asked for: the last quarter or so */
export const SCOREBOARD_DEFAULT_DAYS = 90
export const SCOREBOARD_MAX_DAYS = 3660

/**
 * "Measure constantly" (seed 003): the scoreboard over a period of let-down times, by default the
 * 90 days up to now; at most ten years.
 */
export const readScoreboard = async (
  deps: { scoreboard: ScoreboardPort; clock: Clock },
  actor: Actor,
  period: { from?: Date | undefined; to?: Date | undefined },
) => {
  authorize(actor, 'recovery.read')
  const now = deps.clock.now()
  const to = period.to ?? now
  const from = period.from ?? new Date(to.getTime() - SCOREBOARD_DEFAULT_DAYS * DAY)
  if (from >= to)
    throw new DomainError('invalid_input', 'The period must start before it ends.', { field: 'from' })
  if (to.getTime() - from.getTime() > SCOREBOARD_MAX_DAYS * DAY) {
    throw new DomainError('invalid_input', 'Choose a period of at most ten years.', { field: 'from' })
  }
  const { weeks, tierA, ...board } = await deps.scoreboard.board(from, to, now)
  return {
    from,
    to,
    ...board,
    hero: chooseRecoveryHero(board.byOwner),
    trend: weeklyTrend(weeks, from, to),
    tierA: {
      ...tierA,
      share: tierA.customers > 0 ? tierA.withSecrets / tierA.customers : null,
      freshShare: tierA.customers > 0 ? tierA.withFreshSecrets / tierA.customers : null,
    },
  }
}

const WEEK = 7 * DAY
/** Monday 00:00 UTC of the week `d` is in. */
export const weekStartOf = (d: Date): Date => {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY)
}

/**
 * Every week of the period, quiet ones included (a gap in the chart would hide that nothing went
 * wrong), each with its dazzling share, WOW rate and median time to fix, null where not measured.
 */
export const weeklyTrend = (weeks: readonly ScoreWeek[], from: Date, to: Date) => {
  const byStart = new Map(weeks.map((w) => [weekStartOf(w.weekStart).getTime(), w]))
  const out = []
  for (let at = weekStartOf(from).getTime(); at <= to.getTime(); at += WEEK) {
    const w = byStart.get(at)
    out.push({
      weekStart: new Date(at),
      oops: w?.oops ?? 0,
      dazzling: w?.dazzling ?? 0,
      decided: w?.decided ?? 0,
      dazzlingShare: w && w.decided > 0 ? w.dazzling / w.decided : null,
      wowRate: w && w.answers > 0 ? w.wows / w.answers : null,
      medianHoursToFix: w?.medianHoursToFix ?? null,
    })
  }
  return out
}
