import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize, can } from '../workspaces/roles.ts'
import { COMPONENT_LABELS, type Period, periodLabel, periodOf } from './bonus-plan.ts'
import { computeEffectiveness, type Effectiveness } from './effectiveness.ts'
import type { AccountabilityDeps, Adjustment, BonusPlan } from './ports.ts'
import { reportCardTrend, scoreReportCards } from './report-card.ts'
import { buildStatement, type Statement, type Wire } from './statement.ts'

const DAY = 86_400_000
const startOf = (day: string) => new Date(`${day}T00:00:00.000Z`)

/** Sales see their own figures; leaders and admins the team's (until reporting lines, the workspace's). */
const checkSees = (actor: Actor, userId: string) => {
  authorize(actor, 'accountability.read_own')
  if (userId !== actor.userId) authorize(actor, 'accountability.read_team')
}

const behaviourLabels = async (deps: AccountabilityDeps) =>
  (await deps.accountability.behaviours()).map((b) => ({ behaviourId: b.id, label: b.label }))

/** The statements of a plan's people as of `now` (the period's end once it has ended), as they go on the wire. */
export const computeStatements = async (
  deps: AccountabilityDeps,
  plan: BonusPlan,
  now: Date,
  onlyUserId?: string,
): Promise<Statement[]> => {
  const end = startOf(plan.period.end)
  const asOf = now < end ? now : end
  // figures are read over [start, upTo): what happened at this very moment counts too
  const upTo = now < end ? new Date(now.getTime() + 1) : end
  const members = plan.members.filter((m) => !onlyUserId || m.userId === onlyUserId)
  const [settings, labels, figures] = await Promise.all([
    deps.accountability.settings(),
    behaviourLabels(deps),
    deps.accountability.figures(
      members.map((m) => m.userId),
      startOf(plan.period.start),
      upTo,
      now,
    ),
  ])
  return members.map((m) => {
    const f = figures.get(m.userId)
    if (!f) throw new Error(`no figures for ${m.userId}`)
    // through JSON once, so a live statement and a frozen one have the very same shape
    return JSON.parse(
      JSON.stringify(
        buildStatement({
          planId: plan.id,
          period: plan.period,
          components: plan.components,
          member: m,
          figures: f,
          behaviourLabels: labels,
          weights: settings.weights,
          minAnswers: settings.minAnswers,
          asOf,
        }),
      ),
    ) as Statement
  })
}

export interface StatementView {
  plan: {
    id: string
    name: string
    period: Period
    periodLabel: string
    currency: string
    closedAt: Date | null
  }
  statement: Statement
  frozen: boolean
  adjustments: Adjustment[]
  /** the payout with the adjustments */
  total: number
}

const planHead = (plan: BonusPlan) => ({
  id: plan.id,
  name: plan.name,
  period: plan.period,
  periodLabel: periodLabel(plan.periodKind, plan.period.start),
  currency: plan.currency,
  closedAt: plan.closedAt,
})

const withAdjustments = (
  plan: BonusPlan,
  statement: Statement,
  frozen: boolean,
  adjustments: Adjustment[],
): StatementView => ({
  plan: planHead(plan),
  statement,
  frozen,
  adjustments,
  total: Math.round((statement.payout + adjustments.reduce((a, x) => a + x.amount, 0)) * 100) / 100,
})

/**
 * A frozen statement keeps its figures, not its personal data: customers' names and the customers'
 * comments are read as they are now, so erasing a customer reaches statements frozen before.
 */
const currentNames = async (deps: AccountabilityDeps, s: Statement): Promise<Statement> => {
  const d = s.details
  const ids = [
    ...new Set([
      ...d.revenue.byCustomer.map((c) => c.customerId),
      ...d.reportCard.cards.map((c) => c.customerId),
      ...d.recoveries.cases.map((c) => c.customerId),
    ]),
  ]
  const [names, comments] = await Promise.all([
    deps.accountability.customerNames(ids),
    deps.accountability.cardComments(d.reportCard.cards.map((c) => c.id)),
  ])
  const named = <T extends { customerId: string; customerName: string }>(x: T): T => ({
    ...x,
    customerName: names.get(x.customerId) ?? x.customerName,
  })
  return {
    ...s,
    details: {
      ...d,
      revenue: { ...d.revenue, byCustomer: d.revenue.byCustomer.map(named) },
      reportCard: {
        ...d.reportCard,
        cards: d.reportCard.cards.map((c) => ({
          ...named(c),
          comment: comments.has(c.id) ? comments.get(c.id)! : null,
        })),
      },
      recoveries: { ...d.recoveries, cases: d.recoveries.cases.map(named) },
    },
  }
}

