import { type Kysely, sql } from 'kysely'
import {
  assignTiers,
  concentration,
  DEFAULT_TIERS,
  GROW_HERE_BELOW,
  paretoCurve,
  type TierSettings,
} from '../domain/customers/value-tiers.ts'
import type { DB } from './schema.ts'

/**
 * Recomputes every customer's value figures from purchases, then ranks and tiers them, in SQL: one
 * pass over purchases grouped by customer, one ordered pass over customers. The tier rule itself is
 * the domain's (assignTiers); a test keeps the two in agreement.
 */
export const recomputeValue = async (
  trx: Kysely<DB>,
  workspaceId: string,
  now: Date,
  tiers: TierSettings = DEFAULT_TIERS,
  /**
   * Whose purchases changed: only their figures are summed again (an edit or a small import in a
   * workspace of 200,000 customers and millions of purchases need not read them all). Ranks,
   * tiers and the report are always worked out for everyone. Default: everyone's.
   */
  changed?: readonly string[],
) => {
  const since = new Date(now.getTime() - 365 * 24 * 3600_000)
  const only = (column: string) =>
    changed === undefined ? sql`` : sql`and ${sql.ref(column)} = any(${[...changed]}::text[])`
  if (changed === undefined || changed.length > 0)
    await sql`
    update customer c set
      lifetime_revenue = coalesce(a.lifetime, 0),
      trailing_12m_revenue = coalesce(a.t12m, 0),
      order_count = coalesce(a.orders, 0),
      first_purchase_at = a.first_at,
      last_purchase_at = a.last_at
    from (
      select c2.id,
             sum(p.amount) as lifetime,
             sum(p.amount) filter (where p.purchased_at >= ${since}) as t12m,
             count(distinct p.invoice_id) filter (where not p.is_cancellation) as orders,
             min(p.purchased_at) as first_at,
             max(p.purchased_at) as last_at
      from customer c2 left join purchase p on p.customer_id = c2.id and p.workspace_id = ${workspaceId}
      where c2.workspace_id = ${workspaceId} ${only('c2.id')}
      group by c2.id
    ) a
    where c.id = a.id and c.workspace_id = ${workspaceId} ${only('c.id')}
      and (c.lifetime_revenue, c.trailing_12m_revenue, c.order_count, c.first_purchase_at, c.last_purchase_at)
          is distinct from (coalesce(a.lifetime, 0), coalesce(a.t12m, 0), coalesce(a.orders, 0), a.first_at, a.last_at)
  `.execute(trx)
  await sql`
    update customer c set value_rank = r.rank, value_tier = r.tier
    from (
      select id,
             case when lifetime_revenue > 0 then row_number() over (order by lifetime_revenue desc, id) end as rank,
             case
               when lifetime_revenue <= 0 or t.total = 0 then 'C'
               when coalesce(sum(lifetime_revenue) filter (where lifetime_revenue > 0)
                      over (order by lifetime_revenue desc, id rows between unbounded preceding and 1 preceding), 0)
                    < ${tiers.aShare} * t.total then 'A'
               when coalesce(sum(lifetime_revenue) filter (where lifetime_revenue > 0)
                      over (order by lifetime_revenue desc, id rows between unbounded preceding and 1 preceding), 0)
                    < ${tiers.bShare} * t.total then 'B'
               else 'C'
             end as tier
      from customer,
           (select coalesce(sum(lifetime_revenue) filter (where lifetime_revenue > 0), 0) as total
            from customer where workspace_id = ${workspaceId}) t
      where workspace_id = ${workspaceId}
    ) r
    where c.id = r.id and c.workspace_id = ${workspaceId}
      and (c.value_rank, c.value_tier) is distinct from (r.rank, r.tier)
  `.execute(trx)
  const report = await buildValueReport(trx, workspaceId, tiers)
  await trx
    .insertInto('valueSnapshot')
    .values({ workspaceId, computedAt: now, report: JSON.stringify(report) })
    .onConflict((oc) =>
      oc.column('workspaceId').doUpdateSet({ computedAt: now, report: JSON.stringify(report) }),
    )
    .execute()
  return report
}

export type ValueFigures = Awaited<ReturnType<typeof buildValueReport>>

/** The figures of the value page (without the grow-here list, which the route reads live). */
export const buildValueReport = async (
  trx: Kysely<DB>,
  workspaceId: string,
  tiers: TierSettings = DEFAULT_TIERS,
) => {
  const rows = await sql<{ r: number }>`
    select lifetime_revenue::float8 as r from customer
    where workspace_id = ${workspaceId} order by lifetime_revenue desc, id`.execute(trx)
  const revenues = rows.rows.map((x) => Number(x.r))
  const tierOf = assignTiers(revenues, tiers)
  const count = { A: 0, B: 0, C: 0 }
  const revenue = { A: 0, B: 0, C: 0 }
  tierOf.forEach((t, i) => {
    count[t]++
    if (revenues[i]! > 0) revenue[t] += revenues[i]!
  })
  const positive = revenues.filter((r) => r > 0)
  const c = concentration(revenues)
  const currency = await sql<{ currency: string }>`
    select currency from customer where workspace_id = ${workspaceId}
    group by currency order by count(*) desc limit 1`.execute(trx)
  return {
    currency: currency.rows[0]?.currency ?? 'GBP',
    customers: revenues.length,
    withPositiveRevenue: positive.length,
    totalRevenue: round2(positive.reduce((t, r) => t + r, 0)),
    tierShare: tiers.aShare,
    tiers: count,
    tierRevenue: { A: round2(revenue.A), B: round2(revenue.B), C: round2(revenue.C) },
    top10Share: round4(c.top10Share),
    top20PercentShare: round4(c.top20PercentShare),
    hhi: Math.round(c.hhi * 10) / 10,
    concentration: { level: c.level, warning: c.warning },
    pareto: paretoCurve(revenues, 100).map((p) => ({
      customerShare: round4(p.customerShare),
      revenueShare: round4(p.revenueShare),
    })),
  }
}

export const readValueSnapshot = async (trx: Kysely<DB>, workspaceId: string) => {
  const r = await trx
    .selectFrom('valueSnapshot')
    .select(['computedAt', 'report'])
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirst()
  return r ? { computedAt: new Date(r.computedAt), report: r.report as ValueFigures } : null
}

export const GROW_HERE_SQL_LIMIT = 25
export { GROW_HERE_BELOW }

const round2 = (x: number) => Math.round(x * 100) / 100
const round4 = (x: number) => Math.round(x * 10000) / 10000
