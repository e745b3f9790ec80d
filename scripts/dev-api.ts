/**
 * For working on the web UI: the API on an in-memory embedded database, on PORT (default 3999),
 * also serving dist/web when built. `npx tsx scripts/dev-api.ts`
 */
import { openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { buildApp } from '../src/server/app.ts'
import { loadConfig } from '../src/server/config.ts'

const config = loadConfig({ ...process.env, PORT: process.env.PORT ?? '3999' })
const database = await openDatabase({})
await migrateToLatest(database.raw)
const { app } = await buildApp({ config, database })
await app.listen({ port: config.port, host: '127.0.0.1' })
