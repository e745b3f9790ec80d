import { type Kysely, sql } from 'kysely'
import { type Behaviour, DEFAULT_BEHAVIOURS } from '../domain/accountability/behaviours.ts'
import type { PeriodKind, PlanComponent } from '../domain/accountability/bonus-plan.ts'
import { DEFAULT_EFFECTIVENESS_WEIGHTS } from '../domain/accountability/effectiveness.ts'
import type {
  AccountabilityPort,
  AccountabilitySettings,
  Adjustment,
  BonusPlan,
  RawFigures,
  ReportCard,
} from '../domain/accountability/ports.ts'
import { DEFAULT_MIN_ANSWERS, type Ratings } from '../domain/accountability/report-card.ts'
import type { Statement } from '../domain/accountability/statement.ts'
import type { Tier } from '../domain/customers/value-tiers.ts'
import type { Certainty, Layer } from '../domain/secrets/taxonomy.ts'
import { isRole } from '../domain/workspaces/roles.ts'
import { enqueueJob } from './jobs.store.ts'
import type { DB } from './schema.ts'
import { byIdInWorkspace, ofCustomer } from './store-kit.ts'

export const REPORT_CARD_REMINDER_JOB = 'report_card.remind'

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T
const num = (v: unknown) => Number(v)
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10))

const presentBehaviour = (r: {
  id: string
  label: string
  hint: string | null
  position: number
  retiredAt: Date | string | null
}): Behaviour => ({
  id: r.id,
  label: r.label,
  hint: r.hint,
  position: r.position,
  retiredAt: r.retiredAt ? new Date(r.retiredAt) : null,
})

/** The cards' one lookup outside a workspace: the link's token hash (first link or the reminder's) → card and workspace. */
export const reportCardByHash = async (db: Kysely<DB>, hash: string) =>
  (await db
    .selectFrom('reportCard')
    .select(['id', 'workspaceId'])
    .where((eb) => eb.or([eb('tokenHash', '=', hash), eb('reminderTokenHash', '=', hash)]))
    .executeTakeFirst()) ?? null

/** A notice in the salesperson's bell that a customer answered (no OOPS! to open). */
export const reportCardNotifier =
  (trx: Kysely<DB>, workspaceId: string, now: () => Date) =>
  async (n: { userId: string; title: string; body: string }) => {
    await trx
      .insertInto('notification')
      .values({
        workspaceId,
        userId: n.userId,
        kind: 'report_card.answered',
        oopsId: null,
        title: n.title,
        body: n.body,
        createdAt: now(),
      })
      .execute()
  }

