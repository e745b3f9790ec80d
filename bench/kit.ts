/** What the benches share: their arguments, how they print and time, and the app on a throwaway database. */
import { openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { buildApp } from '../src/server/app.ts'
import { loadConfig } from '../src/server/config.ts'
import { memoryMailer } from '../src/server/mailer.ts'
import { startPostgres } from '../test/support/postgres-server.ts'

export const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1]! : fallback
}
export const out = (s: string) => process.stdout.write(`${s}\n`)
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`
export const time = async <T>(f: () => Promise<T>) => {
  const t0 = performance.now()
  const r = await f()
  return [performance.now() - t0, r] as const
}
export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!

/** The app on a migrated throwaway database: PGlite, or a PostgreSQL server of its own (`--db postgres`). */
export const benchApp = async (dbKind: string) => {
  const pgServer = dbKind === 'postgres' ? await startPostgres() : null
  const database = await openDatabase({ databaseUrl: pgServer?.url })
  await migrateToLatest(database.raw)
  const config = { ...loadConfig({}), logLevel: 'silent', signInPerMinute: 1_000_000 }
  const { app, deps } = await buildApp({ config, database, mailer: memoryMailer(), logger: false })
  return { pgServer, database, app, deps }
}
