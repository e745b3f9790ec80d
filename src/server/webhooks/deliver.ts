import type { Transaction } from 'kysely'
import type { Database } from '../../db/connection.ts'
import type { DB } from '../../db/schema.ts'
import { type AttemptResult, webhooksStore } from '../../db/webhooks.store.ts'
import { inWorkspace } from '../../db/workspace-scope.ts'
import type { Clock } from '../../domain/clock.ts'
import { isDelivered, nextWebhookAttempt, PING_EVENT } from '../../domain/webhooks/webhook-endpoint.ts'
import { sendWebhook } from './send-webhook.ts'

export type DeliveryOutcome =
  | { sent: true; attempt: number; delivered: boolean; result: AttemptResult; nextAt: Date | null }
  | { sent: false; reason: string }

/**
 * One attempt of one delivery. The endpoint is called outside any transaction (a hanging one holds
 * no connection, and on the embedded database no other request), then `commit` records the attempt
 * — for a job, in the transaction that marks the job done, with the next attempt's job if one is due.
 */
export const attemptDelivery = async (
  deps: { database: Database; clock: Clock; timeoutMs?: number },
  workspaceId: string,
  deliveryId: string,
  opts: {
    /** the attempt a job was queued for; a stale job (that attempt already made) sends nothing */
    attempt?: number | undefined
    /** false: one attempt only (a ping, a redelivery asked for by hand) */
    retry: boolean
    commit(effects: (trx: Transaction<DB>) => Promise<unknown>): Promise<unknown>
  },
): Promise<DeliveryOutcome> => {
  const d = await inWorkspace(deps.database.db, workspaceId, (trx) =>
    webhooksStore(trx, workspaceId).forSending(deliveryId),
  )
  if (!d) return { sent: false, reason: 'the delivery or its endpoint is gone' }
  if (d.status !== 'pending') return { sent: false, reason: `already ${d.status}` }
  if (!d.active) {
    await opts.commit((trx) => webhooksStore(trx, workspaceId).giveUp(d.id, 'the endpoint is switched off'))
    return { sent: false, reason: 'the endpoint is switched off' }
  }
  const attempt = opts.attempt ?? d.attempts + 1
  if (attempt <= d.attempts) return { sent: false, reason: `attempt ${attempt} was already made` }
  const at = deps.clock.now()
  const body = JSON.stringify({ id: d.id, ...(d.payload as Record<string, unknown>) })
  const result = await sendWebhook({
    url: d.url,
    secret: d.secret,
    deliveryId: d.id,
    event: d.event,
    body,
    timestamp: Math.floor(at.getTime() / 1000),
    timeoutMs: deps.timeoutMs,
  })
  const delivered = isDelivered(result.status)
  const retry = opts.retry && d.event !== PING_EVENT
  const nextAt = delivered || !retry ? null : nextWebhookAttempt(attempt, deps.clock.now())
  await opts.commit((trx) =>
    webhooksStore(trx, workspaceId).recordAttempt(d.id, attempt, at, result, delivered, nextAt),
  )
  return { sent: true, attempt, delivered, result, nextAt }
}
