import { actedOnWorkspace } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { type GoalInput, type GrowthGoal, goalProblem, revenueNeeded } from './growth-goal.ts'
import type { GrowthDeps } from './ports.ts'

/**
 * HOW BIG: a leader sets the workspace's growth goal. It becomes the one active goal; the one it
 * replaces is kept in the history. The baseline (the last 12 months' revenue unless given) and the
 * revenue to reach are frozen as they are now, so the goal does not move as the months go by.
 */
export const setGrowthGoal = async (
  deps: GrowthDeps,
  actor: Actor & { workspaceId: string },
  input: GoalInput,
): Promise<GrowthGoal> => {
  authorize(actor, 'growth.manage')
  const revenue = await deps.growth.revenue()
  const problem = goalProblem(input, revenue.trailing12m)
  if (problem) throw new DomainError('invalid_input', problem, { field: 'goal' })
  const custom = input.baseline !== null && input.baseline !== undefined
  const baseline = custom ? input.baseline! : revenue.trailing12m
  const percent = input.kind === 'percent' ? input.percent! : null
  const amount = input.kind === 'amount' ? input.amount! : null
  const { target } = revenueNeeded({ kind: input.kind, percent, amount, baseline })
  const before = await deps.growth.activeGoal()
  const goal = await deps.growth.setGoal({
    kind: input.kind,
    percent,
    amount,
    months: input.months,
    baselineKind: custom ? 'custom' : 'trailing12m',
    baseline,
    targetRevenue: target,
    currency: revenue.currency,
    setAt: deps.clock.now(),
    setBy: actor.userId,
  })
  await deps.audit.record(
    actedOnWorkspace(actor, 'growth_goal.set', {
      goalId: goal.id,
      kind: goal.kind,
      percent: goal.percent,
      amount: goal.amount,
      months: goal.months,
      baseline: goal.baseline,
      targetRevenue: goal.targetRevenue,
      replaced: before?.id ?? null,
    }),
  )
  return goal
}
