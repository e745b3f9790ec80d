import { parseTimestamp } from './zoned-time.ts'

/** The fields a purchases file can fill, in the order the wizard shows them. */
export const PURCHASE_FIELDS = [
  'invoiceId',
  'productCode',
  'description',
  'quantity',
  'purchasedAt',
  'unitPrice',
  'amount',
  'customerExternalId',
  'country',
  'currency',
] as const
export type PurchaseField = (typeof PURCHASE_FIELDS)[number]
export const PURCHASE_REQUIRED: PurchaseField[] = [
  'invoiceId',
  'quantity',
  'purchasedAt',
  'customerExternalId',
]

/** Header words that name each field, normalised (lowercase, no spaces, dashes or underscores). */
const PURCHASE_SYNONYMS: Record<PurchaseField, string[]> = {
  invoiceId: ['invoiceno', 'invoice', 'invoiceid', 'invoicenumber', 'orderid', 'order', 'ordernumber'],
  productCode: ['stockcode', 'sku', 'productcode', 'product', 'itemcode', 'code'],
  description: ['description', 'productname', 'item', 'itemname', 'name'],
  quantity: ['quantity', 'qty', 'units'],
  purchasedAt: ['invoicedate', 'date', 'orderdate', 'purchasedat', 'purchasedate', 'timestamp', 'createdat'],
  unitPrice: ['unitprice', 'price', 'priceeach'],
  amount: ['amount', 'total', 'linetotal', 'revenue', 'value'],
  customerExternalId: ['customerid', 'customer', 'customerno', 'customernumber', 'clientid', 'accountid'],
  country: ['country', 'countrycode'],
  currency: ['currency', 'currencycode'],
}

export const normaliseHeader = (h: string) => h.toLowerCase().replace(/[\s_\-.]+/g, '')

/** Maps each header to the field it names, first match wins; unknown headers are left out (ignored). */
export const detectMapping = <F extends string>(headers: string[], synonyms: Record<F, string[]>) => {
  const mapping: Record<string, F> = {}
  const taken = new Set<F>()
  for (const h of headers) {
    const n = normaliseHeader(h)
    const field = (Object.keys(synonyms) as F[]).find((f) => !taken.has(f) && synonyms[f].includes(n))
    if (field) {
      mapping[h] = field
      taken.add(field)
    }
  }
  return mapping
}
export const detectPurchaseMapping = (headers: string[]) => detectMapping(headers, PURCHASE_SYNONYMS)

/**
 * Stock codes that are not products (postage, manual lines, fees, bank charges, samples…): their
 * revenue counts, but they are flagged so product views can leave them out.
 */
const NON_PRODUCT = /^(POST|DOT|M|D|C2|CRUK|BANK CHARGES|AMAZONFEE|PADS|S|B|ADJUST\d*|gift_\d+_\d+)$/i
export const isProductCode = (code: string | null) => !code || !NON_PRODUCT.test(code.trim())

export interface PurchaseLine {
  invoiceId: string
  customerExternalId: string
  purchasedAt: Date
  productCode: string | null
  description: string | null
  quantity: number
  unitPrice: number
  amount: number
  currency: string
  country: string | null
  isCancellation: boolean
  isProduct: boolean
}

export interface RowProblem {
  column: string | null
  reason: string
}

export type ParsedPurchase =
  | { kind: 'line'; line: PurchaseLine }
  | { kind: 'no_customer' }
  | { kind: 'error'; problems: RowProblem[] }

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/**
 * "17850.0" → "17850": spreadsheet exports write whole-number ids as floats. Anything else is kept as
 * written (trimmed).
 */
export const normaliseExternalId = (raw: string) => {
  const s = raw.trim()
  return /^\d+\.0+$/.test(s) ? s.replace(/\.0+$/, '') : s
}

/**
 * One row of a purchases file, already keyed by field, into a purchase line or the reasons it is
 * refused. `headerOf` names the file's column for a field, so messages point at what the person sees.
 */
