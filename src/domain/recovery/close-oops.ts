import { actedBy } from '../audit/audit-event.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { Oops } from './oops.ts'
import type { RecoveryDeps } from './ports.ts'
import { readClock } from './recovery-clock.ts'

/**
 * The customer has had the final resolution: the OOPS! closes with the outcome its clock reads now
 * (dazzling, recovered late, breached …), its reminders stop, and listeners hear `oops.closed`.
 */
export const closeOops = async (deps: RecoveryDeps, actor: Actor, o: Oops): Promise<Oops> => {
  authorize(actor, 'recovery.write')
  const now = deps.clock.now()
  await deps.recovery.updateOops(o.id, { status: 'closed', resolvedAt: now, closedAt: now })
  await deps.recovery.cancelJobs(`${o.id}:`)
  const outcome = readClock(o, now).state
  await deps.audit.record(actedBy(actor, 'oops.closed', { type: 'oops', id: o.id }, { outcome }))
  await deps.recovery.emit('oops.closed', {
    oopsId: o.id,
    customerId: o.customerId,
    outcome,
    fixedAt: o.fixedAt?.toISOString() ?? null,
    surprisedAt: o.surprisedAt?.toISOString() ?? null,
    closedAt: now.toISOString(),
  })
  return { ...o, status: 'closed' }
}
