import type { Kysely } from 'kysely'
import { PLAN_CLOSE_JOB } from '../domain/accountability/manage-performance-plans.ts'
import type { Expectations, PlanPeriodKind, TeamActuals } from '../domain/accountability/performance-plan.ts'
import type {
  PerformancePlansPort,
  PlanChange,
  PlanChangeAction,
  StoredPlan,
} from '../domain/accountability/plan-ports.ts'
import type { Role } from '../domain/workspaces/roles.ts'
import { enqueueJob } from './jobs.store.ts'
import type { DB } from './schema.ts'
import { scoreboard } from './scoreboard.store.ts'
import { storiesTold } from './stories.store.ts'

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10))
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T

const expectationsOf = (r: {
  dazzlingShareMin: unknown
  medianFixHoursMax: unknown
  wowRateMin: unknown
  storiesMin: unknown
  secretsCoverageMin: unknown
}): Expectations => ({
  dazzlingShareMin: num(r.dazzlingShareMin),
  medianFixHoursMax: num(r.medianFixHoursMax),
  wowRateMin: num(r.wowRateMin),
  storiesMin: num(r.storiesMin),
  tierACoverageMin: num(r.secretsCoverageMin),
})

const actualsOf = (v: unknown): TeamActuals | null => {
  if (v === null || v === undefined) return null
  const a = json<TeamActuals & { measuredAt: string }>(v)
  return { ...a, measuredAt: new Date(a.measuredAt) }
}

/** The columns of the expectations (tier A coverage is `secrets_coverage_min`). */
const columnsOf = ({ tierACoverageMin, ...e }: Expectations) => ({
  ...e,
  secretsCoverageMin: tierACoverageMin,
})

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null)

/**
 * Leaders' performance plans of one workspace. A team's actuals are the scoreboard's own figures
 * for the team's recoveries and tier A customers, and the stories' count: one home per rule.
 */
export const performancePlansStore = (trx: Kysely<DB>, workspaceId: string): PerformancePlansPort => {
  const plansQ = () => trx.selectFrom('performancePlan').selectAll().where('workspaceId', '=', workspaceId)
  const toPlan = (r: any): StoredPlan => ({
    id: r.id,
    leaderUserId: r.leaderUserId,
    periodKind: r.periodKind as PlanPeriodKind,
    periodStart: day(r.periodStart),
    periodEnd: day(r.periodEnd),
    expectations: expectationsOf(r),
    setBy: r.setBy,
    setAt: new Date(r.setAt),
    updatedAt: new Date(r.updatedAt),
    closedAt: r.closedAt ? new Date(r.closedAt) : null,
    closedBy: r.closedBy,
    finalActuals: actualsOf(r.finalActuals),
  })
  return {
    async members() {
      const rows = await trx
        .selectFrom('membership as m')
        .innerJoin('authUser as u', 'u.id', 'm.userId')
        .select(['m.userId', 'u.name', 'u.email', 'm.role'])
        .where('m.workspaceId', '=', workspaceId)
        .execute()
      return rows.map((r) => ({ userId: r.userId, name: r.name || r.email, role: r.role as Role }))
    },
    async reportingLines() {
      return trx
        .selectFrom('reportingLine')
        .select(['userId', 'leaderUserId'])
        .where('workspaceId', '=', workspaceId)
        .execute()
    },
    async plans({ leaderUserIds }) {
      if (leaderUserIds && leaderUserIds.length === 0) return []
      let q = plansQ()
      if (leaderUserIds) q = q.where('leaderUserId', 'in', [...leaderUserIds])
      return (await q.orderBy('periodStart', 'desc').orderBy('setAt', 'desc').execute()).map(toPlan)
    },
    async plan(id) {
      const r = await plansQ().where('id', '=', id).executeTakeFirst()
      return r && toPlan(r)
    },
    async duePlans(now) {
      const rows = await plansQ()
        .where('closedAt', 'is', null)
        .where('periodEnd', '<=', now.toISOString().slice(0, 10))
        .orderBy('periodEnd')
        .execute()
      return rows.map(toPlan)
    },
    async insertPlan(p) {
      const r = await trx
        .insertInto('performancePlan')
        .values({
          workspaceId,
          leaderUserId: p.leaderUserId,
          periodKind: p.periodKind,
          periodStart: p.periodStart,
          periodEnd: p.periodEnd,
          ...columnsOf(p.expectations),
          setBy: p.setBy,
          setAt: p.setAt,
          updatedAt: p.setAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return r.id
    },
    async updateExpectations(id, e, at) {
      await trx
        .updateTable('performancePlan')
        .set({ ...columnsOf(e), updatedAt: at })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .execute()
    },
    async close(id, c) {
      await trx
        .updateTable('performancePlan')
        .set({
          closedAt: c.at,
          closedBy: c.by,
          finalActuals: JSON.stringify(c.finalActuals),
          updatedAt: c.at,
        })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .execute()
    },
    async addChange(c) {
      await trx
        .insertInto('performancePlanChange')
        .values({
          workspaceId,
          planId: c.planId,
          action: c.action,
          changedBy: c.by,
          changedAt: c.at,
          expectations: JSON.stringify(c.expectations),
        })
        .execute()
    },
    async changes(ids) {
      if (ids.length === 0) return []
      const rows = await trx
        .selectFrom('performancePlanChange')
        .select(['planId', 'action', 'changedBy', 'changedAt', 'expectations'])
        .where('workspaceId', '=', workspaceId)
        .where('planId', 'in', [...ids])
        .orderBy('changedAt')
        .orderBy('id')
        .execute()
      return rows.map(
        (r): PlanChange => ({
          planId: r.planId,
          action: r.action as PlanChangeAction,
          by: r.changedBy,
          at: new Date(r.changedAt as unknown as string),
          expectations: json<Expectations>(r.expectations),
        }),
      )
    },
    async teamFigures(team, from, to, now) {
      const board = await scoreboard(trx, workspaceId, from, to, now, team)
      const o = board.overall
      return {
        recoveries: o.oops,
        decided: o.decided,
        dazzling: o.dazzling,
        dazzlingShare: pct(o.dazzling, o.decided),
        medianHoursToFix: o.medianHoursToFix,
        answers: o.answers,
        wowRate: o.wowRate === null ? null : Math.round(o.wowRate * 1000) / 10,
        storiesTold: await storiesTold(trx, workspaceId, team, from, to),
        tierA: {
          customers: board.tierA.customers,
          withSecrets: board.tierA.withSecrets,
          coverage: pct(board.tierA.withSecrets, board.tierA.customers),
        },
      }
    },
    async scheduleClose(planId, at) {
      await enqueueJob(trx, workspaceId, {
        kind: PLAN_CLOSE_JOB,
        runAt: at,
        payload: { planId },
        dedupeKey: `${PLAN_CLOSE_JOB}:${workspaceId}:${planId}`,
      })
    },
  }
}
