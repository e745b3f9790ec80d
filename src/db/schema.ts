import type { ColumnType, Generated } from 'kysely'

/** The migrated schema as TypeScript sees it (camelCase; CamelCasePlugin maps to snake_case). Kept beside migrations. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface AuthUserTable {
  id: string
  name: string
  email: string
  emailVerified: Generated<boolean>
  image: string | null
  createdAt: Timestamp
  updatedAt: Timestamp
}

export interface WorkspaceTable {
  id: string
  slug: string
  name: string
  settings: Generated<Record<string, unknown>>
  createdAt: Generated<Date>
}

export interface MembershipTable {
  workspaceId: string
  userId: string
  role: string
  createdAt: Generated<Date>
}

export interface InvitationTable {
  id: Generated<string>
  workspaceId: string
  email: string
  role: string
  tokenHash: string
  invitedBy: string | null
  expiresAt: Timestamp
  acceptedAt: Timestamp | null
  acceptedBy: string | null
  revokedAt: Timestamp | null
  createdAt: Generated<Date>
}

export interface ApiTokenTable {
  id: Generated<string>
  workspaceId: string
  userId: string
  name: string
  role: string
  /** made with its owner's own role: acts with the owner's role as it is now */
  followsMember: Generated<boolean>
  tokenHash: string
  prefix: string
  createdAt: Generated<Date>
  lastUsedAt: Timestamp | null
  expiresAt: Timestamp | null
  revokedAt: Timestamp | null
}

export interface AuditEventTable {
  id: Generated<string>
  workspaceId: string
  actorUserId: string | null
  actorLabel: string
  action: string
  targetType: string | null
  targetId: string | null
  details: ColumnType<Record<string, unknown>, string | undefined, never>
  ip: string | null
  userAgent: string | null
  requestId: string | null
  createdAt: Generated<Date>
}

export interface CustomerTable {
  id: Generated<string>
  workspaceId: string
  kind: string
  name: string
  externalId: string | null
  segment: string | null
  country: string | null
  ownerUserId: string | null
  notes: string | null
  currency: Generated<string>
  estimatedCategorySpend: string | number | null
  lifetimeRevenue: Generated<string>
  trailing12mRevenue: Generated<string>
  orderCount: Generated<number>
  firstPurchaseAt: Timestamp | null
  lastPurchaseAt: Timestamp | null
  valueTier: string | null
  valueRank: number | null
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  sensitiveConsentAt: Timestamp | null
  sensitiveConsentNote: string | null
  erasedAt: Timestamp | null
}

export interface CustomerPersonTable {
  id: Generated<string>
  workspaceId: string
  customerId: string
  name: string
  title: string | null
  email: string | null
  phone: string | null
  createdAt: Generated<Date>
}

export interface CustomerRelationTable {
  id: Generated<string>
  workspaceId: string
  customerId: string
  personId: string | null
  kind: string
  name: string
  birthday: string | null
  notes: string | null
  createdAt: Generated<Date>
}

export interface PurchaseTable {
  id: Generated<string>
  workspaceId: string
  customerId: string
  lineKey: string
  invoiceId: string
  purchasedAt: Timestamp
  productCode: string | null
  description: string | null
  quantity: string | number
  unitPrice: string | number
  amount: string | number
  currency: string
  isCancellation: boolean
  isProduct: boolean
  importId: string | null
}

export interface ImportRunTable {
  id: Generated<string>
  workspaceId: string
  kind: string
  status: string
  fileName: string | null
  mapping: ColumnType<Record<string, string>, string, string>
  rows: number
  added: number
  alreadyPresent: number
  rowsWithoutCustomer: number
  customersAdded: number
  errorCount: number
  errors: ColumnType<Array<{ row: number; column: string | null; reason: string }>, string, string>
  seconds: number
  createdBy: string | null
  createdAt: Generated<Date>
}

export interface ValueSnapshotTable {
  workspaceId: string
  computedAt: Timestamp
  report: ColumnType<unknown, string, string>
}

export interface SecretCategoryTable {
  workspaceId: string
  key: string
  label: string
  scope: string
  cues: ColumnType<string[], string[] | undefined, string[]>
  createdAt: Generated<Date>
}

export interface SecretQuestionTable {
  id: Generated<string>
  workspaceId: string
  category: string
  text: string
  position: Generated<number>
  createdAt: Generated<Date>
}

