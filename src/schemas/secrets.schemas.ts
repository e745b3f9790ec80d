import { z } from 'zod'
import { SECRET_TEXT_MAX } from '../domain/secrets/secret.ts'
import { CATEGORY_KEY_PATTERN, CERTAINTIES, ENGAGEMENT_CHANNELS, LAYERS } from '../domain/secrets/taxonomy.ts'
import { timestamp } from './common.schemas.ts'
import { tierSchema } from './customers.schemas.ts'

export { CERTAINTIES, ENGAGEMENT_CHANNELS, LAYERS }

const id = z.string().min(1).max(100)
const categoryKey = z
  .string()
  .trim()
  .min(1, 'Choose a category.')
  .max(40)
  .meta({ description: 'A category key, e.g. "recreation_preference"' })
export const layerSchema = z.enum(LAYERS)
export const certaintySchema = z.enum(CERTAINTIES)
export const channelSchema = z.enum(ENGAGEMENT_CHANNELS)
const secretText = z
  .string()
  .trim()
  .min(1, 'Write what you heard.')
  .max(SECRET_TEXT_MAX, `A secret is at most ${SECRET_TEXT_MAX} characters: what you heard, not a document.`)

export const categorySchema = z
  .object({
    key: z.string(),
    label: z.string(),
    scope: z.enum(['person', 'organisation', 'any']),
    sensitive: z.boolean(),
    builtin: z.boolean(),
  })
  .meta({ id: 'SecretCategory' })

export const categoryListSchema = z.object({
  categories: z.array(categorySchema),
  sensitiveCategories: z.boolean().meta({ description: 'whether the workspace records special categories' }),
})

export const categoryInputSchema = z
  .object({
    label: z.string().trim().min(2).max(60),
    key: z
      .string()
      .regex(CATEGORY_KEY_PATTERN, 'A key is 2–40 lower-case letters, digits or underscores.')
      .optional(),
    scope: z.enum(['person', 'organisation', 'any']).default('any'),
    cues: z.array(z.string().trim().toLowerCase().min(2).max(40)).max(40).default([]),
  })
  .strict()

export const secretInputSchema = z
  .object({
    personId: id.nullable().optional().meta({ description: 'the person it is about; none = the customer' }),
    layer: layerSchema.default('secret'),
    category: categoryKey,
    text: secretText,
    certainty: certaintySchema.default('heard'),
    engagementId: id.nullable().optional(),
    supersedes: id.optional().meta({ description: 'an older secret this one replaces (kept as history)' }),
  })
  .strict()
export type SecretInput = z.infer<typeof secretInputSchema>

export const secretPatchSchema = z
  .object({
    layer: layerSchema.optional(),
    category: categoryKey.optional(),
    text: secretText.optional(),
    certainty: certaintySchema.optional(),
    status: z.enum(['active', 'outdated']).optional(),
    confirm: z
      .literal(true)
      .optional()
      .meta({ description: 'heard again today: refreshes "last confirmed"' }),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'Send at least one field to change.')

/** What a secret says and who recorded it, as the secrets list and the live feed show it. */
export const heardSecretShape = {
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  layer: layerSchema,
  category: z.string(),
  categoryLabel: z.string(),
  text: z.string(),
  certainty: certaintySchema,
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
}

export const secretSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    ...heardSecretShape,
    recordedAt: timestamp,
    engagementId: z.string().nullable(),
    lastConfirmedAt: timestamp,
    status: z.enum(['active', 'outdated']),
    supersededBy: z.string().nullable(),
    outdatedAt: timestamp.nullable(),
  })
  .meta({ id: 'Secret' })

export const secretListSchema = z.object({ secrets: z.array(secretSchema) })
export const secretListQuerySchema = z
  .object({ status: z.enum(['active', 'outdated', 'all']).default('active') })
  .strict()

export const coverageEntrySchema = z.object({
  category: z.string(),
  label: z.string(),
  state: z.enum(['known', 'stale', 'empty']),
  activeCount: z.number().int(),
  lastConfirmedAt: timestamp.nullable(),
})

