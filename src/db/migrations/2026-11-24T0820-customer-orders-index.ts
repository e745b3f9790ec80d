import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/** The customers list sorted by number of orders reads a page from this index, as the other sorts do. */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `create index customer_orders_idx on customer(workspace_id, order_count desc, id);`)
}
