import type { Kysely } from 'kysely'
import type { WebhookEndpoint, WebhookEvent, WebhookPort } from '../domain/webhooks/webhook-endpoint.ts'
import { enqueueJob } from './jobs.store.ts'
import type { DB } from './schema.ts'
import { deleteInWorkspace, fromWorkspace } from './store-kit.ts'

/** Sends one attempt of a delivery; payload `{deliveryId, attempt, retry}`. */
export const WEBHOOK_JOB = 'webhook.deliver'

const presentEndpoint = (r: {
  id: string
  url: string
  events: string[]
  active: boolean
  createdAt: Date | string
}): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  events: r.events as WebhookEvent[],
  active: r.active,
  createdAt: new Date(r.createdAt),
})

const date = (v: Date | string | null) => (v === null ? null : new Date(v))

export interface AttemptResult {
  status: number | null
  ms: number
  error: string | null
}

/** Outgoing webhooks of one workspace; `trx` comes from inWorkspace (RLS on). The secret is only read to sign. */
export const webhooksStore = (trx: Kysely<DB>, workspaceId: string) => {
  const endpoints = () =>
    trx
      .selectFrom('webhookEndpoint')
      .select(['id', 'url', 'events', 'active', 'createdAt'])
      .where('workspaceId', '=', workspaceId)

  /** queues attempt `attempt` of a delivery at `at` */
  const queueAttempt = (deliveryId: string, attempt: number, at: Date, retry: boolean) =>
    enqueueJob(trx, workspaceId, {
      kind: WEBHOOK_JOB,
      runAt: at,
      payload: { deliveryId, attempt, retry },
      dedupeKey: `webhook:${deliveryId}:${attempt}`,
    })

  const port: WebhookPort = {
    async get(id) {
      const r = await endpoints().where('id', '=', id).executeTakeFirst()
      return r && presentEndpoint(r)
    },
    async insert(e) {
      const r = await trx
        .insertInto('webhookEndpoint')
        .values({ workspaceId, ...e, events: [...e.events] })
        .returning('id')
        .executeTakeFirstOrThrow()
      return r.id
    },
    async update(id, patch) {
      await trx
        .updateTable('webhookEndpoint')
        .set({ ...patch, ...(patch.events ? { events: [...patch.events] } : {}) })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .execute()
    },
    async remove(id) {
      await deleteInWorkspace(trx, 'webhookEndpoint', workspaceId, { id })
    },
    async delivery(endpointId, deliveryId) {
      const r = await trx
        .selectFrom('webhookDelivery')
        .select(['id', 'status', 'attempts'])
        .where('workspaceId', '=', workspaceId)
        .where('endpointId', '=', endpointId)
        .where('id', '=', deliveryId)
        .executeTakeFirst()
      return r && { id: r.id, status: r.status as 'pending' | 'delivered' | 'failed', attempts: r.attempts }
    },
    async retry(deliveryId, attempt, at) {
      await trx
        .updateTable('webhookDelivery')
        .set({ status: 'pending', nextAttemptAt: at })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', deliveryId)
        .execute()
      // asked for by a person: one attempt, not a new round of retries
      await queueAttempt(deliveryId, attempt, at, false)
    },
    async createPing(endpointId, now) {
      const payload = { event: 'ping', workspaceId, at: now.toISOString(), data: { hello: 'from Dazzle' } }
      const r = await trx
        .insertInto('webhookDelivery')
        .values({
          workspaceId,
          endpointId,
          event: 'ping',
          payload: JSON.stringify(payload),
          nextAttemptAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return r.id
    },
  }

  return {
    ...port,
    async list() {
      const rows = await endpoints().orderBy('createdAt').orderBy('id').execute()
      return rows.map(presentEndpoint)
    },

    /** newest first, each with its attempts */
    async deliveries(endpointId: string, limit: number) {
      const rows = await fromWorkspace(trx, 'webhookDelivery', workspaceId)
        .select([
          'id',
          'event',
          'status',
          'attempts',
          'responseStatus',
          'responseMs',
          'error',
          'nextAttemptAt',
          'deliveredAt',
          'createdAt',
        ])
        .where('endpointId', '=', endpointId)
        .orderBy('createdAt', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      const ids = rows.map((r) => r.id)
      const attempts = ids.length
        ? await fromWorkspace(trx, 'webhookAttempt', workspaceId)
            .select(['deliveryId', 'attempt', 'at', 'responseStatus', 'responseMs', 'error'])
            .where('deliveryId', 'in', ids)
            .orderBy('attempt')
            .execute()
        : []
      return rows.map((r) => ({
        ...r,
        status: r.status as 'pending' | 'delivered' | 'failed',
        nextAttemptAt: date(r.nextAttemptAt),
        deliveredAt: date(r.deliveredAt),
        createdAt: new Date(r.createdAt),
        attemptLog: attempts
          .filter((a) => a.deliveryId === r.id)
          .map((a) => ({
            attempt: a.attempt,
            at: new Date(a.at),
            responseStatus: a.responseStatus,
            responseMs: a.responseMs,
            error: a.error,
          })),
      }))
    },

    /** a delivery with what sending it needs (URL and secret of its endpoint) */
    async forSending(deliveryId: string) {
      return trx
        .selectFrom('webhookDelivery as d')
        .innerJoin('webhookEndpoint as e', 'e.id', 'd.endpointId')
        .select(['d.id', 'd.event', 'd.payload', 'd.status', 'd.attempts', 'e.url', 'e.secret', 'e.active'])
        .where('d.workspaceId', '=', workspaceId)
        .where('d.id', '=', deliveryId)
        .executeTakeFirst()
    },

    /** a delivery that will not be attempted (its endpoint was switched off): failed, can be sent again */
    async giveUp(deliveryId: string, error: string) {
      await trx
        .updateTable('webhookDelivery')
        .set({ status: 'failed', error, nextAttemptAt: null })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', deliveryId)
        .where('status', '=', 'pending')
        .execute()
    },

    /**
     * Logs attempt `attempt` and moves the delivery on: delivered, pending with `nextAt` (the job of
     * the next attempt is queued in the same transaction), or failed for good.
     */
    async recordAttempt(
      deliveryId: string,
      attempt: number,
      at: Date,
      result: AttemptResult,
      delivered: boolean,
      nextAt: Date | null,
    ) {
      await trx
        .insertInto('webhookAttempt')
        .values({
          workspaceId,
          deliveryId,
          attempt,
          at,
          responseStatus: result.status,
          responseMs: result.ms,
          error: result.error,
        })
        .onConflict((oc) => oc.columns(['deliveryId', 'attempt']).doNothing())
        .execute()
      await trx
        .updateTable('webhookDelivery')
        .set({
          attempts: attempt,
          responseStatus: result.status,
          responseMs: result.ms,
          error: result.error,
          status: delivered ? 'delivered' : nextAt ? 'pending' : 'failed',
          nextAttemptAt: delivered ? null : nextAt,
          deliveredAt: delivered ? at : null,
        })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', deliveryId)
        .execute()
      if (!delivered && nextAt) await queueAttempt(deliveryId, attempt + 1, nextAt, true)
    },
  }
}

export type WebhooksStore = ReturnType<typeof webhooksStore>
