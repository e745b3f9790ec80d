import { z } from 'zod'
import { WEBHOOK_EVENTS } from '../domain/webhooks/webhook-endpoint.ts'
import { timestamp } from './common.schemas.ts'

export { WEBHOOK_EVENTS }

const url = z.string().max(2_000).meta({
  description: 'http or https; receives a POST of JSON for each event',
  example: 'https://example.com/hooks/dazzle',
})
const events = z
  .array(z.string().max(50))
  .max(20)
  .meta({ description: `a subset of ${WEBHOOK_EVENTS.join(', ')}` })

export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    active: z.boolean(),
    createdAt: timestamp,
  })
  .meta({ id: 'Webhook' })

export const webhookListSchema = z.object({ webhooks: z.array(webhookSchema), events: z.array(z.string()) })

export const createWebhookSchema = z.object({ url, events, active: z.boolean().optional() }).strict()
export const webhookPatchSchema = z
  .object({ url: url.optional(), events: events.optional(), active: z.boolean().optional() })
  .strict()

export const createdWebhookSchema = webhookSchema.extend({
  secret: z.string().meta({
    description:
      'signs every delivery (X-Dazzle-Signature: sha256=HMAC-SHA256(secret, "<X-Dazzle-Timestamp>.<body>")); shown in this answer only',
  }),
})

const attemptSchema = z.object({
  attempt: z.number().int(),
  at: timestamp,
  responseStatus: z.number().int().nullable(),
  responseMs: z.number().int().nullable(),
  error: z.string().nullable(),
})

export const deliverySchema = z
  .object({
    id: z.string(),
    event: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    responseMs: z.number().int().nullable(),
    error: z.string().nullable(),
    nextAttemptAt: timestamp.nullable(),
    deliveredAt: timestamp.nullable(),
    createdAt: timestamp,
    attemptLog: z.array(attemptSchema),
  })
  .meta({ id: 'WebhookDelivery' })

export const deliveryListSchema = z.object({ deliveries: z.array(deliverySchema) })
export const deliveryListQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict()

export const pingResultSchema = z.object({
  deliveryId: z.string(),
  delivered: z.boolean(),
  responseStatus: z.number().int().nullable(),
  responseMs: z.number().int(),
  error: z.string().nullable(),
})
