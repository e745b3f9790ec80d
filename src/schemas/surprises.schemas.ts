import { z } from 'zod'
import { RECOVERY_KINDS } from '../domain/recovery/oops.ts'
import { SURPRISE_FIELDS, SURPRISE_LIMITS } from '../domain/recovery/surprise-catalogue.ts'
import { timestamp } from './common.schemas.ts'

const kind = z.enum(RECOVERY_KINDS)
const tags = z
  .array(z.string().trim().min(1).max(SURPRISE_LIMITS.tag))
  .max(SURPRISE_LIMITS.tags)
  .meta({ description: 'interests it suits, e.g. ["coffee", "espresso"]' })

export const surpriseItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    cost: z.number(),
    leadTimeHours: z.number().meta({ description: 'how long it takes to reach the customer' }),
    kind,
    tags: z.array(z.string()),
    active: z.boolean(),
    sourceKey: z.string().nullable().meta({ description: 'the key imports know it by' }),
    createdAt: timestamp,
  })
  .meta({ id: 'SurpriseItem' })

export const surpriseListQuerySchema = z
  .object({
    active: z
      .enum(['true', 'false', 'all'])
      .default('all')
      .meta({ description: 'true: in the catalogue; false: taken out; all (default)' }),
  })
  .strict()
export const surpriseListSchema = z.object({ items: z.array(surpriseItemSchema) })

export const surpriseInputSchema = z
  .object({
    title: z.string().trim().min(2, 'Give it a title.').max(SURPRISE_LIMITS.title),
    description: z.string().trim().max(SURPRISE_LIMITS.description).nullable().default(null),
    cost: z.number().min(0).max(SURPRISE_LIMITS.cost),
    leadTimeHours: z.number().min(0).max(SURPRISE_LIMITS.leadTimeHours),
    kind: kind.default('gift'),
    tags: tags.default([]),
    active: z.boolean().default(true),
  })
  .strict()

export const surprisePatchSchema = z
  .object({
    title: z.string().trim().min(2).max(SURPRISE_LIMITS.title).optional(),
    description: z.string().trim().max(SURPRISE_LIMITS.description).nullable().optional(),
    cost: z.number().min(0).max(SURPRISE_LIMITS.cost).optional(),
    leadTimeHours: z.number().min(0).max(SURPRISE_LIMITS.leadTimeHours).optional(),
    kind: kind.optional(),
    tags: tags.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'Send at least one field to change.')

export const surpriseRemovedSchema = z.object({
  outcome: z.enum(['deleted', 'deactivated']).meta({
    description: 'an item a customer already received is taken out of the catalogue, not deleted',
  }),
  timesGiven: z.number().int(),
})

export const surpriseImportQuerySchema = z
  .object({
    dryRun: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .meta({ description: 'check everything and answer what would happen; write nothing' }),
    keepGoodRows: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .meta({ description: 'import the good rows and report the rest (default: all or nothing)' }),
    mapping: z
      .string()
      .max(4000)
      .optional()
      .meta({ description: 'JSON object header → field, e.g. {"Price":"cost"}; default: detected' }),
    fileName: z.string().max(300).optional(),
  })
  .strict()

const rowItemSchema = z.object({
  title: z.string(),
  description: z.string().nullable(),
  cost: z.number(),
  leadTimeHours: z.number(),
  kind,
  tags: z.array(z.string()),
  active: z.boolean(),
  sourceKey: z.string(),
})

export const surpriseImportReportSchema = z
  .object({
    status: z.enum(['imported', 'checked', 'rejected', 'partial']).meta({
      description:
        'imported: all rows written; checked: a dry run that would import; rejected: nothing written (see errors); partial: good rows written (keepGoodRows)',
    }),
    headers: z.array(z.string()),
    mapping: z.record(z.string(), z.enum(SURPRISE_FIELDS)),
    fields: z.array(z.enum(SURPRISE_FIELDS)),
    required: z.array(z.enum(SURPRISE_FIELDS)),
    missing: z.array(z.enum(SURPRISE_FIELDS)),
    rows: z.number().int(),
    added: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errorCount: z.number().int(),
    errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), reason: z.string() })),
    preview: z.array(
      z.object({
        row: z.number().int(),
        action: z.enum(['add', 'update', 'unchanged']),
        item: rowItemSchema,
      }),
    ),
  })
  .meta({ id: 'SurpriseImportReport' })

