import { z } from 'zod'
import { timestamp } from './common.schemas.ts'
import { money, purchaseTotalsShape, tierSchema } from './customers.schemas.ts'
import { certaintySchema, channelSchema, coverageEntrySchema, layerSchema } from './secrets.schemas.ts'

/** The secrets manual of one customer: the living document, as JSON. */
export const secretsManualSchema = z
  .object({
    customer: z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      segment: z.string().nullable(),
      country: z.string().nullable(),
      ownerName: z.string().nullable(),
      currency: z.string(),
      tier: tierSchema.nullable(),
      rank: z.number().int().nullable(),
      consentAt: timestamp
        .nullable()
        .meta({ description: 'when consent to special categories was recorded' }),
    }),
    generatedAt: timestamp,
    activeCount: z.number().int(),
    coverageShare: z.number(),
    coverage: z.array(coverageEntrySchema),
    categories: z.array(
      z.object({
        category: z.string(),
        label: z.string(),
        secrets: z.array(
          z.object({
            id: z.string(),
            text: z.string(),
            layer: layerSchema,
            certainty: certaintySchema,
            personName: z.string().nullable(),
            recordedByName: z.string().nullable(),
            recordedAt: timestamp,
            lastConfirmedAt: timestamp,
            stale: z.boolean(),
            engagementId: z.string().nullable(),
          }),
        ),
      }),
    ),
    people: z.array(
      z.object({ id: z.string(), name: z.string(), title: z.string().nullable(), secretCount: z.number() }),
    ),
    family: z.array(
      z.object({
        kind: z.string(),
        name: z.string(),
        of: z.string().nullable(),
        birthday: z.string().nullable(),
        notes: z.string().nullable(),
      }),
    ),
    purchases: z.object({
      currency: z.string(),
      ...purchaseTotalsShape,
      walletShare: z.number().nullable(),
      topProducts: z.array(
        z.object({
          product: z.string(),
          productCode: z.string().nullable(),
          quantity: z.number(),
          revenue: money,
          orders: z.number().int(),
        }),
      ),
    }),
    engagements: z.array(
      z.object({
        id: z.string(),
        occurredAt: timestamp,
        channel: channelSchema,
        summary: z.string().nullable(),
        people: z.array(z.string()),
        colleagues: z.array(z.string()),
        secretCount: z.number().int(),
      }),
    ),
    gatherers: z.array(
      z.object({
        userId: z.string().nullable(),
        name: z.string(),
        recorded: z.number().int(),
        active: z.number().int(),
        lastRecordedAt: timestamp,
      }),
    ),
  })
  .meta({ id: 'SecretsManual' })

export const consentStateSchema = z.object({
  consentAt: timestamp.nullable(),
  note: z.string().nullable(),
  sensitiveCategories: z.boolean().meta({ description: 'whether the workspace records special categories' }),
})
