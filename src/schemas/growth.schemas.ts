import { z } from 'zod'
import { GOAL_LIMITS } from '../domain/growth/growth-goal.ts'
import { GROUP_DIMENSIONS } from '../domain/growth/latent-potential.ts'
import { timestamp } from './common.schemas.ts'

const L = GOAL_LIMITS
const money = z.number().meta({ description: 'Amount of yearly revenue in the workspace currency' })
const percentMessage = `A growth goal is between ${L.percentMin} % and +${L.percentMax} %.`
const monthsMessage = `Give the goal between ${L.monthsMin} and ${L.monthsMax} months.`

// ── HOW BIG: the goal ───────────────────────────────────────────────────────────────────────────
/** What a leader sets; the form on the Growth page validates with this same schema. */
export const goalInputSchema = z
  .object({
    kind: z
      .enum(['percent', 'amount'])
      .meta({ description: 'grow by a percentage of the baseline, or by an amount of yearly revenue' }),
    percent: z
      .number(percentMessage)
      .min(L.percentMin, percentMessage)
      .max(L.percentMax, percentMessage)
      .nullable()
      .default(null),
    amount: z
      .number('Say by how much revenue to grow.')
      .min(-L.amountMax)
      .max(L.amountMax, 'That amount is larger than any revenue Dazzle can plan for.')
      .nullable()
      .default(null),
    months: z
      .number(monthsMessage)
      .int('Give the goal in whole months.')
      .min(L.monthsMin, monthsMessage)
      .max(L.monthsMax, monthsMessage),
    baseline: z
      .number()
      .positive('A baseline is a yearly revenue above 0.')
      .max(L.amountMax)
      .nullable()
      .default(null)
      .meta({ description: 'a yearly revenue to grow from; null: the last 12 months’ revenue' }),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.kind === 'percent' && g.percent === null)
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'Say by how many percent to grow.' })
    if (g.kind === 'amount' && g.amount === null)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Say by how much revenue to grow.' })
  })
export type GoalInputBody = z.input<typeof goalInputSchema>

export const goalSchema = z.object({
  id: z.string(),
  kind: z.enum(['percent', 'amount']),
  percent: z.number().nullable(),
  amount: money.nullable(),
  months: z.number().int(),
  baselineKind: z.enum(['trailing12m', 'custom']),
  baseline: money,
  targetRevenue: money.meta({ description: 'the yearly revenue to reach by the deadline' }),
  needed: money.meta({ description: 'target − baseline: the revenue needed on top of the baseline' }),
  currency: z.string(),
  setAt: timestamp,
  deadline: timestamp,
  setByName: z.string().nullable(),
  replacedAt: timestamp.nullable(),
})

export const goalViewSchema = z.object({
  goal: goalSchema.nullable(),
  history: z.array(goalSchema),
  trailing12m: money.meta({ description: 'the workspace’s revenue in the last 12 months, now' }),
  currency: z.string(),
})

// ── WHO TO SERVE: groups and the answer ─────────────────────────────────────────────────────────
const groupRef = {
  key: z.string().meta({ example: 'segment:UK wholesale' }),
  dimension: z.enum(GROUP_DIMENSIONS),
  value: z.string(),
  label: z.string(),
}
export const groupListSchema = z.object({
  groups: z.array(z.object({ ...groupRef, customers: z.number().int() })),
})

export const answerQuery = z
  .object({
    group: z.string().trim().min(3, 'Choose a customer group.').max(300).meta({
      description: 'segment:<name>, tier:A|B|C, country:<name> or owner:<user id> (owner: for none)',
    }),
  })
  .strict()

const potentialSchema = z.object({
  customers: z.number().int(),
  trailing12m: money,
  headroom: money.meta({ description: 'wallet headroom + peer headroom' }),
  walletHeadroom: money.meta({
    description: 'estimated category spend − our last 12 months, where estimated',
  }),
  peerHeadroom: money.meta({
    description: 'up to the upper quartile of last-12-month spend of customers of the same tier and segment',
  }),
  withWalletEstimate: z.number().int(),
  atRisk: money.meta({ description: 'last 12 months of customers quiet for over twice their usual gap' }),
  atRiskCustomers: z.number().int(),
  potential: money.meta({ description: 'headroom − at risk' }),
})

export const growthAnswerSchema = z.object({
  goal: goalSchema,
  group: z.object(groupRef),
  potential: potentialSchema,
  needed: money,
  canDeliver: z.boolean(),
  margin: money.meta({ description: 'potential − needed: to spare when ≥ 0, the shortfall when < 0' }),
  verdict: z.string().meta({ description: 'the answer in one sentence' }),
  closers: z.array(z.object({ ...groupRef, potential: potentialSchema })),
  closersClose: z.boolean(),
  withClosers: money,
  others: z.array(z.object({ ...groupRef, potential: potentialSchema })).meta({
    description: 'the other groups by their potential beyond the chosen group, most first (top 12)',
  }),
})

// ── Diversify: too much from too few? ───────────────────────────────────────────────────────────
export const concentrationSchema = z.object({
  currency: z.string(),
  quarters: z
    .array(
      z.object({
        label: z.string().meta({ description: 'the calendar quarter (UTC), e.g. 2026-Q4' }),
        start: timestamp,
        revenue: z
          .number()
          .meta({ description: 'the revenue of customers with positive revenue in the quarter' }),
        customers: z.number().int().meta({ description: 'customers with positive revenue in the quarter' }),
        top10Share: z
          .number()
          .meta({ description: 'the top 10 customers’ share of the quarter’s revenue, 0–1' }),
        hhi: z
          .number()
          .meta({ description: 'Herfindahl–Hirschman index: sum of squared % shares, 0–10,000' }),
        level: z.enum(['unconcentrated', 'moderate', 'high']).meta({
          description: 'US DoJ/FTC 2010 bands: < 1,500 unconcentrated, 1,500–2,500 moderate, > 2,500 high',
        }),
      }),
    )
    .meta({ description: 'the last 8 quarters, oldest first, the current one last' }),
})
