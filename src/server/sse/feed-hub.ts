import type { Database } from '../../db/connection.ts'
import type { FeedFilters } from '../../db/feed.store.ts'
import { type Listening, listen } from '../../db/notifications.ts'

/** the channel record-secret's announce() notifies on commit: {"workspaceId","secretId"} */
export const SECRETS_CHANNEL = 'dazzle_secrets'

/** the least a hub needs of a feed item to route it */
export interface Routable {
  id: string
  customer: { tier: string | null }
  category: string
  recordedBy: string | null
}

export interface FeedSubscriber<T extends Routable> {
  workspaceId: string
  filters: FeedFilters
  /** new items for this subscriber, oldest first, already filtered */
  deliver(items: T[]): void
  /** LISTEN was lost and is back: whatever was recorded meanwhile must be read from the tables */
  resync(): void
  /** the hub is shutting down */
  close(): void
}

export interface FeedHub<T extends Routable> {
  /** LISTEN in place (opened on first use, so a process nobody subscribes in holds no connection) */
  start(): Promise<void>
  /** after start(): from now on the subscriber receives what its workspace records; returns unsubscribe */
  subscribe(s: FeedSubscriber<T>): () => void
  readonly subscribers: number
  /** timings of the streams built on this hub; tests shorten them */
  timing: { heartbeatMs: number; maxAgeMs: number; retryMs: number }
  /** ends every subscriber's stream and stops listening; the app's preClose hook calls it */
  close(): Promise<void>
}

export const matchesFilters = (f: FeedFilters, item: Routable): boolean =>
  (!f.tier || item.customer.tier === f.tier) &&
  (!f.category || item.category === f.category) &&
  (!f.recordedBy || item.recordedBy === f.recordedBy)

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

const parsePayload = (payload: string): { workspaceId: string; secretId: string } | null => {
  try {
    const v = JSON.parse(payload) as unknown
    if (
      typeof v === 'object' &&
      v !== null &&
      typeof (v as Record<string, unknown>).workspaceId === 'string' &&
      typeof (v as Record<string, unknown>).secretId === 'string'
    )
      return v as { workspaceId: string; secretId: string }
  } catch {}
  return null
}

/**
 * One LISTEN per process, fanned out to the live-feed subscribers of this process. Notifications
 * that arrive together are read together: one query per workspace per batch, whatever the number
 * of subscribers, and only for workspaces someone here is watching. Every instance on the same
 * PostgreSQL receives every NOTIFY, so a secret recorded on one reaches subscribers on all.
 */
export const createFeedHub = <T extends Routable>(opts: {
  database: Database
  /** the items of `ids` as the feed shows them, read inside the workspace (RLS on) */
  load(workspaceId: string, ids: string[]): Promise<T[]>
  /** never given secret text: counts and connection errors only */
  log(msg: string): void
}): FeedHub<T> => {
  const byWorkspace = new Map<string, Set<FeedSubscriber<T>>>()
  let listening: Promise<Listening> | null = null
  let closed = false
  const pending = new Map<string, Set<string>>()
  let flushing: Promise<void> = Promise.resolve()
  let scheduled = false

  const flush = async () => {
    scheduled = false
    const batch = [...pending]
    pending.clear()
    for (const [workspaceId, ids] of batch) {
      const subs = byWorkspace.get(workspaceId)
      if (!subs?.size) continue
      let items: T[]
      try {
        items = await opts.load(workspaceId, [...ids])
      } catch (error) {
        // the subscribers' next reconnect (Last-Event-ID) catches up what this batch would have sent
        opts.log(`live feed: reading ${ids.size} new secret(s) failed (${errorText(error)})`)
        continue
      }
      for (const s of byWorkspace.get(workspaceId) ?? []) {
        const mine = items.filter((i) => matchesFilters(s.filters, i))
        if (mine.length) s.deliver(mine)
      }
    }
  }

  const onNotification = (payload: string) => {
    const n = parsePayload(payload)
    if (!n || !byWorkspace.get(n.workspaceId)?.size) return
    const ids = pending.get(n.workspaceId) ?? new Set<string>()
    pending.set(n.workspaceId, ids)
    ids.add(n.secretId)
    if (scheduled) return
    scheduled = true
    // PGlite calls back in the middle of the committing query: read after it, in arrival order
    setImmediate(() => {
      flushing = flushing.then(flush)
    })
  }

  const hub: FeedHub<T> = {
    timing: { heartbeatMs: 15_000, maxAgeMs: 10 * 60_000, retryMs: 2_000 },
    async start() {
      if (closed) throw new Error('the live feed is shut down')
      if (!listening) {
        listening = listen(opts.database, SECRETS_CHANNEL, {
          onNotification,
          onReconnect: () => {
            opts.log(`live feed: LISTEN is back, ${hub.subscribers} subscriber(s) catching up`)
            for (const subs of byWorkspace.values()) for (const s of subs) s.resync()
          },
          onError: (err) => opts.log(`live feed: LISTEN connection lost, reconnecting (${errorText(err)})`),
        })
        // a failed first attempt is retried by the next subscriber
        listening.catch(() => {
          listening = null
        })
      }
      await listening
    },
    subscribe(s) {
      const subs = byWorkspace.get(s.workspaceId) ?? new Set<FeedSubscriber<T>>()
      byWorkspace.set(s.workspaceId, subs)
      subs.add(s)
      return () => {
        subs.delete(s)
        if (subs.size === 0 && byWorkspace.get(s.workspaceId) === subs) byWorkspace.delete(s.workspaceId)
      }
    },
    get subscribers() {
      let n = 0
      for (const subs of byWorkspace.values()) n += subs.size
      return n
    },
    async close() {
      closed = true
      for (const subs of [...byWorkspace.values()]) for (const s of [...subs]) s.close()
      byWorkspace.clear()
      const l = listening
      listening = null
      if (l) await (await l.catch(() => null))?.close()
      await flushing
    },
  }
  return hub
}
