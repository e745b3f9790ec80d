/** Every way a use-case can refuse. The server maps each code to an HTTP status exhaustively. */
export type DomainErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'no_workspace'
  | 'workspace_not_found'
  | 'workspace_slug_taken'
  | 'user_not_found'
  | 'email_taken'
  | 'member_not_found'
  | 'already_member'
  | 'last_admin'
  | 'role_not_allowed'
  | 'invitation_not_found'
  | 'invitation_expired'
  | 'invitation_used'
  | 'invitation_email_mismatch'
  | 'token_not_found'
  | 'invalid_input'
  | 'data_folder_in_use'
  | 'customer_not_found'
  | 'external_id_taken'
  | 'person_not_found'
  | 'relation_not_found'
  | 'import_not_found'
  | 'secret_not_found'
  | 'engagement_not_found'
  | 'question_not_found'
  | 'category_not_found'
  | 'category_taken'
  | 'audience_not_found'
  | 'audience_name_taken'
  | 'sensitive_not_allowed'
  | 'oops_not_found'
  | 'oops_closed'
  | 'already_done'
  | 'approval_required'
  | 'plan_not_found'
  | 'surprise_not_found'
  | 'feedback_link_invalid'
  | 'feedback_link_expired'
  | 'feedback_already_given'
  | 'webhook_not_found'
  | 'notification_not_found'
  | 'email_failed'
  | 'behaviour_not_found'
  | 'behaviour_taken'
  | 'report_card_invalid'
  | 'report_card_expired'
  | 'report_card_answered'
  | 'report_card_not_found'
  | 'bonus_plan_secret_weight'
  | 'bonus_plan_not_found'
  | 'bonus_plan_overlap'
  | 'bonus_plan_closed'
  | 'bonus_plan_open'
  | 'statement_not_found'
  | 'growth_goal_not_found'
  | 'growth_group_empty'
  | 'story_not_found'
  | 'story_exists'
  | 'oops_not_closed'

export class DomainError extends Error {
  readonly code: DomainErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = 'DomainError'
    this.code = code
    this.details = details
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError
