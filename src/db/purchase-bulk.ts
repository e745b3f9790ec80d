import { type Kysely, sql } from 'kysely'
import type { DB } from './schema.ts'

/** One purchase line ready for the table (customer already resolved). */
export interface PurchaseRow {
  customerId: string
  lineKey: string
  invoiceId: string
  purchasedAt: Date
  productCode: string | null
  description: string | null
  quantity: number
  unitPrice: number
  amount: number
  currency: string
  isCancellation: boolean
  isProduct: boolean
}

/**
 * Inserts purchase lines, skipping those whose line key is already on file; returns how many were
 * added. One statement with one array per column (`unnest`): 13 parameters whatever the batch size,
 * so the database parses and plans one small statement instead of binding 13 values per row.
 */
export const insertPurchases = async (
  trx: Kysely<DB>,
  workspaceId: string,
  rows: readonly PurchaseRow[],
): Promise<number> => {
  if (!rows.length) return 0
  const n = rows.length
  const customerId = new Array<string>(n)
  const lineKey = new Array<string>(n)
  const invoiceId = new Array<string>(n)
  const purchasedAt = new Array<string>(n)
  const productCode = new Array<string | null>(n)
  const description = new Array<string | null>(n)
  const quantity = new Array<string>(n)
  const unitPrice = new Array<string>(n)
  const amount = new Array<string>(n)
  const currency = new Array<string>(n)
  const isCancellation = new Array<boolean>(n)
  const isProduct = new Array<boolean>(n)
  for (let i = 0; i < n; i++) {
    const r = rows[i]!
    customerId[i] = r.customerId
    lineKey[i] = r.lineKey
    invoiceId[i] = r.invoiceId
    purchasedAt[i] = r.purchasedAt.toISOString()
    productCode[i] = r.productCode
    description[i] = r.description
    quantity[i] = String(r.quantity)
    unitPrice[i] = String(r.unitPrice)
    amount[i] = String(r.amount)
    currency[i] = r.currency
    isCancellation[i] = r.isCancellation
    isProduct[i] = r.isProduct
  }
  const result = await sql`
    insert into purchase (workspace_id, customer_id, line_key, invoice_id, purchased_at, product_code,
                          description, quantity, unit_price, amount, currency, is_cancellation, is_product)
    select ${workspaceId}, u.* from unnest(
      ${customerId}::text[], ${lineKey}::text[], ${invoiceId}::text[], ${purchasedAt}::timestamptz[],
      ${productCode}::text[], ${description}::text[], ${quantity}::numeric[], ${unitPrice}::numeric[],
      ${amount}::numeric[], ${currency}::text[], ${isCancellation}::boolean[], ${isProduct}::boolean[]
    ) as u
    on conflict (workspace_id, line_key) do nothing
  `.execute(trx)
  return Number(result.numAffectedRows ?? 0)
}
