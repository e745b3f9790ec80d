import { z } from 'zod'
import { BEHAVIOUR_HINT_MAX, BEHAVIOUR_LABEL_MAX } from '../domain/accountability/behaviours.ts'
import {
  COMPONENT_KINDS,
  DEFAULT_ACCELERATOR,
  DEFAULT_CAP,
  DEFAULT_STEPS,
  PERIOD_KINDS,
  TARGET_BONUS_MAX,
} from '../domain/accountability/bonus-plan.ts'
import { RATING_MAX, RATING_MIN, REPORT_CARD_COMMENT_MAX } from '../domain/accountability/report-card.ts'
import { CERTAINTIES } from '../domain/secrets/taxonomy.ts'
import { timestamp } from './common.schemas.ts'

export { COMPONENT_KINDS, PERIOD_KINDS }

const id = z.string().min(1).max(100)
const day = z.iso.date()

// ── behaviours ───────────────────────────────────────────────────────────────────────────────
export const behaviourSchema = z.object({
  id: z.string(),
  label: z.string(),
  hint: z.string().nullable(),
  position: z.number().int(),
  retiredAt: timestamp.nullable(),
})
export const behaviourListSchema = z.object({ behaviours: z.array(behaviourSchema) })
export const behaviourInputSchema = z
  .object({
    label: z
      .string()
      .trim()
      .min(3, 'Write the behaviour as a customer would say it.')
      .max(BEHAVIOUR_LABEL_MAX),
    hint: z.string().trim().max(BEHAVIOUR_HINT_MAX).nullable().optional(),
  })
  .strict()
export const behaviourPatchSchema = z
  .object({
    label: z.string().trim().min(3).max(BEHAVIOUR_LABEL_MAX).optional(),
    hint: z.string().trim().max(BEHAVIOUR_HINT_MAX).nullable().optional(),
    retired: z.boolean().optional(),
  })
  .strict()
export const behaviourOrderSchema = z.object({ ids: z.array(id).min(1).max(50) }).strict()

