import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from './schema.ts'

/**
 * Runs `fn` in one transaction as the dazzle_app role with the workspace set, so PostgreSQL's
 * row-level security hides every other workspace's rows even from a query that forgets the filter.
 * This is the second wall; stores still filter by workspace_id themselves.
 */
export const inWorkspace = async <T>(
  db: Kysely<DB>,
  workspaceId: string,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> =>
  db.transaction().execute(async (trx) => {
    await sql`select set_config('dazzle.workspace_id', ${workspaceId}, true), set_config('role', 'dazzle_app', true)`.execute(
      trx,
    )
    return fn(trx)
  })
