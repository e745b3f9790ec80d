import { z } from 'zod'
import { timestamp } from './common.schemas.ts'

export const eraseInputSchema = z
  .object({
    confirm: z
      .string()
      .max(300)
      .meta({ description: "the customer's name, typed to confirm (spaces and case aside)" }),
  })
  .strict()

export const erasureSchema = z.object({
  ok: z.literal(true),
  erasedAt: timestamp,
  counts: z.object({
    secrets: z.number().int(),
    engagements: z.number().int(),
    people: z.number().int(),
    relations: z.number().int(),
    purchasesAnonymised: z.number().int(),
    oopsAnonymised: z.number().int(),
  }),
})

const rows = z.array(z.record(z.string(), z.unknown()))

/** The export is documented by its sections; each row is the stored record as is. */
export const customerExportSchema = z
  .object({
    format: z.literal('dazzle.customer-export/1'),
    exportedAt: timestamp,
    exportedBy: z.string(),
    counts: z.record(z.string(), z.number()),
    workspace: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
    customer: z.record(z.string(), z.unknown()),
    consent: z.object({
      sensitiveCategories: z.boolean(),
      consentAt: timestamp.nullable(),
      note: z.string().nullable(),
    }),
    people: rows,
    relations: rows,
    secrets: rows.meta({ description: 'every secret, active and outdated (the history)' }),
    engagements: rows,
    purchases: rows,
    imports: rows.meta({ description: 'the imports that brought its purchases in, where recorded' }),
    oops: rows.meta({ description: 'its OOPS! cases: what happened, fix, surprise, its answers' }),
    oopsSteps: rows.meta({ description: 'contacts with it and steps taken on those cases' }),
    auditEvents: rows.meta({ description: 'who read, changed, exported what about this customer, and when' }),
  })
  .meta({ id: 'CustomerExport' })
