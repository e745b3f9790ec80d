import { type Kysely, sql } from 'kysely'
import type { MomentKind, MomentStatus } from '../domain/moments/moment.ts'
import type { MomentSuggestion, MomentsPort, StoredMoment } from '../domain/moments/ports.ts'
import { EMAIL_JOB } from './inbox.store.ts'
import { enqueueJob } from './jobs.store.ts'
import type { DB } from './schema.ts'

/** The one reminder of a moment. */
export const MOMENT_REMIND_JOB = 'moment.remind'
/** The daily search for moments, one per workspace and day. */
export const MOMENTS_FIND_JOB = 'moments.find'
/** How a moment's reminder is known in the bell. */
export const MOMENT_NOTIFICATION = 'moment.reminder'

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string))
const json = <T>(v: unknown): T | null =>
  v === null || v === undefined ? null : ((typeof v === 'string' ? JSON.parse(v) : v) as T)

/** The moments of one workspace with their customer (c), owner (o), closer (x) and secret (s). */
const momentRows = (trx: Kysely<DB>, workspaceId: string) =>
  trx
    .selectFrom('moment as m')
    .innerJoin('customer as c', 'c.id', 'm.customerId')
    .leftJoin('authUser as o', 'o.id', 'm.ownerUserId')
    .leftJoin('authUser as x', 'x.id', 'm.closedBy')
    .leftJoin('secret as s', (j) => j.onRef('s.id', '=', 'm.secretId').on('s.status', '=', 'active'))
    .leftJoin('customerRelation as r', 'r.id', 'm.relationId')
    .where('m.workspaceId', '=', workspaceId)
    .where('c.erasedAt', 'is', null)
    .select([
      'm.id',
      'm.customerId',
      'm.kind',
      sql<string>`to_char(m.on_date, 'YYYY-MM-DD')`.as('onDate'),
      'm.subjectKey',
      'm.relationId',
      'm.secretId',
      'r.personId as relationPersonId',
      's.personId as secretPersonId',
      'm.title',
      'm.ownerUserId',
      'm.dueAt',
      'm.remindAt',
      'm.suggestion',
      'm.status',
      'm.note',
      'm.closedAt',
      'm.remindedAt',
      'c.name as customerName',
      'c.valueTier as customerTier',
      'c.currency',
      sql<string | null>`coalesce(nullif(o.name, ''), o.email)`.as('ownerName'),
      sql<string | null>`coalesce(nullif(x.name, ''), x.email)`.as('closedByName'),
      's.text as secretText',
    ])

type Row = Awaited<ReturnType<ReturnType<typeof momentRows>['execute']>>[number]

const present = (r: Row): StoredMoment => ({
  id: r.id,
  customerId: r.customerId,
  kind: r.kind as MomentKind,
  onDate: r.onDate,
  subjectKey: r.subjectKey,
  relationId: r.relationId,
  secretId: r.secretId,
  personId: r.relationPersonId ?? r.secretPersonId ?? null,
  title: r.title,
  ownerUserId: r.ownerUserId,
  dueAt: new Date(r.dueAt),
  remindAt: new Date(r.remindAt),
  suggestion: json<MomentSuggestion>(r.suggestion),
  status: r.status as MomentStatus,
  note: r.note,
  closedAt: date(r.closedAt),
  remindedAt: date(r.remindedAt),
  customerName: r.customerName,
  customerTier: r.customerTier,
  currency: r.currency,
  ownerName: r.ownerName,
  closedByName: r.closedByName,
  secretText: r.secretText ?? null,
})

