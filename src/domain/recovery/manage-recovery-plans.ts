import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { RecoveryDeps } from './ports.ts'
import type { PlanDraft, RecoveryPlan } from './recovery-plan.ts'

type PlanDeps = Pick<RecoveryDeps, 'recovery' | 'audit'>

const noSuchPlan = () => new DomainError('plan_not_found', 'No such recovery plan in this workspace.')

const audited = (
  deps: PlanDeps,
  actor: Actor,
  targetId: string | undefined,
  details: Record<string, unknown>,
) =>
  deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'recovery_plan.changed',
    targetType: 'recovery_plan',
    ...(targetId ? { targetId } : {}),
    details,
  })

/** A plan for a tier or a segment (leaders, admins); one plan per tier and segment. */
export const addRecoveryPlan = async (
  deps: PlanDeps,
  actor: Actor,
  draft: PlanDraft,
): Promise<RecoveryPlan> => {
  authorize(actor, 'recovery.manage_plans')
  const same = (p: Pick<RecoveryPlan, 'tier' | 'segment'>) =>
    p.tier === draft.tier && p.segment === draft.segment
  if ((await deps.recovery.plans()).some(same)) {
    throw new DomainError(
      'invalid_input',
      'There is already a plan for that tier and segment: change it instead.',
    )
  }
  await deps.recovery.savePlans([draft])
  await audited(deps, actor, undefined, { name: draft.name, created: true })
  return (await deps.recovery.plans()).find(same)!
}

/** Changes a plan; open OOPS! keep the terms they started with. */
export const changeRecoveryPlan = async (
  deps: PlanDeps,
  actor: Actor,
  id: string,
  patch: Partial<PlanDraft>,
): Promise<RecoveryPlan> => {
  authorize(actor, 'recovery.manage_plans')
  const current = await deps.recovery.planById(id)
  if (!current) throw noSuchPlan()
  const next = { ...current, ...patch }
  if (next.atRiskHours >= next.windowHours) {
    throw new DomainError('invalid_input', 'The at-risk hours must be fewer than the window.', {
      field: 'atRiskHours',
    })
  }
  await deps.recovery.updatePlan(id, patch)
  await audited(deps, actor, id, { fields: Object.keys(patch) })
  return (await deps.recovery.planById(id))!
}

export const removeRecoveryPlan = async (deps: PlanDeps, actor: Actor, id: string): Promise<void> => {
  authorize(actor, 'recovery.manage_plans')
  if (!(await deps.recovery.removePlan(id))) throw noSuchPlan()
  await audited(deps, actor, id, { removed: true })
}
