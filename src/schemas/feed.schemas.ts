import { z } from 'zod'
import { timestamp } from './common.schemas.ts'
import { tierSchema } from './customers.schemas.ts'
import { heardSecretShape } from './secrets.schemas.ts'

/** `<microseconds since the epoch>_<secret id>`: a place in the feed, also the SSE event id */
export const FEED_CURSOR_PATTERN = /^(\d{1,17})_([A-Za-z0-9-]{0,100})$/
const cursor = z
  .string()
  .regex(FEED_CURSOR_PATTERN, 'Not a feed cursor: use one the feed gave you.')
  .meta({ description: 'a cursor from the feed (an item’s `cursor`, or the id of an event of the stream)' })

export const feedFiltersSchema = z.object({
  tier: tierSchema.optional().meta({ description: "the customer's value tier" }),
  category: z.string().trim().min(1).max(40).optional(),
  recordedBy: z.string().min(1).max(100).optional().meta({ description: 'the user id of the recorder' }),
})

export const feedQuerySchema = feedFiltersSchema
  .extend({
    before: cursor.optional().meta({ description: 'older than this place (the `nextBefore` of a page)' }),
    after: cursor.optional().meta({
      description:
        'catching up: what was recorded since this place (the last event id seen); may repeat a few seconds’ worth — de-duplicate by id',
    }),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict()

export const feedStreamQuerySchema = feedFiltersSchema
  .extend({
    workspace: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'workspace slug, for clients (EventSource) that cannot send x-dazzle-workspace' }),
    after: cursor.optional().meta({ description: 'as the Last-Event-ID header, for a first connection' }),
  })
  .strict()

export const feedItemSchema = z
  .object({
    id: z.string(),
    cursor: z.string(),
    recordedAt: timestamp,
    customer: z.object({ id: z.string(), name: z.string(), tier: tierSchema.nullable() }),
    ...heardSecretShape,
    status: z.enum(['active', 'outdated']),
  })
  .meta({ id: 'FeedItem', description: 'A secret as the live feed shows it' })
export type FeedItem = z.output<typeof feedItemSchema>

export const feedPageSchema = z.object({
  items: z.array(feedItemSchema),
  nextBefore: cursor.nullable().meta({ description: 'pass as `before` for older items; null at the end' }),
  newest: cursor.meta({
    description:
      'where this answer ends on the newest side: open the stream with `after` set to it and nothing recorded in between is missed',
  }),
})
