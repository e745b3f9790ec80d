import { z } from 'zod'
import { CHANNELS, CONTACT_KINDS, STEP_KINDS } from '../domain/recovery/communication.ts'
import { FEEDBACK_DELIVERIES } from '../domain/recovery/feedback.ts'
import { OOPS_TYPES, RECOVERY_KINDS, SEVERITIES } from '../domain/recovery/oops.ts'
import { ROLES } from '../domain/workspaces/roles.ts'
import { timestamp } from './common.schemas.ts'
import { tierSchema } from './customers.schemas.ts'

export { CHANNELS, CONTACT_KINDS, OOPS_TYPES, RECOVERY_KINDS, SEVERITIES, STEP_KINDS }

const id = z.string().min(1).max(100)
const hours = (max: number) => z.number().positive().max(max)
export const oopsTypeSchema = z.enum(OOPS_TYPES)
export const severitySchema = z.enum(SEVERITIES)
export const recoveryKindSchema = z.enum(RECOVERY_KINDS)
export const clockStateSchema = z.enum(['on_track', 'at_risk', 'breached', 'dazzling', 'recovered_late'])

export const openOopsSchema = z
  .object({
    customerId: z.string().min(1, 'Choose the customer who was let down.').max(100),
    personId: id.nullable().optional().meta({
      description:
        "who was let down: messages and the feedback link go to them. Left out: the customer's main person (the first with an email address); null: nobody in particular",
    }),
    type: oopsTypeSchema,
    description: z.string().trim().min(3, 'Say what happened.').max(5000),
    severity: severitySchema.default('medium'),
    letDownAt: timestamp
      .optional()
      .meta({ description: 'when the customer was let down; the clock starts here (default: now)' }),
    ownerUserId: id
      .optional()
      .meta({ description: 'who has the customer in front of them (default: the reporter)' }),
  })
  .strict()

export const handOverSchema = z
  .object({
    toUserId: id,
    reason: z.string().trim().min(3, 'Say why it is handed on.').max(500),
  })
  .strict()

export const fixSchema = z
  .object({ note: z.string().trim().min(3, 'Say what was done to fix it.').max(5000) })
  .strict()

export const surpriseSchema = z
  .object({
    itemId: id.optional(),
    custom: z
      .object({
        title: z.string().trim().min(3, 'Say what the surprise is.').max(200),
        cost: z.number().min(0).max(1_000_000),
        kind: recoveryKindSchema,
      })
      .strict()
      .optional(),
    secretIds: z.array(id).max(20).default([]),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((s) => !!s.itemId !== !!s.custom, 'Choose one surprise: a catalogue item or a custom one.')

export const contactSchema = z
  .object({
    kind: z.enum([...CONTACT_KINDS, 'note']),
    channel: z.enum(CHANNELS),
    message: z.string().trim().min(1, 'Write the message.').max(10_000),
    subject: z.string().trim().max(200).optional(),
    sendEmail: z
      .boolean()
      .default(false)
      .meta({ description: 'send the message to the customer by email from Dazzle' }),
    emailTo: z.email().optional().meta({ description: "defaults to the affected person's email" }),
    npsBefore: z
      .number()
      .int()
      .min(0)
      .max(10)
      .optional()
      .meta({ description: 'at first contact: likelihood to recommend, 0–10' }),
  })
  .strict()

export const clockSchema = z.object({
  state: clockStateSchema,
  deadline: timestamp,
  atRiskFrom: timestamp,
  remainingMs: z.number().nullable(),
  fixDone: z.boolean(),
  surpriseDone: z.boolean(),
})

export const oopsSummarySchema = z
  .object({
    id: z.string(),
    customer: z.object({
      id: z.string(),
      name: z.string(),
      tier: tierSchema.nullable(),
      segment: z.string().nullable(),
    }),
    personName: z.string().nullable(),
    type: oopsTypeSchema,
    description: z.string(),
    severity: severitySchema,
    letDownAt: timestamp,
    reportedAt: timestamp,
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    status: z.enum(['open', 'recovered', 'closed']),
    clock: clockSchema,
    wow: z.number().int().nullable(),
  })
  .meta({ id: 'OopsSummary' })

export const oopsListQuerySchema = z
  .object({
    state: z.enum(['open', 'at_risk', 'breached', 'recovered', 'closed', 'all']).default('open'),
    owner: z.string().max(100).optional().meta({ description: 'a user id, or "me"' }),
    tier: tierSchema.optional(),
    customerId: id.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().max(200).optional().meta({ description: 'cursor from the previous page' }),
  })
  .strict()
export const oopsListSchema = z.object({
  oops: z.array(oopsSummarySchema),
  nextBefore: z.string().nullable(),
})

const dueStepSchema = z.object({ kind: z.enum(CONTACT_KINDS), dueAt: timestamp, overdue: z.boolean() })

/** The asker's own open recoveries for a home page: most urgent first, each with its due steps. */
export const myRecoveriesSchema = z
  .object({
    oops: z.array(oopsSummarySchema.extend({ due: z.array(dueStepSchema) })),
    counts: z.object({
      open: z.number().int(),
      atRisk: z.number().int(),
      breached: z.number().int(),
      stepsDue: z.number().int().meta({ description: 'contact steps due now or overdue, of those listed' }),
    }),
    more: z.boolean().meta({ description: 'more open recoveries than listed' }),
  })
  .meta({ id: 'MyRecoveries' })

export const stepSchema = z.object({
  id: z.string(),
  kind: z.enum(STEP_KINDS),
  channel: z.string().nullable(),
  message: z.string().nullable(),
  emailedTo: z.string().nullable(),
  byName: z.string().nullable(),
  at: timestamp,
})

export const planSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    tier: tierSchema.nullable(),
    segment: z.string().nullable(),
    windowHours: z.number(),
    atRiskHours: z.number(),
    firstContactHours: z.number(),
    statusEveryHours: z.number(),
    investmentCap: z.number(),
    allowedKinds: z.array(recoveryKindSchema),
    approverRole: z.enum(ROLES),
  })
  .meta({ id: 'RecoveryPlan' })
