/**
 * Wire types of the API, derived from the shared zod schemas (input side: dates are ISO strings).
 * Type-only imports: no zod code reaches the browser bundle.
 */
import type { z } from 'zod'
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
