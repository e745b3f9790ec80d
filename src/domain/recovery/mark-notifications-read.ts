import { DomainError } from '../errors.ts'
import type { Actor } from '../workspaces/roles.ts'

/** The bell of one member: only their own notifications are theirs to mark. */
export interface InboxPort {
  markRead(userId: string, id: string): Promise<boolean>
  markAllRead(userId: string): Promise<number>
}

/**
 * Marks one of my notifications read. Not audited: it is my own reading state, no record of the
 * business changes.
 */
export const markNotificationRead = async (deps: { inbox: InboxPort }, actor: Actor, id: string) => {
  if (!(await deps.inbox.markRead(actor.userId, id))) {
    throw new DomainError('notification_not_found', 'No such notification of yours in this workspace.')
  }
}

/** Marks all my notifications in this workspace read; how many were unread. */
export const markAllNotificationsRead = (deps: { inbox: InboxPort }, actor: Actor) =>
  deps.inbox.markAllRead(actor.userId)
