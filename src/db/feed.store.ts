import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import type { SecretFacts } from '../domain/secrets/secret.ts'
import type { DB } from './schema.ts'
import { HEARD_COLUMNS } from './secrets.store.ts'

/** What a reader of the live feed narrows it to; every filter is optional. */
export interface FeedFilters {
  tier?: string | undefined
  category?: string | undefined
  /** the user who recorded it */
  recordedBy?: string | undefined
}

/**
 * A place in the feed: the moment a secret was recorded, in microseconds since the epoch (exact:
 * a JavaScript Date would drop the microseconds PostgreSQL keeps), and its id to break ties.
 */
export interface FeedCursor {
  us: number
  id: string
}

/** A secret in the feed: its facts, with the customer (name, tier) and person it is about. */
export interface FeedRow extends Omit<SecretFacts, 'engagementId'> {
  id: string
  recordedUs: number
  customerName: string
  customerTier: string | null
  personName: string | null
  status: string
}

/** a cursor's moment as a timestamptz, computed in integers so nothing is rounded */
const at = (us: number) => sql<Date>`(timestamptz 'epoch' + ${us}::int8 * interval '1 microsecond')`

/**
 * The feed of one workspace, newest first: secrets with the customer (name, tier) and person they
 * are about. `trx` comes from inWorkspace (RLS on). Keyset paging on (recorded_at, id) in the order
 * of the `secret_feed_idx` index (recorded_at desc, id asc).
 */
export const feedStore = (trx: Kysely<DB>, workspaceId: string) => {
  const rows = (filters: FeedFilters) => {
    let q = trx
      .selectFrom('secret as s')
      .innerJoin('customer as c', 'c.id', 's.customerId')
      .leftJoin('customerPerson as p', 'p.id', 's.personId')
      .select([
        's.id',
        sql<number>`(extract(epoch from s.recorded_at) * 1000000)::int8`.as('recordedUs'),
        's.recordedAt',
        's.customerId',
        'c.name as customerName',
        'c.valueTier as customerTier',
        ...HEARD_COLUMNS,
        's.status',
      ])
      .where('s.workspaceId', '=', workspaceId)
      .where('c.workspaceId', '=', workspaceId)
      .where('c.erasedAt', 'is', null)
    if (filters.tier) q = q.where('c.valueTier', '=', filters.tier)
    if (filters.category) q = q.where('s.category', '=', filters.category)
    if (filters.recordedBy) q = q.where('s.recordedBy', '=', filters.recordedBy)
    return q
  }
  const shape = (r: Record<string, unknown>): FeedRow => ({
    ...(r as unknown as FeedRow),
    recordedAt: new Date(r.recordedAt as string),
  })

  return {
    /** newest first; `before` is the cursor of the last row of the previous page */
    async page(
      filters: FeedFilters,
      opts: { before?: FeedCursor | undefined; after?: FeedCursor | undefined; limit: number },
    ) {
      let q = rows(filters)
      const { before, after } = opts
      if (before) {
        q = q
          .where('s.recordedAt', '<=', at(before.us))
          .where(
            (eb) =>
              eb.or([
                eb('s.recordedAt', '<', at(before.us)),
                eb.and([eb('s.recordedAt', '=', at(before.us)), eb('s.id', '>', before.id)]),
              ]) as Expression<SqlBool>,
          )
      }
      // recorded at or after the cursor's moment, the cursor's own secret left out
      if (after) q = q.where('s.recordedAt', '>=', at(after.us)).where('s.id', '!=', after.id)
      const r = await q.orderBy('s.recordedAt', 'desc').orderBy('s.id', 'asc').limit(opts.limit).execute()
      return r.map(shape)
    },
    /** the rows a notification names, oldest first (they are sent in that order) */
    async byIds(ids: readonly string[]) {
      if (ids.length === 0) return []
      const r = await rows({})
        .where('s.id', 'in', ids)
        .orderBy('s.recordedAt', 'asc')
        .orderBy('s.id', 'desc')
        .execute()
      return r.map(shape)
    },
  }
}

export type FeedStore = ReturnType<typeof feedStore>
