import type pg from 'pg'
import type { Database } from './connection.ts'

export interface ListenOptions {
  /** the payload of each NOTIFY on the channel, in commit order */
  onNotification(payload: string): void
  /**
   * The connection was lost and is back: notifications sent while it was down are gone for good,
   * so whoever depends on them catches up from the tables.
   */
  onReconnect?(): void
  /** a lost connection or a failed attempt; the listener keeps retrying on its own */
  onError?(error: unknown): void
  /** first wait before reconnecting, doubled on each failure up to `maxDelayMs` */
  initialDelayMs?: number
  maxDelayMs?: number
}

export interface Listening {
  /** whether LISTEN is in place right now (false while a lost connection is being re-opened) */
  readonly live: boolean
  close(): Promise<void>
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * LISTEN on `channel` for as long as the process runs. PGlite: the embedded instance delivers its own
 * notifications when a transaction commits. PostgreSQL: one dedicated client (a pooled connection
 * would lose LISTEN when given back), reopened with backoff whenever it drops. Resolves once LISTEN
 * is in place; rejects if the first attempt fails.
 */
export const listen = async (
  database: Database,
  channel: string,
  opts: ListenOptions,
): Promise<Listening> => {
  if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`)
  const via = database.listenVia
  if (via.mode === 'embedded') {
    const unlisten = await via.pglite.listen(channel, (payload) => opts.onNotification(payload))
    let live = true
    return {
      get live() {
        return live
      },
      async close() {
        if (!live) return
        live = false
        if (!via.pglite.closed) await unlisten()
      },
    }
  }
  return listenOnPostgres(via.newClient, channel, opts)
}

const listenOnPostgres = async (
  newClient: () => pg.Client,
  channel: string,
  opts: ListenOptions,
): Promise<Listening> => {
  const initialDelay = opts.initialDelayMs ?? 200
  const maxDelay = opts.maxDelayMs ?? 10_000
  let client: pg.Client | null = null
  let closed = false
  let failures = 0
  let timer: NodeJS.Timeout | null = null

  /** opens a client and LISTENs; a client that drops later schedules the next attempt itself */
  const connect = async (): Promise<void> => {
    const c = newClient()
    let dropped = false
    let wasLive = false
    const drop = (error?: unknown) => {
      if (dropped) return
      dropped = true
      if (client === c) client = null
      c.removeAllListeners('notification')
      void c.end().catch(() => undefined)
      if (error !== undefined) opts.onError?.(error)
      if (!closed && wasLive) retry()
    }
    c.on('notification', (m) => {
      if (m.channel === channel && m.payload !== undefined) opts.onNotification(m.payload)
    })
    c.on('error', (e) => drop(e))
    c.on('end', () => drop())
    try {
      await c.connect()
      await c.query(`LISTEN ${c.escapeIdentifier(channel)}`)
    } catch (e) {
      drop()
      throw e
    }
    if (closed) {
      dropped = true
      await c.end().catch(() => undefined)
      return
    }
    wasLive = true
    client = c
    failures = 0
  }

  const retry = () => {
    if (closed || timer) return
    // jitter, so that many instances losing the same server do not all come back at the same moment
    const delay = Math.min(maxDelay, initialDelay * 2 ** failures) * (0.8 + Math.random() * 0.4)
    failures++
    timer = setTimeout(() => {
      timer = null
      connect().then(
        () => {
          if (!closed) opts.onReconnect?.()
        },
        (e) => {
          opts.onError?.(e)
          retry()
        },
      )
    }, delay)
    timer.unref()
  }

  await connect()
  return {
    get live() {
      return client !== null
    },
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      timer = null
      const c = client
      client = null
      if (c) {
        c.removeAllListeners()
        c.on('error', () => undefined)
        await c.end().catch(() => undefined)
      }
    },
  }
}
