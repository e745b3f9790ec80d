import type { Kysely } from 'kysely'
import type { DB } from './schema.ts'

/**
 * Query shapes the stores share, so each is written once: what differs from one store to the next
 * is the table and the columns, not the logic.
 */

/** The tables of workspace data: every one carries `workspace_id`. */
export type WorkspaceTable = { [T in keyof DB]: DB[T] extends { workspaceId: unknown } ? T : never }[keyof DB]

/**
 * Deletes the rows of `table` in one workspace whose columns hold the values of `where` (all of
 * them: `{ customerId, id }` is one customer's row, never another's); answers whether any was there.
 */
export const deleteInWorkspace = async <T extends WorkspaceTable>(
  trx: Kysely<DB>,
  table: T,
  workspaceId: string,
  where: { [C in keyof DB[T] & string]?: string },
): Promise<boolean> => {
  // one table chosen at run time: Kysely checks the names through the types above, not here
  let q = (trx as Kysely<any>).deleteFrom(table as string).where('workspaceId', '=', workspaceId)
  for (const [column, value] of Object.entries(where)) q = q.where(column, '=', value)
  const r = await q.executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}
