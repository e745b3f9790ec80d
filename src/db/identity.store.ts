import { type Kysely, sql } from 'kysely'
import type { AuditEventInput } from '../domain/audit/audit-event.ts'
import type { Role } from '../domain/workspaces/roles.ts'
import type { Workspace } from '../domain/workspaces/workspace.ts'
import { auditLog, type RequestContext } from './audit.store.ts'
import type { DB } from './schema.ts'
import { INVITATION_COLUMNS } from './workspaces.store.ts'

/**
 * The few lookups that must cross workspaces by nature — which workspaces a person belongs to,
 * which workspace a presented token or invitation link belongs to — and creating a workspace.
 * They run as the owning role (outside inWorkspace) and each one is keyed by the person or the
 * secret presented, never by a free workspace choice.
 */
export const identityStore = (db: Kysely<DB>) => ({
  async membershipsOf(userId: string): Promise<Array<Workspace & { role: Role }>> {
    const rows = await db
      .selectFrom('membership as m')
      .innerJoin('workspace as w', 'w.id', 'm.workspaceId')
      .select(['w.id', 'w.slug', 'w.name', 'w.createdAt', 'm.role'])
      .where('m.userId', '=', userId)
      .orderBy('w.name')
      .execute()
    return rows.map((r) => ({ ...r, role: r.role as Role }))
  },

  async workspaceBySlug(slug: string) {
    return (
      (await db
        .selectFrom('workspace')
        .select(['id', 'slug', 'name', 'createdAt'])
        .where('slug', '=', slug)
        .executeTakeFirst()) ?? null
    )
  },

  async slugTaken(slug: string) {
    return !!(await db.selectFrom('workspace').select('id').where('slug', '=', slug).executeTakeFirst())
  },

  /**
   * Creates the workspace with its first admin and the audit event of its creation, atomically: a
   * workspace nobody can see was created must not be left behind when the event cannot be stored.
   */
  async createWorkspace(
    ws: { id: string; slug: string; name: string },
    adminUserId: string,
    created: AuditEventInput,
    ctx?: RequestContext,
  ) {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('workspace').values(ws).execute()
      await trx
        .insertInto('membership')
        .values({ workspaceId: ws.id, userId: adminUserId, role: 'admin' })
        .execute()
      await auditLog(trx, ws.id, ctx).record(created)
    })
  },

  async userByEmail(email: string) {
    return (
      (await db
        .selectFrom('authUser')
        .select(['id', 'name', 'email'])
        .where('email', '=', email)
        .executeTakeFirst()) ?? null
    )
  },

  async userById(id: string) {
    return (
      (await db
        .selectFrom('authUser')
        .select(['id', 'name', 'email'])
        .where('id', '=', id)
        .executeTakeFirst()) ?? null
    )
  },

  /** the token, its person, workspace and membership; one function whose plan is kept (see its migration) */
  async apiTokenByHash(hash: string) {
    const r = await sql<{
      id: string
      role: string
      followsMember: boolean
      prefix: string
      lastUsedAt: Date | null
      expiresAt: Date | null
      revokedAt: Date | null
      userId: string
      userName: string
      userEmail: string
      workspaceId: string
      workspaceSlug: string
      workspaceName: string
      workspaceCreatedAt: Date
      memberRole: string | null
    }>`select * from dazzle_api_token(${hash})`.execute(db)
    return r.rows[0] ?? null
  },

  async touchApiToken(id: string, at: Date) {
    await db.updateTable('apiToken').set({ lastUsedAt: at }).where('id', '=', id).execute()
  },

  /** the OOPS! a "did we blow you away?" link is for, whatever the workspace (the link needs no sign-in) */
  async oopsByFeedbackHash(hash: string) {
    return (
      (await db
        .selectFrom('oops')
        .select(['id', 'workspaceId'])
        .where('feedbackTokenHash', '=', hash)
        .executeTakeFirst()) ?? null
    )
  },

  async invitationByTokenHash(hash: string) {
    return (
      (await db
        .selectFrom('invitation as i')
        .innerJoin('workspace as w', 'w.id', 'i.workspaceId')
        .leftJoin('authUser as u', 'u.id', 'i.invitedBy')
        .select([
          ...INVITATION_COLUMNS,
          'w.id as workspaceId',
          'w.slug as workspaceSlug',
          'w.name as workspaceName',
        ])
        .where('i.tokenHash', '=', hash)
        .executeTakeFirst()) ?? null
    )
  },
})

export type IdentityStore = ReturnType<typeof identityStore>
