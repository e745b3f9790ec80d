import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely'
import type { Customer, CustomerDetail, Person, Relation } from '../domain/customers/customer.ts'
import type {
  CustomerChange,
  CustomerListQuery,
  NewCustomer,
  NewPerson,
  NewRelation,
  PersonChange,
} from '../domain/customers/ports.ts'
import { averageOrder, walletShare } from '../domain/customers/value-tiers.ts'
import type { Customer as CustomerTable } from './schema.generated.ts'
import type { DB } from './schema.ts'
import {
  deleteInWorkspace,
  fromWorkspace,
  insertInWorkspace,
  ofCustomer,
  rowsInWorkspace,
} from './store-kit.ts'

/**
 * Each sort in the order of its index (`customer_*_idx`), so a page is read from the index instead
 * of sorting every customer: no `nulls last` on columns that cannot be null (it made PostgreSQL sort
 * all 200,000 rows for page 1), names by `lower(name)`, never-purchased customers last when the
 * most recent purchase comes first (and first the other way round).
 */
const SORT: Record<CustomerListQuery['sort'], { expr: RawBuilder<unknown>; nulls: '' | ' nulls last' }> = {
  lifetime: { expr: sql`c.lifetime_revenue`, nulls: '' },
  trailing12m: { expr: sql`c.trailing_12m_revenue`, nulls: '' },
  name: { expr: sql`lower(c.name)`, nulls: '' },
  lastPurchase: { expr: sql`c.last_purchase_at`, nulls: ' nulls last' },
  orders: { expr: sql`c.order_count`, nulls: '' },
}

/** A stored purchase line's columns: the parsed `PurchaseLine` with its id (no customer, no country). */
export const PURCHASE_COLUMNS = [
  'id',
  'invoiceId',
  'purchasedAt',
  'productCode',
  'description',
  'quantity',
  'unitPrice',
  'amount',
  'currency',
  'isCancellation',
  'isProduct',
] as const

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string))

/** One mapping place from a customer row (camelCase, with ownerName) to the entity. */
const toCustomer = (r: Selectable<CustomerTable> & { ownerName: string | null }): Customer => {
  const lifetime = Number(r.lifetimeRevenue)
  const t12m = Number(r.trailing12mRevenue)
  const estimate = n(r.estimatedCategorySpend)
  return {
    id: r.id,
    kind: r.kind as Customer['kind'],
    name: r.name,
    externalId: r.externalId,
    segment: r.segment,
    country: r.country,
    ownerUserId: r.ownerUserId,
    ownerName: r.ownerName ?? null,
    currency: r.currency,
    notes: r.notes,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    erasedAt: date(r.erasedAt),
    value: {
      lifetimeRevenue: lifetime,
      trailing12mRevenue: t12m,
      orderCount: r.orderCount,
      averageOrder: averageOrder(lifetime, r.orderCount),
      firstPurchaseAt: date(r.firstPurchaseAt),
      lastPurchaseAt: date(r.lastPurchaseAt),
      tier: r.valueTier as Customer['value']['tier'],
      rank: r.valueRank,
      estimatedCategorySpend: estimate,
      walletShare: walletShare(t12m, estimate),
    },
  }
}
/** A customer's person's columns, as the domain's `Person` has them. */
export const PERSON_COLUMNS = ['id', 'name', 'title', 'email', 'phone'] as const
/** A relation's columns, as the domain's `Relation` has them. */
export const RELATION_COLUMNS = ['id', 'personId', 'kind', 'name', 'birthday', 'notes'] as const
const toRelation = (r: Omit<Relation, 'kind'> & { kind: string }): Relation => ({
  ...r,
  kind: r.kind as Relation['kind'],
})

/** What an import needs to know of a customer it finds. */
export interface ImportedCustomerFacts {
  id: string
  name: string
  kind: string
  externalId: string | null
  tier: string | null
  segment: string | null
  sensitiveConsentAt: Date | null
}

/** A name search considers this many best matches (the list says how many it found, at most this). */
const NAME_HITS = 2000

