/**
 * Wire types of the API, derived from the shared zod schemas (input side: dates are ISO strings).
 * Type-only imports: no zod code reaches the browser bundle.
 */
import type { z } from 'zod'
import type {
  customerDetailSchema,
  customerInputSchema,
  customerListSchema,
  customerSummarySchema,
  customerValueSchema,
  importPreviewSchema,
  importResultSchema,
  personSchema,
  purchasePageSchema,
  purchaseSchema,
  RELATION_KINDS,
  relationSchema,
  revenueByMonthSchema,
  TIERS,
  valueReportSchema,
} from '../../schemas/customers.schemas.ts'
import type {
  apiTokenSchema,
  auditEventSchema,
  auditPageSchema,
  createdApiTokenSchema,
  createdInvitationSchema,
  invitationPreviewSchema,
  invitationSchema,
  memberSchema,
  membershipSchema,
  meSchema,
} from '../../schemas/workspaces.schemas.ts'

export type { AuditAction } from '../../domain/audit/audit-event.ts'
export type { Role } from '../../domain/workspaces/roles.ts'

export type Me = z.input<typeof meSchema>
export type Membership = z.input<typeof membershipSchema>
export type Member = z.input<typeof memberSchema>
export type Invitation = z.input<typeof invitationSchema>
export type CreatedInvitation = z.input<typeof createdInvitationSchema>
export type InvitationPreview = z.input<typeof invitationPreviewSchema>
export type ApiToken = z.input<typeof apiTokenSchema>
export type CreatedApiToken = z.input<typeof createdApiTokenSchema>
export type AuditEvent = z.input<typeof auditEventSchema>
export type AuditPage = z.input<typeof auditPageSchema>

// Customers, value and imports
export type Tier = (typeof TIERS)[number]
export type RelationKind = (typeof RELATION_KINDS)[number]
export type CustomerValue = z.input<typeof customerValueSchema>
export type CustomerSummary = z.input<typeof customerSummarySchema>
export type CustomerList = z.input<typeof customerListSchema>
export type CustomerDetail = z.input<typeof customerDetailSchema>
export type CustomerFieldsInput = z.input<typeof customerInputSchema>
export type Person = z.input<typeof personSchema>
export type Relation = z.input<typeof relationSchema>
export type Purchase = z.input<typeof purchaseSchema>
export type PurchasePage = z.input<typeof purchasePageSchema>
export type RevenueByMonth = z.input<typeof revenueByMonthSchema>
export type ValueReport = z.input<typeof valueReportSchema>
export type ImportResult = z.input<typeof importResultSchema>
export type ImportPreview = z.input<typeof importPreviewSchema>
