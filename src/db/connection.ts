import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool } from 'kysely'
import pg from 'pg'
import { PGliteDialect } from './pglite-dialect.ts'
import { PrimaryPool, splitHosts } from './primary-pool.ts'
import { openReplicaReads, type ReplicaReads } from './replica-reads.ts'
import type { DB } from './schema.ts'

export type DatabaseMode = 'embedded' | 'postgres'

export interface Database {
  /** camelCase in TypeScript, snake_case in SQL */
  db: Kysely<DB>
  /** the same connection without name mapping, for the auth library that maps its own fields */
  raw: Kysely<any>
  mode: DatabaseMode
  /** what LISTEN needs (db/notifications.ts): the embedded instance, or a dedicated client, as a pooled one cannot hold LISTEN */
  listenVia: { mode: 'embedded'; pglite: PGlite } | { mode: 'postgres'; newClient: () => pg.Client }
  /** a streaming replica for reads that may be a moment old (DATABASE_REPLICA_URL), when there is one */
  replica?: ReplicaReads | undefined
  close(): Promise<void>
}

export interface DatabaseConfig {
  /** postgres://… for a real server; otherwise the embedded database */
  databaseUrl?: string | undefined
  /** a direct address of the same servers for LISTEN, when DATABASE_URL goes through a pooler */
  listenUrl?: string | undefined
  /** a streaming replica of the same database, for reads that may be a moment old */
  replicaUrl?: string | undefined
  /** how old the replica's data may be before reads leave it, ms */
  replicaMaxLagMs?: number | undefined
  /** folder of the embedded database; omitted = in memory (tests) */
  dataDir?: string | undefined
  poolSize?: number | undefined
  /** a dump of an embedded data folder to start the (empty) folder from: a restore */
  loadDataDir?: Blob | undefined
}

const OID = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const

/** int8 (counts, sums of integers) as a JS number on both drivers; refuses to round silently. */
const parseInt8 = (v: string): number => {
  const n = Number(v)
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${v} is beyond the safe integer range`)
  return n
}
/** a SQL date stays the calendar day it is ("2011-12-09"), never a shifted Date */
const keepText = (v: string) => v

export const openDatabase = async (config: DatabaseConfig): Promise<Database> => {
  if (config.databaseUrl) {
    const poolConfig: pg.PoolConfig = {
      max: config.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: any) => {
          if (oid === OID.INT8) return parseInt8
          if (oid === OID.DATE) return keepText
          return pg.types.getTypeParser(oid, format)
        }) as typeof pg.types.getTypeParser,
      },
    }
    const urls = splitHosts(config.databaseUrl)
    // LISTEN needs a session of its own on the primary: behind a pooler in transaction mode that is
    // a direct address (DATABASE_LISTEN_URL), host for host in the same order as DATABASE_URL
    const listenUrls = config.listenUrl ? splitHosts(config.listenUrl) : urls
    let pool: PostgresPool
    let listenUrl: () => string
    if (urls.length > 1) {
      const primary = new PrimaryPool({ urls, poolConfig })
      pool = primary
      listenUrl = () => primary.currentUrl(listenUrls)
    } else {
      const single = new pg.Pool({ ...poolConfig, connectionString: config.databaseUrl })
      // an idle connection the server ends (restart, failover, shutdown) is an 'error' event on the
      // pool: without a listener Node ends the process. The pool drops that client and opens a new
      // one for the next query; a query in flight gets its own error as usual.
      single.on('error', () => {})
      pool = single
      listenUrl = () => listenUrls[0] as string
    }
    const raw = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
    const replica = config.replicaUrl
      ? openReplicaReads({
          url: config.replicaUrl,
          poolConfig,
          primary: raw,
          maxLagMs: config.replicaMaxLagMs,
        })
      : undefined
    return {
      raw,
      db: raw.withPlugin(new CamelCasePlugin()) as Kysely<DB>,
      mode: 'postgres',
      listenVia: {
        mode: 'postgres',
        newClient: () => new pg.Client({ connectionString: listenUrl(), keepAlive: true }),
      },
      replica,
      close: async () => {
        await replica?.close()
        await raw.destroy()
      },
    }
  }
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true })
  const pglite = await PGlite.create(config.dataDir, {
    parsers: { [OID.INT8]: parseInt8, [OID.DATE]: keepText },
    extensions: { pg_trgm },
    ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
  })
  const raw = new Kysely<any>({ dialect: new PGliteDialect({ pglite }) })
  return {
    raw,
    db: raw.withPlugin(new CamelCasePlugin()) as Kysely<DB>,
    mode: 'embedded',
    listenVia: { mode: 'embedded', pglite },
    close: async () => {
      await raw.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}
