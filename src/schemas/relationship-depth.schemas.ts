import { z } from 'zod'
import { CLUE_KINDS, DEPTH_MAX, EVIDENCE_MAX } from '../domain/accountability/relationship-depth.ts'
import { timestamp } from './common.schemas.ts'

export { CLUE_KINDS }

const day = z.iso.date()
const clue = z.enum(CLUE_KINDS, {
  error: `Name one of the four clues: ${CLUE_KINDS.join(', ')}.`,
})

/** One clue marked yes or no from a day, with what shows it. */
export const markClueSchema = z
  .object({
    clue,
    holds: z.boolean({ error: 'Say whether the clue holds (true) or not (false).' }),
    since: z.iso.date({ message: 'Give the day it became so, like 2026-11-30.' }),
    evidence: z
      .string()
      .trim()
      .min(1, 'Say what shows it: the evidence of the clue, in a sentence.')
      .max(EVIDENCE_MAX, `Keep the evidence to ${EVIDENCE_MAX} characters.`),
  })
  .strict()

const clueMarkSchema = z.object({
  id: z.string(),
  clue,
  holds: z.boolean(),
  since: day,
  evidence: z.string(),
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: timestamp,
})

const trendSchema = z.enum(['climbing', 'slipping', 'steady'])
const nextClueSchema = z.object({ clue, reason: z.enum(['win_back', 'ladder']), step: z.string() }).nullable()
const depthValue = z.number().int().min(0).max(DEPTH_MAX)

export const customerDepthSchema = z.object({
  customerId: z.string(),
  keyAccount: z.boolean(),
  canMark: z.boolean(),
  today: day,
  clues: z.array(z.object({ clue, holds: z.boolean(), mark: clueMarkSchema.nullable() })),
  depth: depthValue,
  before: depthValue,
  trend: trendSchema,
  history: z.array(z.object({ day, depth: depthValue })),
  next: nextClueSchema,
  marks: z.array(clueMarkSchema),
})

const accountDepthSchema = z.object({
  customerId: z.string(),
  customerName: z.string(),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().nullable(),
  depth: depthValue,
  before: depthValue,
  change: z.number().int(),
  trend: trendSchema,
  next: nextClueSchema,
  lastMarkedAt: day.nullable(),
})

export const depthOverviewSchema = z.object({
  today: day,
  since: day,
  accounts: z.number().int(),
  byDepth: z.array(z.number().int()),
  climbing: z.array(accountDepthSchema),
  slipping: z.array(accountDepthSchema),
  all: z.array(accountDepthSchema),
})