export const knownSchema = z
  .object({
    customer: z.object({ id: z.string(), name: z.string(), kind: z.string(), tier: tierSchema.nullable() }),
    activeCount: z.number().int(),
    coverageShare: z.number().meta({ description: 'share of categories with fresh knowledge, 0..1' }),
    highlights: z.array(
      z.object({
        id: z.string(),
        category: z.string(),
        categoryLabel: z.string(),
        layer: layerSchema,
        text: z.string(),
        certainty: certaintySchema,
        lastConfirmedAt: timestamp,
        recordedByName: z.string().nullable(),
        personName: z.string().nullable(),
      }),
    ),
    coverage: z.array(coverageEntrySchema),
    people: z.array(z.object({ id: z.string(), name: z.string(), title: z.string().nullable() })),
    family: z.array(
      z.object({
        name: z.string(),
        kind: z.string(),
        of: z.string().nullable(),
        birthday: z.string().nullable(),
      }),
    ),
    lastEngagementAt: timestamp.nullable(),
  })
  .meta({ id: 'WhatWeKnow', description: '"What secrets do we know about this customer?" at a glance' })

export const questionSchema = z.object({
  id: z.string(),
  category: z.string(),
  text: z.string(),
  position: z.number().int(),
})
export const questionListSchema = z.object({ questions: z.array(questionSchema) })
export const questionInputSchema = z
  .object({
    category: categoryKey,
    text: z.string().trim().min(5, 'Write the question.').max(300),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict()
export const questionPatchSchema = z
  .object({
    text: z.string().trim().min(5).max(300).optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'Send at least one field to change.')

export const nextQuestionsQuerySchema = z
  .object({
    personId: id.optional(),
    round: z.coerce.number().int().min(0).max(1000).default(0),
    limit: z.coerce.number().int().min(1).max(20).default(3),
    skip: z
      .string()
      .max(2000)
      .optional()
      .meta({ description: 'comma-separated categories to leave out (already asked this session)' }),
  })
  .strict()
export const nextQuestionsSchema = z.object({
  about: z.enum(['person', 'organisation']),
  questions: z.array(
    questionSchema.extend({ state: z.enum(['known', 'stale', 'empty']), categoryLabel: z.string() }),
  ),
  coverage: z.array(coverageEntrySchema),
})

export const suggestQuerySchema = z
  .object({
    text: z.string().max(SECRET_TEXT_MAX),
    about: z.enum(['person', 'organisation']).default('person'),
  })
  .strict()
export const suggestSchema = z.object({
  category: z.string().nullable(),
  /** 0–1: how clearly the words point there rather than elsewhere */
  confidence: z.number().min(0).max(1),
  /** the words that pointed there */
  because: z.array(z.string()),
})

export const engagementInputSchema = z
  .object({
    occurredAt: timestamp.optional().meta({ description: 'defaults to now' }),
    channel: channelSchema,
    summary: z.string().trim().max(200).nullable().optional(),
    notes: z.string().trim().max(10_000).nullable().optional(),
    personIds: z.array(id).max(50).default([]),
    userIds: z.array(id).max(50).default([]),
  })
  .strict()
export const engagementPatchSchema = z
  .object({
    occurredAt: timestamp.optional(),
    channel: channelSchema.optional(),
    summary: z.string().trim().max(200).nullable().optional(),
    notes: z.string().trim().max(10_000).nullable().optional(),
    personIds: z.array(id).max(50).optional(),
    userIds: z.array(id).max(50).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'Send at least one field to change.')
export const engagementSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    occurredAt: timestamp,
    channel: channelSchema,
    summary: z.string().nullable(),
    notes: z.string().nullable(),
    personIds: z.array(z.string()),
    userIds: z.array(z.string()),
    createdBy: z.string().nullable(),
    createdByName: z.string().nullable(),
    secretCount: z.number().int(),
  })
  .meta({ id: 'Engagement' })
export const engagementListSchema = z.object({ engagements: z.array(engagementSchema) })

export const consentInputSchema = z
  .object({
    consented: z.boolean(),
    note: z
      .string()
      .trim()
      .max(500)
      .nullable()
      .optional()
      .meta({ description: 'how and when consent was given' }),
  })
  .strict()
export const consentSchema = z.object({ consentAt: timestamp.nullable(), note: z.string().nullable() })

export const secretsSettingsSchema = z.object({ sensitiveCategories: z.boolean() })
export const secretsSettingsPatchSchema = z.object({ sensitiveCategories: z.boolean() }).strict()