export interface EngagementTable {
  id: Generated<string>
  workspaceId: string
  customerId: string
  occurredAt: Timestamp
  channel: string
  summary: string | null
  notes: string | null
  personIds: ColumnType<string[], string[] | undefined, string[]>
  userIds: ColumnType<string[], string[] | undefined, string[]>
  createdBy: string | null
  createdAt: Generated<Date>
}

export interface SecretTable {
  id: Generated<string>
  workspaceId: string
  customerId: string
  personId: string | null
  layer: string
  category: string
  text: string
  certainty: string
  recordedBy: string | null
  recordedByName: string | null
  recordedAt: Timestamp
  engagementId: string | null
  lastConfirmedAt: Timestamp
  status: Generated<string>
  supersededBy: string | null
  outdatedAt: Timestamp | null
  sourceKey: string | null
  concepts: Generated<string>
  search: ColumnType<string, never, never>
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
}

/** The words of a workspace's secrets and their concepts, kept by triggers, for "did you mean". */
export interface SecretWordTable {
  workspaceId: string
  word: string
}

/** How many active secrets say (`words`) or say or mean (`docs`) a lexeme, per category; kept by triggers. */
export interface SecretLexemeTable {
  workspaceId: string
  lexeme: string
  category: string
  docs: number
  words: number
}

/** bumped by a trigger on every change to the workspace's surprise items */
export interface SurpriseCatalogueVersionTable {
  workspaceId: string
  version: Generated<number>
}

export interface AudienceTable {
  id: Generated<string>
  workspaceId: string
  name: string
  query: ColumnType<unknown, string, string>
  createdBy: string | null
  createdAt: Generated<Date>
}

export interface RecoveryPlanTable {
  id: Generated<string>
  workspaceId: string
  name: string
  tier: string | null
  segment: string | null
  windowHours: string | number
  atRiskHours: string | number
  firstContactHours: string | number
  statusEveryHours: string | number
  investmentCap: string | number
  allowedKinds: ColumnType<string[], string[] | undefined, string[]>
  approverRole: Generated<string>
  createdAt: Generated<Date>
}

export interface SurpriseItemTable {
  id: Generated<string>
  workspaceId: string
  title: string
  description: string | null
  cost: string | number
  leadTimeHours: Generated<string | number>
  kind: string
  tags: ColumnType<string[], string[] | undefined, string[]>
  concepts: Generated<string>
  active: Generated<boolean>
  sourceKey: string | null
  createdAt: Generated<Date>
}

export interface OopsTable {
  id: Generated<string>
  workspaceId: string
  customerId: string
  personId: string | null
  type: string
  description: string
  severity: Generated<string>
  letDownAt: Timestamp
  reportedAt: Timestamp
  reportedBy: string | null
  ownerUserId: string | null
  planId: string | null
  windowHours: string | number
  atRiskHours: string | number
  firstContactHours: string | number
  statusEveryHours: string | number
  investmentCap: string | number
  deadlineAt: Timestamp
  status: Generated<string>
  fixedAt: Timestamp | null
  fixNote: string | null
  surprisedAt: Timestamp | null
  surpriseItemId: string | null
  surpriseTitle: string | null
  surpriseKind: string | null
  surpriseCost: string | number | null
  surpriseApprovedBy: string | null
  surpriseSecretIds: ColumnType<string[], string[] | undefined, string[]>
  resolvedAt: Timestamp | null
  closedAt: Timestamp | null
  npsBefore: number | null
  feedbackTokenHash: string | null
  feedbackExpiresAt: Timestamp | null
  feedbackUsedAt: Timestamp | null
  wow: number | null
  feedbackFixed: boolean | null
  npsAfter: number | null
  feedbackComment: string | null
  sourceKey: string | null
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
}

export interface OopsStepTable {
  id: Generated<string>
  workspaceId: string
  oopsId: string
  kind: string
  channel: string | null
  message: string | null
  emailedTo: string | null
  byUserId: string | null
  byName: string | null
  at: Timestamp
  createdAt: Generated<Date>
}

export interface OopsHandoffTable {
  id: Generated<string>
  workspaceId: string
  oopsId: string
  fromUserId: string | null
  toUserId: string | null
  reason: string
  byUserId: string | null
  at: Timestamp
}

export interface JobTable {
  id: Generated<string>
  workspaceId: string
  kind: string
  runAt: Timestamp
  payload: ColumnType<unknown, string | undefined, string>
  dedupeKey: string
  status: Generated<string>
  attempts: Generated<number>
  lockedBy: string | null
  lockedUntil: Timestamp | null
  lastError: string | null
  doneAt: Timestamp | null
  createdAt: Generated<Date>
}

