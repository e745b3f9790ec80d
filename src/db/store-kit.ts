import type { Insertable, Kysely, SelectQueryBuilder, Updateable } from 'kysely'
import type { DB } from './schema.ts'

/**
 * Query shapes the stores share, so each is written once: what differs from one store to the next
 * is the table and the columns, not the logic. Every one filters by `workspace_id` (the first wall;
 * row-level security is the second), so no store can forget it.
 */

/** The tables of workspace data: every one carries `workspace_id`. */
export type WorkspaceTable = { [T in keyof DB]: DB[T] extends { workspaceId: unknown } ? T : never }[keyof DB]

/** The workspace tables whose rows belong to one customer. */
export type CustomerTable = {
  [T in WorkspaceTable]: DB[T] extends { customerId: unknown } ? T : never
}[WorkspaceTable]

/** The workspace tables with an `id` column. */
export type IdTable = { [T in WorkspaceTable]: DB[T] extends { id: unknown } ? T : never }[WorkspaceTable]

/**
 * Which rows: each column holds its value (all of them: `{ customerId, id }` is one customer's row,
 * never another's); a list is any of its values, null is "is null".
 */
export type RowMatch<T extends WorkspaceTable> = {
  [C in keyof DB[T] & string]?: string | readonly string[] | null
}

// one table chosen at run time: Kysely checks the names through the types of each helper, not here
type AnyWhere<Q> = { where(column: string, op: string, value: unknown): Q }
const matching = <Q extends AnyWhere<Q>>(q: Q, where: Record<string, unknown>): Q => {
  let out = q
  for (const [column, value] of Object.entries(where)) {
    // a missing value must not widen a write to every row: it is a bug, not "any"
    if (value === undefined) throw new Error(`no value for ${column}`)
    out =
      value === null
        ? out.where(column, 'is', null)
        : Array.isArray(value)
          ? out.where(column, 'in', value)
          : out.where(column, '=', value)
  }
  return out
}
const untyped = (trx: Kysely<DB>) => trx as unknown as Kysely<any>

/** A query of one table's rows, nothing selected yet (as `trx.selectFrom(table)` answers it). */
// biome-ignore lint/complexity/noBannedTypes: Kysely's own type for "no columns selected yet"
export type RowsOf<T extends keyof DB> = SelectQueryBuilder<DB, T, {}>

/** The rows of `table` in one workspace, to select from (`.select(…)`, more `.where(…)`, `.execute()`). */
export const fromWorkspace = <T extends WorkspaceTable>(trx: Kysely<DB>, table: T, workspaceId: string) =>
  untyped(trx)
    .selectFrom(table as string)
    .where('workspaceId', '=', workspaceId) as unknown as RowsOf<T>

const alsoWhere = <T extends WorkspaceTable>(q: RowsOf<T>, column: string, value: string) =>
  (q as unknown as AnyWhere<RowsOf<T>>).where(column, '=', value)

/** One row of `table` in the workspace, by its id. */
export const byIdInWorkspace = <T extends IdTable>(
  trx: Kysely<DB>,
  table: T,
  workspaceId: string,
  id: string,
) => alsoWhere(fromWorkspace(trx, table, workspaceId), 'id', id)

/** One customer's rows of `table` (its people, relations, secrets, purchases …). */
export const ofCustomer = <T extends CustomerTable>(
  trx: Kysely<DB>,
  table: T,
  workspaceId: string,
  customerId: string,
) => alsoWhere(fromWorkspace(trx, table, workspaceId), 'customerId', customerId)

/** The first row a query finds, mapped to its entity; undefined when there is none. */
export const mapFirst = async <R, E>(
  q: { executeTakeFirst(): Promise<R | undefined> },
  to: (r: R) => E,
): Promise<E | undefined> => {
  const r = await q.executeTakeFirst()
  return r === undefined ? undefined : to(r)
}

/** Adds one row to `table` in the workspace; answers its id. */
export const insertInWorkspace = async <T extends IdTable>(
  trx: Kysely<DB>,
  table: T,
  workspaceId: string,
  values: Omit<Insertable<DB[T]>, 'workspaceId'>,
): Promise<string> => {
  const r = await untyped(trx)
    .insertInto(table as string)
    .values({ workspaceId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

/** Which rows of which table of one workspace, as `rowsInWorkspace` and `deleteInWorkspace` take them. */
type Rows<T extends WorkspaceTable> = [trx: Kysely<DB>, table: T, workspaceId: string, where: RowMatch<T>]

/** The rows of `table` in one workspace that `where` matches, to change or delete; each answers how many. */
export const rowsInWorkspace = <T extends WorkspaceTable>(...[trx, table, workspaceId, where]: Rows<T>) => {
  const scoped = <Q extends AnyWhere<Q>>(q: Q) => matching(q.where('workspaceId', '=', workspaceId), where)
  return {
    async update(set: Updateable<DB[T]>): Promise<number> {
      const q = untyped(trx)
        .updateTable(table as string)
        .set(set as Record<string, unknown>)
      return Number((await scoped(q).executeTakeFirst()).numUpdatedRows)
    },
    async delete(): Promise<number> {
      return Number(
        (await scoped(untyped(trx).deleteFrom(table as string)).executeTakeFirst()).numDeletedRows,
      )
    },
  }
}

/** Deletes the rows of `table` in one workspace that `where` matches; answers whether any was there. */
export const deleteInWorkspace = async <T extends WorkspaceTable>(...rows: Rows<T>): Promise<boolean> =>
  (await rowsInWorkspace(...rows).delete()) > 0
