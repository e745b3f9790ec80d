import { type Kysely, sql } from 'kysely'
import type { DB } from './schema.ts'

/**
 * One purchase line ready for the table (customer already resolved), as a tuple in the order of
 * the statement below: customer id, line key, invoice, purchased at (ISO instant), product code,
 * description, quantity, unit price, amount, currency, is cancellation, is product.
 */
export type PurchaseTuple = [
  customerId: string,
  lineKey: string,
  invoiceId: string,
  purchasedAt: string,
  productCode: string | null,
  description: string | null,
  quantity: number,
  unitPrice: number,
  amount: number,
  currency: string,
  isCancellation: boolean,
  isProduct: boolean,
]

/**
 * Inserts purchase lines, skipping those whose line key is already on file; returns how many were
 * added. The batch goes as one JSON parameter (an array of tuples): `JSON.stringify` is native and
 * the server reads jsonb faster than it reads a dozen text arrays (measured on the retail year:
 * about a third less server time than `unnest` of arrays, and half the client time).
 * (An anti-join against purchase before `on conflict` is cheaper on a second import in isolation,
 * but inside the import's transaction the table's statistics lag behind the rows just added and
 * the planner picks a scan of the whole table per batch: quadratic. Left out on purpose.)
 */
export const insertPurchases = async (
  trx: Kysely<DB>,
  workspaceId: string,
  rows: readonly PurchaseTuple[],
): Promise<number> => {
  if (!rows.length) return 0
  const result = await sql`
    insert into purchase (workspace_id, customer_id, line_key, invoice_id, purchased_at, product_code,
                          description, quantity, unit_price, amount, currency, is_cancellation, is_product)
    select ${workspaceId}, e->>0, e->>1, e->>2, (e->>3)::timestamptz, e->>4, e->>5, (e->>6)::numeric,
           (e->>7)::numeric, (e->>8)::numeric, e->>9, (e->>10)::boolean, (e->>11)::boolean
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) e
    on conflict (workspace_id, line_key) do nothing
  `.execute(trx)
  return Number(result.numAffectedRows ?? 0)
}
