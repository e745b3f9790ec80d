import { z } from 'zod'
import { timestamp } from './common.schemas.ts'

/** One line of the recovery scoreboard: the whole workspace, an owner or a tier. */
export const scoreLineSchema = z.object({
  key: z.string().nullable(),
  label: z.string(),
  oops: z.number().int(),
  decided: z
    .number()
    .int()
    .meta({ description: 'OOPS! whose outcome is known: both done, or the window is over' }),
  dazzling: z.number().int(),
  dazzlingShare: z.number().nullable(),
  medianHoursToFix: z.number().nullable(),
  medianHoursToSurprise: z.number().nullable(),
  answers: z.number().int(),
  wowRate: z.number().nullable().meta({ description: 'share of answers "you blew me away"' }),
  npsBefore: z.number().nullable(),
  npsAfter: z.number().nullable(),
})
export const scoreboardSchema = z
  .object({
    from: timestamp,
    to: timestamp,
    overall: scoreLineSchema,
    byOwner: z.array(scoreLineSchema),
    byTier: z.array(scoreLineSchema),
  })
  .meta({ id: 'Scoreboard' })
