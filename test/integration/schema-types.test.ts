import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { GENERATED_FILE, generateSchemaTypes, migratedPostgres } from '../../scripts/schema-types.ts'
import type { PostgresServer } from '../support/postgres-server.ts'

let server: PostgresServer
beforeAll(async () => {
  server = await migratedPostgres()
}, 60_000)
afterAll(async () => {
  await server?.stop()
})

it('keeps the DB types generated from the migrated schema', async () => {
  const generated = await generateSchemaTypes(server.url)
  const committed = readFileSync(path.resolve(import.meta.dirname, '../..', GENERATED_FILE), 'utf8')
  // not toEqual's diff of the whole file first: the message says what to do
  if (committed !== generated) {
    expect.fail(`${GENERATED_FILE} is out of date with the migrations: run npm run db:types`)
  }
})
