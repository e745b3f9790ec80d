import { z } from 'zod'
import { CUSTOMER_LIMITS as L, RELATION_KINDS } from '../domain/customers/customer.ts'
import { CUSTOMER_FIELDS } from '../domain/customers/customer-import.ts'
import { DELIMITERS, ENCODINGS } from '../domain/customers/file-dialect.ts'
import { PURCHASE_FIELDS } from '../domain/customers/purchase-import.ts'
import { timestamp } from './common.schemas.ts'

export { CUSTOMER_FIELDS, PURCHASE_FIELDS, RELATION_KINDS }

export const TIERS = ['A', 'B', 'C'] as const
export const tierSchema = z.enum(TIERS)
export const customerKindSchema = z.enum(['person', 'organisation'])
export const relationKindSchema = z.enum(RELATION_KINDS)

export const money = z.number().meta({ description: 'Amount in the workspace currency' })
const text = (max: number) => z.string().trim().max(max)

/** A customer's purchase totals, as the customer's page and the secrets manual show them. */
export const purchaseTotalsShape = {
  lifetimeRevenue: money,
  trailing12mRevenue: money,
  orderCount: z.number().int(),
  averageOrder: money.nullable(),
  firstPurchaseAt: timestamp.nullable(),
  lastPurchaseAt: timestamp.nullable(),
}

/** What a list row and a page header show of a customer's value. */
export const customerValueSchema = z.object({
  ...purchaseTotalsShape,
  tier: tierSchema.nullable(),
  rank: z.number().int().nullable().meta({ description: '1 = the most valuable customer' }),
  estimatedCategorySpend: money.nullable(),
  walletShare: z
    .number()
    .nullable()
    .meta({ description: 'trailing-12-month revenue ÷ estimated category spend' }),
})

export const customerSummarySchema = z.object({
  id: z.string(),
  kind: customerKindSchema,
  name: z.string(),
  externalId: z.string().nullable(),
  segment: z.string().nullable(),
  country: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().nullable(),
  currency: z.string(),
  value: customerValueSchema,
})

export const customerListQuerySchema = z
  .object({
    q: text(100).optional().meta({ description: 'name or external id; typos tolerated' }),
    tier: tierSchema.optional(),
    segment: text(100).optional(),
    owner: z.string().max(100).optional().meta({ description: 'owner user id, or "none"' }),
    sort: z.enum(['lifetime', 'trailing12m', 'name', 'lastPurchase', 'orders']).default('lifetime'),
    dir: z.enum(['asc', 'desc']).default('desc'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()

export const customerListSchema = z.object({
  customers: z.array(customerSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  segments: z.array(z.string()).meta({ description: 'all segments in use, for the filter' }),
})

export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
})
export const personInputSchema = z
  .object({
    name: text(L.personName).min(1, 'Give the person a name.'),
    title: text(L.personTitle).nullable().optional(),
    email: z.email('Enter an email address such as ada@example.com.').max(L.email).nullable().optional(),
    phone: text(L.phone).nullable().optional(),
  })
  .strict()

export const relationSchema = z.object({
  id: z.string(),
  personId: z
    .string()
    .nullable()
    .meta({ description: 'whose relation (a person of the customer); null = the customer' }),
  kind: relationKindSchema,
  name: z.string(),
  birthday: z.iso.date().nullable(),
  notes: z.string().nullable(),
})
export const relationInputSchema = z
  .object({
    personId: z.string().max(100).nullable().optional(),
    kind: relationKindSchema,
    name: text(L.relationName).min(1, 'Give the relation a name: the source says know them by name.'),
    birthday: z.iso.date({ message: 'Use a date like 1984-06-30.' }).nullable().optional(),
    notes: text(500).nullable().optional(),
  })
  .strict()

export const customerDetailSchema = customerSummarySchema.extend({
  notes: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  erasedAt: timestamp.nullable().meta({
    description: 'set when an admin erased the customer: the row stays, anonymised, for revenue figures',
  }),
  people: z.array(personSchema),
  relations: z.array(relationSchema),
})

export const customerInputSchema = z
  .object({
    kind: customerKindSchema.default('organisation'),
    name: text(L.name).min(1, 'Give the customer a name.'),
    externalId: text(L.externalId).nullable().optional(),
    segment: text(L.segment).nullable().optional(),
    country: text(L.country).nullable().optional(),
    ownerUserId: z.string().max(100).nullable().optional(),
    notes: text(L.notes).nullable().optional(),
    estimatedCategorySpend: z.number().min(0).max(1e12).nullable().optional(),
  })
  .strict()
export const customerPatchSchema = customerInputSchema.partial().strict()

export const purchaseSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  purchasedAt: timestamp,
  productCode: z.string().nullable(),
  description: z.string().nullable(),
  quantity: z.number(),
  unitPrice: money,
  amount: money,
  currency: z.string(),
  isCancellation: z.boolean(),
  isProduct: z.boolean(),
})
export const purchasePageSchema = z.object({
  purchases: z.array(purchaseSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
})
export const pageQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()

export const revenueByMonthSchema = z.object({
  months: z.array(
    z.object({ month: z.string().meta({ example: '2011-03' }), revenue: money, orders: z.number().int() }),
  ),
})

export const valueReportSchema = z.object({
  currency: z.string(),
  customers: z.number().int(),
  withPositiveRevenue: z.number().int(),
  totalRevenue: money.meta({ description: 'sum of positive customer revenue' }),
  tierShare: z
    .number()
    .meta({ description: 'tier A reaches this share of revenue (workspace setting, default 0.8)' }),
  tiers: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int() }),
  tierRevenue: z.object({ A: money, B: money, C: money }),
  top10Share: z.number(),
  top20PercentShare: z.number(),
  hhi: z.number().meta({ description: 'Herfindahl–Hirschman index over customer revenue shares, 0–10,000' }),
  concentration: z.object({
    level: z.enum(['low', 'moderate', 'high']),
    warning: z.string().nullable(),
  }),
  pareto: z
    .array(z.object({ customerShare: z.number(), revenueShare: z.number() }))
    .meta({ description: 'cumulative revenue share against cumulative customer share, ~100 points' }),
  growHere: z.array(customerSummarySchema),
  computedAt: timestamp.nullable(),
})

