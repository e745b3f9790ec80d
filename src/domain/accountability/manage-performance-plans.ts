import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { lineAbove, teamBelow } from '../workspaces/reporting-lines.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { ReportingLine } from '../workspaces/workspace.ts'
import { periodLabel } from './bonus-plan.ts'
import {
  assessPlan,
  checkExpectations,
  type ExpectationLine,
  type Expectations,
  elapsedShare,
  type PlanPeriodKind,
  periodBounds,
  planPeriod,
  type TeamActuals,
} from './performance-plan.ts'
import type { PlanChange, PlanDeps, PlanPerson, StoredPlan } from './plan-ports.ts'

/**
 * Leaders' performance plans (issue 12, part 4), grouped as decision 014 allows: one port, one set
 * of guards. A plan is set by the leader's own leader or an admin, seen by the leader and everyone
 * above them in the line, measured live while its period runs, and frozen when it is closed — by
 * the period-end job, or by hand by whoever set it. Audited, and kept as a history.
 */

export const PLAN_CLOSE_JOB = 'performance_plan.close'

export interface SetPlanInput extends Partial<Expectations> {
  leaderUserId: string
  periodKind: PlanPeriodKind
  periodStart: string
}

export type PlanStatus = 'upcoming' | 'running' | 'closed'

/** A plan as a reader sees it: the people by name, the actuals (live or frozen) and each expectation's state. */
export interface PlanView {
  id: string
  leader: { userId: string; name: string }
  period: { kind: PlanPeriodKind; start: string; end: string; label: string }
  status: PlanStatus
  expectations: Expectations
  actuals: TeamActuals | null
  lines: ExpectationLine[]
  /** how much of the period has run, 0 to 1 */
  elapsed: number
  setBy: { userId: string; name: string } | null
  setAt: Date
  closedAt: Date | null
  closedBy: { userId: string; name: string } | null
  history: {
    action: PlanChange['action']
    by: { userId: string; name: string } | null
    at: Date
    expectations: Expectations
  }[]
  /** whether the reader may change or close it */
  mayChange: boolean
  mayClose: boolean
}

const nameOf = (people: Map<string, PlanPerson>, id: string | null) =>
  id === null ? null : { userId: id, name: people.get(id)?.name ?? 'a former member' }

/** May `actor` set (or change) the plans of `leaderUserId`? Their own leader or an admin. */
const maySet = (actor: Actor, lines: readonly ReportingLine[], leaderUserId: string) =>
  actor.role === 'admin' || lines.some((l) => l.userId === leaderUserId && l.leaderUserId === actor.userId)

/** May `actor` read the plans of `leaderUserId`? The leader, anyone above them, an admin. */
const mayRead = (actor: Actor, lines: readonly ReportingLine[], leaderUserId: string) =>
  actor.role === 'admin' ||
  actor.userId === leaderUserId ||
  lineAbove(lines, leaderUserId).includes(actor.userId)

const mayClose = (actor: Actor, plan: StoredPlan) => actor.role === 'admin' || plan.setBy === actor.userId

/** The team a plan measures: the leader and everyone below them, as the lines are now. */
const teamOf = (lines: readonly ReportingLine[], people: Map<string, PlanPerson>, leaderUserId: string) =>
  [leaderUserId, ...teamBelow(lines, leaderUserId).map((t) => t.userId)].map((id) => ({
    userId: id,
    name: people.get(id)?.name ?? 'a former member',
  }))

/** The team's actuals over the period so far (to its end, or now if sooner). */
const measure = async (
  deps: PlanDeps,
  plan: Pick<StoredPlan, 'periodStart' | 'periodEnd'>,
  team: TeamActuals['team'],
  now: Date,
): Promise<TeamActuals> => {
  const { from, to } = periodBounds({ start: plan.periodStart, end: plan.periodEnd })
  const until = now < to ? now : to
  const figures = await deps.plans.teamFigures(
    team.map((t) => t.userId),
    from,
    until,
    until,
  )
  return { team, ...figures, measuredAt: until }
}

const statusOf = (plan: StoredPlan, now: Date): PlanStatus =>
  plan.closedAt
    ? 'closed'
    : now < periodBounds({ start: plan.periodStart, end: plan.periodEnd }).from
      ? 'upcoming'
      : 'running'