const statementOf = async (
  deps: AccountabilityDeps,
  plan: BonusPlan,
  userId: string,
): Promise<StatementView> => {
  if (!plan.members.some((m) => m.userId === userId)) {
    throw new DomainError('statement_not_found', 'That person is not on this plan.')
  }
  if (plan.closedAt) {
    const frozen = await deps.accountability.frozenStatement(plan.id, userId)
    if (!frozen)
      throw new DomainError('statement_not_found', 'This statement was not frozen with the period.')
    return withAdjustments(
      plan,
      await currentNames(deps, frozen),
      true,
      await deps.accountability.adjustments(plan.id, userId),
    )
  }
  const [live] = await computeStatements(deps, plan, deps.clock.now(), userId)
  return withAdjustments(plan, live!, false, [])
}

const findPlan = async (deps: AccountabilityDeps, id: string) => {
  const plan = await deps.accountability.plan(id)
  if (!plan) throw new DomainError('bonus_plan_not_found', 'There is no such bonus plan in this workspace.')
  return plan
}

/** One person's statement — frozen once the period is closed, accruing until then. Every read is audited. */
export const readStatement = async (
  deps: AccountabilityDeps,
  actor: Actor,
  planId: string,
  userId: string,
) => {
  checkSees(actor, userId)
  const plan = await findPlan(deps, planId)
  const view = await statementOf(deps, plan, userId)
  await deps.audit.record(
    actedBy(
      actor,
      'bonus_statement.read',
      { type: 'bonus_plan', id: planId },
      { userIds: [userId], frozen: view.frozen },
    ),
  )
  return view
}

/** The plans a person can see: all for leaders and admins, the ones they are on for everyone else. */
export const listBonusPlans = async (deps: AccountabilityDeps, actor: Actor): Promise<BonusPlan[]> => {
  authorize(actor, 'accountability.read_own')
  const plans = await deps.accountability.plans(
    can(actor, 'accountability.read_team') ? {} : { userId: actor.userId },
  )
  return plans.sort((a, b) => b.period.start.localeCompare(a.period.start) || a.name.localeCompare(b.name))
}

/** A plan with each of its people's statements side by side (leaders); audited as reads of each statement. */
export const readPlanStatements = async (deps: AccountabilityDeps, actor: Actor, planId: string) => {
  authorize(actor, 'accountability.read_team')
  const plan = await findPlan(deps, planId)
  let views: StatementView[]
  if (plan.closedAt) {
    views = []
    for (const m of plan.members) views.push(await statementOf(deps, plan, m.userId))
  } else {
    const live = await computeStatements(deps, plan, deps.clock.now())
    views = live.map((s) => withAdjustments(plan, s, false, []))
  }
  await deps.audit.record(
    actedBy(
      actor,
      'bonus_statement.read',
      { type: 'bonus_plan', id: planId },
      { userIds: plan.members.map((m) => m.userId), frozen: plan.closedAt !== null },
    ),
  )
  return { plan, views }
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v)
  // a cell a spreadsheet would run as a formula is quoted as text
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** For payroll: one row per person and component, then adjustments, then the total; audited. */
export const exportStatementsCsv = async (deps: AccountabilityDeps, actor: Actor, planId: string) => {
  const { plan, views } = await readPlanStatements(deps, actor, planId)
  const rows: (string | number | null)[][] = [
    [
      'plan',
      'period',
      'person',
      'user_id',
      'line',
      'weight_pct',
      'target',
      'actual',
      'attainment_pct',
      'payout_pct',
      'amount',
      'currency',
      'status',
    ],
  ]
  const period = periodLabel(plan.periodKind, plan.period.start)
  const status = plan.closedAt ? 'closed' : 'accruing'
  for (const v of views) {
    const s = v.statement
    for (const c of s.components) {
      rows.push([
        plan.name,
        period,
        s.name,
        s.userId,
        COMPONENT_LABELS[c.kind],
        c.weight,
        c.target,
        c.actual,
        c.attainment,
        c.payoutPercent,
        c.payout,
        plan.currency,
        status,
      ])
    }
    for (const a of v.adjustments) {
      rows.push([
        plan.name,
        period,
        s.name,
        s.userId,
        `Adjustment: ${a.reason}`,
        null,
        null,
        null,
        null,
        null,
        a.amount,
        plan.currency,
        status,
      ])
    }
    rows.push([
      plan.name,
      period,
      s.name,
      s.userId,
      'Total',
      100,
      s.targetBonus,
      null,
      null,
      null,
      v.total,
      plan.currency,
      status,
    ])
  }
  await deps.audit.record(
    actedBy(
      actor,
      'bonus_statements.exported',
      { type: 'bonus_plan', id: planId },
      { rows: rows.length - 1, format: 'csv' },
    ),
  )
  return {
    filename: `bonus-${plan.period.start}-${plan.name.replace(/[^\w-]+/g, '-').toLowerCase()}.csv`,
    csv: `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`,
  }
}

