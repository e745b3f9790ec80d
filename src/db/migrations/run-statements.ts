import { type Kysely, sql } from 'kysely'

/**
 * Runs a script of statements one by one: PGlite's extended protocol takes one statement per query.
 * Splits on a semicolon at the end of a line, except inside a `$$ … $$` body.
 */
export const runStatements = async (db: Kysely<any>, script: string) => {
  const statements: string[] = []
  let current = ''
  let inBody = false
  for (const line of script.split('\n')) {
    current += `${line}\n`
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inBody = !inBody
    if (!inBody && /;\s*$/.test(line)) {
      statements.push(current.trim())
      current = ''
    }
  }
  if (current.trim()) statements.push(current.trim())
  for (const s of statements) await sql.raw(s).execute(db)
}