const drawnSchema = z.object({
  secretId: z.string(),
  text: z.string(),
  category: z.string(),
  certainty: z.enum(['heard', 'inferred', 'second_hand']),
  ageDays: z.number().nullable(),
  personName: z.string().nullable(),
  because: z
    .array(z.string())
    .meta({ description: "what links them, with the secret's words: an interest, a shared word, a concept" }),
  links: z.array(
    z.object({
      meaning: z
        .string()
        .nullable()
        .meta({ description: 'the interest or concept both speak to; null: the same word' }),
      words: z.array(z.string()).meta({ description: "the secret's words that made the link" }),
    }),
  ),
  relevance: z.number(),
})

const candidateSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  cost: z.number(),
  leadTimeHours: z.number(),
  kind: kind,
  tags: z.array(z.string()),
})

export const surpriseSuggestionsSchema = z
  .object({
    oopsId: z.string(),
    budget: z.number().meta({ description: "the plan's investment cap for this OOPS!" }),
    hoursLeft: z.number().meta({ description: 'hours left on the clock (negative once breached)' }),
    allowedKinds: z.array(kind).nullable(),
    approverRole: z.string().meta({ description: 'who may approve a surprise over the cap' }),
    secretsConsidered: z.number().int(),
    alreadyGiven: z.array(z.string()).meta({ description: 'catalogue items this customer already received' }),
    chosen: z.object({ itemId: z.string().nullable(), title: z.string().nullable() }).nullable(),
    suggestions: z.array(
      z.object({
        item: candidateSchema,
        score: z.number(),
        drawsOn: z.array(drawnSchema),
        reason: z
          .string()
          .meta({ example: "draws on: 'roasts his own beans' (heard, 3 weeks ago) — coffee" }),
        leftover: z.number(),
        spareHours: z.number(),
        fit: z.enum(['strong', 'fair', 'weak']).meta({
          description: 'weak: thin evidence, or one of several items resting on the same secret alone',
        }),
        fitNote: z.string().nullable(),
        late: z.boolean().meta({ description: 'the clock has run out: a late act, ready within hours' }),
      }),
    ),
    excluded: z.array(
      z.object({
        item: candidateSchema,
        failed: z.array(
          z.object({
            constraint: z.enum([
              'over_budget',
              'too_slow',
              'already_given',
              'kind_not_allowed',
              'inactive',
              'against_a_secret',
            ]),
            message: z.string(),
          }),
        ),
        score: z.number().meta({ description: 'what it would have scored had it fitted' }),
        drawsOn: z.array(drawnSchema),
      }),
    ),
    unmatched: z.number().int().meta({ description: 'items that fit every limit but draw on no secret' }),
    excludedUnrelated: z
      .number()
      .int()
      .meta({ description: 'items that fail a limit and draw on no secret either (counted, not listed)' }),
    late: z
      .object({
        hoursOver: z.number(),
        withinHours: z.number(),
        advice: z.string(),
        mention: z.object({ secretId: z.string(), text: z.string() }).nullable(),
      })
      .nullable()
      .meta({ description: 'the clock has run out: the apology to make now, and how late the acts are' }),
  })
  .meta({ id: 'SurpriseSuggestions' })

/** The evaluation file of `dazzle eval surprises` (issue #5, part 7). */
export const surpriseEvalSetSchema = z.object({
  catalogue: z
    .array(
      z.object({
        id: z.string().min(1),
        title: z.string().min(1),
        cost: z.number().min(0),
        leadTimeHours: z.number().min(0),
        tags: z.array(z.string()).default([]),
        description: z.string().optional(),
        kind: z.string().optional(),
      }),
    )
    .min(1),
  scenarios: z.array(
    z.object({
      id: z.string().min(1),
      secrets: z.array(z.object({ category: z.string().default(''), text: z.string() })),
      oops: z.string().default(''),
      budget: z.number(),
      hoursLeft: z.number(),
      alreadyGiven: z.array(z.string()).optional(),
      acceptable: z.array(z.string()),
      allowedKinds: z.array(z.string()).optional(),
    }),
  ),
})