/**
 * Report-card results: per salesperson over the last `months`, per behaviour and overall, the trend
 * month by month and the cards behind it. Sales see their own; leaders the team's.
 */
export const readReportCards = async (
  deps: AccountabilityDeps,
  actor: Actor,
  input: { userId?: string | undefined; months: number },
) => {
  const now = deps.clock.now()
  const from = new Date(now.getTime() - input.months * 30 * DAY)
  const team = input.userId === undefined && can(actor, 'accountability.read_team')
  if (!team) checkSees(actor, input.userId ?? actor.userId)
  const [settings, labels, cards, members] = await Promise.all([
    deps.accountability.settings(),
    behaviourLabels(deps),
    deps.accountability.reportCards({
      ...(team ? {} : { salespersonUserId: input.userId ?? actor.userId }),
      from,
      limit: 5000,
    }),
    deps.accountability.members(),
  ])
  // the team: every salesperson, and anyone else a card was sent about (an admin who sells)
  const rated = new Set(cards.map((c) => c.salespersonUserId))
  const userIds = team
    ? members.filter((m) => m.role === 'sales' || rated.has(m.userId)).map((m) => m.userId)
    : [input.userId ?? actor.userId]
  const names = new Map(members.map((m) => [m.userId, m.name]))
  const people = userIds.map((userId) => {
    const mine = cards.filter((c) => c.salespersonUserId === userId)
    const answered = mine.flatMap((c) =>
      c.answeredAt && c.ratings
        ? [{ id: c.id, answeredAt: c.answeredAt, ratings: c.ratings, comment: c.comment }]
        : [],
    )
    return {
      userId,
      name: names.get(userId) ?? 'Former member',
      sent: mine.length,
      score: scoreReportCards(answered, labels, settings.minAnswers),
      trend: reportCardTrend(answered),
      cards: mine.map((c) => ({
        id: c.id,
        customerId: c.customerId,
        customerName: c.customerName,
        personName: c.personName,
        sentAt: c.sentAt,
        expiresAt: c.expiresAt,
        remindedAt: c.remindedAt,
        answeredAt: c.answeredAt,
        ratings: c.ratings,
        comment: c.comment,
        questions: c.questions,
      })),
    }
  })
  await deps.audit.record(
    actedBy(actor, 'report_cards.read', { type: 'report_card' }, { userIds, months: input.months }),
  )
  return { from, people }
}

/**
 * What a salesperson's home shows: the plan they are on now with the statement so far, their report
 * card over the last year, and their secret-gathering figures this period (the plan's, or this
 * quarter's when they are on no plan).
 */
export const readMyAccountability = async (deps: AccountabilityDeps, actor: Actor) => {
  authorize(actor, 'accountability.read_own')
  const now = deps.clock.now()
  const today = now.toISOString().slice(0, 10)
  const mine = await deps.accountability.plans({ userId: actor.userId })
  const current = mine.find((p) => p.period.start <= today && today < p.period.end) ?? null
  const statement = current ? await statementOf(deps, current, actor.userId) : null
  let effectiveness: Wire<Effectiveness> | null = statement?.statement.details.effectiveness ?? null
  let period: Period
  if (current) period = current.period
  else {
    const q = Math.floor(now.getUTCMonth() / 3) * 3 + 1
    period = periodOf('quarter', `${now.getUTCFullYear()}-${String(q).padStart(2, '0')}-01`)
  }
  const settings = await deps.accountability.settings()
  const labels = await behaviourLabels(deps)
  const yearAgo = new Date(now.getTime() - 365 * DAY)
  const upTo = new Date(now.getTime() + 1)
  const figures = await deps.accountability.figures([actor.userId], yearAgo, upTo, now)
  const f = figures.get(actor.userId)!
  const score = scoreReportCards(f.cards, labels, settings.minAnswers)
  if (!effectiveness) {
    const inPeriod = await deps.accountability.figures([actor.userId], startOf(period.start), upTo, now)
    const g = inPeriod.get(actor.userId)!
    const periodScore = scoreReportCards(g.cards, labels, settings.minAnswers)
    effectiveness = JSON.parse(
      JSON.stringify(computeEffectiveness({ ...g.effectiveness, reportCard: periodScore }, settings.weights)),
    )
  }
  if (statement) {
    await deps.audit.record(
      actedBy(
        actor,
        'bonus_statement.read',
        { type: 'bonus_plan', id: statement.plan.id },
        { userIds: [actor.userId], frozen: statement.frozen, view: 'home' },
      ),
    )
  }
  return {
    period,
    statement,
    effectiveness: effectiveness as Wire<Effectiveness>,
    reportCard: { ...score, trend: reportCardTrend(f.cards) },
  }
}
