import { type DecimalMark, parseWrittenNumber } from './written-numbers.ts'
import { type DateOrder, dateOrderEvidence, formatInZone, parseDateCell } from './zoned-time.ts'

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
/**
 * The fields a file must have a column for. An invoice number is not one (a log without one has
 * an order per customer and time), nor is a quantity (1 per line); a unit price or an amount is
 * (checked apart: either will do).
 */
export const PURCHASE_REQUIRED: PurchaseField[] = ['purchasedAt', 'customerExternalId']

/** Each field as people read it, in messages and the wizard: never the internal key. */
export const PURCHASE_FIELD_LABELS: Record<PurchaseField, string> = {
  invoiceId: 'invoice number',
  productCode: 'product code',
  description: 'description',
  quantity: 'quantity',
  purchasedAt: 'date',
  unitPrice: 'unit price',
  amount: 'line total',
  customerExternalId: 'customer id',
  country: 'country',
  currency: 'currency',
}

/** "the invoice number, the date and the customer id" */
export const fieldList = (fields: readonly PurchaseField[]) => {
  const names = fields.map((f) => `the ${PURCHASE_FIELD_LABELS[f]}`)
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '')
}

/**
 * A field named by a person (`--map "dollar_value=amount"`, or "line total", "invoice number"):
 * its key, or undefined. "ignore" (or "-") leaves a column out.
 */
export const fieldFromName = (name: string): PurchaseField | 'ignore' | undefined => {
  const n = normaliseHeader(name)
  if (n === 'ignore' || n === '-' || n === '') return 'ignore'
  return (
    PURCHASE_FIELDS.find((f) => normaliseHeader(f) === n) ??
    PURCHASE_FIELDS.find((f) => normaliseHeader(PURCHASE_FIELD_LABELS[f]) === n) ??
    PURCHASE_FIELDS.find((f) => PURCHASE_SYNONYMS[f].includes(n))
  )
}

/** Header words that name each field, normalised (lowercase, no spaces, dashes or underscores). */
const PURCHASE_SYNONYMS: Record<PurchaseField, string[]> = {
  invoiceId: [
    'invoiceno',
    'invoice',
    'invoiceid',
    'invoicenumber',
    'invoicenr',
    'orderid',
    'order',
    'orderno',
    'ordernumber',
    'receipt',
    'receiptno',
    'receiptnumber',
    'transactionid',
    'transaction',
    'rechnungsnummer',
    'facture',
  ],
  productCode: [
    'stockcode',
    'sku',
    'productcode',
    'product',
    'productid',
    'itemcode',
    'itemid',
    'code',
    'article',
    'articleno',
  ],
  description: ['description', 'productname', 'item', 'itemname', 'name', 'title', 'itemdescription'],
  quantity: [
    'quantity',
    'qty',
    'units',
    'unitssold',
    'count',
    'pieces',
    'pcs',
    'menge',
    'quantite',
    'quantité',
  ],
  purchasedAt: [
    'invoicedate',
    'date',
    'orderdate',
    'purchasedat',
    'purchasedate',
    'purchased',
    'timestamp',
    'createdat',
    'datetime',
    'transactiondate',
    'saledate',
    'orderedat',
    'day',
    'when',
    'purchasedon',
    'orderedon',
    'datum',
  ],
  unitPrice: ['unitprice', 'price', 'priceeach', 'itemprice', 'preis', 'prix'],
  amount: [
    'amount',
    'total',
    'linetotal',
    'revenue',
    'value',
    'sales',
    'sale',
    'saleamount',
    'salesamount',
    'ordertotal',
    'ordervalue',
    'totalamount',
    'totalprice',
    'net',
    'gross',
    'spend',
    'spent',
    'betrag',
    'montant',
  ],
  customerExternalId: [
    'customerid',
    'customer',
    'customerno',
    'customernumber',
    'customercode',
    'custid',
    'client',
    'clientid',
    'clientno',
    'account',
    'accountid',
    'accountno',
    'accountnumber',
    'buyer',
    'buyerid',
    'memberid',
    'userid',
    'shopperid',
    'kunde',
    'kundennummer',
  ],
  country: ['country', 'countrycode', 'land', 'pays'],
  currency: ['currency', 'currencycode', 'währung', 'devise'],
}

