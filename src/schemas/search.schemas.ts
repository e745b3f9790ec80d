import { z } from 'zod'
import { MATCH_KINDS, SEARCH_LIMITS, SEARCH_SORTS } from '../domain/secrets/search-query.ts'
import { LAYERS } from '../domain/secrets/taxonomy.ts'
import { timestamp } from './common.schemas.ts'
import { tierSchema } from './customers.schemas.ts'

export { SEARCH_LIMITS }

export const matchKindSchema = z.enum(MATCH_KINDS as ['words', 'meaning', 'spelling']).meta({
  description: 'words: its own words (stemmed); meaning: what its words stand for; spelling: a near spelling',
})

// long enough to reach the domain's own limit (which says what to do), short of a pasted file
const searchText = z
  .string()
  .max(5000, `Search for at most ${SEARCH_LIMITS.maxQueryLength} characters: a few words, not a document.`)

const filterFields = {
  categories: z.array(z.string().trim().min(1).max(40)).max(40).default([]),
  tiers: z.array(tierSchema).max(3).default([]),
  segments: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  layer: z.enum(LAYERS).nullable().default(null),
}

export const searchInputSchema = z
  .object({
    q: searchText.default('').meta({
      description:
        'What to look for, in words: quotes for a phrase, OR for either, -word to leave out; nothing else is syntax',
      example: 'pinot noir',
    }),
    ...filterFields,
    page: z.coerce.number().int().min(1).max(500).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
    sort: z.enum(SEARCH_SORTS).default('relevance').meta({
      description:
        'relevance: the best matches first, the most valuable first among equals; value: the most valuable first',
    }),
  })
  .strict()

export const audienceQuerySchema = z
  .object({
    q: z.string(),
    categories: z.array(z.string()),
    tiers: z.array(tierSchema),
    segments: z.array(z.string()),
    layer: z.enum(LAYERS).nullable(),
  })
  .meta({ id: 'AudienceQuery' })

const rangeSchema = z.tuple([z.number().int(), z.number().int()])

export const searchHitSchema = z
  .object({
    id: z.string(),
    category: z.string(),
    categoryLabel: z.string(),
    layer: z.enum(LAYERS),
    text: z.string(),
    personName: z.string().nullable(),
    recordedAt: timestamp,
    matchedBy: matchKindSchema,
    highlights: z
      .array(rangeSchema)
      .meta({ description: '[start, end) offsets (UTF-16 code units) of the words to mark in `text`' }),
    because: z.array(z.object({ word: z.string(), concept: z.string() })).meta({
      description: 'for a match by meaning: which words of the secret stand for which searched concept',
    }),
  })
  .meta({ id: 'SearchHit' })

export const searchCustomerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['person', 'organisation']),
    tier: tierSchema.nullable(),
    segment: z.string().nullable(),
    ownerName: z.string().nullable(),
    people: z.array(z.string()),
    matchedBy: matchKindSchema,
    matchCount: z.number().int(),
    secrets: z.array(searchHitSchema),
  })
  .meta({ id: 'SearchCustomer' })

export const searchResultSchema = z
  .object({
    query: z.object({ text: z.string(), filters: audienceQuerySchema.omit({ q: true }) }),
    customers: z.array(searchCustomerSchema),
    total: z
      .number()
      .int()
      .meta({ description: 'customers found; at least this many when totalExact is false' }),
    totalExact: z.boolean(),
    hasMore: z.boolean(),
    corrections: z.array(z.object({ word: z.string(), nearest: z.array(z.string()) })).meta({
      description:
        'searched words read as others: words no dictionary knows, and what was searched for instead',
    }),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'SearchResult' })

export const audienceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    query: audienceQuerySchema,
    createdByName: z.string().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'Audience' })

export const audienceListSchema = z.object({ audiences: z.array(audienceSchema) })

export const audienceInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the audience a name.').max(80, 'A name is at most 80 characters.'),
    q: searchText.default(''),
    ...filterFields,
  })
  .strict()

export const audienceRunSchema = z
  .object({
    page: z.coerce.number().int().min(1).max(500).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict()

/** `dazzle eval search FILE`: customers with their secrets, and what people type with what should come back. */
export const searchEvalSetSchema = z.object({
  about: z.string().optional(),
  customers: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        kind: z.enum(['person', 'organisation']).default('person'),
        /** lifetime revenue: the tie-break between equally good matches */
        revenue: z.number().min(0).default(0),
        secrets: z.array(z.object({ category: z.string().min(1), text: z.string().min(1) })).min(1),
      }),
    )
    .min(1),
  queries: z
    .array(
      z.object({
        q: z.string().min(1),
        /** the customers that should come first, in any order; [] when nothing should be found */
        expect: z.array(z.string()),
        /** customers that must not come back at all (a false match) */
        wrong: z.array(z.string()).default([]),
      }),
    )
    .min(1),
})
export type SearchEvalSet = z.infer<typeof searchEvalSetSchema>
