import type { Clock } from '../clock.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'

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
}

export interface ScoreboardPort {
  board(
    from: Date,
    to: Date,
    now: Date,
  ): Promise<{ overall: ScoreLine; byOwner: ScoreLine[]; byTier: ScoreLine[] }>
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
  return { from, to, ...(await deps.scoreboard.board(from, to, now)) }
}
