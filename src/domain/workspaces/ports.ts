import type { AuditEventInput } from '../audit/audit-event.ts'
import type { Clock } from '../clock.ts'
import type { Role } from './roles.ts'
import type { ApiToken, Invitation, Member, ReportingLine, Workspace } from './workspace.ts'

/** Reads and writes of one workspace; implementations are already scoped to it (code + row-level security). */
export interface WorkspaceStore {
  workspaceId: string
  getWorkspace(): Promise<Workspace>
  listMembers(): Promise<Member[]>
  getMember(userId: string): Promise<Member | null>
  findMemberByEmail(email: string): Promise<Member | null>
  addMember(userId: string, role: Role): Promise<void>
  setMemberRole(userId: string, role: Role): Promise<void>
  removeMember(userId: string): Promise<void>
  countAdmins(): Promise<number>
  /** every reporting line of the workspace */
  reportingLines(): Promise<ReportingLine[]>
  /** null: reports to nobody */
  setLeader(userId: string, leaderUserId: string | null, by: string): Promise<void>

  listInvitations(): Promise<Invitation[]>
  getInvitation(id: string): Promise<Invitation | null>
  insertInvitation(inv: {
    email: string
    role: Role
    invitedBy: string
    tokenHash: string
    expiresAt: Date
  }): Promise<Invitation>
  markInvitationAccepted(id: string, userId: string, at: Date): Promise<void>
  revokeInvitation(id: string, at: Date): Promise<void>
  revokePendingInvitationsFor(email: string, at: Date): Promise<void>

  listApiTokens(userId?: string): Promise<ApiToken[]>
  getApiToken(id: string): Promise<ApiToken | null>
  insertApiToken(t: {
    userId: string
    name: string
    role: Role
    /** made with the owner's own role: it acts with the owner's role as it is at each use */
    followsMember: boolean
    tokenHash: string
    prefix: string
    expiresAt: Date | null
  }): Promise<ApiToken>
  revokeApiToken(id: string, at: Date): Promise<void>
}

export interface AuditLog {
  record(event: AuditEventInput): Promise<void>
}

/** Random, unguessable tokens and their one-way hashes. */
export interface TokenMint {
  newToken(prefix: string): { token: string; hash: string; display: string }
  hash(token: string): string
}

export interface WorkspaceDeps {
  store: WorkspaceStore
  audit: AuditLog
  clock: Clock
  mint: TokenMint
}

export type { Workspace }
