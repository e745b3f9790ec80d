/**
 * "You have literally 24 hours to recover" (seed 001): the window runs from when the customer was let
 * down. A recovery is dazzling only if the fix *and* the surprise are both done inside it.
 */

export type ClockState = 'on_track' | 'at_risk' | 'breached' | 'dazzling' | 'recovered_late'

export interface ClockInput {
  letDownAt: Date
  windowHours: number
  /** the last hours of the window in which the recovery is at risk */
  atRiskHours: number
  fixedAt: Date | null
  surprisedAt: Date | null
}

const HOUR = 3_600_000

export const deadlineOf = (c: Pick<ClockInput, 'letDownAt' | 'windowHours'>): Date =>
  new Date(c.letDownAt.getTime() + c.windowHours * HOUR)

export const atRiskFrom = (c: Pick<ClockInput, 'letDownAt' | 'windowHours' | 'atRiskHours'>): Date =>
  new Date(deadlineOf(c).getTime() - Math.min(c.atRiskHours, c.windowHours) * HOUR)

/** Both done inside the window. */
export const isDazzling = (c: ClockInput): boolean => {
  const deadline = deadlineOf(c).getTime()
  return (
    c.fixedAt !== null &&
    c.surprisedAt !== null &&
    c.fixedAt.getTime() <= deadline &&
    c.surprisedAt.getTime() <= deadline
  )
}

export interface ClockReading {
  state: ClockState
  deadline: Date
  atRiskFrom: Date
  /** ms left until the deadline (negative once breached); null once both are done */
  remainingMs: number | null
  fixDone: boolean
  surpriseDone: boolean
}

/** Where the recovery stands at `now`. */
export const readClock = (c: ClockInput, now: Date): ClockReading => {
  const deadline = deadlineOf(c)
  const riskFrom = atRiskFrom(c)
  const fixDone = c.fixedAt !== null
  const surpriseDone = c.surprisedAt !== null
  const base = { deadline, atRiskFrom: riskFrom, fixDone, surpriseDone }
  if (fixDone && surpriseDone) {
    return { ...base, state: isDazzling(c) ? 'dazzling' : 'recovered_late', remainingMs: null }
  }
  const remainingMs = deadline.getTime() - now.getTime()
  const state: ClockState = remainingMs < 0 ? 'breached' : now >= riskFrom ? 'at_risk' : 'on_track'
  return { ...base, state, remainingMs }
}

/** "3 h 12 min left", "breached 2 h ago" — the clock in words. */
export const describeRemaining = (ms: number): string => {
  const abs = Math.abs(ms)
  const h = Math.floor(abs / HOUR)
  const m = Math.floor((abs % HOUR) / 60_000)
  const span = h > 0 ? `${h} h ${m} min` : `${m} min`
  return ms >= 0 ? `${span} left` : `breached ${span} ago`
}
