import { type Kysely, type Migration, Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../../src/db/connection.ts'
import { MIGRATION_TABLE, MIGRATIONS, migrateToLatest, migrator } from '../../src/db/migrate.ts'
import { createDatabase, type PostgresServer, startPostgres } from '../support/postgres-server.ts'

const KNOWN = '2026-11-24T0850-known-function'
const API_TOKEN = '2026-11-24T0855-api-token-function'
const HOT_READS = '2026-11-24T0850-hot-read-functions'

/** The list as it was from 14bf94d on: known-function renamed, with the API token's function in it. */
const historyWithHotReads = (): Record<string, Migration> => {
  const list: Record<string, Migration> = {}
  for (const [name, m] of Object.entries(MIGRATIONS)) {
    if (name === API_TOKEN) continue
    if (name === KNOWN) {
      list[HOT_READS] = {
        up: async (db) => {
          await MIGRATIONS[KNOWN]!.up(db)
          await MIGRATIONS[API_TOKEN]!.up(db)
        },
      }
    } else list[name] = m
  }
  return list
}

const recorded = async (raw: Kysely<any>) =>
  (
    await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(raw)
  ).rows.map((r) => r.name)

const hasFunction = async (raw: Kysely<any>, name: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from pg_proc where proname = ${name}`.execute(raw))
    .rows[0]!.n > 0

const servers: PostgresServer[] = []
afterAll(async () => {
  for (const s of servers) await s.stop()
})
let serverUrl: string | undefined
const open = async (mode: 'embedded' | 'postgres'): Promise<Database> => {
  if (mode === 'embedded') return openDatabase({})
  if (!serverUrl) {
    const server = await startPostgres()
    servers.push(server)
    serverUrl = server.url
  }
  return openDatabase({ databaseUrl: await createDatabase(serverUrl) })
}

describe.each(['embedded', 'postgres'] as const)('migration history on %s', (mode) => {
  let d: Database
  beforeAll(async () => {
    d = await open(mode)
  }, 60_000)
  afterAll(async () => {
    await d?.close()
  })

  it('records the known-function and the API token migrations for a database that ran hot-read-functions', async () => {
    const old = new Migrator({
      db: d.raw,
      provider: { getMigrations: async () => historyWithHotReads() },
      migrationTableName: MIGRATION_TABLE,
    })
    const { error } = await old.migrateToLatest()
    expect(error).toBeUndefined()
    expect(await recorded(d.raw)).toContain(HOT_READS)

    expect(await migrateToLatest(d.raw)).toEqual([])
    const names = await recorded(d.raw)
    expect(names).not.toContain(HOT_READS)
    expect(names).toEqual(Object.keys(MIGRATIONS).sort())
    expect(await hasFunction(d.raw, 'dazzle_known')).toBe(true)
    expect(await hasFunction(d.raw, 'dazzle_api_token')).toBe(true)
    // and again: nothing left to mend, nothing to run
    expect(await migrateToLatest(d.raw)).toEqual([])
    // the history is in order for the migrator: it can step back through the mended rows
    const back = await migrator(d.raw).migrateTo(KNOWN)
    expect(back.error).toBeUndefined()
    expect(await hasFunction(d.raw, 'dazzle_api_token')).toBe(false)
    expect(await hasFunction(d.raw, 'dazzle_known')).toBe(true)
    expect(await migrateToLatest(d.raw)).toEqual(Object.keys(MIGRATIONS).filter((n) => n >= API_TOKEN))
  })
})

describe.each(['embedded', 'postgres'] as const)('the API token migration on %s', (mode) => {
  let d: Database
  beforeAll(async () => {
    d = await open(mode)
  }, 60_000)
  afterAll(async () => {
    await d?.close()
  })

  it('runs after known-function for a database that ran known-function as released', async () => {
    const { error } = await migrator(d.raw).migrateTo(KNOWN)
    expect(error).toBeUndefined()
    expect(await hasFunction(d.raw, 'dazzle_api_token')).toBe(false)
    expect(await migrateToLatest(d.raw)).toEqual(Object.keys(MIGRATIONS).filter((n) => n >= API_TOKEN))
    expect(await hasFunction(d.raw, 'dazzle_api_token')).toBe(true)
  })

  it('removes the function when undone, and makes it again when redone', async () => {
    expect((await migrator(d.raw).migrateTo(API_TOKEN)).error).toBeUndefined()
    expect(await hasFunction(d.raw, 'dazzle_api_token')).toBe(true)
    expect((await migrator(d.raw).migrateDown()).error).toBeUndefined()
    expect(await hasFunction(d.raw, 'dazzle_api_token')).toBe(false)
    expect(await hasFunction(d.raw, 'dazzle_known')).toBe(true)
    expect(await recorded(d.raw)).not.toContain(API_TOKEN)
    expect(await migrateToLatest(d.raw)).toContain(API_TOKEN)
    expect(await hasFunction(d.raw, 'dazzle_api_token')).toBe(true)
  })
})
