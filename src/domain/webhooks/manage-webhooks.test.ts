import { describe, expect, it } from 'vitest'
import type { AuditEventInput } from '../audit/audit-event.ts'
import { fixedClock } from '../clock.ts'
import { refusal } from '../testing/refusal.ts'
import type { Actor } from '../workspaces/roles.ts'
import { createWebhook, pingWebhook, readDeliveries, redeliverWebhook } from './manage-webhooks.ts'
import type { WebhookEndpoint, WebhookPort } from './webhook-endpoint.ts'

const maya: Actor = { userId: 'u-maya', label: 'maya@x', role: 'admin' }
const leo: Actor = { userId: 'u-leo', label: 'leo@x', role: 'leader' }

/** In-memory endpoints and deliveries of one workspace: state to read back, not recorded calls. */
const memoryWebhooks = () => {
  const endpoints: Array<WebhookEndpoint & { secret: string }> = []
  const deliveries: Array<{
    id: string
    endpointId: string
    event: string
    status: 'pending' | 'delivered' | 'failed'
    attempts: number
    at: Date
  }> = []
  const audited: AuditEventInput[] = []
  let n = 0
  const webhooks: WebhookPort & { deliveries(id: string, limit: number): Promise<typeof deliveries> } = {
    get: async (id) => endpoints.find((e) => e.id === id),
    insert: async (e) => {
      const id = `wh${++n}`
      endpoints.push({ ...e, id, createdAt: new Date(0) })
      return id
    },
    update: async (id, patch) => void Object.assign(endpoints.find((e) => e.id === id)!, patch),
    remove: async (id) =>
      void endpoints.splice(
        endpoints.findIndex((e) => e.id === id),
        1,
      ),
    delivery: async (endpointId, id) => deliveries.find((d) => d.id === id && d.endpointId === endpointId),
    retry: async (id, attempt, at) =>
      void Object.assign(deliveries.find((d) => d.id === id)!, {
        status: 'pending',
        attempts: attempt - 1,
        at,
      }),
    createPing: async (endpointId, at) => {
      const id = `d${++n}`
      deliveries.push({ id, endpointId, event: 'ping', status: 'pending', attempts: 0, at })
      return id
    },
    deliveries: async (id, limit) => deliveries.filter((d) => d.endpointId === id).slice(0, limit),
  }
  const clock = fixedClock('2026-11-24T10:00:00Z')
  const deps = {
    webhooks,
    audit: { record: async (e: AuditEventInput) => void audited.push(e) },
    clock,
    newSecret: () => `whsec_${++n}`,
  }
  return { deps, deliveries, audited }
}

const hook = { url: 'https://hooks.example.com/dazzle', events: ['oops.opened'] }

describe('managing webhooks', () => {
  it('pings an endpoint with a delivery of its own, now, and lists it in the log', async () => {
    const { deps } = memoryWebhooks()
    const { endpoint } = await createWebhook(deps, maya, hook)
    const id = await pingWebhook(deps, maya, endpoint.id)
    expect(await readDeliveries(deps, maya, endpoint.id, 10)).toEqual([
      expect.objectContaining({ id, event: 'ping', at: deps.clock.now() }),
    ])
  })

  it('says an endpoint that is not this workspace’s is not there, and is for admins only', async () => {
    const { deps } = memoryWebhooks()
    expect(await refusal(pingWebhook(deps, maya, 'elsewhere'))).toBe('webhook_not_found')
    expect(await refusal(readDeliveries(deps, maya, 'elsewhere', 10))).toBe('webhook_not_found')
    const { endpoint } = await createWebhook(deps, maya, hook)
    expect(await refusal(pingWebhook(deps, leo, endpoint.id))).toBe('forbidden')
  })

  it('sends a finished delivery again, audited, but not one still being attempted', async () => {
    const { deps, deliveries, audited } = memoryWebhooks()
    const { endpoint } = await createWebhook(deps, maya, hook)
    const id = await pingWebhook(deps, maya, endpoint.id)
    expect(await refusal(redeliverWebhook(deps, maya, endpoint.id, id))).toBe('already_done')
    deliveries[0]!.status = 'failed'
    deliveries[0]!.attempts = 1
    await redeliverWebhook(deps, maya, endpoint.id, id)
    expect(deliveries[0]).toMatchObject({ status: 'pending' })
    expect(audited.at(-1)).toMatchObject({ action: 'webhook.changed', details: { change: 'redelivered' } })
  })
})
