import { type Kysely, sql } from 'kysely'
import type { EscalationPort, NewNotification } from '../domain/recovery/remind-and-escalate.ts'
import { lineAbove } from '../domain/workspaces/reporting-lines.ts'
import type { DB } from './schema.ts'

/** Sends a notification by email too; its own job, so a slow mail server holds up nothing else. */
export const EMAIL_JOB = 'notification.email'

export interface InboxItem {
  id: string
  kind: string
  oopsId: string | null
  title: string
  body: string | null
  createdAt: Date
  readAt: Date | null
}

const present = (r: {
  id: string
  kind: string
  oopsId: string | null
  title: string
  body: string | null
  createdAt: Date | string
  readAt: Date | string | null
}): InboxItem => ({
  ...r,
  createdAt: new Date(r.createdAt),
  readAt: r.readAt === null ? null : new Date(r.readAt),
})

/**
 * In-app notifications of one workspace; `trx` comes from inWorkspace (RLS on). Inserting one
 * announces it (a trigger NOTIFYs dazzle_notifications on commit) so the bell updates live.
 */
export const inboxStore = (trx: Kysely<DB>, workspaceId: string, now: () => Date) => {
  const port: EscalationPort = {
    async leaderLine(userId) {
      const lines = await trx
        .selectFrom('reportingLine')
        .select(['userId', 'leaderUserId'])
        .where('workspaceId', '=', workspaceId)
        .execute()
      const above = lineAbove(lines, userId)
      if (above.length === 0) return []
      const names = new Map(
        (
          await trx.selectFrom('authUser').select(['id', 'name', 'email']).where('id', 'in', above).execute()
        ).map((u) => [u.id, u.name || u.email]),
      )
      return above.map((id) => ({ userId: id, name: names.get(id) ?? 'a former member' }))
    },
    async admins() {
      const rows = await trx
        .selectFrom('membership as m')
        .innerJoin('authUser as u', 'u.id', 'm.userId')
        .select(['m.userId', 'u.name'])
        .where('m.workspaceId', '=', workspaceId)
        .where('m.role', '=', 'admin')
        .orderBy('u.name')
        .execute()
      return rows.map((r) => ({ userId: r.userId, name: r.name }))
    },
    async memberName(userId) {
      const r = await trx
        .selectFrom('membership as m')
        .innerJoin('authUser as u', 'u.id', 'm.userId')
        .select(['u.name', 'u.email'])
        .where('m.workspaceId', '=', workspaceId)
        .where('m.userId', '=', userId)
        .executeTakeFirst()
      return r ? r.name || r.email : null
    },
    async notify(list: NewNotification[]) {
      if (list.length === 0) return
      const rows = await trx
        .insertInto('notification')
        .values(
          list.map((n) => ({
            workspaceId,
            userId: n.userId,
            kind: n.kind,
            oopsId: n.oopsId,
            title: n.title,
            body: n.body,
            createdAt: now(),
          })),
        )
        .returning('id')
        .execute()
      const emails = rows.filter((_, i) => list[i]!.email)
      if (emails.length === 0) return
      await trx
        .insertInto('job')
        .values(
          emails.map((r) => ({
            workspaceId,
            kind: EMAIL_JOB,
            runAt: now(),
            payload: JSON.stringify({ notificationId: r.id }),
            dedupeKey: `email:${r.id}`,
          })),
        )
        .onConflict((oc) => oc.column('dedupeKey').doNothing())
        .execute()
    },
  }
  const unreadCount = async (userId: string) => {
    const r = await trx
      .selectFrom('notification')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('workspaceId', '=', workspaceId)
      .where('userId', '=', userId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }
  return {
    ...port,
    unreadCount,
    /** mine, unread first, newest first within each */
    async list(userId: string, limit: number) {
      const [rows, unread] = await Promise.all([
        trx
          .selectFrom('notification')
          .select(['id', 'kind', 'oopsId', 'title', 'body', 'createdAt', 'readAt'])
          .where('workspaceId', '=', workspaceId)
          .where('userId', '=', userId)
          .orderBy(sql`read_at is null`, 'desc')
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .execute(),
        unreadCount(userId),
      ])
      return { notifications: rows.map(present), unread }
    },
    async markRead(userId: string, id: string) {
      const r = await trx
        .updateTable('notification')
        .set({ readAt: sql`coalesce(read_at, ${now()})` })
        .where('workspaceId', '=', workspaceId)
        .where('userId', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) > 0
    },
    async markAllRead(userId: string) {
      const r = await trx
        .updateTable('notification')
        .set({ readAt: now() })
        .where('workspaceId', '=', workspaceId)
        .where('userId', '=', userId)
        .where('readAt', 'is', null)
        .executeTakeFirst()
      return Number(r.numUpdatedRows)
    },
    /** what the email of a notification needs: the address, the workspace's slug for the link */
    async forEmail(id: string) {
      return trx
        .selectFrom('notification as n')
        .innerJoin('authUser as u', 'u.id', 'n.userId')
        .innerJoin('workspace as w', 'w.id', 'n.workspaceId')
        .select([
          'n.id',
          'n.title',
          'n.body',
          'n.oopsId',
          'n.kind',
          'u.email',
          'u.name',
          'w.slug',
          'w.name as workspaceName',
        ])
        .where('n.workspaceId', '=', workspaceId)
        .where('n.id', '=', id)
        .executeTakeFirst()
    },
  }
}
