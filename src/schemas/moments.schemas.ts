import { z } from 'zod'
import { MOMENT_KINDS, MOMENT_NOTE_MAX, MOMENT_STATUSES } from '../domain/moments/moment.ts'
import { timestamp } from './common.schemas.ts'

/** WOW moments: the list, one customer's, acting on one, the scoreboard's counts. Limits are the domain's. */

export const momentKindSchema = z.enum(MOMENT_KINDS)
export const momentStateSchema = z.enum(['due', 'missed', 'done_in_time', 'done_late', 'dismissed'])

export const momentListQuerySchema = z
  .object({
    owner: z.string().min(1).max(100).default('me').meta({
      description: "me (default), team (leaders and admins), or a member's id (leaders and admins)",
    }),
    status: z.enum(['open', 'closed', 'all']).default('open'),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict()

export const momentActSchema = z
  .object({
    note: z
      .string()
      .trim()
      .max(MOMENT_NOTE_MAX, `Keep the note to ${MOMENT_NOTE_MAX.toLocaleString('en')} characters.`)
      .nullable()
      .optional()
      .meta({ description: 'what was done (or why it was let go), in a line or two' }),
  })
  .strict()

export const momentSchema = z
  .object({
    id: z.string(),
    kind: momentKindSchema,
    onDate: z.string().meta({ description: 'the calendar day of the moment, 2027-03-24' }),
    title: z.string(),
    customer: z.object({
      id: z.string(),
      name: z.string(),
      tier: z.string().nullable(),
      currency: z.string(),
    }),
    owner: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
    dueAt: timestamp.meta({ description: 'act by then' }),
    remindAt: timestamp,
    remindedAt: timestamp.nullable(),
    status: z.enum(MOMENT_STATUSES),
    state: momentStateSchema,
    note: z.string().nullable(),
    closedAt: timestamp.nullable(),
    closedBy: z.string().nullable(),
    secretText: z.string().nullable().meta({
      description: 'the secret a date was read from; null when the reader’s role may not read secrets',
    }),
    secretHidden: z.boolean(),
    suggestion: z
      .object({
        budget: z.number(),
        planName: z.string(),
        secretsConsidered: z.number().int(),
        act: z
          .object({
            itemId: z.string(),
            title: z.string(),
            cost: z.number(),
            kind: z.string().nullable(),
            reason: z.string(),
            fit: z.enum(['strong', 'fair', 'weak']),
          })
          .nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'Moment' })

export const momentCountsSchema = z.object({
  due: z.number().int(),
  actedInTime: z.number().int(),
  actedLate: z.number().int(),
  missed: z.number().int(),
  dismissed: z.number().int(),
})

export const momentListSchema = z.object({ moments: z.array(momentSchema), counts: momentCountsSchema })
export const customerMomentsSchema = z.object({ moments: z.array(momentSchema) })
export const momentScoreboardSchema = momentCountsSchema.extend({ days: z.number().int() }).meta({
  id: 'MomentScoreboard',
})
export const momentsFoundSchema = z.object({
  found: z.number().int(),
  added: z.number().int(),
  refreshed: z.number().int(),
})
