import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * Customers of one segment in value order, from an index: the customers list filtered by segment
 * and sorted by value, and marketing search walking a segment's customers most valuable first
 * (before, 200,000 customers in four segments meant four customers read for each one kept). The
 * loose index scan that lists the segments reads this index's first columns as it read the old one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `create index customer_segment_value_idx on customer(workspace_id, segment, lifetime_revenue desc, id);
     drop index if exists customer_segment_idx;`,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `create index customer_segment_idx on customer(workspace_id, segment);
     drop index if exists customer_segment_value_idx;`,
  )
}