/** Report cards, bonus plans and their statements of one workspace, and the figures behind them. */
export const accountabilityStore = (trx: Kysely<DB>, workspaceId: string): AccountabilityPort => {
  const cards = () =>
    trx
      .selectFrom('reportCard as r')
      .innerJoin('customer as c', 'c.id', 'r.customerId')
      .leftJoin('customerPerson as p', 'p.id', 'r.personId')
      .leftJoin('authUser as u', 'u.id', 'r.salespersonUserId')
      .select([
        'r.id',
        'r.salespersonUserId',
        'u.name as salespersonName',
        'r.customerId',
        'c.name as customerName',
        'r.personId',
        'p.name as personName',
        'r.sentByUserId',
        'r.questions',
        'r.emailTo',
        'r.sentAt',
        'r.expiresAt',
        'r.remindedAt',
        'r.answeredAt',
        'r.ratings',
        'r.comment',
      ])
      .where('r.workspaceId', '=', workspaceId)

  const presentCard = (r: Awaited<ReturnType<ReturnType<typeof cards>['execute']>>[number]): ReportCard => ({
    id: r.id,
    salespersonUserId: r.salespersonUserId,
    salespersonName: r.salespersonName ?? 'a former colleague',
    customerId: r.customerId,
    customerName: r.customerName,
    personId: r.personId,
    personName: r.personName,
    sentByUserId: r.sentByUserId,
    questions: json(r.questions),
    emailTo: r.emailTo,
    sentAt: new Date(r.sentAt),
    expiresAt: new Date(r.expiresAt),
    remindedAt: r.remindedAt ? new Date(r.remindedAt) : null,
    answeredAt: r.answeredAt ? new Date(r.answeredAt) : null,
    ratings: r.ratings ? json<Ratings>(r.ratings) : null,
    comment: r.comment,
  })

  const plansQuery = () =>
    trx
      .selectFrom('bonusPlan')
      .selectAll()
      .where('workspaceId', '=', workspaceId)
      .orderBy('periodStart', 'desc')

  const withMembers = async (
    rows: Awaited<ReturnType<ReturnType<typeof plansQuery>['execute']>>,
  ): Promise<BonusPlan[]> => {
    if (rows.length === 0) return []
    const members = await trx
      .selectFrom('bonusPlanMember as m')
      .leftJoin('authUser as u', 'u.id', 'm.userId')
      .select(['m.planId', 'm.userId', 'u.name', 'm.targetBonus', 'm.quota'])
      .where('m.workspaceId', '=', workspaceId)
      .where(
        'm.planId',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('u.name')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      periodKind: r.periodKind as PeriodKind,
      period: { start: day(r.periodStart), end: day(r.periodEnd) },
      components: json<PlanComponent[]>(r.components),
      currency: r.currency,
      members: members
        .filter((m) => m.planId === r.id)
        .map((m) => ({
          userId: m.userId,
          name: m.name ?? 'a former colleague',
          targetBonus: num(m.targetBonus),
          quota: m.quota === null ? null : num(m.quota),
        })),
      createdAt: new Date(r.createdAt),
      closedAt: r.closedAt ? new Date(r.closedAt) : null,
      closedBy: r.closedBy,
    }))
  }

  const insertMembers = async (
    planId: string,
    members: { userId: string; targetBonus: number; quota: number | null }[],
  ) => {
    await trx
      .insertInto('bonusPlanMember')
      .values(
        members.map((m) => ({
          workspaceId,
          planId,
          userId: m.userId,
          targetBonus: String(m.targetBonus),
          quota: m.quota === null ? null : String(m.quota),
        })),
      )
      .execute()
  }

  const port: AccountabilityPort = {
    async settings(): Promise<AccountabilitySettings> {
      const w = await trx
        .selectFrom('workspace')
        .select('settings')
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      const s = (json<Record<string, unknown>>(w.settings).accountability ??
        {}) as Partial<AccountabilitySettings>
      return {
        minSecretWeight: s.minSecretWeight ?? 25,
        minAnswers: s.minAnswers ?? DEFAULT_MIN_ANSWERS,
        weights: {
          ...DEFAULT_EFFECTIVENESS_WEIGHTS,
          ...s.weights,
          tier: { ...DEFAULT_EFFECTIVENESS_WEIGHTS.tier, ...s.weights?.tier },
          certainty: { ...DEFAULT_EFFECTIVENESS_WEIGHTS.certainty, ...s.weights?.certainty },
        },
      }
    },
    async changeSettings(s) {
      await trx
        .updateTable('workspace')
        .set({ settings: sql`settings || jsonb_build_object('accountability', ${JSON.stringify(s)}::jsonb)` })
        .where('id', '=', workspaceId)
        .execute()
    },
    async members() {
      const rows = await trx
        .selectFrom('membership as m')
        .innerJoin('authUser as u', 'u.id', 'm.userId')
        .select(['m.userId', 'u.name', 'u.email', 'm.role'])
        .where('m.workspaceId', '=', workspaceId)
        .orderBy('u.name')
        .execute()
      return rows.flatMap((r) =>
        isRole(r.role) ? [{ userId: r.userId, name: r.name, email: r.email, role: r.role }] : [],
      )
    },
    async member(userId) {
      return (await port.members()).find((m) => m.userId === userId) ?? null
    },
    async companyName() {
      return (
        await trx
          .selectFrom('workspace')
          .select('name')
          .where('id', '=', workspaceId)
          .executeTakeFirstOrThrow()
      ).name
    },

    async behaviours() {
      const read = () =>
        trx
          .selectFrom('agentBehaviour')
          .select(['id', 'label', 'hint', 'position', 'retiredAt'])
          .where('workspaceId', '=', workspaceId)
          .orderBy('position')
          .execute()
      let rows = await read()
      if (rows.length === 0) {
        // the first read seeds the source's list, once (the row lock keeps two first reads from both seeding)
        const w = await trx
          .selectFrom('workspace')
          .select(sql<boolean>`coalesce((settings->>'behavioursSeeded')::boolean, false)`.as('seeded'))
          .where('id', '=', workspaceId)
          .forUpdate()
          .executeTakeFirstOrThrow()
        rows = await read()
        if (!w.seeded && rows.length === 0) {
          await trx
            .insertInto('agentBehaviour')
            .values(
              DEFAULT_BEHAVIOURS.map((b, i) => ({
                workspaceId,
                label: b.label,
                hint: b.hint,
                position: i + 1,
              })),
            )
            .execute()
          await trx
            .updateTable('workspace')
            .set({ settings: sql`settings || '{"behavioursSeeded": true}'::jsonb` })
            .where('id', '=', workspaceId)
            .execute()
          rows = await read()
        }
      }
      return rows.map(presentBehaviour)
    },
    async addBehaviour(b) {
      const r = await trx
        .insertInto('agentBehaviour')
        .values({ workspaceId, label: b.label, hint: b.hint, position: b.position })
        .returning(['id', 'label', 'hint', 'position', 'retiredAt'])
        .executeTakeFirstOrThrow()
      return presentBehaviour(r)
    },
    async changeBehaviour(id, patch) {
      const r = await trx
        .updateTable('agentBehaviour')
        .set(patch)
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .returning(['id', 'label', 'hint', 'position', 'retiredAt'])
        .executeTakeFirst()
      return r ? presentBehaviour(r) : null
    },

    async addressee(customerId, personId) {
      const c = await byIdInWorkspace(trx, 'customer', workspaceId, customerId)
        .select(['name'])
        .where('erasedAt', 'is', null)
        .executeTakeFirst()
      if (!c) return null
      if (!personId) return { customerName: c.name, personName: null, email: null }
      const p = await ofCustomer(trx, 'customerPerson', workspaceId, customerId)
        .select(['name', 'email'])
        .where('id', '=', personId)
        .executeTakeFirst()
      return p ? { customerName: c.name, personName: p.name, email: p.email } : null
    },
    async saveReportCard(c) {
      const r = await trx
        .insertInto('reportCard')
        .values({ workspaceId, ...c, questions: JSON.stringify(c.questions) })
        .returning('id')
        .executeTakeFirstOrThrow()
      return r.id
    },
    async reportCard(id) {
      const r = await cards().where('r.id', '=', id).executeTakeFirst()
      return r ? presentCard(r) : null
    },
    async reportCards(f) {
      let q = cards()
      if (f.salespersonUserId) q = q.where('r.salespersonUserId', '=', f.salespersonUserId)
      if (f.from) q = q.where('r.sentAt', '>=', f.from)
      if (f.to) q = q.where('r.sentAt', '<', f.to)
      return (await q.orderBy('r.sentAt', 'desc').limit(f.limit).execute()).map(presentCard)
    },
    async answerReportCard(id, a) {
      const r = await trx
        .updateTable('reportCard')
        .set({ ratings: JSON.stringify(a.ratings), comment: a.comment, answeredAt: a.at })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .where('answeredAt', 'is', null)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async markReminded(id, hash, at) {
      const r = await trx
        .updateTable('reportCard')
        .set({ reminderTokenHash: hash, remindedAt: at })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .where('answeredAt', 'is', null)
        .where('remindedAt', 'is', null)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async scheduleReminder(cardId, runAt) {
      await enqueueJob(trx, workspaceId, {
        kind: REPORT_CARD_REMINDER_JOB,
        runAt,
        payload: { cardId },
        dedupeKey: `report-card-reminder:${cardId}`,
      })
    },

    async plans(f) {
      let q = plansQuery()
      if (f?.userId) {
        const userId = f.userId
        q = q.where('id', 'in', (eb) =>
          eb
            .selectFrom('bonusPlanMember')
            .select('planId')
            .where('workspaceId', '=', workspaceId)
            .where('userId', '=', userId),
        )
      }
      return withMembers(await q.execute())
    },
    async plan(id) {
      const [p] = await withMembers(await plansQuery().where('id', '=', id).execute())
      return p ?? null
    },
    async overlapping(userIds, period, exceptPlanId) {
      if (userIds.length === 0) return []
      let q = trx
        .selectFrom('bonusPlanMember as m')
        .innerJoin('bonusPlan as p', 'p.id', 'm.planId')
        .select(['p.name as planName', 'm.userId'])
        .where('m.workspaceId', '=', workspaceId)
        .where('m.userId', 'in', userIds)
        .where('p.periodStart', '<', period.end)
        .where('p.periodEnd', '>', period.start)
      if (exceptPlanId) q = q.where('p.id', '<>', exceptPlanId)
      return q.execute()
    },
    async savePlan(p) {
      const r = await trx
        .insertInto('bonusPlan')
        .values({
          workspaceId,
          name: p.name.trim(),
          periodKind: p.periodKind,
          periodStart: p.period.start,
          periodEnd: p.period.end,
          components: JSON.stringify(p.components),
          currency: p.currency,
          createdBy: p.createdBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await insertMembers(r.id, p.members)
      return r.id
    },
    async replacePlan(id, p) {
      await trx
        .updateTable('bonusPlan')
        .set({
          name: p.name.trim(),
          periodKind: p.periodKind,
          periodStart: p.period.start,
          periodEnd: p.period.end,
          components: JSON.stringify(p.components),
        })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .execute()
      await trx
        .deleteFrom('bonusPlanMember')
        .where('workspaceId', '=', workspaceId)
        .where('planId', '=', id)
        .execute()
      await insertMembers(id, p.members)
    },
    async deletePlan(id) {
      await trx.deleteFrom('bonusPlan').where('workspaceId', '=', workspaceId).where('id', '=', id).execute()
    },
    async closePlan(id, by, at) {
      const r = await trx
        .updateTable('bonusPlan')
        .set({ closedAt: at, closedBy: by })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .where('closedAt', 'is', null)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async freezeStatements(planId, statements: Statement[], at) {
      if (statements.length === 0) return
      await trx
        .insertInto('bonusStatement')
        .values(
          statements.map((s) => ({
            workspaceId,
            planId,
            userId: s.userId,
            statement: JSON.stringify(s),
            payout: String(s.payout),
            frozenAt: at,
          })),
        )
        .execute()
    },
    async frozenStatement(planId, userId) {
      const r = await trx
        .selectFrom('bonusStatement')
        .select('statement')
        .where('workspaceId', '=', workspaceId)
        .where('planId', '=', planId)
        .where('userId', '=', userId)
        .executeTakeFirst()
      return r ? json<Statement>(r.statement) : null
    },
    async adjustments(planId, userId) {
      let q = trx
        .selectFrom('bonusAdjustment as a')
        .leftJoin('authUser as u', 'u.id', 'a.createdBy')
        .select([
          'a.id',
          'a.userId',
          'a.amount',
          'a.reason',
          'a.createdBy',
          'u.name as createdByName',
          'a.createdAt',
        ])
        .where('a.workspaceId', '=', workspaceId)
        .where('a.planId', '=', planId)
      if (userId) q = q.where('a.userId', '=', userId)
      return (await q.orderBy('a.createdAt').execute()).map(
        (r): Adjustment => ({ ...r, amount: num(r.amount), createdAt: new Date(r.createdAt) }),
      )
    },
    async addAdjustment(a) {
      const r = await trx
        .insertInto('bonusAdjustment')
        .values({
          workspaceId,
          planId: a.planId,
          userId: a.userId,
          amount: String(a.amount),
          reason: a.reason,
          createdBy: a.createdBy,
          createdAt: a.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return r.id
    },

    async customerNames(ids) {
      if (ids.length === 0) return new Map()
      const rows = await trx
        .selectFrom('customer')
        .select(['id', 'name'])
        .where('workspaceId', '=', workspaceId)
        .where('id', 'in', ids)
        .execute()
      return new Map(rows.map((r) => [r.id, r.name]))
    },
    async cardComments(ids) {
      if (ids.length === 0) return new Map()
      const rows = await trx
        .selectFrom('reportCard')
        .select(['id', 'comment'])
        .where('workspaceId', '=', workspaceId)
        .where('id', 'in', ids)
        .execute()
      return new Map(rows.map((r) => [r.id, r.comment]))
    },
    figures: (userIds, from, to) => readFigures(trx, workspaceId, userIds, from, to),
  }
  return port
}

/**
 * Each person's figures over [from, to), a handful of set-based queries for all of them at once (a
 * quarter's statements for 200 people is seven queries, not 1,400).
 */
const readFigures = async (
  trx: Kysely<DB>,
  ws: string,
  userIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, RawFigures>> => {
  const out = new Map<string, RawFigures>()
  for (const u of userIds) {
    out.set(u, {
      revenue: { total: 0, byCustomer: [] },
      effectiveness: { recorded: [], coverage: [], used: [], confirmed: [] },
      cards: [],
      recoveries: [],
    })
  }
  if (userIds.length === 0) return out
  const ids = sql.join(userIds.map((u) => sql`${u}`))
  const get = (u: unknown) => out.get(String(u))!

  const [revenue, recorded, coverage, surprised, read, searched, confirmed, answered, recoveries] =
    await Promise.all([
      sql<any>`
      select c.owner_user_id as u, c.id, c.name, sum(p.amount)::float8 as amount, count(*)::int as lines
      from customer c
      join purchase p on p.workspace_id = c.workspace_id and p.customer_id = c.id
      where c.workspace_id = ${ws} and c.owner_user_id in (${ids})
        and p.purchased_at >= ${from} and p.purchased_at < ${to}
      group by c.owner_user_id, c.id, c.name
      order by amount desc`.execute(trx),
      sql<any>`
      select s.recorded_by as u, s.id, s.customer_id, s.category, s.layer, s.certainty, c.value_tier, s.recorded_at
      from secret s join customer c on c.workspace_id = s.workspace_id and c.id = s.customer_id
      where s.workspace_id = ${ws} and s.recorded_by in (${ids})
        and s.recorded_at >= ${from} and s.recorded_at < ${to}
      order by s.recorded_at, s.id`.execute(trx),
      // a category of an A or B customer of theirs, first known in the period, by a secret they
      // recorded: driven by the period's secrets, each checked for an earlier one in its category
      sql<any>`
      select distinct on (s.customer_id, s.category) s.recorded_by as u, s.customer_id, s.category, s.id
      from secret s join customer c on c.workspace_id = s.workspace_id and c.id = s.customer_id
      where s.workspace_id = ${ws} and s.recorded_by in (${ids})
        and s.recorded_at >= ${from} and s.recorded_at < ${to}
        and c.owner_user_id = s.recorded_by and c.value_tier in ('A', 'B')
        and not exists (
          select 1 from secret e
          where e.workspace_id = s.workspace_id and e.customer_id = s.customer_id and e.category = s.category
            and (e.recorded_at < s.recorded_at or (e.recorded_at = s.recorded_at and e.id < s.id)))
      order by s.customer_id, s.category, s.recorded_at, s.id`.execute(trx),
      sql<any>`
      select distinct on (s.id) s.recorded_by as u, s.id, s.customer_id, coalesce(ou.name, 'a colleague') as by_label, o.surprised_at as at
      from oops o
      cross join lateral unnest(o.surprise_secret_ids) as cited(secret_id)
      join secret s on s.workspace_id = o.workspace_id and s.id = cited.secret_id
      left join auth_user ou on ou.id = o.owner_user_id
      where o.workspace_id = ${ws} and o.surprised_at >= ${from} and o.surprised_at < ${to}
        and s.recorded_by in (${ids}) and o.owner_user_id is distinct from s.recorded_by
      order by s.id, o.surprised_at`.execute(trx),
      // a colleague read the customer's secrets after theirs was recorded
      sql<any>`
      select distinct on (s.id) s.recorded_by as u, s.id, s.customer_id, a.actor_label as by_label, a.created_at as at
      from audit_event a
      join secret s on s.workspace_id = a.workspace_id and s.customer_id = a.target_id
      where a.workspace_id = ${ws} and a.target_type = 'customer'
        and a.action in ('secrets.read_known', 'secrets.read_manual')
        and a.created_at >= ${from} and a.created_at < ${to}
        and s.recorded_by in (${ids}) and s.recorded_at <= a.created_at
        and a.actor_user_id is distinct from s.recorded_by
      order by s.id, a.created_at`.execute(trx),
      sql<any>`
      select distinct on (s.recorded_by, found.customer_id) s.recorded_by as u, found.customer_id, a.actor_label as by_label, a.created_at as at
      from audit_event a
      cross join lateral jsonb_array_elements_text(coalesce(a.details->'customers', '[]'::jsonb)) as found(customer_id)
      join secret s on s.workspace_id = a.workspace_id and s.customer_id = found.customer_id
      where a.workspace_id = ${ws} and a.action = 'secrets.searched'
        and a.created_at >= ${from} and a.created_at < ${to}
        and s.recorded_by in (${ids}) and s.recorded_at <= a.created_at
        and a.actor_user_id is distinct from s.recorded_by
      order by s.recorded_by, found.customer_id, a.created_at`.execute(trx),
      sql<any>`
      select distinct on (a.target_id) a.actor_user_id as u, a.target_id as id, a.details->>'customerId' as customer_id, a.created_at as at
      from audit_event a
      where a.workspace_id = ${ws} and a.action = 'secret.changed' and a.actor_user_id in (${ids})
        and (a.details->>'wasStale')::boolean is true
        and a.created_at >= ${from} and a.created_at < ${to}
      order by a.target_id, a.created_at`.execute(trx),
      sql<any>`
      select r.salesperson_user_id as u, r.id, r.answered_at, r.ratings, r.comment, r.customer_id, c.name as customer_name
      from report_card r join customer c on c.id = r.customer_id
      where r.workspace_id = ${ws} and r.salesperson_user_id in (${ids})
        and r.answered_at >= ${from} and r.answered_at < ${to}
      order by r.answered_at`.execute(trx),
      // decided in the period: fixed and surprised (at the later of the two, or the deadline if that came
      // first), or left past the deadline; dazzling: both inside it (the scoreboard's rule)
      sql<any>`
      select o.owner_user_id as u, o.id, o.customer_id, c.name as customer_name, d.decided_at,
        coalesce(o.fixed_at <= o.deadline_at and o.surprised_at <= o.deadline_at, false) as dazzling
      from oops o
      join customer c on c.id = o.customer_id
      cross join lateral (
        select case when o.fixed_at is not null and o.surprised_at is not null
          then least(greatest(o.fixed_at, o.surprised_at), o.deadline_at) else o.deadline_at end as decided_at
      ) d
      where o.workspace_id = ${ws} and o.owner_user_id in (${ids})
        and d.decided_at >= ${from} and d.decided_at < ${to}
      order by d.decided_at`.execute(trx),
    ])

  for (const r of revenue.rows) {
    const f = get(r.u)
    f.revenue.byCustomer.push({
      customerId: r.id,
      customerName: r.name,
      amount: Math.round(num(r.amount) * 100) / 100,
      lines: r.lines,
    })
    f.revenue.total = Math.round((f.revenue.total + num(r.amount)) * 100) / 100
  }
  for (const r of recorded.rows) {
    get(r.u).effectiveness.recorded.push({
      secretId: r.id,
      customerId: r.customerId,
      category: r.category,
      layer: r.layer as Layer,
      certainty: r.certainty as Certainty,
      tier: (r.valueTier as Tier | null) ?? null,
      recordedAt: new Date(r.recordedAt),
    })
  }
  for (const r of coverage.rows)
    get(r.u).effectiveness.coverage.push({ customerId: r.customerId, category: r.category, secretId: r.id })
  for (const [rows, how] of [
    [surprised.rows, 'surprise'],
    [read.rows, 'read'],
  ] as const) {
    for (const r of rows) {
      get(r.u).effectiveness.used.push({
        secretId: r.id,
        customerId: r.customerId,
        how,
        byLabel: r.byLabel,
        at: new Date(r.at),
      })
    }
  }
  for (const r of searched.rows) {
    get(r.u).effectiveness.used.push({
      secretId: null,
      customerId: r.customerId,
      how: 'search',
      byLabel: r.byLabel,
      at: new Date(r.at),
    })
  }
  for (const r of confirmed.rows) {
    get(r.u).effectiveness.confirmed.push({ secretId: r.id, customerId: r.customerId, at: new Date(r.at) })
  }
  for (const r of answered.rows) {
    get(r.u).cards.push({
      id: r.id,
      answeredAt: new Date(r.answeredAt),
      ratings: json<Ratings>(r.ratings),
      comment: r.comment,
      customerId: r.customerId,
      customerName: r.customerName,
    })
  }
  for (const r of recoveries.rows) {
    get(r.u).recoveries.push({
      oopsId: r.id,
      customerId: r.customerId,
      customerName: r.customerName,
      resolvedAt: new Date(r.decidedAt),
      dazzling: r.dazzling === true,
    })
  }
  return out
}