/** Header words beyond the lists: "number_of_cds", "dollar_value", "amount_usd", "total_eur". */
const PURCHASE_PATTERNS: Partial<Record<PurchaseField, RegExp>> = {
  quantity: /^(numberof|noof|nrof|countof|qtyof|quantityof)/,
  amount:
    /^((dollar|dollars|usd|eur|euro|euros|gbp|pound|pounds|sterling|chf|net|gross|line|order|sale|sales|total)(value|amount|total|revenue|sales|price|spend))$|^(value|amount|total|revenue|sales)(usd|eur|gbp|chf|dollars|euros|pounds)$/,
}

export const normaliseHeader = (h: string) => h.toLowerCase().replace(/[\s_\-.]+/g, '')

/** Maps each header to the field it names, first match wins; unknown headers are left out (ignored). */
export const detectMapping = <F extends string>(
  headers: string[],
  synonyms: Record<F, string[]>,
  patterns: Partial<Record<F, RegExp>> = {},
) => {
  const mapping: Record<string, F> = {}
  const taken = new Set<F>()
  const fields = Object.keys(synonyms) as F[]
  for (const h of headers) {
    const n = normaliseHeader(h)
    const field =
      fields.find((f) => !taken.has(f) && synonyms[f].includes(n)) ??
      fields.find((f) => !taken.has(f) && patterns[f]?.test(n))
    if (field) {
      mapping[h] = field
      taken.add(field)
    }
  }
  return mapping
}
export const detectPurchaseMapping = (headers: string[]) =>
  detectMapping(headers, PURCHASE_SYNONYMS, PURCHASE_PATTERNS)

/**
 * Columns that both look like the same money field ("Total" and "Revenue"): which one holds the
 * figure is the person's call, so the import asks rather than guess. Columns the given mapping
 * places are not asked about.
 */
export const moneyLookalikes = (headers: string[], given: ReadonlySet<string>) => {
  const out: Array<{ field: PurchaseField; headers: string[] }> = []
  for (const field of ['amount', 'unitPrice'] as const) {
    const alike = headers.filter((h) => {
      if (given.has(h)) return false
      const n = normaliseHeader(h)
      return PURCHASE_SYNONYMS[field].includes(n) || !!PURCHASE_PATTERNS[field]?.test(n)
    })
    if (alike.length > 1) out.push({ field, headers: alike })
  }
  return out
}

/**
 * The mapping a file is read with: what is detected from its headers, with the given mapping
 * placed over it. A given column keeps its field, and a field given to a column is taken
 * from whichever column was detected for it; a column given "ignore" is left out. Fields are
 * named by key or as people read them ("invoice number").
 */
export const mergeMapping = (
  headers: string[],
  given: Record<string, string> | undefined,
): { mapping: Record<string, PurchaseField>; unknown: Array<[string, string]> } => {
  const detected = detectPurchaseMapping(headers)
  if (!given) return { mapping: detected, unknown: [] }
  const unknown: Array<[string, string]> = []
  const placed: Record<string, PurchaseField> = {}
  const ignored = new Set<string>()
  for (const [h, name] of Object.entries(given)) {
    const f = fieldFromName(name)
    if (f === undefined) unknown.push([h, name])
    else if (f === 'ignore') ignored.add(h)
    else placed[h] = f
  }
  const givenFields = new Set(Object.values(placed))
  const mapping: Record<string, PurchaseField> = {}
  for (const [h, f] of Object.entries(detected)) {
    if (h in placed || ignored.has(h) || givenFields.has(f)) continue
    mapping[h] = f
  }
  return { mapping: { ...mapping, ...placed }, unknown }
}

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

/**
 * "17850.0" → "17850": spreadsheet exports write whole-number ids as floats. Anything else is kept as
 * written (trimmed).
 */
export const normaliseExternalId = (raw: string) => {
  const s = raw.trim()
  return /^\d+\.0+$/.test(s) ? s.replace(/\.0+$/, '') : s
}