/** WOW moments of one workspace; `trx` comes from inWorkspace (RLS on). */
export const momentsStore = (trx: Kysely<DB>, workspaceId: string): MomentsPort => {
  const none = <T>(ids: readonly string[], f: () => Promise<T[]>) => (ids.length ? f() : Promise.resolve([]))
  return {
    async bestCustomers(tiers) {
      if (tiers.length === 0) return []
      const rows = await trx
        .selectFrom('customer')
        .select(['id', 'name', 'valueTier', 'segment', 'ownerUserId', 'currency', 'firstPurchaseAt'])
        .where('workspaceId', '=', workspaceId)
        .where('erasedAt', 'is', null)
        .where('valueTier', 'in', [...tiers])
        .orderBy('valueRank')
        .execute()
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        tier: r.valueTier as 'A' | 'B' | 'C' | null,
        segment: r.segment,
        ownerUserId: r.ownerUserId,
        currency: r.currency,
        firstPurchaseAt: date(r.firstPurchaseAt),
      }))
    },
    orders: (ids) =>
      none(ids, async () => {
        // one row per invoice: when it was placed and what it came to
        const rows = await trx
          .selectFrom('purchase')
          .select([
            'customerId',
            sql<Date>`min(purchased_at)`.as('at'),
            sql<string>`sum(amount)`.as('amount'),
          ])
          .where('workspaceId', '=', workspaceId)
          .where('customerId', 'in', [...ids])
          .where('isCancellation', '=', false)
          .groupBy(['customerId', 'invoiceId'])
          .orderBy('at')
          .execute()
        return rows.map((r) => ({ customerId: r.customerId, at: new Date(r.at), amount: Number(r.amount) }))
      }),
    relations: (ids) =>
      none(ids, async () => {
        const rows = await trx
          .selectFrom('customerRelation as r')
          .leftJoin('customerPerson as p', 'p.id', 'r.personId')
          .select([
            'r.id',
            'r.customerId',
            'r.kind',
            'r.name',
            'r.personId',
            'p.name as personName',
            sql<string | null>`to_char(r.birthday, 'YYYY-MM-DD')`.as('birthday'),
          ])
          .where('r.workspaceId', '=', workspaceId)
          .where('r.customerId', 'in', [...ids])
          .where('r.birthday', 'is not', null)
          .execute()
        return rows.map((r) => ({
          customerId: r.customerId,
          relationId: r.id,
          kind: r.kind,
          name: r.name,
          personId: r.personId,
          personName: r.personName ?? null,
          birthday: r.birthday,
        }))
      }),
    secrets: (ids) =>
      none(ids, async () => {
        const rows = await trx
          .selectFrom('secret')
          .select(['id', 'customerId', 'text', 'personId'])
          .where('workspaceId', '=', workspaceId)
          .where('customerId', 'in', [...ids])
          .where('status', '=', 'active')
          .execute()
        return rows.map((r) => ({
          customerId: r.customerId,
          secretId: r.id,
          text: r.text,
          personId: r.personId,
        }))
      }),
    async stored(ids) {
      const out = new Map<string, { id: string; status: MomentStatus }>()
      if (ids.length === 0) return out
      const rows = await trx
        .selectFrom('moment')
        .select([
          'id',
          'customerId',
          'kind',
          sql<string>`to_char(on_date, 'YYYY-MM-DD')`.as('onDate'),
          'subjectKey',
          'status',
        ])
        .where('workspaceId', '=', workspaceId)
        .where('customerId', 'in', [...ids])
        .execute()
      for (const r of rows)
        out.set(`${r.customerId}|${r.kind}|${r.onDate}|${r.subjectKey}`, {
          id: r.id,
          status: r.status as MomentStatus,
        })
      return out
    },
    async insert(m) {
      const r = await trx
        .insertInto('moment')
        .values({
          workspaceId,
          customerId: m.customerId,
          kind: m.kind,
          onDate: m.onDate,
          subjectKey: m.subjectKey,
          relationId: m.relationId,
          secretId: m.secretId,
          title: m.title,
          ownerUserId: m.ownerUserId,
          dueAt: m.dueAt,
          remindAt: m.remindAt,
          suggestion: m.suggestion ? JSON.stringify(m.suggestion) : null,
        })
        .onConflict((oc) =>
          oc.columns(['workspaceId', 'customerId', 'kind', 'onDate', 'subjectKey']).doNothing(),
        )
        .returning('id')
        .executeTakeFirst()
      return r?.id ?? null
    },
    async setSuggestion(id, suggestion) {
      await trx
        .updateTable('moment')
        .set({ suggestion: suggestion ? JSON.stringify(suggestion) : null })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .execute()
    },
    async list(q) {
      let query = momentRows(trx, workspaceId)
      if (q.ownerUserId !== undefined) query = query.where('m.ownerUserId', '=', q.ownerUserId)
      if (q.customerId) query = query.where('m.customerId', '=', q.customerId)
      if (q.statuses) query = query.where('m.status', 'in', [...q.statuses])
      if (q.dueFrom) query = query.where('m.dueAt', '>=', q.dueFrom)
      const rows = await query.orderBy('m.dueAt').orderBy('m.id').limit(q.limit).execute()
      return rows.map(present)
    },
    async get(id) {
      const r = await momentRows(trx, workspaceId).where('m.id', '=', id).executeTakeFirst()
      return r && present(r)
    },
    async close(id, c) {
      const r = await trx
        .updateTable('moment')
        .set({ status: c.status, note: c.note, closedAt: c.closedAt, closedBy: c.closedBy })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async markReminded(id, at) {
      await trx
        .updateTable('moment')
        .set({ remindedAt: at })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .execute()
    },
    scheduleReminder: (momentId, runAt) =>
      enqueueJob(trx, workspaceId, {
        kind: MOMENT_REMIND_JOB,
        runAt,
        payload: { momentId },
        dedupeKey: `${MOMENT_REMIND_JOB}:${momentId}`,
      }),
    scheduleFind: (runAt) =>
      enqueueJob(trx, workspaceId, {
        kind: MOMENTS_FIND_JOB,
        runAt,
        payload: {},
        dedupeKey: `${MOMENTS_FIND_JOB}:${workspaceId}:${runAt.toISOString().slice(0, 10)}`,
      }),
    async notify(n) {
      const r = await trx
        .insertInto('notification')
        .values({ workspaceId, userId: n.userId, kind: MOMENT_NOTIFICATION, title: n.title, body: n.body })
        .returning('id')
        .executeTakeFirstOrThrow()
      await enqueueJob(trx, workspaceId, {
        kind: EMAIL_JOB,
        runAt: new Date(),
        payload: { notificationId: r.id },
        dedupeKey: `email:${r.id}`,
      })
    },
    async admins() {
      const rows = await trx
        .selectFrom('membership')
        .select('userId')
        .where('workspaceId', '=', workspaceId)
        .where('role', '=', 'admin')
        .execute()
      return rows.map((r) => r.userId)
    },
    async customerExists(id) {
      const r = await trx
        .selectFrom('customer')
        .select('id')
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .where('erasedAt', 'is', null)
        .executeTakeFirst()
      return !!r
    },
    async dueBetween(from, to) {
      const rows = await trx
        .selectFrom('moment')
        .select(['status', 'dueAt', 'closedAt'])
        .where('workspaceId', '=', workspaceId)
        .where('dueAt', '>=', from)
        .where('dueAt', '<', to)
        .execute()
      return rows.map((r) => ({
        status: r.status as MomentStatus,
        dueAt: new Date(r.dueAt),
        closedAt: date(r.closedAt),
      }))
    },
  }
}

/**
 * Queues today's search for moments in every workspace (the owner's connection, outside
 * inWorkspace); a day's job already there is left alone, so every instance may call it at start.
 */
export const queueDailyMomentSearch = async (db: Kysely<DB>, now: Date) => {
  const day = now.toISOString().slice(0, 10)
  await sql`
    insert into job (workspace_id, kind, run_at, payload, dedupe_key)
    select id, ${MOMENTS_FIND_JOB}, ${now}, '{}'::jsonb, ${MOMENTS_FIND_JOB} || ':' || id || ':' || ${day}
    from workspace
    on conflict (dedupe_key) do nothing`.execute(db)
}