export interface NotificationTable {
  id: Generated<string>
  workspaceId: string
  userId: string
  kind: string
  oopsId: string | null
  title: string
  body: string | null
  createdAt: Generated<Date>
  readAt: Timestamp | null
}

export interface WebhookEndpointTable {
  id: Generated<string>
  workspaceId: string
  url: string
  secret: string
  events: ColumnType<string[], string[] | undefined, string[]>
  active: Generated<boolean>
  createdBy: string | null
  createdAt: Generated<Date>
}

export interface WebhookDeliveryTable {
  id: Generated<string>
  workspaceId: string
  endpointId: string
  event: string
  payload: ColumnType<unknown, string | undefined, string>
  status: Generated<string>
  attempts: Generated<number>
  responseStatus: number | null
  responseMs: number | null
  error: string | null
  nextAttemptAt: Timestamp | null
  deliveredAt: Timestamp | null
  createdAt: Generated<Date>
}

export interface WebhookAttemptTable {
  id: Generated<string>
  workspaceId: string
  deliveryId: string
  attempt: number
  at: Timestamp
  responseStatus: number | null
  responseMs: number | null
  error: string | null
}

export interface DB {
  authUser: AuthUserTable
  workspace: WorkspaceTable
  membership: MembershipTable
  invitation: InvitationTable
  apiToken: ApiTokenTable
  auditEvent: AuditEventTable
  customer: CustomerTable
  customerPerson: CustomerPersonTable
  customerRelation: CustomerRelationTable
  purchase: PurchaseTable
  importRun: ImportRunTable
  valueSnapshot: ValueSnapshotTable
  secretCategory: SecretCategoryTable
  secretQuestion: SecretQuestionTable
  engagement: EngagementTable
  secret: SecretTable
  audience: AudienceTable
  secretWord: SecretWordTable
  secretLexeme: SecretLexemeTable
  recoveryPlan: RecoveryPlanTable
  surpriseItem: SurpriseItemTable
  surpriseCatalogueVersion: SurpriseCatalogueVersionTable
  oops: OopsTable
  oopsStep: OopsStepTable
  oopsHandoff: OopsHandoffTable
  job: JobTable
  notification: NotificationTable
  webhookEndpoint: WebhookEndpointTable
  webhookDelivery: WebhookDeliveryTable
  webhookAttempt: WebhookAttemptTable
}

