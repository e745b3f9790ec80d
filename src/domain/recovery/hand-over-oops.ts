import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { RecoveryDeps } from './ports.ts'
import { loadOpenOops } from './record-recovery-step.ts'

/** The OOPS! moves to whoever now has the customer in front of them; the reason is kept. */
export const handOverOops = async (
  deps: RecoveryDeps,
  actor: Actor,
  input: { oopsId: string; toUserId: string; reason: string },
): Promise<void> => {
  authorize(actor, 'recovery.write')
  const o = await loadOpenOops(deps, input.oopsId)
  if (o.ownerUserId === input.toUserId) {
    throw new DomainError('invalid_input', 'They already own this OOPS!.', { field: 'toUserId' })
  }
  if (!(await deps.recovery.memberRole(input.toUserId))) {
    throw new DomainError('member_not_found', 'The new owner must be a member of this workspace.', {
      field: 'toUserId',
    })
  }
  const now = deps.clock.now()
  await deps.recovery.updateOops(o.id, { ownerUserId: input.toUserId })
  await deps.recovery.addHandoff({
    oopsId: o.id,
    fromUserId: o.ownerUserId,
    toUserId: input.toUserId,
    reason: input.reason,
    byUserId: actor.userId,
    at: now,
  })
  await deps.audit.record(
    actedBy(
      actor,
      'oops.handed_over',
      { type: 'oops', id: o.id },
      { from: o.ownerUserId, to: input.toUserId },
    ),
  )
}
