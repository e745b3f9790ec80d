import { type Database, openDatabase } from '../db/connection.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { createDeps } from '../server/app.ts'
import type { AppConfig } from '../server/config.ts'
import { acquireLock } from '../server/data-folder-lock.ts'
import type { ServerDeps } from '../server/deps.ts'

/** Opens the configured database (taking the embedded folder's lock) and brings it to the latest schema. */
export const openConfiguredDatabase = async (
  config: AppConfig,
  holder: { kind: 'server' | 'cli'; command: string },
): Promise<{ database: Database; lock: ReturnType<typeof acquireLock> | null; migrated: string[] }> => {
  const lock = config.databaseUrl ? null : acquireLock(config.dataDir, holder)
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      listenUrl: config.databaseListenUrl,
      replicaUrl: config.databaseReplicaUrl,
      replicaMaxLagMs: config.replicaMaxLagMs,
      dataDir: config.dataDir,
    })
    const migrated = await migrateToLatest(database.raw)
    return { database, lock, migrated }
  } catch (e) {
    lock?.release()
    throw e
  }
}

/** For one CLI task run in this process: the database and the same dependencies the server builds. */
export const withLocalDeps = async <T>(
  config: AppConfig,
  command: string,
  fn: (deps: ServerDeps) => Promise<T>,
) => {
  const { database, lock } = await openConfiguredDatabase(config, { kind: 'cli', command })
  try {
    const deps = await createDeps({ config, database }, () => undefined)
    return await fn(deps)
  } finally {
    await database.close()
    lock?.release()
  }
}
