import type { Kysely } from 'kysely'
import type { WorkspaceStore } from '../domain/workspaces/ports.ts'
import { type Role, tokenActsAs } from '../domain/workspaces/roles.ts'
import type { ApiToken, Invitation, Member } from '../domain/workspaces/workspace.ts'
import type { DB } from './schema.ts'
import { deleteInWorkspace, insertInWorkspace, mapFirst, rowsInWorkspace } from './store-kit.ts'

/** An invitation's columns as the domain's `Invitation` has them, with the inviter (`u`) by name. */
export const INVITATION_COLUMNS = [
  'i.id',
  'i.email',
  'i.role',
  'i.invitedBy',
  'u.name as invitedByName',
  'i.expiresAt',
  'i.acceptedAt',
  'i.revokedAt',
  'i.createdAt',
] as const

/** One workspace's people, invitations and tokens. `trx` should come from inWorkspace (RLS on). */
export const workspaceStore = (trx: Kysely<DB>, workspaceId: string): WorkspaceStore => {
  const members = () =>
    trx
      .selectFrom('membership as m')
      .innerJoin('authUser as u', 'u.id', 'm.userId')
      .leftJoin('reportingLine as rl', (j) =>
        j.onRef('rl.workspaceId', '=', 'm.workspaceId').onRef('rl.userId', '=', 'm.userId'),
      )
      .select(['m.userId', 'u.name', 'u.email', 'm.role', 'm.createdAt as joinedAt', 'rl.leaderUserId'])
      .where('m.workspaceId', '=', workspaceId)
  const toMember = (r: {
    userId: string
    name: string
    email: string
    role: string
    joinedAt: Date
    leaderUserId: string | null
  }): Member => ({
    ...r,
    role: r.role as Role,
  })
  const invitations = () =>
    trx
      .selectFrom('invitation as i')
      .leftJoin('authUser as u', 'u.id', 'i.invitedBy')
      .select(INVITATION_COLUMNS)
      .where('i.workspaceId', '=', workspaceId)
  const toInvitation = (r: any): Invitation => ({ ...r, role: r.role as Role })
  const tokens = () =>
    trx
      .selectFrom('apiToken as t')
      .innerJoin('authUser as u', 'u.id', 't.userId')
      .leftJoin('membership as m', (j) =>
        j.onRef('m.workspaceId', '=', 't.workspaceId').onRef('m.userId', '=', 't.userId'),
      )
      .select([
        't.id',
        't.userId',
        'u.email as userEmail',
        't.name',
        't.role',
        't.followsMember',
        'm.role as memberRole',
        't.prefix',
        't.createdAt',
        't.lastUsedAt',
        't.expiresAt',
        't.revokedAt',
      ])
      .where('t.workspaceId', '=', workspaceId)
  // the role it acts with today (its owner's, for a token that follows them), as the list shows it
  const toToken = ({ followsMember, memberRole, ...r }: any): ApiToken => ({
    ...r,
    role: tokenActsAs({ role: r.role, followsMember }, memberRole) ?? (r.role as Role),
  })

  return {
    workspaceId,
    async getWorkspace() {
      return trx
        .selectFrom('workspace')
        .select(['id', 'slug', 'name', 'createdAt'])
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow()
    },
    async listMembers() {
      return (await members().orderBy('u.name').execute()).map(toMember)
    },
    async getMember(userId) {
      return (await mapFirst(members().where('m.userId', '=', userId), toMember)) ?? null
    },
    async findMemberByEmail(email) {
      return (await mapFirst(members().where('u.email', '=', email), toMember)) ?? null
    },
    async addMember(userId, role) {
      await trx.insertInto('membership').values({ workspaceId, userId, role }).execute()
    },
    async setMemberRole(userId, role) {
      await rowsInWorkspace(trx, 'membership', workspaceId, { userId }).update({ role })
    },
    async removeMember(userId) {
      await deleteInWorkspace(trx, 'membership', workspaceId, { userId })
      // a person who leaves takes their tokens with them
      await rowsInWorkspace(trx, 'apiToken', workspaceId, { userId, revokedAt: null }).update({
        revokedAt: new Date(),
      })
    },
    async countAdmins() {
      const r = await trx
        .selectFrom('membership')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspaceId', '=', workspaceId)
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow()
      return Number(r.n)
    },
    async reportingLines() {
      return trx
        .selectFrom('reportingLine')
        .select(['userId', 'leaderUserId'])
        .where('workspaceId', '=', workspaceId)
        .execute()
    },
    async setLeader(userId, leaderUserId, by) {
      if (leaderUserId === null) {
        await deleteInWorkspace(trx, 'reportingLine', workspaceId, { userId })
        return
      }
      await trx
        .insertInto('reportingLine')
        .values({ workspaceId, userId, leaderUserId, setBy: by, setAt: new Date() })
        .onConflict((oc) =>
          oc.columns(['workspaceId', 'userId']).doUpdateSet({ leaderUserId, setBy: by, setAt: new Date() }),
        )
        .execute()
    },
    async listInvitations() {
      return (await invitations().orderBy('i.createdAt', 'desc').limit(200).execute()).map(toInvitation)
    },
    async getInvitation(id) {
      return (await mapFirst(invitations().where('i.id', '=', id), toInvitation)) ?? null
    },
    async insertInvitation(inv) {
      const id = await insertInWorkspace(trx, 'invitation', workspaceId, inv)
      return toInvitation(await invitations().where('i.id', '=', id).executeTakeFirstOrThrow())
    },
    async markInvitationAccepted(id, userId, at) {
      await rowsInWorkspace(trx, 'invitation', workspaceId, { id }).update({
        acceptedAt: at,
        acceptedBy: userId,
      })
    },
    async revokeInvitation(id, at) {
      await rowsInWorkspace(trx, 'invitation', workspaceId, { id }).update({ revokedAt: at })
    },
    async revokePendingInvitationsFor(email, at) {
      const pending = { email, acceptedAt: null, revokedAt: null }
      await rowsInWorkspace(trx, 'invitation', workspaceId, pending).update({ revokedAt: at })
    },
    async listApiTokens(userId) {
      let q = tokens().orderBy('t.createdAt', 'desc')
      if (userId) q = q.where('t.userId', '=', userId)
      return (await q.execute()).map(toToken)
    },
    async getApiToken(id) {
      return (await mapFirst(tokens().where('t.id', '=', id), toToken)) ?? null
    },
    async insertApiToken(t) {
      const id = await insertInWorkspace(trx, 'apiToken', workspaceId, t)
      return toToken(await tokens().where('t.id', '=', id).executeTakeFirstOrThrow())
    },
    async revokeApiToken(id, at) {
      await rowsInWorkspace(trx, 'apiToken', workspaceId, { id }).update({ revokedAt: at })
    },
  }
}
