import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/** The customers list's filter values (segments) are read by a loose index scan on this index. */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `create index customer_segment_idx on customer(workspace_id, segment);`)
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, `drop index if exists customer_segment_idx;`)
}
