import type { Kysely } from 'kysely'
import type { AuditAction, AuditEvent, AuditEventInput } from '../domain/audit/audit-event.ts'
import type { AuditLog } from '../domain/workspaces/ports.ts'
import type { DB } from './schema.ts'

export interface RequestContext {
  ip?: string | null | undefined
  userAgent?: string | null | undefined
  requestId?: string | null | undefined
}

export const auditLog = (trx: Kysely<DB>, workspaceId: string, ctx: RequestContext = {}): AuditLog => ({
  async record(e: AuditEventInput) {
    await trx
      .insertInto('auditEvent')
      .values({
        workspaceId,
        actorUserId: e.actorUserId,
        actorLabel: e.actorLabel,
        action: e.action,
        targetType: e.targetType ?? null,
        targetId: e.targetId ?? null,
        details: JSON.stringify(e.details ?? {}),
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent?.slice(0, 400) ?? null,
        requestId: ctx.requestId ?? null,
      })
      .execute()
  },
})

export interface AuditPageQuery {
  before?: string | undefined
  limit: number
  action?: AuditAction | undefined
  actorUserId?: string | undefined
}

/** Newest first, keyset-paged by id so deep pages stay as fast as the first. */
export const listAuditEvents = async (
  trx: Kysely<DB>,
  workspaceId: string,
  q: AuditPageQuery,
): Promise<{ events: AuditEvent[]; nextBefore: string | null }> => {
  let query = trx
    .selectFrom('auditEvent')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
  if (q.before) query = query.where('id', '<', q.before)
  if (q.action) query = query.where('action', '=', q.action)
  if (q.actorUserId) query = query.where('actorUserId', '=', q.actorUserId)
  const rows = await query.execute()
  const page = rows.slice(0, q.limit)
  return {
    events: page.map((r) => ({
      id: String(r.id),
      actorUserId: r.actorUserId,
      actorLabel: r.actorLabel,
      action: r.action as AuditAction,
      targetType: r.targetType ?? undefined,
      targetId: r.targetId ?? undefined,
      details: r.details,
      ip: r.ip,
      userAgent: r.userAgent,
      requestId: r.requestId,
      createdAt: r.createdAt,
    })),
    nextBefore: rows.length > q.limit ? String(page[page.length - 1]?.id) : null,
  }
}