const view = async (
  deps: PlanDeps,
  actor: Actor,
  plan: StoredPlan,
  ctx: { people: Map<string, PlanPerson>; lines: readonly ReportingLine[]; history: PlanChange[] },
): Promise<PlanView> => {
  const now = deps.clock.now()
  const period = { start: plan.periodStart, end: plan.periodEnd }
  const status = statusOf(plan, now)
  const actuals =
    plan.finalActuals ??
    (status === 'running'
      ? await measure(deps, plan, teamOf(ctx.lines, ctx.people, plan.leaderUserId), now)
      : null)
  const elapsed = plan.closedAt ? 1 : elapsedShare(period, now)
  return {
    id: plan.id,
    leader: nameOf(ctx.people, plan.leaderUserId)!,
    period: { kind: plan.periodKind, ...period, label: periodLabel(plan.periodKind, plan.periodStart) },
    status,
    expectations: plan.expectations,
    actuals,
    lines: actuals ? assessPlan(plan.expectations, actuals, { closed: status === 'closed', elapsed }) : [],
    elapsed,
    setBy: nameOf(ctx.people, plan.setBy),
    setAt: plan.setAt,
    closedAt: plan.closedAt,
    closedBy: nameOf(ctx.people, plan.closedBy),
    history: ctx.history
      .filter((h) => h.planId === plan.id)
      .map((h) => ({
        action: h.action,
        by: nameOf(ctx.people, h.by),
        at: h.at,
        expectations: h.expectations,
      })),
    mayChange: status !== 'closed' && maySet(actor, ctx.lines, plan.leaderUserId),
    mayClose: status !== 'closed' && mayClose(actor, plan),
  }
}

const context = async (deps: PlanDeps) => {
  const [members, lines] = await Promise.all([deps.plans.members(), deps.plans.reportingLines()])
  return { people: new Map(members.map((m) => [m.userId, m])), lines }
}

const viewsOf = async (
  deps: PlanDeps,
  actor: Actor,
  plans: StoredPlan[],
  ctx: Awaited<ReturnType<typeof context>>,
) => {
  const history = await deps.plans.changes(plans.map((p) => p.id))
  const out: PlanView[] = []
  for (const p of plans) out.push(await view(deps, actor, p, { ...ctx, history }))
  return out
}

const open = async (deps: PlanDeps, actor: Actor, id: string) => {
  const plan = await deps.plans.plan(id)
  const ctx = await context(deps)
  if (!plan || !mayRead(actor, ctx.lines, plan.leaderUserId)) {
    throw new DomainError(
      'performance_plan_not_found',
      'No such performance plan that you may see in this workspace.',
    )
  }
  return { plan, ctx }
}

/**
 * Sets a leader's plan for a month or a quarter: the leader must be a member with the leader role,
 * the setter their own leader or an admin, the period now or ahead, every expectation in range, and
 * no other plan of theirs overlapping it. The close is scheduled for the period's end.
 */
export const setPerformancePlan = async (
  deps: PlanDeps,
  actor: Actor,
  input: SetPlanInput,
): Promise<PlanView> => {
  authorize(actor, 'plans.set')
  const now = deps.clock.now()
  const ctx = await context(deps)
  const leader = ctx.people.get(input.leaderUserId)
  if (!leader) {
    throw new DomainError('member_not_found', 'That person is not a member of this workspace.', {
      field: 'leaderUserId',
    })
  }
  if (leader.role !== 'leader') {
    throw new DomainError(
      'invalid_input',
      `${leader.name} is not a leader: performance plans carry a leader’s expectations for their team. Make them a leader first.`,
      { field: 'leaderUserId', role: leader.role },
    )
  }
  if (!maySet(actor, ctx.lines, leader.userId)) {
    throw new DomainError(
      'forbidden',
      `${leader.name}’s plan is set by the leader they report to, or an admin.`,
      { field: 'leaderUserId' },
    )
  }
  const period = planPeriod(input.periodKind, input.periodStart, now)
  const expectations = checkExpectations(input)
  const clash = (await deps.plans.plans({ leaderUserIds: [leader.userId] })).find(
    (p) => p.periodStart < period.end && period.start < p.periodEnd,
  )
  if (clash) {
    throw new DomainError(
      'performance_plan_exists',
      `${leader.name} already has a plan for ${periodLabel(clash.periodKind, clash.periodStart)}: change that one instead of setting a second.`,
      { planId: clash.id },
    )
  }
  const id = await deps.plans.insertPlan({
    leaderUserId: leader.userId,
    periodKind: input.periodKind,
    periodStart: period.start,
    periodEnd: period.end,
    expectations,
    setBy: actor.userId,
    setAt: now,
  })
  await deps.plans.addChange({ planId: id, action: 'set', by: actor.userId, at: now, expectations })
  await deps.plans.scheduleClose(id, periodBounds(period).to)
  await deps.audit.record(
    actedBy(
      actor,
      'performance_plan.set',
      { type: 'performance_plan', id },
      {
        leaderUserId: leader.userId,
        period: period.label,
        expectations,
      },
    ),
  )
  return await readPerformancePlan(deps, actor, id)
}

