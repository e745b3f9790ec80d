import type { Database } from '../../db/connection.ts'
import { type Listening, listen } from '../../db/notifications.ts'

/**
 * NOTIFYed on commit by triggers (migration 2026-12-15T0800): {"workspaceId","kind":"changed"} when a
 * recovery, story or award of the workspace changes; {"workspaceId","kind":"revoked","linkId"} when a
 * wall link is revoked. Ids only, never text.
 */
export const WALL_CHANNEL = 'dazzle_wall'

export interface WallSubscriber {
  workspaceId: string
  linkId: string
  /** something the wall shows may have changed: read it again */
  changed(): void
  /** the link was revoked (on any instance): end the stream */
  revoked(): void
  /** the hub is shutting down */
  close(): void
}

export interface WallHub {
  start(): Promise<void>
  subscribe(s: WallSubscriber): () => void
  /** open streams of one link on this instance */
  streamsOf(linkId: string): number
  readonly subscribers: number
  timing: { heartbeatMs: number; maxAgeMs: number; retryMs: number; settleMs: number }
  close(): Promise<void>
}

const parse = (payload: string): { workspaceId: string; kind: string; linkId?: string } | null => {
  try {
    const v = JSON.parse(payload) as Record<string, unknown>
    if (typeof v.workspaceId === 'string' && typeof v.kind === 'string') {
      return {
        workspaceId: v.workspaceId,
        kind: v.kind,
        ...(typeof v.linkId === 'string' ? { linkId: v.linkId } : {}),
      }
    }
  } catch {}
  return null
}

/**
 * One LISTEN per process for the walls open on it, as decision 009: every instance on the same
 * PostgreSQL hears every NOTIFY, so a recovery closed through one instance moves the wall served
 * by another, and a link revoked on one ends its streams on all. Changes that arrive together (a
 * recovery closed with its story) are read once, `settleMs` after the first.
 */
export const createWallHub = (opts: { database: Database; log(msg: string): void }): WallHub => {
  const byWorkspace = new Map<string, Set<WallSubscriber>>()
  const settling = new Map<string, NodeJS.Timeout>()
  let listening: Promise<Listening> | null = null
  let closed = false

  const changedIn = (workspaceId: string) => {
    if (settling.has(workspaceId)) return
    const t = setTimeout(() => {
      settling.delete(workspaceId)
      for (const s of [...(byWorkspace.get(workspaceId) ?? [])]) s.changed()
    }, hub.timing.settleMs)
    settling.set(workspaceId, t)
  }

  const hub: WallHub = {
    timing: { heartbeatMs: 15_000, maxAgeMs: 10 * 60_000, retryMs: 3_000, settleMs: 250 },
    async start() {
      if (closed) throw new Error('the wall is shut down')
      if (!listening) {
        listening = listen(opts.database, WALL_CHANNEL, {
          onNotification(payload) {
            const n = parse(payload)
            const subs = n && byWorkspace.get(n.workspaceId)
            if (!n || !subs?.size) return
            if (n.kind === 'revoked') {
              // after the committing query (PGlite calls back in its middle)
              setImmediate(() => {
                for (const s of [...subs]) if (s.linkId === n.linkId) s.revoked()
              })
            } else changedIn(n.workspaceId)
          },
          // whatever happened while LISTEN was down: every wall reads again (a revoked link is refused then)
          onReconnect: () => {
            for (const ws of byWorkspace.keys()) changedIn(ws)
          },
          onError: (e) =>
            opts.log(`wall: LISTEN connection lost, reconnecting (${e instanceof Error ? e.message : e})`),
        })
        listening.catch(() => {
          listening = null
        })
      }
      await listening
    },
    subscribe(s) {
      const subs = byWorkspace.get(s.workspaceId) ?? new Set<WallSubscriber>()
      byWorkspace.set(s.workspaceId, subs)
      subs.add(s)
      return () => {
        subs.delete(s)
        if (subs.size === 0 && byWorkspace.get(s.workspaceId) === subs) byWorkspace.delete(s.workspaceId)
      }
    },
    streamsOf(linkId) {
      let n = 0
      for (const subs of byWorkspace.values()) for (const s of subs) if (s.linkId === linkId) n++
      return n
    },
    get subscribers() {
      let n = 0
      for (const s of byWorkspace.values()) n += s.size
      return n
    },
    async close() {
      closed = true
      for (const t of settling.values()) clearTimeout(t)
      settling.clear()
      for (const subs of [...byWorkspace.values()]) for (const s of [...subs]) s.close()
      byWorkspace.clear()
      const l = listening
      listening = null
      if (l) await (await l.catch(() => null))?.close()
    },
  }
  return hub
}
