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
  handOvers: z.number().int().meta({ description: 'hand-overs of these OOPS! from one owner to another' }),
  handedOver: z.number().int().meta({ description: 'OOPS! handed over at least once' }),
})
export const heroSchema = scoreLineSchema.nullable().meta({
  description:
    'The recovery hero: the owner with the most dazzling recoveries, then the higher dazzling share, then the better WOW rate',
})
export const trendWeekSchema = z.object({
  weekStart: timestamp.meta({ description: 'Monday 00:00 UTC' }),
  oops: z.number().int(),
  decided: z.number().int(),
  dazzling: z.number().int(),
  dazzlingShare: z.number().nullable(),
  wowRate: z.number().nullable(),
  medianHoursToFix: z.number().nullable(),
})
export const tierACoverageSchema = z
  .object({
    customers: z.number().int(),
    withSecrets: z.number().int().meta({ description: 'with at least one active secret' }),
    withFreshSecrets: z
      .number()
      .int()
      .meta({ description: 'with an active secret heard or confirmed in the last 180 days' }),
    share: z.number().nullable(),
    freshShare: z.number().nullable(),
  })
  .meta({ description: 'Secrets known about tier A customers, as of now' })
export const scoreboardSchema = z
  .object({
    from: timestamp,
    to: timestamp,
    overall: scoreLineSchema,
    byOwner: z.array(scoreLineSchema),
    byTier: z.array(scoreLineSchema),
    hero: heroSchema,
    trend: z.array(trendWeekSchema).meta({ description: 'each week of the period, quiet ones included' }),
    tierA: tierACoverageSchema,
  })
  .meta({ id: 'Scoreboard' })
