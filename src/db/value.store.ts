import { type Kysely, sql } from 'kysely'
import type { ValueFigures as Figures, ValuePort } from '../domain/customers/ports.ts'
import {
  assignTiers,
  concentration,
  DEFAULT_TIERS,
  paretoCurve,
  type TierSettings,
} from '../domain/customers/value-tiers.ts'
import { customersStore } from './customers.store.ts'
import type { DB } from './schema.ts'

/**
 * Recomputes every customer's value figures from purchases, then ranks and tiers them, in one SQL
 * statement: a pass over purchases grouped by customer, an ordered pass over customers. The tier rule itself is
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
  const summing = changed === undefined || changed.length > 0
  // the purchase figures of the customers whose purchases changed (everyone's by default)
  const sums = sql`
      select c2.id,
             coalesce(sum(p.amount), 0) as lifetime,
             coalesce(sum(p.amount) filter (where p.purchased_at >= ${since}), 0) as t12m,
             count(distinct p.invoice_id) filter (where not p.is_cancellation) as orders,
             min(p.purchased_at) as first_at,
             max(p.purchased_at) as last_at
      from customer c2 left join purchase p on p.customer_id = c2.id and p.workspace_id = ${workspaceId}
      where c2.workspace_id = ${workspaceId}
        ${changed === undefined ? sql`` : sql`and c2.id = any(${[...changed]}::text[])`}
      group by c2.id`
  /** a figure summed again for the customers whose purchases changed, as it was for the others */
  const kept = (column: string, summed: string) =>
    summing
      ? sql`case when a.id is null then ${sql.raw(`c.${column}`)} else ${sql.raw(`a.${summed}`)} end`
      : sql.raw(`c.${column}`)
  // One statement writes each customer once: its figures (summed again, or as they were) and its
  // rank and tier over everyone's figures. (Two statements, figures then ranks, wrote every row
  // twice on a first run: at 200,000 customers with the list's sort indexes, most of the time.)
  await sql`
    with figures as (
      select c.id,
             ${kept('lifetime_revenue', 'lifetime')} as lifetime,
             ${kept('trailing_12m_revenue', 't12m')} as t12m,
             ${kept('order_count', 'orders')} as orders,
             ${kept('first_purchase_at', 'first_at')} as first_at,
             ${kept('last_purchase_at', 'last_at')} as last_at
      from customer c ${summing ? sql`left join (${sums}) a on a.id = c.id` : sql``}
      where c.workspace_id = ${workspaceId}
    ),
    ranked as (
      select f.*,
             case when f.lifetime > 0 then row_number() over (order by f.lifetime desc, f.id) end as rank,
             case
               when f.lifetime <= 0 or t.total = 0 then 'C'
               when coalesce(sum(f.lifetime) filter (where f.lifetime > 0)
                      over (order by f.lifetime desc, f.id rows between unbounded preceding and 1 preceding), 0)
                    < ${tiers.aShare} * t.total then 'A'
               when coalesce(sum(f.lifetime) filter (where f.lifetime > 0)
                      over (order by f.lifetime desc, f.id rows between unbounded preceding and 1 preceding), 0)
                    < ${tiers.bShare} * t.total then 'B'
               else 'C'
             end as tier
      from figures f,
           (select coalesce(sum(lifetime) filter (where lifetime > 0), 0) as total from figures) t
    )
    update customer c set
      lifetime_revenue = r.lifetime,
      trailing_12m_revenue = r.t12m,
      order_count = r.orders,
      first_purchase_at = r.first_at,
      last_purchase_at = r.last_at,
      value_rank = r.rank,
      value_tier = r.tier
    from ranked r
    where c.id = r.id and c.workspace_id = ${workspaceId}
      and (c.lifetime_revenue, c.trailing_12m_revenue, c.order_count, c.first_purchase_at, c.last_purchase_at,
           c.value_rank, c.value_tier)
          is distinct from (r.lifetime, r.t12m, r.orders, r.first_at, r.last_at, r.rank, r.tier)
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
): Promise<Figures> => {
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
  return r ? { computedAt: new Date(r.computedAt), report: r.report as Figures } : null
}

const round2 = (x: number) => Math.round(x * 100) / 100
const round4 = (x: number) => Math.round(x * 10000) / 10000

/** The value figures of one workspace as the domain's port; `trx` comes from inWorkspace (RLS on). */
export const valueStore = (trx: Kysely<DB>, workspaceId: string): ValuePort => ({
  async recompute(now, changed) {
    await recomputeValue(trx, workspaceId, now, undefined, changed)
  },
  snapshot: () => readValueSnapshot(trx, workspaceId),
  report: () => buildValueReport(trx, workspaceId),
  growHere: (below, limit) => customersStore(trx, workspaceId).growHere(below, limit),
})