/** How the rows of one file are read: its zone and currency, and what its columns settled. */
export interface PurchaseRowOptions {
  timezone: string
  currency: string
  now: Date
  headerOf: (f: PurchaseField) => string
  /** day or month first, for dates written with slashes (settled from the whole column) */
  dateOrder?: DateOrder | null
  /** the file's decimal mark */
  decimal?: DecimalMark
  /**
   * The file has no invoice number column: each customer and time is one order, named
   * "customer id · date" (the same name every time the file is imported).
   */
  noInvoiceColumn?: boolean
  /** the instant as its zone reads it, for the names of those orders (cached by the caller) */
  localTime?: (at: Date) => string
}

const ORDER_WORDS: Record<DateOrder, string> = {
  dmy: 'day first (DD/MM/YYYY)',
  mdy: 'month first (MM/DD/YYYY)',
}

/**
 * One row of a purchases file, already keyed by field, into a purchase line or the reasons it is
 * refused. `headerOf` names the file's column for a field, so messages point at what the person sees.
 */
export const parsePurchaseRow = (
  values: Partial<Record<PurchaseField, string>>,
  opts: PurchaseRowOptions,
): ParsedPurchase => {
  const problems: RowProblem[] = []
  const col = opts.headerOf
  const get = (f: PurchaseField) => values[f]?.trim() ?? ''
  const mark = opts.decimal ?? '.'

  const customer = normaliseExternalId(get('customerExternalId'))
  if (!customer) return { kind: 'no_customer' }

  const invoiceCell = get('invoiceId')
  if (!invoiceCell && !opts.noInvoiceColumn) {
    problems.push({ column: col('invoiceId'), reason: 'the invoice number is empty' })
  }

  const num = (f: PurchaseField, what: string) => {
    const raw = get(f)
    if (!raw) return null
    const n = parseWrittenNumber(raw, mark)
    if (n === null) {
      problems.push({ column: col(f), reason: `${what} "${raw}" is not a number` })
      return null
    }
    return n
  }
  const quantity = num('quantity', 'the quantity') ?? (get('quantity') ? null : 1)
  const unitPriceRaw = num('unitPrice', 'the unit price')
  const amountRaw = num('amount', 'the line total')
  if (unitPriceRaw === null && amountRaw === null && !problems.length) {
    problems.push({
      column: col(values.amount !== undefined ? 'amount' : 'unitPrice'),
      reason: 'neither a unit price nor a line total is given',
    })
  }
  if (unitPriceRaw !== null && unitPriceRaw < 0) {
    problems.push({ column: col('unitPrice'), reason: `the unit price ${unitPriceRaw} is negative` })
  }
  const cancelledInvoice = /^c/i.test(invoiceCell)
  const isCancellation = opts.noInvoiceColumn
    ? (quantity !== null && quantity < 0) || (amountRaw !== null && amountRaw < 0)
    : cancelledInvoice || (quantity !== null && quantity < 0)
  if (quantity !== null && quantity < 0 && !cancelledInvoice && !opts.noInvoiceColumn) {
    problems.push({
      column: col('quantity'),
      reason: `the quantity ${quantity} is negative on invoice ${invoiceCell}, which is not a cancellation (those start with C)`,
    })
  }

  const when = get('purchasedAt')
  const purchasedAt = when ? parseDateCell(when, opts.timezone, opts.dateOrder ?? null) : null
  if (!when) problems.push({ column: col('purchasedAt'), reason: 'the date is empty' })
  else if (!purchasedAt) {
    const evidence = dateOrderEvidence(when)
    problems.push({
      column: col('purchasedAt'),
      reason:
        evidence && opts.dateOrder && evidence !== 'either' && evidence !== opts.dateOrder
          ? `"${when}" cannot be read ${ORDER_WORDS[opts.dateOrder]} as the rest of this column is: correct it, or choose the date order`
          : evidence === 'either' && !opts.dateOrder
            ? `"${when}" could be day first or month first: choose the date order`
            : `"${when}" is not a date Dazzle reads (such as 2011-12-09 12:50, 19970101, 09/12/2011 or an Excel day number)`,
    })
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
  const invoiceId =
    invoiceCell ||
    `${customer} · ${opts.localTime ? opts.localTime(purchasedAt) : formatInZone(purchasedAt, opts.timezone)}`
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
