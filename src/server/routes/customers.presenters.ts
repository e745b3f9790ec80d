import type { z } from 'zod'
import type { Customer, CustomerDetail } from '../../domain/customers/customer.ts'
import type { CustomerPage } from '../../domain/customers/ports.ts'
import type { readValueReport } from '../../domain/customers/read-value-report.ts'
import type {
  customerDetailSchema,
  customerListSchema,
  customerSummarySchema,
  valueReportSchema,
} from '../../schemas/customers.schemas.ts'

/** A customer as a list row shows it. */
export const presentCustomerSummary = (c: Customer): z.infer<typeof customerSummarySchema> => ({
  id: c.id,
  kind: c.kind,
  name: c.name,
  externalId: c.externalId,
  segment: c.segment,
  country: c.country,
  ownerUserId: c.ownerUserId,
  ownerName: c.ownerName,
  currency: c.currency,
  value: c.value,
})

/** A customer as its page shows it: with notes, people and family. */
export const presentCustomer = (c: CustomerDetail): z.infer<typeof customerDetailSchema> => ({
  ...presentCustomerSummary(c),
  notes: c.notes,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  erasedAt: c.erasedAt,
  people: c.people,
  relations: c.relations,
})

export const presentCustomerPage = (p: CustomerPage): z.infer<typeof customerListSchema> => ({
  ...p,
  customers: p.customers.map(presentCustomerSummary),
})

export const presentValueReport = (
  r: Awaited<ReturnType<typeof readValueReport>>,
): z.infer<typeof valueReportSchema> => ({ ...r, growHere: r.growHere.map(presentCustomerSummary) })
