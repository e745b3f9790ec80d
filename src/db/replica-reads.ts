import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { DB } from './schema.ts'

/**
 * Reads that may be a moment old, served by a streaming replica (#16 part 2, decision 022).
 *
 * Two rules keep them honest:
 * - **read-your-writes**: a write answers with the primary's WAL position after it
 *   (`writePosition`); a later read that carries it is served by the replica only once the replica
 *   has replayed that far, otherwise by the primary;
 * - **bounded staleness**: a background check samples the primary's position and the replica's
 *   replay position every second; a replica that has not replayed what the primary had
 *   `maxLagMs` ago serves nothing (every read goes to the primary) until it catches up. A replica
 *   that cannot be reached serves nothing either. Reads never fail because of the replica.
 */

/** A WAL position (pg_lsn, "16/B374D848") as a number that orders. */
export type Lsn = bigint

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i
export const parseLsn = (text: string): Lsn | null => {
  const m = LSN.exec(text.trim())
  if (!m) return null
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`)
}
export const formatLsn = (lsn: Lsn): string =>
  `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`

export interface PositionSample {
  at: number
  primary: Lsn
}

/**
 * How old the replica's data may be: the time since the newest primary position it has replayed
 * (everything committed before that sample is on the replica). With no sample it has reached,
 * it is at least as old as the oldest sample kept.
 */
export const replicaAge = (samples: readonly PositionSample[], replayed: Lsn, now: number): number => {
  let reached: number | null = null
  for (const s of samples) if (s.primary <= replayed && (reached === null || s.at > reached)) reached = s.at
  if (reached !== null) return Math.max(0, now - reached)
  const oldest = samples.reduce((min, s) => Math.min(min, s.at), now)
  return Math.max(0, now - oldest) || Number.POSITIVE_INFINITY
}

export interface ReplicaStatus {
  /** the replica answered its last check */
  reachable: boolean
  replayed: string | null
  /** ms; Infinity when unknown */
  ageMs: number
  serving: boolean
}

export interface ReplicaReads {
  /** the replica's connection when it may serve a read that must see `after` (or any read); else null */
  pick(after: Lsn | null): Promise<Kysely<DB> | null>
  /** the primary's WAL position now: after a write's commit, what its reads must see */
  writePosition(): Promise<string | null>
  status(): ReplicaStatus
  close(): Promise<void>
}

export interface ReplicaOptions {
  url: string
  poolConfig: Omit<pg.PoolConfig, 'connectionString'>
  /** the primary, for its WAL position */
  primary: Kysely<any>
  /** how old a replica's data may be before reads leave it (DAZZLE_REPLICA_MAX_LAG_MS) */
  maxLagMs?: number
  /** how often both positions are sampled */
  sampleMs?: number
  now?: () => number
}

const REPLAYED = sql<{
  lsn: string | null
}>`select (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end)::text as lsn`

export const openReplicaReads = (opts: ReplicaOptions): ReplicaReads => {
  const now = opts.now ?? Date.now
  const maxLagMs = opts.maxLagMs ?? 5_000
  const sampleMs = opts.sampleMs ?? 1_000
  const pool = new pg.Pool({ ...opts.poolConfig, connectionString: opts.url, connectionTimeoutMillis: 2_000 })
  // an idle connection the replica ends is an 'error' on the pool; reads go to the primary meanwhile
  pool.on('error', () => {})
  const raw = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
  const db = raw.withPlugin(new CamelCasePlugin()) as Kysely<DB>

  let samples: PositionSample[] = []
  let replayed: Lsn | null = null
  let reachable = false
  let closed = false

  const readReplayed = async (): Promise<Lsn | null> => {
    try {
      const r = await REPLAYED.execute(raw)
      reachable = true
      replayed = r.rows[0]?.lsn ? parseLsn(r.rows[0].lsn) : null
    } catch {
      reachable = false
      replayed = null
    }
    return replayed
  }
  const primaryPosition = async (): Promise<string | null> => {
    try {
      const r = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(opts.primary)
      return r.rows[0]?.lsn ?? null
    } catch {
      return null
    }
  }
  const age = () => (replayed === null ? Number.POSITIVE_INFINITY : replicaAge(samples, replayed, now()))

  let timer: NodeJS.Timeout | undefined
  const tick = async () => {
    const p = await primaryPosition()
    const at = now()
    if (p) {
      const lsn = parseLsn(p)
      if (lsn !== null) samples.push({ at, primary: lsn })
    }
    // keep what can still decide the age: a minute of samples, at most one per sampleMs
    samples = samples.filter((s) => at - s.at <= Math.max(60_000, maxLagMs * 2))
    await readReplayed()
    if (!closed) timer = setTimeout(tick, sampleMs).unref()
  }
  const started = tick()

  return {
    async pick(after) {
      await started
      if (!reachable || age() > maxLagMs) return null
      if (after !== null && (replayed === null || replayed < after)) {
        // it may have caught up since the last sample: ask once
        const now = await readReplayed()
        if (now === null || now < after) return null
      }
      return db
    },
    writePosition: primaryPosition,
    status: () => ({
      reachable,
      replayed: replayed === null ? null : formatLsn(replayed),
      ageMs: age(),
      serving: reachable && age() <= maxLagMs,
    }),
    async close() {
      closed = true
      clearTimeout(timer)
      await started.catch(() => undefined)
      await raw.destroy()
    },
  }
}
