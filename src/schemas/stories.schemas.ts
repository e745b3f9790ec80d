import { z } from 'zod'
import { REACTION_KINDS, STORY_LIMITS, STORY_PRIVACY } from '../domain/stories/story.ts'
import { timestamp } from './common.schemas.ts'

/** Recovery stories: the draft, publishing, the feed, reactions. Limits are the domain's, written once. */

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `The story needs ${what}.`)
    .max(max, `Keep ${what === 'a title' ? 'the title' : 'it'} to ${max.toLocaleString('en')} characters.`)

export const storyPrivacySchema = z.enum(STORY_PRIVACY).meta({
  description: 'named: the customer is named; anonymised: described by customerLabel only',
})
export const reactionKindSchema = z.enum(REACTION_KINDS)

export const storyDraftQuerySchema = z.object({ privacy: storyPrivacySchema.default('named') }).strict()

export const storyDraftSchema = z
  .object({
    title: z.string(),
    body: z.string(),
    secretNote: z.string().nullable(),
    privacy: storyPrivacySchema,
    customerLabel: z.string().nullable(),
    /** the id of the story already told of this recovery, if there is one */
    alreadyTold: z.string().nullable(),
  })
  .meta({ id: 'StoryDraft' })

const storyFields = {
  title: text(STORY_LIMITS.title, 'a title'),
  body: text(STORY_LIMITS.body, 'some words'),
  secretNote: z
    .string()
    .trim()
    .max(
      STORY_LIMITS.secretNote,
      `Keep the secret to ${STORY_LIMITS.secretNote.toLocaleString('en')} characters.`,
    )
    .nullable()
    .optional(),
  privacy: storyPrivacySchema,
  customerLabel: z
    .string()
    .trim()
    .max(
      STORY_LIMITS.customerLabel,
      `Keep the description of the customer to ${STORY_LIMITS.customerLabel} characters.`,
    )
    .nullable()
    .optional(),
}

export const storyInputSchema = z.object({ oopsId: z.string().min(1).max(100), ...storyFields }).strict()
export const storyPatchSchema = z
  .object(storyFields)
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'Say what to change.')

export const storySchema = z
  .object({
    id: z.string(),
    oopsId: z.string(),
    title: z.string(),
    body: z.string(),
    secretNote: z
      .string()
      .nullable()
      .meta({ description: 'null when there is none, or the reader’s role may not read secrets' }),
    secretHidden: z
      .boolean()
      .meta({ description: 'a secret is behind the surprise but this reader may not read it' }),
    privacy: storyPrivacySchema,
    customer: z.object({
      shown: z.string().meta({ description: 'the name, or the label of an anonymised customer' }),
      id: z.string().nullable(),
    }),
    outcome: z.string().nullable(),
    author: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
    publishedAt: timestamp,
    editedAt: timestamp.nullable(),
    reactions: z.record(reactionKindSchema, z.number().int()),
    mine: z.array(reactionKindSchema),
  })
  .meta({ id: 'Story' })

export const storyListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    before: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()

export const storyListSchema = z.object({ stories: z.array(storySchema), nextBefore: z.string().nullable() })

export const reactionParams = z.object({ id: z.string().min(1).max(100), kind: reactionKindSchema }).strict()