// ── settings ─────────────────────────────────────────────────────────────────────────────────
const weight = z.number().min(0).max(1000)
export const effectivenessWeightsSchema = z.object({
  secret: weight,
  need: weight,
  tier: z.object({ A: weight, B: weight, C: weight, none: weight }),
  certainty: z.object({ heard: weight, inferred: weight, second_hand: weight }),
  coverage: weight,
  usedBySurprise: weight,
  usedByRead: weight,
  usedBySearch: weight,
  confirmedStale: weight,
  reportCard: weight,
})
export const accountabilitySettingsSchema = z.object({
  minSecretWeight: z.number().int(),
  minAnswers: z.number().int(),
  weights: effectivenessWeightsSchema,
})
export const accountabilitySettingsPatchSchema = z
  .object({
    minSecretWeight: z.number().int().min(0).max(100).optional(),
    minAnswers: z.number().int().min(1, 'At least one answer before a score shows.').max(100).optional(),
    weights: effectivenessWeightsSchema
      .extend({
        tier: effectivenessWeightsSchema.shape.tier.partial(),
        certainty: effectivenessWeightsSchema.shape.certainty.partial(),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict()

// ── report cards ─────────────────────────────────────────────────────────────────────────────
export const sendReportCardSchema = z
  .object({
    salespersonUserId: id.optional(),
    customerId: id.describe('the customer whose person fills in the card'),
    personId: id.nullable().optional(),
    emailTo: z.email('Give an email address, or copy the link instead.').max(320).optional(),
    sendEmail: z.boolean().default(true),
  })
  .strict()
export const sentReportCardSchema = z.object({
  id: z.string(),
  link: z.string(),
  emailedTo: z.string().nullable(),
  emailError: z.string().nullable(),
  expiresAt: timestamp,
})
const questionSchema = z.object({ behaviourId: z.string(), label: z.string(), hint: z.string().nullable() })
export const reportCardPreviewSchema = z.object({
  companyName: z.string(),
  customerName: z.string(),
  salespersonName: z.string(),
  questions: z.array(questionSchema),
  scale: z.array(z.object({ value: z.number().int(), label: z.string() })),
  expiresAt: timestamp,
})
export const reportCardAnswerSchema = z
  .object({
    ratings: z
      .record(id, z.number().int().min(RATING_MIN).max(RATING_MAX).nullable())
      .describe('behaviour id → 1–5, or null for "can\'t say"; every question of the card'),
    comment: z.string().trim().max(REPORT_CARD_COMMENT_MAX).optional(),
  })
  .strict()

const ratingsSchema = z.record(z.string(), z.number().nullable())
const scoreSchema = z.object({
  answers: z.number().int(),
  shown: z.boolean(),
  minAnswers: z.number().int(),
  overall: z.number().nullable(),
  perBehaviour: z.array(
    z.object({
      behaviourId: z.string(),
      label: z.string(),
      mean: z.number().nullable(),
      ratings: z.number().int(),
      cantSay: z.number().int(),
    }),
  ),
})
const trendSchema = z.array(z.object({ month: z.string(), mean: z.number(), answers: z.number().int() }))
export const reportCardsQuerySchema = z
  .object({
    userId: id.optional(),
    months: z.coerce.number().int().min(1).max(36).default(12),
  })
  .strict()
export const reportCardResultsSchema = z.object({
  from: timestamp,
  people: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      sent: z.number().int(),
      score: scoreSchema,
      trend: trendSchema,
      cards: z.array(
        z.object({
          id: z.string(),
          customerId: z.string(),
          customerName: z.string(),
          personName: z.string().nullable(),
          sentAt: timestamp,
          expiresAt: timestamp,
          remindedAt: timestamp.nullable(),
          answeredAt: timestamp.nullable(),
          ratings: ratingsSchema.nullable(),
          comment: z.string().nullable(),
          questions: z.array(questionSchema),
        }),
      ),
    }),
  ),
})

// ── bonus plans ──────────────────────────────────────────────────────────────────────────────
const stepSchema = z.object({
  attainment: z.number().min(0).max(1000),
  payout: z.number().min(0).max(1000),
})
export const planComponentSchema = z
  .object({
    kind: z.enum(COMPONENT_KINDS),
    weight: z.number().int('A weight is a whole number of percent.').min(1).max(100),
    target: z.number().positive('A target is above 0.'),
    steps: z
      .array(stepSchema)
      .min(1)
      .max(10)
      .default(() => DEFAULT_STEPS.map((s) => ({ ...s }))),
    accelerator: z.number().min(0).max(10).default(DEFAULT_ACCELERATOR),
    cap: z.number().min(0).max(1000).default(DEFAULT_CAP),
  })
  .strict()
export const bonusPlanInputSchema = z
  .object({
    name: z.string().trim().min(2, 'Give the plan a name.').max(100),
    periodKind: z.enum(PERIOD_KINDS),
    periodStart: day.describe('the first day of the month, quarter or year'),
    currency: z.string().trim().length(3).toUpperCase().default('EUR'),
    components: z.array(planComponentSchema).min(1, 'A plan needs at least one component.').max(4),
    members: z
      .array(
        z
          .object({
            userId: id,
            targetBonus: z.number().positive('A target bonus is above 0.').max(TARGET_BONUS_MAX),
            quota: z.number().positive().max(1_000_000_000).nullable().default(null),
          })
          .strict(),
      )
      .min(1, 'Put at least one person on the plan.')
      .max(1000),
  })
  .strict()
export const bonusPlanSchema = z.object({
  id: z.string(),
  name: z.string(),
  periodKind: z.enum(PERIOD_KINDS),
  period: z.object({ start: z.string(), end: z.string() }),
  periodLabel: z.string(),
  currency: z.string(),
  components: z.array(
    z.object({
      kind: z.enum(COMPONENT_KINDS),
      weight: z.number(),
      target: z.number(),
      steps: z.array(stepSchema),
      accelerator: z.number(),
      cap: z.number(),
    }),
  ),
  secretGatheringWeight: z.number(),
  members: z.array(
    z.object({ userId: z.string(), name: z.string(), targetBonus: z.number(), quota: z.number().nullable() }),
  ),
  createdAt: timestamp,
  closedAt: timestamp.nullable(),
})
export const bonusPlanListSchema = z.object({ plans: z.array(bonusPlanSchema) })

const componentResultSchema = z.object({
  kind: z.enum(COMPONENT_KINDS),
  label: z.string(),
  weight: z.number(),
  target: z.number(),
  unit: z.string(),
  actual: z.number().nullable(),
  attainment: z.number(),
  payoutPercent: z.number(),
  atTarget: z.number(),
  payout: z.number(),
  note: z.string().nullable(),
})
const effectivenessSchema = z.object({
  points: z.number(),
  lines: z.array(z.object({ key: z.string(), label: z.string(), count: z.number(), points: z.number() })),
  recorded: z.array(
    z.object({
      secretId: z.string(),
      customerId: z.string(),
      category: z.string(),
      layer: z.enum(['need', 'secret']),
      certainty: z.enum(CERTAINTIES),
      tier: z.string().nullable(),
      recordedAt: z.string(),
      points: z.number(),
      why: z.string(),
    }),
  ),
  coverage: z.array(z.object({ customerId: z.string(), category: z.string(), secretId: z.string() })),
  used: z.array(
    z.object({
      secretId: z.string().nullable(),
      customerId: z.string(),
      how: z.enum(['surprise', 'read', 'search']),
      byLabel: z.string(),
      at: z.string(),
    }),
  ),
  confirmed: z.array(z.object({ secretId: z.string(), customerId: z.string(), at: z.string() })),
})
export const statementSchema = z.object({
  planId: z.string(),
  userId: z.string(),
  name: z.string(),
  period: z.object({ start: z.string(), end: z.string() }),
  asOf: z.string(),
  targetBonus: z.number(),
  components: z.array(componentResultSchema),
  payout: z.number(),
  details: z.object({
    revenue: z.object({
      total: z.number(),
      quota: z.number().nullable(),
      byCustomer: z.array(
        z.object({ customerId: z.string(), customerName: z.string(), amount: z.number(), lines: z.number() }),
      ),
    }),
    effectiveness: effectivenessSchema,
    reportCard: scoreSchema.extend({
      trend: trendSchema,
      cards: z.array(
        z.object({
          id: z.string(),
          customerId: z.string(),
          customerName: z.string(),
          answeredAt: z.string(),
          mean: z.number().nullable(),
          comment: z.string().nullable(),
        }),
      ),
    }),
    recoveries: z.object({
      decided: z.number(),
      dazzling: z.number(),
      share: z.number().nullable(),
      cases: z.array(
        z.object({
          oopsId: z.string(),
          customerId: z.string(),
          customerName: z.string(),
          resolvedAt: z.string(),
          dazzling: z.boolean(),
        }),
      ),
    }),
  }),
})
export const adjustmentSchema = z.object({
  id: z.string(),
  userId: z.string(),
  amount: z.number(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: timestamp,
})
const planHeadSchema = z.object({
  id: z.string(),
  name: z.string(),
  period: z.object({ start: z.string(), end: z.string() }),
  periodLabel: z.string(),
  currency: z.string(),
  closedAt: timestamp.nullable(),
})
export const statementViewSchema = z.object({
  plan: planHeadSchema,
  statement: statementSchema,
  frozen: z.boolean(),
  adjustments: z.array(adjustmentSchema),
  total: z.number(),
})
/** A statement on the team page: the figures, not the drill-down (one person's page has that). */
export const statementSummarySchema = statementSchema.omit({ details: true }).extend({
  effectiveness: effectivenessSchema.pick({ points: true, lines: true }),
  reportCard: scoreSchema.pick({ answers: true, shown: true, minAnswers: true, overall: true }),
})
export const planStatementsSchema = z.object({
  plan: bonusPlanSchema,
  views: z.array(statementViewSchema.extend({ statement: statementSummarySchema })),
})
export const adjustmentInputSchema = z
  .object({
    amount: z.number().min(-10_000_000).max(10_000_000),
    reason: z.string().trim().min(3, 'Say why: payroll and the person will both read it.').max(500),
  })
  .strict()
export const closedPlanSchema = z.object({ closedAt: timestamp, statements: z.number().int() })
export const planUserParams = z.object({ id, userId: id }).strict()

export const myAccountabilitySchema = z.object({
  period: z.object({ start: z.string(), end: z.string() }),
  statement: statementViewSchema.nullable(),
  effectiveness: effectivenessSchema,
  reportCard: scoreSchema.extend({ trend: trendSchema }),
})

export type BonusPlanInputBody = z.input<typeof bonusPlanInputSchema>
export type BonusPlanView = z.infer<typeof bonusPlanSchema>
export type StatementView = z.infer<typeof statementViewSchema>
export type ReportCardResults = z.infer<typeof reportCardResultsSchema>
export type MyAccountability = z.infer<typeof myAccountabilitySchema>
export type BehaviourView = z.infer<typeof behaviourSchema>
