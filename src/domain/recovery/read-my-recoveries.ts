import { type Actor, authorize } from '../workspaces/roles.ts'
import { type DueStep, dueStepsOf } from './communication.ts'
import type { OopsListing } from './oops-case.ts'
import type { RecoveryReadDeps } from './read-oops.ts'
import { type ClockReading, readClock } from './recovery-clock.ts'

/** How many of one's own recoveries a home page lists; the rest are on the recoveries page. */
export const MY_RECOVERIES_SHOWN = 12

const URGENCY: Record<ClockReading['state'], number> = {
  breached: 0,
  at_risk: 1,
  on_track: 2,
  dazzling: 3,
  recovered_late: 3,
}

/**
 * "What needs me now" (issue 12, part 7): the asker's own open recoveries, breached first, then at
 * risk, then by deadline, each with its clock and the contact steps it owes the customer next — the
 * same clock and due-step rules as the recovery screen, in one call for a home page.
 */
export const readMyRecoveries = async (
  deps: RecoveryReadDeps,
  actor: Actor,
): Promise<{
  oops: Array<OopsListing & { clock: ClockReading; due: DueStep[] }>
  counts: { open: number; atRisk: number; breached: number; stepsDue: number }
  more: boolean
}> => {
  authorize(actor, 'recovery.read')
  const now = deps.clock.now()
  const { rows, nextBefore } = await deps.reads.list({ state: 'open', owner: actor.userId, limit: 200 }, now)
  const read = rows
    .map((o) => ({ ...o, clock: readClock(o, now) }))
    .sort(
      (a, b) =>
        URGENCY[a.clock.state] - URGENCY[b.clock.state] ||
        a.clock.deadline.getTime() - b.clock.deadline.getTime(),
    )
  const shown = []
  for (const o of read.slice(0, MY_RECOVERIES_SHOWN)) {
    const detail = await deps.reads.detail(o.id)
    shown.push({ ...o, due: detail ? dueStepsOf(detail, detail.steps, now) : [] })
  }
  return {
    oops: shown,
    counts: {
      open: read.length,
      atRisk: read.filter((o) => o.clock.state === 'at_risk').length,
      breached: read.filter((o) => o.clock.state === 'breached').length,
      stepsDue: shown.reduce((n, o) => n + o.due.filter((d) => d.overdue || d.dueAt <= now).length, 0),
    },
    more: read.length > MY_RECOVERIES_SHOWN || nextBefore !== null,
  }
}
