import { type Kysely, type Selectable, sql } from 'kysely'
import type { ValueTier } from '../domain/customers/customer.ts'
import type { BaselineKind, GoalKind, GrowthGoal } from '../domain/growth/growth-goal.ts'
import type { GrowthCustomer } from '../domain/growth/latent-potential.ts'
import type { GrowthPort } from '../domain/growth/ports.ts'
import type { GrowthGoal as GrowthGoalTable } from './schema.generated.ts'
import type { DB } from './schema.ts'
import { fromWorkspace, insertInWorkspace, rowsInWorkspace } from './store-kit.ts'

const num = (v: unknown) => Number(v)
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/** One mapping place from a goal row (with who set it) to the entity. */
const toGoal = (r: Selectable<GrowthGoalTable> & { setByName: string | null }): GrowthGoal => ({
  id: r.id,
  kind: r.kind as GoalKind,
  percent: numOrNull(r.percent),
  amount: numOrNull(r.amount),
  months: r.months,
  baselineKind: r.baselineKind as BaselineKind,
  baseline: num(r.baseline),
  targetRevenue: num(r.targetRevenue),
  currency: r.currency,
  setAt: new Date(r.setAt),
  setBy: r.setBy,
  setByName: r.setByName,
  replacedAt: r.replacedAt ? new Date(r.replacedAt) : null,
})

/** The growth goals and the customers' figures of one workspace; `trx` comes from inWorkspace (RLS on). */
export const growthStore = (trx: Kysely<DB>, workspaceId: string): GrowthPort => {
  const goalsQuery = () =>
    fromWorkspace(trx, 'growthGoal', workspaceId)
      .leftJoin('authUser as u', 'u.id', 'growthGoal.setBy')
      .selectAll('growthGoal')
      .select(sql<string | null>`coalesce(nullif(u.name, ''), u.email)`.as('setByName'))
  return {
    async revenue() {
      const r = await sql<{ t12m: string | number; currency: string | null }>`
        select coalesce(sum(trailing_12m_revenue), 0) as t12m,
               (select currency from customer where workspace_id = ${workspaceId}
                group by currency order by count(*) desc, currency limit 1) as currency
        from customer where workspace_id = ${workspaceId}`.execute(trx)
      const row = r.rows[0]
      return { trailing12m: Math.round(num(row?.t12m ?? 0) * 100) / 100, currency: row?.currency ?? 'GBP' }
    },
    async activeGoal() {
      const r = await goalsQuery().where('growthGoal.replacedAt', 'is', null).executeTakeFirst()
      return r ? toGoal(r) : null
    },
    async goals(limit) {
      const rows = await goalsQuery()
        .orderBy('growthGoal.setAt', 'desc')
        .orderBy('growthGoal.id', 'desc')
        .limit(limit)
        .execute()
      return rows.map(toGoal)
    },
    async setGoal(g) {
      await rowsInWorkspace(trx, 'growthGoal', workspaceId, { replacedAt: null }).update({
        replacedAt: g.setAt,
      })
      const id = await insertInWorkspace(trx, 'growthGoal', workspaceId, {
        kind: g.kind,
        percent: g.percent,
        amount: g.amount,
        months: g.months,
        baselineKind: g.baselineKind,
        baseline: g.baseline,
        targetRevenue: g.targetRevenue,
        currency: g.currency,
        setBy: g.setBy,
        setAt: g.setAt,
      })
      const r = await goalsQuery().where('growthGoal.id', '=', id).executeTakeFirstOrThrow()
      return toGoal(r)
    },
    async customers(_now, cadence = true) {
      // a customer's cadence: the median gap in days between the days they bought on
      const rows = await sql<{
        id: string
        segment: string | null
        country: string | null
        tier: string | null
        ownerUserId: string | null
        ownerName: string | null
        t12m: string | number
        estimated: string | number | null
        orders: number
        lastAt: Date | string | null
        medianGap: string | number | null
      }>`
        with days as materialized (
          select customer_id, date_trunc('day', purchased_at) as d
          from purchase
          where workspace_id = ${workspaceId} and not is_cancellation and ${cadence}
          group by customer_id, date_trunc('day', purchased_at)
        ),
        gaps as (
          select customer_id,
                 extract(epoch from d - lag(d) over (partition by customer_id order by d)) / 86400.0 as gap
          from days
        ),
        cadence as (
          select customer_id, percentile_cont(0.5) within group (order by gap) as median_gap
          from gaps where gap is not null group by customer_id
        )
        select c.id, c.segment, c.country, c.value_tier as tier, c.owner_user_id as "ownerUserId",
               coalesce(nullif(u.name, ''), u.email) as "ownerName",
               c.trailing_12m_revenue as t12m, c.estimated_category_spend as estimated,
               c.order_count as orders, c.last_purchase_at as "lastAt", k.median_gap as "medianGap"
        from customer c
        left join auth_user u on u.id = c.owner_user_id
        left join cadence k on k.customer_id = c.id
        where c.workspace_id = ${workspaceId} and c.erased_at is null`.execute(trx)
      return rows.rows.map(
        (r): GrowthCustomer => ({
          id: r.id,
          segment: r.segment,
          country: r.country,
          tier: (r.tier as ValueTier | null) ?? null,
          ownerUserId: r.ownerUserId,
          ownerName: r.ownerName,
          trailing12m: num(r.t12m),
          estimatedCategorySpend: numOrNull(r.estimated),
          orderCount: num(r.orders),
          lastPurchaseAt: r.lastAt ? new Date(r.lastAt) : null,
          medianGapDays: numOrNull(r.medianGap),
        }),
      )
    },
    async quarterRevenue(since) {
      // one pass over the workspace's purchases since the first quarter, summed per customer and quarter (UTC)
      const rows = await sql<{ y: number; q: number; customerId: string; revenue: string | number }>`
        select extract(year from p.purchased_at at time zone 'UTC')::int as y,
               extract(quarter from p.purchased_at at time zone 'UTC')::int as q,
               p.customer_id,
               sum(p.amount) as revenue
        from purchase p
        where p.workspace_id = ${workspaceId} and p.purchased_at >= ${since}
        group by 1, 2, 3`.execute(trx)
      return rows.rows.map((r) => ({
        year: Number(r.y),
        quarter: Number(r.q),
        customerId: r.customerId,
        revenue: num(r.revenue),
      }))
    },
  }
}
