import type { z } from 'zod'
import type { SecretsStore } from '../../db/secrets.store.ts'
import type { Secret } from '../../domain/secrets/secret.ts'
import type { SecretCategory } from '../../domain/secrets/taxonomy.ts'
import type { whatWeKnow } from '../../domain/secrets/what-we-know.ts'
import type { engagementSchema, knownSchema, secretSchema } from '../../schemas/secrets.schemas.ts'

/** A secret on the wire, with its category's label. */
export const presentSecret = (
  s: Secret,
  categories: readonly SecretCategory[],
): z.infer<typeof secretSchema> => ({
  ...s,
  categoryLabel: categories.find((c) => c.key === s.category)?.label ?? s.category,
})

export const presentKnown = (k: Awaited<ReturnType<typeof whatWeKnow>>): z.infer<typeof knownSchema> => ({
  ...k,
  customer: { ...k.customer, tier: k.customer.tier as 'A' | 'B' | 'C' | null },
  highlights: k.highlights.map(({ personId: _p, ...h }) => ({
    ...h,
    layer: h.layer as 'need' | 'secret',
    certainty: h.certainty as 'heard' | 'inferred' | 'second_hand',
  })),
})

/** An engagement as the store reads it. */
type EngagementRow = Awaited<ReturnType<SecretsStore['engagements']>>[number]

export const presentEngagement = (
  e: EngagementRow,
  secretCount: number,
): z.infer<typeof engagementSchema> => ({
  ...e,
  occurredAt: new Date(e.occurredAt),
  channel: e.channel as 'meeting',
  secretCount,
})
