import type { Clock } from '../clock.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { type DueStep, dueStepsOf } from './communication.ts'
import type { OopsCase, OopsListing, OopsListQuery, RecoveryReadsPort } from './oops-case.ts'
import { type ClockReading, readClock } from './recovery-clock.ts'

export interface RecoveryReadDeps {
  reads: RecoveryReadsPort
  clock: Clock
}

/** The recoveries list: each OOPS! with its clock read now ("me" is whoever asks). */
export const listOops = async (
  deps: RecoveryReadDeps,
  actor: Actor,
  query: OopsListQuery,
): Promise<{ oops: Array<OopsListing & { clock: ClockReading }>; nextBefore: string | null }> => {
  authorize(actor, 'recovery.read')
  const now = deps.clock.now()
  const q = { ...query, owner: query.owner === 'me' ? actor.userId : query.owner }
  const { rows, nextBefore } = await deps.reads.list(q, now)
  return { oops: rows.map((o) => ({ ...o, clock: readClock(o, now) })), nextBefore }
}

/** One OOPS! as the recovery screen shows it: where the clock stands and what is due next. */
export const readOops = async (
  deps: RecoveryReadDeps,
  actor: Actor,
  id: string,
): Promise<OopsCase & { clock: ClockReading; due: DueStep[] }> => {
  authorize(actor, 'recovery.read')
  const o = await deps.reads.detail(id)
  if (!o) throw new DomainError('oops_not_found', 'No such OOPS! in this workspace.')
  const now = deps.clock.now()
  return { ...o, clock: readClock(o, now), due: dueStepsOf(o, o.steps, now) }
}