/** The names of the tables the migrations create, checked against the database by a test. */
export const TABLE_COLUMNS: Record<string, string[]> = {
  auth_user: ['id', 'name', 'email', 'email_verified', 'image', 'created_at', 'updated_at'],
  workspace: ['id', 'slug', 'name', 'settings', 'created_at'],
  membership: ['workspace_id', 'user_id', 'role', 'created_at'],
  invitation: [
    'id',
    'workspace_id',
    'email',
    'role',
    'token_hash',
    'invited_by',
    'expires_at',
    'accepted_at',
    'accepted_by',
    'revoked_at',
    'created_at',
  ],
  api_token: [
    'id',
    'workspace_id',
    'user_id',
    'name',
    'role',
    'token_hash',
    'prefix',
    'created_at',
    'last_used_at',
    'expires_at',
    'revoked_at',
  ],
  audit_event: [
    'id',
    'workspace_id',
    'actor_user_id',
    'actor_label',
    'action',
    'target_type',
    'target_id',
    'details',
    'ip',
    'user_agent',
    'request_id',
    'created_at',
  ],
  customer: [
    'id',
    'workspace_id',
    'kind',
    'name',
    'external_id',
    'segment',
    'country',
    'owner_user_id',
    'notes',
    'currency',
    'estimated_category_spend',
    'lifetime_revenue',
    'trailing_12m_revenue',
    'order_count',
    'first_purchase_at',
    'last_purchase_at',
    'value_tier',
    'value_rank',
    'created_at',
    'updated_at',
    'sensitive_consent_at',
    'sensitive_consent_note',
    'erased_at',
  ],
  customer_person: ['id', 'workspace_id', 'customer_id', 'name', 'title', 'email', 'phone', 'created_at'],
  customer_relation: [
    'id',
    'workspace_id',
    'customer_id',
    'person_id',
    'kind',
    'name',
    'birthday',
    'notes',
    'created_at',
  ],
  purchase: [
    'id',
    'workspace_id',
    'customer_id',
    'line_key',
    'invoice_id',
    'purchased_at',
    'product_code',
    'description',
    'quantity',
    'unit_price',
    'amount',
    'currency',
    'is_cancellation',
    'is_product',
    'import_id',
  ],
  import_run: [
    'id',
    'workspace_id',
    'kind',
    'status',
    'file_name',
    'mapping',
    'rows',
    'added',
    'already_present',
    'rows_without_customer',
    'customers_added',
    'error_count',
    'errors',
    'seconds',
    'created_by',
    'created_at',
  ],
  value_snapshot: ['workspace_id', 'computed_at', 'report'],
  secret_category: ['workspace_id', 'key', 'label', 'scope', 'cues', 'created_at'],
  secret_question: ['id', 'workspace_id', 'category', 'text', 'position', 'created_at'],
  engagement: [
    'id',
    'workspace_id',
    'customer_id',
    'occurred_at',
    'channel',
    'summary',
    'notes',
    'person_ids',
    'user_ids',
    'created_by',
    'created_at',
  ],
  secret: [
    'id',
    'workspace_id',
    'customer_id',
    'person_id',
    'layer',
    'category',
    'text',
    'certainty',
    'recorded_by',
    'recorded_by_name',
    'recorded_at',
    'engagement_id',
    'last_confirmed_at',
    'status',
    'superseded_by',
    'outdated_at',
    'source_key',
    'concepts',
    'search',
    'created_at',
    'updated_at',
  ],
  audience: ['id', 'workspace_id', 'name', 'query', 'created_by', 'created_at'],
  secret_word: ['workspace_id', 'word'],
  surprise_catalogue_version: ['workspace_id', 'version'],
  recovery_plan: [
    'id',
    'workspace_id',
    'name',
    'tier',
    'segment',
    'window_hours',
    'at_risk_hours',
    'first_contact_hours',
    'status_every_hours',
    'investment_cap',
    'allowed_kinds',
    'approver_role',
    'created_at',
  ],
  surprise_item: [
    'id',
    'workspace_id',
    'title',
    'description',
    'cost',
    'lead_time_hours',
    'kind',
    'tags',
    'concepts',
    'active',
    'source_key',
    'created_at',
  ],
  oops: [
    'id',
    'workspace_id',
    'customer_id',
    'person_id',
    'type',
    'description',
    'severity',
    'let_down_at',
    'reported_at',
    'reported_by',
    'owner_user_id',
    'plan_id',
    'window_hours',
    'at_risk_hours',
    'first_contact_hours',
    'status_every_hours',
    'investment_cap',
    'deadline_at',
    'status',
    'fixed_at',
    'fix_note',
    'surprised_at',
    'surprise_item_id',
    'surprise_title',
    'surprise_kind',
    'surprise_cost',
    'surprise_approved_by',
    'surprise_secret_ids',
    'resolved_at',
    'closed_at',
    'nps_before',
    'feedback_token_hash',
    'feedback_expires_at',
    'feedback_used_at',
    'wow',
    'feedback_fixed',
    'nps_after',
    'feedback_comment',
    'source_key',
    'created_at',
    'updated_at',
  ],
  oops_step: [
    'id',
    'workspace_id',
    'oops_id',
    'kind',
    'channel',
    'message',
    'emailed_to',
    'by_user_id',
    'by_name',
    'at',
    'created_at',
  ],
  oops_handoff: ['id', 'workspace_id', 'oops_id', 'from_user_id', 'to_user_id', 'reason', 'by_user_id', 'at'],
  job: [
    'id',
    'workspace_id',
    'kind',
    'run_at',
    'payload',
    'dedupe_key',
    'status',
    'attempts',
    'locked_by',
    'locked_until',
    'last_error',
    'done_at',
    'created_at',
  ],
  notification: [
    'id',
    'workspace_id',
    'user_id',
    'kind',
    'oops_id',
    'title',
    'body',
    'created_at',
    'read_at',
  ],
  webhook_endpoint: ['id', 'workspace_id', 'url', 'secret', 'events', 'active', 'created_by', 'created_at'],
  webhook_delivery: [
    'id',
    'workspace_id',
    'endpoint_id',
    'event',
    'payload',
    'status',
    'attempts',
    'response_status',
    'response_ms',
    'error',
    'next_attempt_at',
    'delivered_at',
    'created_at',
  ],
  webhook_attempt: [
    'id',
    'workspace_id',
    'delivery_id',
    'attempt',
    'at',
    'response_status',
    'response_ms',
    'error',
  ],
}
