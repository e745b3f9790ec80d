import { z } from 'zod'
import { AWARD_KINDS } from '../domain/awards/award.ts'
import { AWARD_REASON_MAX } from '../domain/awards/decide-award.ts'
import { NOMINATION_REASON_MAX } from '../domain/awards/nominate-secret.ts'
import { timestamp } from './common.schemas.ts'

export { AWARD_KINDS }

const id = z.string().min(1).max(100)
/** 2026-12 for the monthly awards, 2026 for the secrets manual of the year */
const period = z
  .string()
  .regex(/^\d{4}(-\d{2})?$/, 'Give the period as 2026-12 (a month) or 2026 (a year).')
  .describe('2026-12 for a month, 2026 for the secrets manual of the year')
const person = z.object({ userId: z.string(), name: z.string() })
const figures = z
  .record(z.string(), z.number().nullable())
  .describe('the figures the candidate or award rests on; shares are 0..1')

export const awardKindSchema = z.enum(AWARD_KINDS)

export const nominationInputSchema = z
  .object({
    secretId: id,
    reason: z
      .string()
      .trim()
      .min(1, 'Say why this secret is cool.')
      .max(NOMINATION_REASON_MAX)
      .describe('why the secret is cool, in the nominator’s words'),
  })
  .strict()
export const nominationSchema = z.object({ id: z.string(), period: z.string(), secretId: z.string() })

export const candidatesQuerySchema = z.object({ kind: awardKindSchema, period }).strict()

const nominationLine = z.object({ by: person, reason: z.string(), at: timestamp })

/** A secret as an award shows it: `text` only for roles that may read secrets. */
const awardSecret = z.object({
  id: z.string(),
  text: z.string().nullable().describe('null when your role may not read secrets'),
  customerId: z.string(),
  customerName: z.string(),
})

export const awardSchema = z.object({
  id: z.string(),
  kind: awardKindSchema,
  kindLabel: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  winner: person,
  secret: awardSecret
    .nullable()
    .describe('secret agent: the winning secret, gone once its customer is erased'),
  customer: z.object({ id: z.string(), name: z.string() }).nullable(),
  reason: z.string(),
  figures,
  decidedBy: person.nullable(),
  decidedAt: timestamp,
})

export const candidateSchema = z.object({
  rank: z.number().int(),
  winner: person,
  secret: awardSecret.nullable(),
  customer: z.object({ id: z.string(), name: z.string() }).nullable(),
  figures,
  summary: z.string(),
  nominations: z.array(nominationLine),
})

export const candidatesSchema = z.object({
  kind: awardKindSchema,
  kindLabel: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  decided: awardSchema.nullable(),
  candidates: z.array(candidateSchema),
})

export const awardsQuerySchema = z
  .object({ userId: id.optional().describe('one person’s awards'), kind: awardKindSchema.optional() })
  .strict()
export const awardListSchema = z.object({
  awards: z.array(awardSchema),
  /** the periods now running, as the candidates endpoint takes them */
  current: z.object({ month: z.string(), year: z.string() }),
})

export const decideAwardInputSchema = z
  .object({
    kind: awardKindSchema,
    period,
    userId: id.optional().describe('recovery hero or addict: the person'),
    secretId: id.optional().describe('secret agent: the nominated secret'),
    customerId: id.optional().describe('secrets manual: the customer whose manual wins'),
    reason: z
      .string()
      .trim()
      .max(AWARD_REASON_MAX)
      .optional()
      .describe('why; the figures in a sentence when left out'),
  })
  .strict()
