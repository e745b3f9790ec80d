import type { Database } from '../../db/connection.ts'
import { type Listening, listen } from '../../db/notifications.ts'

/** NOTIFYed on commit by a trigger on the notification table: {"workspaceId","userId"} */
export const NOTIFICATIONS_CHANNEL = 'dazzle_notifications'

export interface BellSubscriber {
  /** something new for this person in this workspace (the bell reloads its count) */
  changed(): void
  /** the hub is shutting down */
  close(): void
}

export interface NotificationsHub {
  /** LISTEN in place (opened on first use) */
  start(): Promise<void>
  subscribe(workspaceId: string, userId: string, s: BellSubscriber): () => void
  readonly subscribers: number
  timing: { heartbeatMs: number; maxAgeMs: number; retryMs: number }
  close(): Promise<void>
}

const parse = (payload: string): { workspaceId: string; userId: string } | null => {
  try {
    const v = JSON.parse(payload) as Record<string, unknown>
    if (typeof v.workspaceId === 'string' && typeof v.userId === 'string') {
      return { workspaceId: v.workspaceId, userId: v.userId }
    }
  } catch {}
  return null
}

/**
 * One LISTEN per process for the bells of the people connected to it. Every instance on the same
 * PostgreSQL hears every NOTIFY, so a reminder run by one instance rings a bell open on another.
 * Only "something changed" travels: the page reads the list itself, through the API and its checks.
 */
export const createNotificationsHub = (opts: {
  database: Database
  log(msg: string): void
}): NotificationsHub => {
  const byPerson = new Map<string, Set<BellSubscriber>>()
  let listening: Promise<Listening> | null = null
  let closed = false
  const key = (workspaceId: string, userId: string) => `${workspaceId} ${userId}`
  const ring = (subs: Iterable<BellSubscriber>) => {
    for (const s of subs) s.changed()
  }

  const hub: NotificationsHub = {
    timing: { heartbeatMs: 15_000, maxAgeMs: 10 * 60_000, retryMs: 2_000 },
    async start() {
      if (closed) throw new Error('notifications are shut down')
      if (!listening) {
        listening = listen(opts.database, NOTIFICATIONS_CHANNEL, {
          onNotification(payload) {
            const n = parse(payload)
            const subs = n && byPerson.get(key(n.workspaceId, n.userId))
            if (subs?.size) setImmediate(() => ring([...subs]))
          },
          // what was inserted while LISTEN was down: every bell reloads once
          onReconnect: () => ring([...byPerson.values()].flatMap((s) => [...s])),
          onError: (e) =>
            opts.log(
              `notifications: LISTEN connection lost, reconnecting (${e instanceof Error ? e.message : e})`,
            ),
        })
        listening.catch(() => {
          listening = null
        })
      }
      await listening
    },
    subscribe(workspaceId, userId, s) {
      const k = key(workspaceId, userId)
      const subs = byPerson.get(k) ?? new Set<BellSubscriber>()
      byPerson.set(k, subs)
      subs.add(s)
      return () => {
        subs.delete(s)
        if (subs.size === 0 && byPerson.get(k) === subs) byPerson.delete(k)
      }
    },
    get subscribers() {
      let n = 0
      for (const s of byPerson.values()) n += s.size
      return n
    },
    async close() {
      closed = true
      for (const subs of [...byPerson.values()]) for (const s of [...subs]) s.close()
      byPerson.clear()
      const l = listening
      listening = null
      if (l) await (await l.catch(() => null))?.close()
    },
  }
  return hub
}