/** Changes an open plan's expectations (whoever may set it); the change joins its history. */
export const changePerformancePlan = async (
  deps: PlanDeps,
  actor: Actor,
  id: string,
  patch: Partial<Expectations>,
): Promise<PlanView> => {
  authorize(actor, 'plans.set')
  const { plan, ctx } = await open(deps, actor, id)
  if (!maySet(actor, ctx.lines, plan.leaderUserId)) {
    throw new DomainError('forbidden', 'A plan is changed by the leader’s own leader or an admin.')
  }
  if (plan.closedAt) {
    throw new DomainError(
      'performance_plan_closed',
      'This plan is closed with its period; its figures are final.',
    )
  }
  const expectations = checkExpectations({ ...plan.expectations, ...patch })
  const now = deps.clock.now()
  await deps.plans.updateExpectations(id, expectations, now)
  await deps.plans.addChange({ planId: id, action: 'changed', by: actor.userId, at: now, expectations })
  await deps.audit.record(
    actedBy(
      actor,
      'performance_plan.changed',
      { type: 'performance_plan', id },
      {
        fields: Object.keys(patch).sort(),
        expectations,
      },
    ),
  )
  return readPerformancePlan(deps, actor, id)
}

const freeze = async (
  deps: PlanDeps,
  plan: StoredPlan,
  ctx: Awaited<ReturnType<typeof context>>,
  by: string | null,
) => {
  const now = deps.clock.now()
  const finalActuals = await measure(deps, plan, teamOf(ctx.lines, ctx.people, plan.leaderUserId), now)
  await deps.plans.close(plan.id, { at: now, by, finalActuals })
  await deps.plans.addChange({
    planId: plan.id,
    action: 'closed',
    by,
    at: now,
    expectations: plan.expectations,
  })
  return finalActuals
}

/** Closes a plan by hand (whoever set it, or an admin): its actuals are frozen as they are now. */
export const closePerformancePlan = async (deps: PlanDeps, actor: Actor, id: string): Promise<PlanView> => {
  authorize(actor, 'plans.set')
  const { plan, ctx } = await open(deps, actor, id)
  if (!mayClose(actor, plan)) {
    throw new DomainError(
      'forbidden',
      'A plan is closed by hand by whoever set it, or an admin; otherwise it closes with its period.',
    )
  }
  if (plan.closedAt) throw new DomainError('performance_plan_closed', 'This plan is closed already.')
  const finalActuals = await freeze(deps, plan, ctx, actor.userId)
  await deps.audit.record(
    actedBy(
      actor,
      'performance_plan.closed',
      { type: 'performance_plan', id },
      {
        by: 'hand',
        recoveries: finalActuals.recoveries,
      },
    ),
  )
  return readPerformancePlan(deps, actor, id)
}

/** The period-end job: every open plan whose period is over is closed with its final actuals. */
export const closeDuePlans = async (deps: PlanDeps): Promise<string[]> => {
  const due = await deps.plans.duePlans(deps.clock.now())
  if (due.length === 0) return []
  const ctx = await context(deps)
  for (const plan of due) {
    const finalActuals = await freeze(deps, plan, ctx, null)
    await deps.audit.record({
      actorUserId: null,
      actorLabel: 'system',
      action: 'performance_plan.closed',
      targetType: 'performance_plan',
      targetId: plan.id,
      details: { by: 'period end', recoveries: finalActuals.recoveries },
    })
  }
  return due.map((p) => p.id)
}

/** One plan, for whoever may see it. */
export const readPerformancePlan = async (deps: PlanDeps, actor: Actor, id: string): Promise<PlanView> => {
  authorize(actor, 'plans.read')
  const { plan, ctx } = await open(deps, actor, id)
  return (await viewsOf(deps, actor, [plan], ctx))[0]!
}

/**
 * What a leader's page shows: their own plans (the current one first, then the history), the plans
 * of the leaders below them (all leaders' for an admin), and whom the reader may set a plan for.
 */
export const readPerformancePlans = async (deps: PlanDeps, actor: Actor) => {
  authorize(actor, 'plans.read')
  const ctx = await context(deps)
  const below = teamBelow(ctx.lines, actor.userId).map((t) => t.userId)
  const visible =
    actor.role === 'admin'
      ? [...ctx.people.values()].filter((p) => p.role === 'leader').map((p) => p.userId)
      : [actor.userId, ...below]
  const plans = await deps.plans.plans({ leaderUserIds: visible })
  const views = await viewsOf(deps, actor, plans, ctx)
  const settable = [...ctx.people.values()]
    .filter((p) => p.role === 'leader' && maySet(actor, ctx.lines, p.userId))
    .map((p) => ({ userId: p.userId, name: p.name }))
    .sort((a, b) => a.name.localeCompare(b.name))
  return {
    mine: views.filter((v) => v.leader.userId === actor.userId),
    team: views.filter((v) => v.leader.userId !== actor.userId),
    settable,
  }
}
