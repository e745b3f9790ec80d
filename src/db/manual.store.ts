import { type Kysely, sql } from 'kysely'
import type { ManualFacts } from '../domain/secrets/secrets-manual.ts'
import { customersStore } from './customers.store.ts'
import type { DB } from './schema.ts'
import { secretsStore } from './secrets.store.ts'

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string))

/** What the secrets manual of one customer is made of; `trx` comes from inWorkspace (RLS on). */
export const manualStore = (trx: Kysely<DB>, workspaceId: string) => ({
  /** Every fact the manual shows, or null when the customer is not in this workspace (or erased). */
  async facts(customerId: string, now: Date): Promise<Omit<ManualFacts, 'members'> | null> {
    const customers = customersStore(trx, workspaceId)
    const secrets = secretsStore(trx, workspaceId)
    const [c, consent] = await Promise.all([
      customers.get(customerId),
      trx
        .selectFrom('customer')
        .select(['sensitiveConsentAt', 'erasedAt'])
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', customerId)
        .executeTakeFirst(),
    ])
    if (!c || !consent || consent.erasedAt) return null
    const [categories, all, engagements, top] = await Promise.all([
      secrets.categories(),
      secrets.forCustomer(customerId, 'all'),
      secrets.engagements(customerId),
      // what they buy most, by revenue: products only, cancellations netted out
      sql<{ product: string; productCode: string | null; quantity: string; revenue: string; orders: number }>`
        select coalesce(max(description), product_code, '—') as product, product_code,
               sum(quantity) as quantity, sum(amount) as revenue,
               count(distinct invoice_id) filter (where not is_cancellation)::int as orders
        from purchase
        where workspace_id = ${workspaceId} and customer_id = ${customerId} and is_product
        group by coalesce(product_code, description), product_code
        having sum(amount) > 0
        order by sum(amount) desc, 1
        limit 10`.execute(trx),
    ])
    return {
      customer: {
        id: c.id,
        name: c.name,
        kind: c.kind,
        segment: c.segment,
        country: c.country,
        ownerName: c.ownerName,
        currency: c.currency,
        tier: c.value.tier,
        rank: c.value.rank,
        lifetimeRevenue: c.value.lifetimeRevenue,
        trailing12mRevenue: c.value.trailing12mRevenue,
        orderCount: c.value.orderCount,
        firstPurchaseAt: toDate(c.value.firstPurchaseAt),
        lastPurchaseAt: toDate(c.value.lastPurchaseAt),
        walletShare: c.value.walletShare,
        consentAt: toDate(consent.sensitiveConsentAt),
      },
      categories,
      secrets: all.map((s) => ({
        ...s,
        recordedAt: new Date(s.recordedAt),
        lastConfirmedAt: new Date(s.lastConfirmedAt),
      })),
      people: c.people.map((p) => ({ id: p.id, name: p.name, title: p.title })),
      family: c.relations.map((r) => ({
        personId: r.personId,
        kind: r.kind,
        name: r.name,
        birthday: r.birthday,
        notes: r.notes,
      })),
      engagements: engagements.map((e) => ({
        id: e.id,
        occurredAt: new Date(e.occurredAt),
        channel: e.channel,
        summary: e.summary,
        personIds: e.personIds ?? [],
        userIds: e.userIds ?? [],
        createdByName: e.createdByName ?? null,
      })),
      topProducts: top.rows.map((t) => ({
        product: t.product,
        productCode: t.productCode,
        quantity: Number(t.quantity),
        revenue: Number(t.revenue),
        orders: t.orders,
      })),
      now,
    }
  },

  /** The customer's consent to special categories of personal data. */
  async consent(customerId: string) {
    const r = await trx
      .selectFrom('customer')
      .select(['sensitiveConsentAt', 'sensitiveConsentNote', 'erasedAt'])
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', customerId)
      .executeTakeFirst()
    if (!r || r.erasedAt) return null
    return { consentAt: toDate(r.sensitiveConsentAt), note: r.sensitiveConsentNote }
  },
})