export const IMPORT_KINDS = ['purchases', 'customers', 'secrets', 'oops'] as const
export const importKindSchema = z.enum(IMPORT_KINDS)

/** How a purchases file is written, when the person says; otherwise read from the file. */
const importReadingQuery = {
  encoding: z
    .enum(ENCODINGS)
    .optional()
    .meta({ description: 'utf-8, utf-16le, utf-16be or windows-1252; omitted = read from the first bytes' }),
  delimiter: z.enum(DELIMITERS).optional().meta({
    description: 'the column separator ("spaces" = runs of spaces); omitted = read from the first lines',
  }),
  dateOrder: z
    .enum(['dmy', 'mdy'])
    .optional()
    .meta({ description: 'for dates such as 03/04/2021; omitted = read from the whole date column' }),
}

export const importQuerySchema = z
  .object({
    kind: importKindSchema,
    dryRun: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    keepGoodRows: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .meta({ description: 'import the good rows and report the rest, instead of all or nothing' }),
    mapping: z
      .string()
      .max(4000)
      .optional()
      .meta({ description: 'JSON object {"CSV header": "field"}; omitted = detected from the headers' }),
    fileName: text(200).optional(),
    timezone: text(60).default('Europe/London').meta({ description: 'for timestamps without an offset' }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as GBP.')
      .default('GBP'),
    ...importReadingQuery,
  })
  .strict()

export const importErrorSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  reason: z.string(),
})
export const importResultSchema = z.object({
  id: z
    .string()
    .nullable()
    .meta({ description: 'the kept run (a dry run too): its error report is /api/imports/{id}/errors.csv' }),
  kind: importKindSchema,
  status: z.enum(['imported', 'rejected', 'dry_run', 'partial']),
  fileName: z.string().nullable(),
  mapping: z.record(z.string(), z.string()),
  rows: z.number().int(),
  added: z.number().int(),
  alreadyPresent: z.number().int(),
  rowsWithoutCustomer: z.number().int(),
  customersAdded: z.number().int(),
  peopleAdded: z.number().int().optional().meta({
    description: 'secrets and OOPS! imports: people the file named that the customer did not have yet',
  }),
  errorCount: z.number().int(),
  errors: z.array(importErrorSchema).meta({ description: 'the first 100; the full report is downloadable' }),
  seconds: z.number(),
  rowsPerSecond: z.number(),
  createdAt: timestamp,
  notes: z.array(z.string()).optional().meta({
    description:
      'purchases: how the files were read (encoding, delimiter, dates; orders without invoice numbers)',
  }),
})
export const importListSchema = z.object({ imports: z.array(importResultSchema) })

export const importPreviewSchema = z.object({
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  fields: z.array(z.string()),
  required: z.array(z.string()),
  missing: z.array(z.string()).meta({ description: 'required fields no column is mapped to' }),
  labels: z
    .record(z.string(), z.string())
    .optional()
    .meta({ description: 'each field as people read it ("invoice number")' }),
  samples: z.array(z.array(z.string())).optional().meta({ description: 'the first data rows as read' }),
  dialect: z
    .object({
      encoding: z.enum(ENCODINGS),
      delimiter: z.enum(DELIMITERS),
      decimal: z.enum(['.', ',']),
      dateOrder: z.enum(['dmy', 'mdy']).nullable(),
    })
    .optional(),
  dateOrderUnsettled: z.boolean().optional(),
  notes: z.array(z.string()).optional(),
  settings: z
    .object({ timezone: z.string(), currency: z.string(), remembered: z.boolean() })
    .optional()
    .meta({
      description:
        'the zone and currency to read it in: the last of this file shape, else the workspace default',
    }),
  rows: z.array(
    z.object({
      row: z.number().int(),
      stored: z.record(z.string(), z.unknown()).nullable(),
      error: z.string().nullable(),
    }),
  ),
})
