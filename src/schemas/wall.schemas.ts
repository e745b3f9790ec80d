import { z } from 'zod'
import { AWARD_KINDS } from '../domain/awards/award.ts'
import { WALL_LIMITS } from '../domain/wall/wall-link.ts'
import { timestamp } from './common.schemas.ts'
import { trendWeekSchema } from './scoreboard.schemas.ts'

export const wallLinkSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    demo: z.boolean(),
    createdBy: z.string().nullable(),
    createdByName: z.string().nullable(),
    createdAt: timestamp,
    expiresAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    lastSeenAt: timestamp.nullable(),
    token: z
      .string()
      .nullable()
      .meta({ description: "the demo's link only (derived, decision 019); null for every other link" }),
  })
  .meta({ id: 'WallLink' })

export const createWallLinkSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Name the wall link after the screen it is for, e.g. “Office TV”.')
      .max(WALL_LIMITS.name, `Keep the name to ${WALL_LIMITS.name} characters.`),
    expiresInDays: z
      .number()
      .int('Expiry is a whole number of days.')
      .min(1, 'Expiry is at least 1 day; leave it empty for never.')
      .max(WALL_LIMITS.expiresInDays, `Expiry is at most ${WALL_LIMITS.expiresInDays} days.`)
      .nullable()
      .optional(),
  })
  .strict()

export const createdWallLinkSchema = z.object({
  link: wallLinkSchema,
  token: z.string().meta({ description: 'Shown once; the wall opens at /wall/<token>.' }),
})

export const wallSettingsSchema = z
  .object({
    showSecrets: z
      .boolean()
      .meta({ description: 'whether the wall shows secret text in stories and awards (default: no)' }),
  })
  .strict()

export const wallTokenParams = z.object({ token: z.string().min(1).max(200) }).strict()

export const wallViewSchema = z
  .object({
    workspaceName: z.string(),
    linkName: z.string(),
    asOf: timestamp,
    from: timestamp,
    to: timestamp,
    showsSecrets: z.boolean(),
    figures: z.object({
      oops: z.number().int(),
      decided: z.number().int(),
      dazzling: z.number().int(),
      dazzlingShare: z.number().nullable(),
      answers: z.number().int(),
      wowRate: z.number().nullable(),
      medianHoursToFix: z.number().nullable(),
      open: z.number().int(),
      atRisk: z.number().int(),
      breached: z.number().int(),
    }),
    hero: z
      .object({ name: z.string(), dazzling: z.number().int(), dazzlingShare: z.number().nullable() })
      .nullable(),
    trend: z.array(trendWeekSchema),
    stories: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        body: z.string(),
        customerShown: z.string(),
        authorName: z.string().nullable(),
        publishedAt: timestamp,
        secretNote: z.string().nullable(),
        secretHidden: z.boolean(),
        reactions: z.number().int(),
      }),
    ),
    awards: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(AWARD_KINDS),
        period: z.string(),
        periodLabel: z.string(),
        winnerName: z.string(),
        reason: z.string(),
        customerName: z.string().nullable(),
        secretText: z.string().nullable(),
        secretHidden: z.boolean(),
        decidedAt: timestamp,
      }),
    ),
  })
  .meta({ id: 'Wall' })
export type WallViewWire = z.input<typeof wallViewSchema>
