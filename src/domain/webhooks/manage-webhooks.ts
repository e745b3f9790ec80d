import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import {
  checkWebhookEvents,
  checkWebhookUrl,
  type WebhookDeps,
  type WebhookEndpoint,
  type WebhookPort,
} from './webhook-endpoint.ts'

const audited = (deps: WebhookDeps, actor: Actor, id: string, details: Record<string, unknown>) =>
  deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'webhook.changed',
    targetType: 'webhook',
    targetId: id,
    // the host only: a path may carry a token of the receiving system; the secret never
    details,
  })

const hostOf = (url: string) => new URL(url).host

const noSuchWebhook = () => new DomainError('webhook_not_found', 'No such webhook in this workspace.')

const loadOrThrow = async (deps: WebhookDeps, id: string): Promise<WebhookEndpoint> => {
  const e = await deps.webhooks.get(id)
  if (!e) throw noSuchWebhook()
  return e
}

/** Adds an endpoint; the signing secret is made here and returned this once. */
export const createWebhook = async (
  deps: WebhookDeps,
  actor: Actor,
  input: { url: string; events: readonly string[]; active?: boolean | undefined },
) => {
  authorize(actor, 'webhooks.manage')
  const url = checkWebhookUrl(input.url)
  const events = checkWebhookEvents(input.events)
  const secret = deps.newSecret()
  const id = await deps.webhooks.insert({
    url,
    events,
    active: input.active ?? true,
    secret,
    createdBy: actor.userId,
  })
  await audited(deps, actor, id, { change: 'created', host: hostOf(url), events })
  return { endpoint: await loadOrThrow(deps, id), secret }
}

export const changeWebhook = async (
  deps: WebhookDeps,
  actor: Actor,
  id: string,
  patch: { url?: string | undefined; events?: readonly string[] | undefined; active?: boolean | undefined },
) => {
  authorize(actor, 'webhooks.manage')
  await loadOrThrow(deps, id)
  const changes: Partial<Pick<WebhookEndpoint, 'url' | 'events' | 'active'>> = {}
  if (patch.url !== undefined) changes.url = checkWebhookUrl(patch.url)
  if (patch.events !== undefined) changes.events = checkWebhookEvents(patch.events)
  if (patch.active !== undefined) changes.active = patch.active
  if (Object.keys(changes).length === 0) {
    throw new DomainError('invalid_input', 'Nothing to change: send url, events or active.')
  }
  await deps.webhooks.update(id, changes)
  await audited(deps, actor, id, {
    change: 'updated',
    ...(changes.url ? { host: hostOf(changes.url) } : {}),
    ...(changes.events ? { events: changes.events } : {}),
    ...(changes.active !== undefined ? { active: changes.active } : {}),
  })
  return loadOrThrow(deps, id)
}

export const removeWebhook = async (deps: WebhookDeps, actor: Actor, id: string) => {
  authorize(actor, 'webhooks.manage')
  const e = await loadOrThrow(deps, id)
  await deps.webhooks.remove(id)
  await audited(deps, actor, id, { change: 'removed', host: hostOf(e.url) })
}

/** Sends a delivery again now: one that failed for good, or one already delivered. */
export const redeliverWebhook = async (
  deps: WebhookDeps,
  actor: Actor,
  endpointId: string,
  deliveryId: string,
) => {
  authorize(actor, 'webhooks.manage')
  await loadOrThrow(deps, endpointId)
  const d = await deps.webhooks.delivery(endpointId, deliveryId)
  if (!d) throw new DomainError('webhook_not_found', 'No such delivery for this webhook.')
  if (d.status === 'pending') {
    throw new DomainError(
      'already_done',
      'This delivery is still being attempted: its next attempt is scheduled.',
    )
  }
  await deps.webhooks.retry(d.id, d.attempts + 1, deps.clock.now())
  await audited(deps, actor, endpointId, { change: 'redelivered', deliveryId })
}

/**
 * "Send a test": a signed `ping` delivery of its own, to be sent once the transaction commits (a
 * slow endpoint holds nothing); never retried.
 */
export const pingWebhook = async (deps: WebhookDeps, actor: Actor, endpointId: string) => {
  authorize(actor, 'webhooks.manage')
  await loadOrThrow(deps, endpointId)
  return deps.webhooks.createPing(endpointId, deps.clock.now())
}

/** The endpoint's delivery log, refusing an endpoint that is not this workspace's. */
export const readDeliveries = async <D>(
  deps: {
    webhooks: Pick<WebhookPort, 'get'> & { deliveries(endpointId: string, limit: number): Promise<D[]> }
  },
  actor: Actor,
  endpointId: string,
  limit: number,
): Promise<D[]> => {
  authorize(actor, 'webhooks.manage')
  if (!(await deps.webhooks.get(endpointId))) throw noSuchWebhook()
  return deps.webhooks.deliveries(endpointId, limit)
}