export const planListSchema = z.object({ plans: z.array(planSchema) })
export const planInputSchema = z
  .object({
    name: z.string().trim().min(2, 'Give the plan a name.').max(100),
    tier: tierSchema.nullable().default(null),
    segment: z.string().trim().min(1).max(100).nullable().default(null),
    windowHours: hours(720).default(24),
    atRiskHours: z.number().min(0).max(720).default(6),
    firstContactHours: hours(720).default(2),
    statusEveryHours: hours(720).default(8),
    investmentCap: z.number().min(0).max(1_000_000),
    allowedKinds: z.array(recoveryKindSchema).min(1, 'Allow at least one kind of recovery action.'),
    approverRole: z.enum(ROLES).default('leader'),
  })
  .strict()
  .refine((p) => p.atRiskHours < p.windowHours, {
    message: 'The at-risk hours must be fewer than the window.',
    path: ['atRiskHours'],
  })
export const planPatchSchema = z
  .object({
    name: z.string().trim().min(2).max(100).optional(),
    tier: tierSchema.nullable().optional(),
    segment: z.string().trim().min(1).max(100).nullable().optional(),
    windowHours: hours(720).optional(),
    atRiskHours: z.number().min(0).max(720).optional(),
    firstContactHours: hours(720).optional(),
    statusEveryHours: hours(720).optional(),
    investmentCap: z.number().min(0).max(1_000_000).optional(),
    allowedKinds: z.array(recoveryKindSchema).min(1).optional(),
    approverRole: z.enum(ROLES).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'Send at least one field to change.')

export const oopsDetailSchema = oopsSummarySchema
  .extend({
    customerValue: z.object({
      lifetimeRevenue: z.number(),
      trailing12mRevenue: z.number(),
      rank: z.number().nullable(),
    }),
    personId: z.string().nullable(),
    personEmail: z.string().nullable(),
    reportedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    plan: planSchema.nullable(),
    windowHours: z.number(),
    investmentCap: z.number(),
    fixedAt: timestamp.nullable(),
    fixNote: z.string().nullable(),
    surprisedAt: timestamp.nullable(),
    surprise: z
      .object({
        itemId: z.string().nullable(),
        title: z.string(),
        kind: z.string().nullable(),
        cost: z.number().nullable(),
        approvedBy: z.string().nullable(),
        secretIds: z.array(z.string()),
      })
      .nullable(),
    resolvedAt: timestamp.nullable(),
    npsBefore: z.number().int().nullable(),
    customerKind: z.enum(['person', 'organisation']),
    feedback: z
      .object({
        askedAt: timestamp.nullable().meta({ description: 'when the link was made (the OOPS! closed)' }),
        delivery: z.enum(FEEDBACK_DELIVERIES).nullable().meta({
          description:
            'emailed; link_only: no address, the link was made for the owner to hand over; email_failed: emailed and the email failed. null: made before this was kept',
        }),
        sentTo: z.string().nullable().meta({ description: 'the address it was emailed (or tried) to' }),
        sentAt: timestamp.nullable().meta({ description: 'when it was emailed; null when it was not' }),
        answeredAt: timestamp.nullable(),
        wow: z.number().int().nullable(),
        fixed: z.boolean().nullable(),
        npsAfter: z.number().int().nullable(),
        comment: z.string().nullable(),
      })
      .nullable(),
    steps: z.array(stepSchema),
    due: z.array(dueStepSchema),
    handoffs: z.array(
      z.object({
        fromName: z.string().nullable(),
        toName: z.string().nullable(),
        reason: z.string(),
        at: timestamp,
      }),
    ),
    feedbackLink: z.string().optional().meta({
      description: 'only in the answer that closes the OOPS!: the one-time "did we blow you away?" link',
    }),
  })
  .meta({ id: 'Oops' })

const draftSchema = z.object({ kind: z.enum(CONTACT_KINDS), subject: z.string(), body: z.string() })
export const templatesSchema = z.object({ templates: z.array(draftSchema) })
export const draftsSchema = z.object({ drafts: z.array(draftSchema) })
export const toneSchema = z.object({ warnings: z.array(z.string()) })
