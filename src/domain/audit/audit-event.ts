/** Who did what to which record, when and from where. Never carries secret text. */
export interface AuditEventInput {
  actorUserId: string | null
  /** e.g. the email, "token dzl_ab12…" or "system": readable even after a user is erased */
  actorLabel: string
  action: AuditAction
  targetType?: string
  targetId?: string
  details?: Record<string, unknown>
}

export interface AuditEvent extends AuditEventInput {
  id: string
  ip: string | null
  userAgent: string | null
  requestId: string | null
  createdAt: Date
}

export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_out',
  'auth.password_reset',
  'workspace.created',
  'member.added',
  'member.role_changed',
  'member.removed',
  'member.leader_changed',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'api_token.created',
  'api_token.revoked',
  'api_token.used',
  'secret.recorded',
  'secret.changed',
  'secret.deleted',
  'secrets.read_manual',
  'secrets.read_known',
  'secrets.read_feed',
  'secrets.searched',
  'secrets.exported',
  'secrets.imported',
  'audience.saved',
  'audience.removed',
  'secret_bank.changed',
  'engagement.logged',
  'engagement.changed',
  'engagement.removed',
  'customer.consent_recorded',
  'customer.exported',
  'customer.erased',
  'customer.created',
  'customer.changed',
  'customer.person_added',
  'customer.person_changed',
  'customer.person_removed',
  'customer.relation_added',
  'customer.relation_removed',
  'customers.imported',
  'workspace.settings_changed',
  'oops.opened',
  'oops.handed_over',
  'oops.step_recorded',
  'oops.fixed',
  'oops.surprised',
  'oops.closed',
  'oops.feedback_received',
  'oops.imported',
  'recovery_plan.changed',
  'surprise_catalogue.changed',
  'webhook.changed',
  'behaviour.added',
  'behaviour.changed',
  'behaviours.reordered',
  'accountability.settings_changed',
  'report_card.sent',
  'report_card.reminded',
  'report_card.answered',
  'report_cards.read',
  'bonus_plan.created',
  'bonus_plan.changed',
  'bonus_plan.removed',
  'bonus_plan.closed',
  'bonus_statement.adjusted',
  'bonus_statement.read',
  'bonus_statements.exported',
  'award.nominated',
  'award.decided',
  'awards.read',
  'growth_goal.set',
  'story.published',
  'story.edited',
  'story.deleted',
  'relationship_depth.clue_marked',
  'moment.found',
  'moment.acted',
  'moment.dismissed',
  'moment.reminded',
  'wall_link.created',
  'wall_link.revoked',
  'wall.settings_changed',
  'wall.read',
  'performance_plan.set',
  'performance_plan.changed',
  'performance_plan.closed',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** An event a member (or their token) caused: who, what, which record, and what it was about. */
export const actedBy = (
  actor: { userId: string; label: string },
  action: AuditAction,
  target: { type: string; id?: string | undefined },
  details?: Record<string, unknown>,
): AuditEventInput => ({
  actorUserId: actor.userId,
  actorLabel: actor.label,
  action,
  targetType: target.type,
  ...(target.id === undefined ? {} : { targetId: target.id }),
  ...(details === undefined ? {} : { details }),
})

/** An event about the workspace itself (its settings), caused by a member of it. */
export const actedOnWorkspace = (
  actor: { userId: string; label: string; workspaceId: string },
  action: AuditAction,
  details?: Record<string, unknown>,
): AuditEventInput => actedBy(actor, action, { type: 'workspace', id: actor.workspaceId }, details)
