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

export interface DB {
  authUser: AuthUserTable
  workspace: WorkspaceTable
  membership: MembershipTable
  invitation: InvitationTable
  apiToken: ApiTokenTable
  auditEvent: AuditEventTable
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
}
