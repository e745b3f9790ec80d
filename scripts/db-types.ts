// `npm run db:types`: a throwaway PostgreSQL, migrated to latest, gives src/db/schema.generated.ts.
// `npm run db:types -- --check` only says whether the committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { GENERATED_FILE, generateSchemaTypes, migratedPostgres } from './schema-types.ts'

const file = path.resolve(import.meta.dirname, '..', GENERATED_FILE)
const check = process.argv.includes('--check')
const started = Date.now()
const server = await migratedPostgres()
let text: string
try {
  text = await generateSchemaTypes(server.url)
} finally {
  await server.stop()
}
const before = (() => {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
})()
const secs = ((Date.now() - started) / 1000).toFixed(1)
if (check) {
  if (before !== text) {
    console.error(`${GENERATED_FILE} is out of date with the migrations: run npm run db:types`)
    process.exit(1)
  }
  console.log(`${GENERATED_FILE} is up to date with the migrations (${secs}s)`)
} else if (before === text) {
  console.log(`${GENERATED_FILE} was already up to date (${secs}s)`)
} else {
  writeFileSync(file, text)
  console.log(`wrote ${GENERATED_FILE} (${secs}s)`)
}
