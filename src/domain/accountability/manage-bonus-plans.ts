import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { type BonusPlanInput, checkBonusPlan, type Period } from './bonus-plan.ts'
import type { AccountabilityDeps, BonusPlan } from './ports.ts'
import { computeStatements } from './read-statements.ts'

const notFound = () =>
  new DomainError('bonus_plan_not_found', 'There is no such bonus plan in this workspace.')

const openPlan = async (deps: AccountabilityDeps, id: string): Promise<BonusPlan> => {
  const plan = await deps.accountability.plan(id)
  if (!plan) throw notFound()
  if (plan.closedAt) {
    throw new DomainError(
      'bonus_plan_closed',
      `“${plan.name}” is closed: its statements are frozen. A correction is an adjustment to a statement.`,
    )
  }
  return plan
}

/** Everyone on the plan is a member of this workspace, and on no other plan for an overlapping period. */
const checkPeople = async (
  deps: AccountabilityDeps,
  input: BonusPlanInput,
  period: Period,
  exceptPlanId?: string,
) => {
  const members = new Map((await deps.accountability.members()).map((m) => [m.userId, m]))
  // one message whether the id is unknown or someone else's: nothing about other workspaces leaks
  if (input.members.some((m) => !members.has(m.userId))) {
    throw new DomainError('invalid_input', 'Someone on the plan is not a member of this workspace.')
  }
  const clash = await deps.accountability.overlapping(
    input.members.map((m) => m.userId),
    period,
    exceptPlanId,
  )
  if (clash.length > 0) {
    const who = members.get(clash[0]!.userId)?.name ?? 'Someone'
    throw new DomainError(
      'bonus_plan_overlap',
      `${who} is already on “${clash[0]!.planName}” for part of this period; a person is on one plan at a time.`,
      { userIds: [...new Set(clash.map((c) => c.userId))] },
    )
  }
}

/** What the audit trail keeps of a plan: its name, period, weights and how many people are on it. */
const planDetails = (input: BonusPlanInput, period: Period) => ({
  name: input.name,
  period,
  weights: Object.fromEntries(input.components.map((c) => [c.kind, c.weight])),
  people: input.members.length,
})

/**
 * A leader's plan for a period: weighted components, each with its payout table, and the people on
 * it with their target bonus. Refused when less than the workspace's minimum (25 % unless raised)
 * rests on secret gathering.
 */
export const createBonusPlan = async (
  deps: AccountabilityDeps,
  actor: Actor,
  input: BonusPlanInput & { currency: string },
): Promise<BonusPlan> => {
  authorize(actor, 'bonus.manage')
  const settings = await deps.accountability.settings()
  const period = checkBonusPlan(input, settings.minSecretWeight)
  await checkPeople(deps, input, period)
  const id = await deps.accountability.savePlan({ ...input, period, createdBy: actor.userId })
  await deps.audit.record(
    actedBy(actor, 'bonus_plan.created', { type: 'bonus_plan', id }, planDetails(input, period)),
  )
  return (await deps.accountability.plan(id)) as BonusPlan
}

/** An open plan may be changed whole (same checks as a new one); a closed one may not. */
export const changeBonusPlan = async (
  deps: AccountabilityDeps,
  actor: Actor,
  id: string,
  input: BonusPlanInput,
): Promise<BonusPlan> => {
  authorize(actor, 'bonus.manage')
  await openPlan(deps, id)
  const settings = await deps.accountability.settings()
  const period = checkBonusPlan(input, settings.minSecretWeight)
  await checkPeople(deps, input, period, id)
  await deps.accountability.replacePlan(id, { ...input, period })
  await deps.audit.record(
    actedBy(actor, 'bonus_plan.changed', { type: 'bonus_plan', id }, planDetails(input, period)),
  )
  return (await deps.accountability.plan(id)) as BonusPlan
}

export const removeBonusPlan = async (deps: AccountabilityDeps, actor: Actor, id: string): Promise<void> => {
  authorize(actor, 'bonus.manage')
  const plan = await openPlan(deps, id)
  await deps.accountability.deletePlan(id)
  await deps.audit.record(
    actedBy(actor, 'bonus_plan.removed', { type: 'bonus_plan', id }, { name: plan.name }),
  )
}

/**
 * A leader closes the period: every statement is computed once more and frozen. Later changes to
 * the data do not move it; a correction is an adjustment. Closing before the period ends freezes
 * the figures as they are now.
 */
export const closeBonusPeriod = async (deps: AccountabilityDeps, actor: Actor, id: string) => {
  authorize(actor, 'bonus.manage')
  const plan = await openPlan(deps, id)
  const now = deps.clock.now()
  const statements = await computeStatements(deps, plan, now)
  if (!(await deps.accountability.closePlan(id, actor.userId, now))) {
    throw new DomainError('bonus_plan_closed', `“${plan.name}” was closed a moment ago by someone else.`)
  }
  await deps.accountability.freezeStatements(id, statements, now)
  await deps.audit.record(
    actedBy(
      actor,
      'bonus_plan.closed',
      { type: 'bonus_plan', id },
      {
        name: plan.name,
        statements: statements.length,
        payout: Math.round(statements.reduce((a, s) => a + s.payout, 0) * 100) / 100,
      },
    ),
  )
  return { closedAt: now, statements: statements.length }
}

/** A correction to a frozen statement: a new, audited line with its reason; the statement itself never moves. */
export const adjustStatement = async (
  deps: AccountabilityDeps,
  actor: Actor,
  input: { planId: string; userId: string; amount: number; reason: string },
) => {
  authorize(actor, 'bonus.manage')
  const plan = await deps.accountability.plan(input.planId)
  if (!plan) throw notFound()
  if (!plan.closedAt) {
    throw new DomainError(
      'bonus_plan_open',
      'This period is still open: its statements follow the data. Adjust after closing it.',
    )
  }
  if (!plan.members.some((m) => m.userId === input.userId)) {
    throw new DomainError('statement_not_found', 'That person is not on this plan.')
  }
  const reason = input.reason.trim()
  if (reason.length < 3)
    throw new DomainError('invalid_input', 'Say why: payroll and the person will both read it.')
  if (input.amount === 0 || !Number.isFinite(input.amount) || Math.abs(input.amount) > 10_000_000) {
    throw new DomainError(
      'invalid_input',
      'An adjustment is a non-zero amount of at most 10,000,000 either way.',
    )
  }
  const amount = Math.round(input.amount * 100) / 100
  const id = await deps.accountability.addAdjustment({
    planId: input.planId,
    userId: input.userId,
    amount,
    reason,
    createdBy: actor.userId,
    at: deps.clock.now(),
  })
  await deps.audit.record(
    actedBy(
      actor,
      'bonus_statement.adjusted',
      { type: 'bonus_plan', id: input.planId },
      { userId: input.userId, amount, reason },
    ),
  )
  return { id, amount, reason }
}
