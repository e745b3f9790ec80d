import type { PostgresPool, PostgresPoolClient } from 'kysely'
import pg from 'pg'

/**
 * The write target among several PostgreSQL servers (decision 020). `DATABASE_URL` may name more
 * than one host, as libpq does (`postgres://u@db1:5432,db2:5432/dazzle`); node-postgres takes one,
 * so each host gets its own pool and this one hands out connections of whichever host answers
 * read-write right now. After a failover (the primary gone, a replica promoted) the next
 * connection finds the new primary without a restart; a server that turned read-only (an old
 * primary come back as a standby) is noticed at the next check and left.
 */

/** Splits a libpq-style URL with a host list into one URL per host, keeping everything else. */
export const splitHosts = (url: string): string[] => {
  const m = /^(postgres(?:ql)?:\/\/)([^@/]*@)?([^/?#]*)(.*)$/.exec(url)
  if (!m) return [url]
  const [, scheme, userinfo = '', hosts = '', rest = ''] = m
  const list = hosts.split(',').filter(Boolean)
  if (list.length <= 1) return [url]
  return list.map((h) => `${scheme}${userinfo}${h}${rest}`)
}

/** SQLSTATEs and socket errors after which the write target must be looked for again */
export const lostPrimary = (err: unknown): boolean => {
  const e = err as { code?: unknown; message?: unknown } | null
  const code = typeof e?.code === 'string' ? e.code : ''
  if (code === '25006') return true // read_only_sql_transaction: this server is a standby now
  if (code.startsWith('08') || code.startsWith('57P')) return true // connection exception, shutdown
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code))
    return true
  const msg = typeof e?.message === 'string' ? e.message : ''
  return /Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery)/i.test(
    msg,
  )
}

const withTimeout = <T>(p: Promise<T>, ms: number, message: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(message), { code: 'ETIMEDOUT' })), ms)
  })
  p.catch(() => undefined)
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}

export interface PrimaryPoolOptions {
  urls: string[]
  poolConfig: Omit<pg.PoolConfig, 'connectionString'>
  /** how long a host's read-write answer is trusted before it is asked again */
  recheckMs?: number
  /** how long connect() keeps looking for a write target before it gives up */
  waitMs?: number
  /** how long a host may take to say whether it is a standby */
  checkMs?: number
  now?: () => number
}

export class PrimaryPool implements PostgresPool {
  readonly pools: pg.Pool[]
  /** the host last seen read-write, or null while it is being looked for */
  current: number | null = null
  private checkedAt = 0
  private readonly watched = new WeakSet<pg.PoolClient>()
  private readonly recheckMs: number
  private readonly waitMs: number
  private readonly checkMs: number
  private readonly now: () => number

  constructor(opts: PrimaryPoolOptions) {
    this.recheckMs = opts.recheckMs ?? 2_000
    this.waitMs = opts.waitMs ?? 10_000
    this.checkMs = opts.checkMs ?? 2_000
    this.now = opts.now ?? Date.now
    this.pools = opts.urls.map((connectionString) => {
      const pool = new pg.Pool({ connectionTimeoutMillis: 3_000, ...opts.poolConfig, connectionString })
      // an idle connection the server ends (restart, failover, shutdown) is an 'error' event on the
      // pool: without a listener Node ends the process. The pool drops that client.
      pool.on('error', () => {
        this.forget()
      })
      return pool
    })
  }

  /** the write target must be looked for again at the next connect */
  forget() {
    this.checkedAt = 0
  }

  async connect(): Promise<PostgresPoolClient> {
    const deadline = this.now() + this.waitMs
    let lastError: unknown = new Error('no PostgreSQL server answered read-write')
    for (let attempt = 0; ; attempt++) {
      const order = this.order()
      for (const i of order) {
        const pool = this.pools[i] as pg.Pool
        let client: pg.PoolClient
        try {
          client = await pool.connect()
        } catch (e) {
          lastError = e
          if (this.current === i) this.current = null
          continue
        }
        const fresh = this.current === i && this.now() - this.checkedAt < this.recheckMs
        if (!fresh) {
          try {
            // behind a pooler whose server is gone the question waits for the pooler to give
            // up: a host that does not answer in time is passed over
            const r = await withTimeout(
              client.query<{ ro: boolean }>('select pg_is_in_recovery() as ro'),
              this.checkMs,
              'the server did not answer whether it is a standby',
            )
            if (r.rows[0]?.ro) {
              client.release(true)
              if (this.current === i) this.current = null
              lastError = new Error('the server is a standby (read-only)')
              continue
            }
          } catch (e) {
            client.release(true)
            lastError = e
            if (this.current === i) this.current = null
            continue
          }
          this.current = i
          this.checkedAt = this.now()
        }
        return this.watch(client)
      }
      if (this.now() >= deadline) throw lastError
      await new Promise((r) => setTimeout(r, Math.min(1_000, 100 * 2 ** attempt)))
    }
  }

  /** the known write target first, then the others in the order given */
  private order(): number[] {
    const all = this.pools.map((_, i) => i)
    if (this.current === null) return all
    return [this.current, ...all.filter((i) => i !== this.current)]
  }

  /** a query that fails because the server went away or turned read-only makes the next connect look again */
  private watch(client: pg.PoolClient): PostgresPoolClient {
    // a pooled client comes back many times: it is wrapped once, on its first checkout
    if (this.watched.has(client)) return client as unknown as PostgresPoolClient
    this.watched.add(client)
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    const self = this
    ;(client as unknown as { query: unknown }).query = function watched(...args: unknown[]) {
      const out = query(...args)
      if (
        out &&
        typeof (out as Promise<unknown>).catch === 'function' &&
        typeof (out as Promise<unknown>).then === 'function'
      ) {
        ;(out as Promise<unknown>).catch((e: unknown) => {
          if (lostPrimary(e)) self.forget()
        })
      }
      return out
    }
    return client as unknown as PostgresPoolClient
  }

  /** a URL of the host last seen read-write (or the first), for a LISTEN connection of its own */
  currentUrl(urls: string[]): string {
    return urls[this.current ?? 0] ?? (urls[0] as string)
  }

  async end(): Promise<void> {
    await Promise.all(this.pools.map((p) => p.end()))
  }
}