/** Customers of one workspace; `trx` comes from inWorkspace (RLS on). */
export const customersStore = (trx: Kysely<DB>, workspaceId: string) => {
  const base = () =>
    trx
      .selectFrom('customer as c')
      .leftJoin('authUser as u', 'u.id', 'c.ownerUserId')
      .selectAll('c')
      .select('u.name as ownerName')
      .where('c.workspaceId', '=', workspaceId)

  const liveFacts = () =>
    fromWorkspace(trx, 'customer', workspaceId)
      .select(['id', 'name', 'kind', 'externalId', 'valueTier as tier', 'segment', 'sensitiveConsentAt'])
      .where('erasedAt', 'is', null)
  const byExternalId = (externalId: string) =>
    fromWorkspace(trx, 'customer', workspaceId).select('id').where('externalId', '=', externalId)
  const toFacts = (
    r: Omit<ImportedCustomerFacts, 'sensitiveConsentAt'> & { sensitiveConsentAt: Date | string | null },
  ): ImportedCustomerFacts => ({ ...r, sensitiveConsentAt: date(r.sensitiveConsentAt) })

  return {
    workspaceId,
    /** Server-side paging on indexed columns; the name search tolerates typos (trigram similarity). */
    async list(q: CustomerListQuery) {
      let query = base()
      let count = trx
        .selectFrom('customer as c')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('c.workspaceId', '=', workspaceId)
      const term = q.q?.trim()
      const filters = <T extends { where: any }>(b: T): T => {
        let x: any = b
        if (q.tier) x = x.where('c.valueTier', '=', q.tier)
        if (q.segment) x = x.where('c.segment', '=', q.segment)
        if (q.owner === 'none') x = x.where('c.ownerUserId', 'is', null)
        else if (q.owner) x = x.where('c.ownerUserId', '=', q.owner)
        return x
      }
      if (term) {
        // the matches come from the trigram index through dazzle_customer_name_hits (RLS would keep
        // the index out of a plain query): the exact external id, a substring of the name, or word
        // similarity above the threshold set for this transaction (0.45: "globx holdngs" still
        // finds "Globex Holdings")
        const hits = sql<{
          id: string
          score: number
        }>`dazzle_customer_name_hits(${term}, ${`%${term.replace(/[%_\\]/g, '\\$&')}%`}, ${NAME_HITS})`.as(
          'h',
        )
        query = query.innerJoin(hits, 'h.id', 'c.id') as any
        count = count.innerJoin(hits, 'h.id', 'c.id') as any
      }
      query = filters(query)
      count = filters(count)
      const sort = SORT[q.sort]
      if (term) {
        // one call of the search function serves the page and its total
        query = query.select(sql<number>`count(*) over ()`.as('fullCount')) as any
        if (q.sort === 'lifetime' && q.dir === 'desc') {
          // searching: the exact external id, then best matches, then value
          query = query.orderBy(sql`h.score desc`)
        }
      }
      const nulls = q.sort === 'lastPurchase' && q.dir === 'asc' ? ' nulls first' : sort.nulls
      query = query
        .orderBy(sql`${sort.expr} ${sql.raw(q.dir)}${sql.raw(nulls)}`)
        // ties in the index's own order too: names run (lower(name), id) both ways; the figures'
        // indexes are (figure desc, id), read backwards for ascending
        .orderBy(sql`c.id ${sql.raw((q.sort === 'name') === (q.dir === 'asc') ? 'asc' : 'desc')}`)
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
      if (term) await sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`.execute(trx)
      const filtered = !!(term || q.tier || q.segment || q.owner)
      // unfiltered, the total is the count kept with the value figures (an exact count(*) over
      // 200,000 rows on every page turn is what made the list slow)
      const known = filtered
        ? null
        : await trx
            .selectFrom('valueSnapshot')
            .select(sql<number>`(report->>'customers')::int`.as('n'))
            .where('workspaceId', '=', workspaceId)
            .executeTakeFirst()
      const rows = await query.execute()
      const fullCount = (rows[0] as { fullCount?: number } | undefined)?.fullCount
      const [total, segments] = await Promise.all([
        known
          ? Promise.resolve(known)
          : fullCount !== undefined
            ? Promise.resolve({ n: Number(fullCount) })
            : count.executeTakeFirstOrThrow(),
        // distinct segments by a loose index scan: one index probe per segment, not a scan of customers
        sql<{ segment: string }>`
          with recursive s as (
            (select segment from customer where workspace_id = ${workspaceId} and segment is not null
             order by segment limit 1)
            union all
            select (select segment from customer where workspace_id = ${workspaceId} and segment > s.segment
                    order by segment limit 1)
            from s where s.segment is not null
          )
          select segment from s where segment is not null limit 200`
          .execute(trx)
          .then((r) => r.rows),
      ])
      return {
        customers: rows.map(({ fullCount: _, ...r }: any) => toCustomer(r)),
        total: Number(total.n),
        page: q.page,
        pageSize: q.pageSize,
        segments: segments.map((s) => s.segment!),
      }
    },

    async get(id: string): Promise<CustomerDetail | null> {
      const r = await base().where('c.id', '=', id).executeTakeFirst()
      if (!r) return null
      const [people, relations] = await Promise.all([
        ofCustomer(trx, 'customerPerson', workspaceId, id)
          .select(PERSON_COLUMNS)
          .orderBy('createdAt')
          .execute(),
        ofCustomer(trx, 'customerRelation', workspaceId, id)
          .select(RELATION_COLUMNS)
          .orderBy('createdAt')
          .execute(),
      ])
      return { ...toCustomer(r), people, relations: relations.map(toRelation) }
    },

    create(c: NewCustomer) {
      return insertInWorkspace(trx, 'customer', workspaceId, c)
    },

    async update(id: string, patch: CustomerChange) {
      return (
        (await rowsInWorkspace(trx, 'customer', workspaceId, { id }).update({
          ...patch,
          updatedAt: new Date(),
        })) > 0
      )
    },

    /** whether the person belongs to this workspace (a customer's owner must) */
    async isMember(userId: string) {
      return !!(await fromWorkspace(trx, 'membership', workspaceId)
        .select('userId')
        .where('userId', '=', userId)
        .executeTakeFirst())
    },

    async externalIdTaken(externalId: string, exceptId?: string) {
      let q = byExternalId(externalId)
      if (exceptId) q = q.where('id', '<>', exceptId)
      return !!(await q.executeTakeFirst())
    },

    async customerIdByExternalId(externalId: string) {
      return (await byExternalId(externalId).executeTakeFirst())?.id
    },
    /** the customer's first person of this name (any case), if they have one */
    async personByName(customerId: string, name: string) {
      return ofCustomer(trx, 'customerPerson', workspaceId, customerId)
        .select(['id', 'name'])
        .where(sql<boolean>`lower(name) = lower(${name})`)
        .orderBy('createdAt')
        .executeTakeFirst()
    },
    /** customers not erased, as the imports find them: by external id … */
    async liveByExternalIds(externalIds: readonly string[]): Promise<ImportedCustomerFacts[]> {
      if (!externalIds.length) return []
      return (await liveFacts().where('externalId', 'in', externalIds).execute()).map(toFacts)
    },
    /** … by name, any case (`lowerNames` lower case already) … */
    async liveByNames(lowerNames: readonly string[]): Promise<ImportedCustomerFacts[]> {
      if (!lowerNames.length) return []
      return (await liveFacts().where(sql<string>`lower(name)`, 'in', lowerNames).execute()).map(toFacts)
    },
    /** … or by a key that is either (a few at most; those with the external id first) */
    async liveByKey(key: string): Promise<ImportedCustomerFacts[]> {
      const rows = (
        await liveFacts()
          .where((eb) => eb.or([eb('externalId', '=', key), eb(sql`lower(name)`, '=', key.toLowerCase())]))
          .limit(5)
          .execute()
      ).map(toFacts)
      const byId = rows.filter((r) => r.externalId === key)
      return byId.length ? byId : rows
    },
    async hasRelation(customerId: string, kind: string, name: string) {
      return !!(await ofCustomer(trx, 'customerRelation', workspaceId, customerId)
        .select('id')
        .where('kind', '=', kind)
        .where(sql<boolean>`lower(name) = lower(${name})`)
        .executeTakeFirst())
    },
    async addPerson(customerId: string, p: NewPerson): Promise<Person> {
      return trx
        .insertInto('customerPerson')
        .values({ workspaceId, customerId, ...p })
        .returning(PERSON_COLUMNS)
        .executeTakeFirstOrThrow()
    },
    async updatePerson(customerId: string, personId: string, p: PersonChange): Promise<Person | null> {
      return (
        (await trx
          .updateTable('customerPerson')
          .set(p)
          .where('workspaceId', '=', workspaceId)
          .where('customerId', '=', customerId)
          .where('id', '=', personId)
          .returning(PERSON_COLUMNS)
          .executeTakeFirst()) ?? null
      )
    },
    removePerson(customerId: string, personId: string) {
      return deleteInWorkspace(trx, 'customerPerson', workspaceId, { customerId, id: personId })
    },
    async personBelongs(customerId: string, personId: string) {
      return !!(await personOfCustomer(trx, workspaceId, customerId, personId))
    },
    async addRelation(customerId: string, r: NewRelation): Promise<Relation> {
      return toRelation(
        await trx
          .insertInto('customerRelation')
          .values({ workspaceId, customerId, ...r })
          .returning(RELATION_COLUMNS)
          .executeTakeFirstOrThrow(),
      )
    },
    removeRelation(customerId: string, relationId: string) {
      return deleteInWorkspace(trx, 'customerRelation', workspaceId, { customerId, id: relationId })
    },

    async purchases(customerId: string, page: number, pageSize: number) {
      const purchases = () => ofCustomer(trx, 'purchase', workspaceId, customerId)
      const [rows, total] = await Promise.all([
        purchases()
          .select(PURCHASE_COLUMNS)
          .orderBy('purchasedAt', 'desc')
          .orderBy('id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        purchases()
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ])
      return {
        purchases: rows.map((r) => ({
          ...r,
          id: String(r.id),
          quantity: Number(r.quantity),
          unitPrice: Number(r.unitPrice),
          amount: Number(r.amount),
        })),
        total: Number(total.n),
        page,
        pageSize,
      }
    },

    async revenueByMonth(customerId: string) {
      const r = await sql<{ month: string; revenue: string; orders: number }>`
        select to_char(date_trunc('month', purchased_at at time zone 'UTC'), 'YYYY-MM') as month,
               sum(amount) as revenue,
               count(distinct invoice_id) filter (where not is_cancellation)::int as orders
        from purchase where workspace_id = ${workspaceId} and customer_id = ${customerId}
        group by 1 order by 1`.execute(trx)
      return { months: r.rows.map((m) => ({ month: m.month, revenue: Number(m.revenue), orders: m.orders })) }
    },

    /** Valuable customers (A, B) whose wallet share is below `below`, biggest gap first. */
    async growHere(below: number, limit: number) {
      const rows = await base()
        .where('c.valueTier', 'in', ['A', 'B'])
        // isGrowTarget: positive revenue in the last 12 months, an estimate above it, a low share
        .where(sql<boolean>`c.trailing_12m_revenue > 0`)
        .where(sql<boolean>`c.estimated_category_spend > c.trailing_12m_revenue`)
        .where(sql<boolean>`c.trailing_12m_revenue < ${below} * c.estimated_category_spend`)
        .orderBy(sql`c.estimated_category_spend - c.trailing_12m_revenue`, 'desc')
        .orderBy('c.id')
        .limit(limit)
        .execute()
      return rows.map(toCustomer)
    },
  }
}

/** One of the customer's people, by id, or undefined (the check every use-case makes before linking to a person). */
export const personOfCustomer = (
  trx: Kysely<DB>,
  workspaceId: string,
  customerId: string,
  personId: string,
) =>
  ofCustomer(trx, 'customerPerson', workspaceId, customerId)
    .select(['id', 'name'])
    .where('id', '=', personId)
    .executeTakeFirst()