export const parsePurchaseRow = (
  values: Partial<Record<PurchaseField, string>>,
  opts: { timezone: string; currency: string; now: Date; headerOf: (f: PurchaseField) => string },
): ParsedPurchase => {
  const problems: RowProblem[] = []
  const col = opts.headerOf
  const get = (f: PurchaseField) => values[f]?.trim() ?? ''

  const customer = normaliseExternalId(get('customerExternalId'))
  if (!customer) return { kind: 'no_customer' }

  const invoiceId = get('invoiceId')
  if (!invoiceId) problems.push({ column: col('invoiceId'), reason: 'the invoice number is empty' })

  const num = (f: PurchaseField, what: string) => {
    const s = get(f).replace(/,/g, '')
    if (!s) return null
    if (!NUMBER.test(s)) {
      problems.push({ column: col(f), reason: `${what} "${get(f)}" is not a number` })
      return null
    }
    return Number(s)
  }
  const quantity = num('quantity', 'the quantity') ?? (get('quantity') ? null : 1)
  const unitPriceRaw = num('unitPrice', 'the unit price')
  const amountRaw = num('amount', 'the amount')
  if (unitPriceRaw === null && amountRaw === null && !problems.length) {
    problems.push({ column: col('unitPrice'), reason: 'neither a unit price nor an amount is given' })
  }
  if (unitPriceRaw !== null && unitPriceRaw < 0) {
    problems.push({ column: col('unitPrice'), reason: `the unit price ${unitPriceRaw} is negative` })
  }
  const isCancellation = /^c/i.test(invoiceId) || (quantity !== null && quantity < 0)
  if (quantity !== null && quantity < 0 && !/^c/i.test(invoiceId)) {
    problems.push({
      column: col('quantity'),
      reason: `the quantity ${quantity} is negative on invoice ${invoiceId}, which is not a cancellation (those start with C)`,
    })
  }

  const when = get('purchasedAt')
  const purchasedAt = when ? parseTimestamp(when, opts.timezone) : null
  if (!when) problems.push({ column: col('purchasedAt'), reason: 'the date is empty' })
  else if (!purchasedAt) {
    problems.push({ column: col('purchasedAt'), reason: `"${when}" is not a date like 2011-12-09 12:50:00` })
  } else if (purchasedAt.getTime() > opts.now.getTime() + 24 * 3600_000) {
    problems.push({ column: col('purchasedAt'), reason: `the date ${when} is in the future` })
  }

  const currency = (get('currency') || opts.currency).toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency)) {
    problems.push({
      column: col('currency'),
      reason: `"${get('currency')}" is not a currency code such as GBP`,
    })
  }

  if (problems.length || quantity === null || !purchasedAt) return { kind: 'error', problems }
  const unitPrice = unitPriceRaw ?? (amountRaw ?? 0) / (quantity || 1)
  const amount = amountRaw ?? round2(quantity * unitPrice)
  const productCode = get('productCode') || null
  return {
    kind: 'line',
    line: {
      invoiceId,
      customerExternalId: customer,
      purchasedAt,
      productCode,
      description: get('description') || null,
      quantity,
      unitPrice,
      amount,
      currency,
      country: get('country') || null,
      isCancellation,
      isProduct: isProductCode(productCode),
    },
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * One purchase line ready for the table (customer resolved), in the order the bulk insert reads
 * it: customer id, line key, invoice, purchased at (ISO instant), product code, description,
 * quantity, unit price, amount, currency, is cancellation, is product.
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
 * The key of each line of one file, in file order: its invoice, a digest of its content and its
 * place among identical lines of that invoice (two identical lines are two purchases), so
 * importing the file again adds nothing. The format is what is on file already: keep it, or a
 * second import adds it all again. `sha1` is the text's SHA-1 in base64url (hashing is the
 * caller's: the domain does no I/O); `purchasedAtIso` is the line's instant, already formatted.
 */
export const purchaseLineKeys = (sha1: (text: string) => string) => {
  let currentInvoice = ''
  const seen = new Map<string, number>()
  return (line: PurchaseLine, purchasedAtIso: string): string => {
    if (line.invoiceId !== currentInvoice) {
      currentInvoice = line.invoiceId
      seen.clear()
    }
    const content = `${line.customerExternalId}|${purchasedAtIso}|${line.productCode}|${line.quantity}|${line.unitPrice}|${line.amount}|${line.currency}`
    const nth = (seen.get(content) ?? 0) + 1
    seen.set(content, nth)
    return `${line.invoiceId}|${sha1(content).slice(0, 16)}|${nth}`
  }
}

/** A customer as the purchases import resolves it: by external id, with the currency it buys in. */
export interface PurchaseCustomer {
  id: string
  externalId: string
  currency: string
}

/** What the purchases import writes, a batch at a time (the bulk variant: speed matters here). */
export interface PurchaseImportPort {
  customersByExternalId(externalIds: readonly string[]): Promise<PurchaseCustomer[]>
  /** customers first seen in the file: organisations named after their id, tier C until the recompute */
  addCustomers(
    customers: ReadonlyArray<{ externalId: string; currency: string; country: string | null }>,
  ): Promise<PurchaseCustomer[]>
  /** lines whose key is already on file are skipped: answers how many were added */
  insertPurchases(rows: readonly PurchaseTuple[]): Promise<number>
}

/** One currency per customer: a customer on file keeps the currency it buys in. */
export const currencyMismatch = (
  customerExternalId: string,
  customerCurrency: string,
  lineCurrency: string,
): string | null =>
  customerCurrency === lineCurrency
    ? null
    : `customer ${customerExternalId} buys in ${customerCurrency}; this line is in ${lineCurrency} (one currency per customer)`
