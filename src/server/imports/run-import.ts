import { hash } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { Transaction } from 'kysely'
import { importPreferencesStore } from '../../db/import-preferences.store.ts'
import { purchaseImportStore } from '../../db/purchase-bulk.ts'
import type { DB } from '../../db/schema.ts'
import { valueStore } from '../../db/value.store.ts'
import { inWorkspace } from '../../db/workspace-scope.ts'
import {
  type Delimiter,
  delimiterWords,
  type Encoding,
  encodingWords,
} from '../../domain/customers/file-dialect.ts'
import {
  currencyMismatch,
  fieldList,
  mergeMapping,
  moneyLookalikes,
  PURCHASE_FIELD_LABELS,
  PURCHASE_FIELDS,
  PURCHASE_REQUIRED,
  type PurchaseField,
  type PurchaseRowOptions,
  type PurchaseTuple,
  parsePurchaseRow,
  purchaseLineKeys,
} from '../../domain/customers/purchase-import.ts'
import { type DecimalMark, decimalMarkOf } from '../../domain/customers/written-numbers.ts'
import { type DateOrder, dateOrderEvidence, formatInZone } from '../../domain/customers/zoned-time.ts'
import { DomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'
import {
  columnCountError,
  csvSyntaxError,
  errorSink,
  headerLookup,
  noCounts,
  notUtf8Error,
  nulCellError,
  problemsText,
  rejectIfNeeded,
  settleImport,
  valuesOf,
} from './import-kit.ts'
import { type OpenedFile, openFile, recordsOf } from './read-rows.ts'

export interface ImportSource {
  name: string
  stream: Readable
  /**
   * The file again from its start, when it can be read twice (a file on disk): dates that could
   * be day or month first in the first rows are then settled from the whole column.
   */
  reopen?: (() => Readable) | undefined
}

export interface ImportOptions {
  kind: 'purchases'
  dryRun: boolean
  keepGoodRows: boolean
  mapping?: Record<string, string> | undefined
  timezone: string
  currency: string
  /** chosen by the person; otherwise read from the file's first bytes */
  encoding?: Encoding | undefined
  delimiter?: Delimiter | undefined
  /** chosen by the person; otherwise read from the date column */
  dateOrder?: DateOrder | undefined
  decimal?: DecimalMark | undefined
  fileName?: string | undefined
  /** bytes read so far, for a progress bar */
  onProgress?: ((bytes: number) => void) | undefined
  /** the client went away: roll back rather than commit for no one */
  signal?: AbortSignal | undefined
}

const BATCH = 5000
/** batches parsed and handed to the database but not yet written */
const IN_FLIGHT = 2

/** the line key's digest: SHA-1 in base64url, as the keys on file were made */
const sha1 = (text: string) => hash('sha1', text, 'base64url')

/**
 * Streams one or more CSV files of purchases into a workspace, in one transaction: memory stays
 * flat whatever the size (rows go to the database in batches of 5,000, written while the next
 * ones are parsed). Idempotent: each line has
 * a key from its content and its place among identical lines of the same invoice, so importing a
 * file again adds nothing. All or nothing unless `keepGoodRows`: with any bad row the transaction
 * is rolled back and only the report is kept.
 */
export const runPurchaseImport = async (
  deps: ServerDeps,
  workspaceId: string,
  userId: string | null,
  sources: ImportSource[],
  opts: ImportOptions,
) => {
  const sink = errorSink()
  const fail = sink.fail
  const stats = noCounts()
  let usedMapping: Record<string, string> = {}
  const now = deps.clock.now()
  let bytes = 0
  const readings: Reading[] = []
  let ordersFromCustomerAndTime = false
  let signature: string | null = null

  const work = async (trx: Transaction<DB>) => {
    const store = purchaseImportStore(trx, workspaceId)
    /** customers by external id: id once written (null while its batch is on the way), currency */
    const customers = new Map<string, { id: string | null; currency: string }>()
    let currencyColumn: string | null = 'currency'
    let batch = newBatch()
    const prefs = importPreferencesStore(trx, workspaceId)

    // Batches go to the database while the next ones are parsed: the connection runs its statements
    // in order, `writing` is the last of them, and at most IN_FLIGHT batches wait (memory stays flat).
    let writing: Promise<void> = Promise.resolve()
    const inFlight: Array<Promise<void>> = []
    const write = async (b: Batch) => {
      if (b.newCustomers.length) {
        const found = await store.customersByExternalId(b.newCustomers.map((c) => c[0]))
        for (const f of found) customers.set(f.externalId, f)
        const missing = b.newCustomers.filter((c) => !customers.get(c[0])!.id)
        const inserted = await store.addCustomers(
          missing.map(([externalId, currency, country]) => ({ externalId, currency, country })),
        )
        for (const f of inserted) customers.set(f.externalId, f)
        stats.customersAdded += inserted.length
      }
      const rows = b.rows
      let kept = 0
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!
        const c = customers.get(r[0])!
        const mismatch = currencyMismatch(r[0], c.currency, r[9])
        if (mismatch) {
          const file = b.files[i]
          fail({ row: b.rowNumbers[i]!, column: currencyColumn, reason: mismatch, ...(file ? { file } : {}) })
          continue
        }
        r[0] = c.id!
        rows[kept++] = r
      }
      rows.length = kept
      const added = await store.insertPurchases(rows)
      stats.added += added
      stats.alreadyPresent += kept - added
    }
    const send = async () => {
      if (!batch.rows.length) return
      const b = batch
      batch = newBatch()
      writing = writing.then(() => write(b))
      writing.catch(() => {}) // surfaced when awaited
      inFlight.push(writing)
      if (inFlight.length > IN_FLIGHT) await inFlight.shift()
    }

    try {
      for (const source of sources) {
        const file = sources.length > 1 ? source.name : undefined
        const opened = await openFile(source.stream, source.name, opts)
        const [rawHeaders, ...firstRecords] = opened.sample.filter((r) => !(r.length === 1 && r[0] === ''))
        if (!rawHeaders)
          throw new DomainError('invalid_input', `${source.name} is empty: it has no header line.`)
        const headers = rawHeaders.map((h) => h.trim())
        const mapping = checkHeaders(headers, opts.mapping, source.name, opened.dialect)
        usedMapping = mapping
        signature ??= headerSignature(headers)
        const fieldIndex = Object.entries(mapping).map(
          ([h, f]) => [f as PurchaseField, headers.indexOf(h)] as [PurchaseField, number],
        )
        const headerOf = headerLookup(mapping as Record<string, PurchaseField>)
        currencyColumn = headerOf('currency')
        const reading = await settleReading(source, opened, headers, mapping, firstRecords, opts)
        readings.push({ file: source.name, ...opened.dialect, ...reading })
        const localTime = lastOf((at: Date) => formatInZone(at, opts.timezone))
        const rowOpts: PurchaseRowOptions = {
          timezone: opts.timezone,
          currency: opts.currency,
          now,
          headerOf,
          dateOrder: reading.dateOrder,
          decimal: reading.decimal,
          noInvoiceColumn: !Object.values(mapping).includes('invoiceId'),
          localTime,
        }
        if (rowOpts.noInvoiceColumn) ordersFromCustomerAndTime = true
        // the row number is the record's place in the file, the header being row 1, as a
        // spreadsheet numbers them. Blank lines are records too, so that they count as rows.
        const parser = recordsOf(opened.stream, opened.dialect, (n) => {
          bytes += n
          opts.onProgress?.(bytes)
        })
        let row = 0
        let headerSeen = false
        const values: Partial<Record<PurchaseField, string>> = {}
        const keyOf = purchaseLineKeys(sha1)
        let lastTime = Number.NaN
        let lastIso = ''
        try {
          for await (const record of parser) {
            row++
            if (record.length === 1 && record[0] === '') continue
            if (!headerSeen) {
              headerSeen = true
              continue
            }
            stats.rows++
            const bad =
              columnCountError(record, headers, lengthHint(opened.dialect.delimiter)) ??
              notUtf8Error(record) ??
              nulCellError(record)
            if (bad) {
              fail({ row, column: null, reason: bad, ...(file ? { file } : {}) })
              continue
            }
            for (let i = 0; i < fieldIndex.length; i++) {
              const [f, at] = fieldIndex[i]!
              values[f] = record[at]
            }
            const parsed = parsePurchaseRow(values, rowOpts)
            if (parsed.kind === 'no_customer') {
              stats.rowsWithoutCustomer++
              continue
            }
            if (parsed.kind === 'error') {
              for (const p of parsed.problems) fail({ row, ...p, ...(file ? { file } : {}) })
              continue
            }
            const line = parsed.line
            const time = line.purchasedAt.getTime()
            if (time !== lastTime) {
              lastTime = time
              lastIso = line.purchasedAt.toISOString()
            }
            const key = keyOf(line, lastIso)
            if (!customers.has(line.customerExternalId)) {
              customers.set(line.customerExternalId, { id: null, currency: line.currency })
              batch.newCustomers.push([line.customerExternalId, line.currency, line.country])
            }
            batch.rows.push([
              line.customerExternalId,
              key,
              line.invoiceId,
              lastIso,
              line.productCode,
              line.description,
              line.quantity,
              line.unitPrice,
              line.amount,
              line.currency,
              line.isCancellation,
              line.isProduct,
            ])
            batch.rowNumbers.push(row)
            batch.files.push(file)
            if (batch.rows.length >= BATCH) await send()
          }
        } catch (e) {
          fail({ ...csvSyntaxError(e, row + 1), ...(file ? { file } : {}) })
        }
        if (!stats.rows && !sink.count && sources.length === 1) {
          throw new DomainError(
            'invalid_input',
            `${source.name} has a header line and no rows under it: export the file again with its rows.`,
          )
        }
      }
      await send()
      await writing
    } catch (e) {
      // let the statement in flight finish before the rollback; its failure is the first cause
      throw await writing.then(
        () => e,
        (failed: unknown) => failed,
      )
    }
    rejectIfNeeded(sink, opts)
    // the next file of this shape is read the same way: its mapping, zone and currency
    if (signature) {
      await prefs.remember('purchases', signature, {
        mapping: usedMapping,
        timezone: opts.timezone,
        currency: opts.currency,
      })
    }
    // everyone's purchases may have changed: every customer's figures are summed again
    await valueStore(trx, workspaceId).recompute(now)
  }

  const result = await settleImport(
    deps,
    workspaceId,
    {
      kind: 'purchases',
      fileName: opts.fileName ?? (sources.length === 1 ? sources[0]!.name : `${sources.length} files`),
      createdBy: userId,
      stats,
      sink,
      mapping: () => usedMapping,
    },
    opts,
    work,
  )
  return {
    ...result,
    kind: 'purchases' as const,
    notes: readingNotes(readings, ordersFromCustomerAndTime),
  }
}

/** A file's shape: its header line, names normalised (the mapping is remembered per shape). */
export const headerSignature = (headers: readonly string[]) =>
  hash('sha1', headers.map((h) => h.trim().toLowerCase()).join('\u0001'), 'base64url')

/** Lines on their way to the database; the first element of each tuple is the customer's external id until the batch is written. */
interface Batch {
  rows: PurchaseTuple[]
  rowNumbers: number[]
  files: Array<string | undefined>
  /** external id, currency and country of the customers first seen in this batch */
  newCustomers: Array<[string, string, string | null]>
}
const newBatch = (): Batch => ({ rows: [], rowNumbers: [], files: [], newCustomers: [] })

const lengthHint = (d: Delimiter) =>
  d === 'spaces'
    ? ' (a value with a space inside, or a missing value: this file is read as columns separated by runs of spaces)'
    : ' (a half-written line, or a delimiter inside an unquoted value)'

/** `fn` remembered for its last argument: consecutive lines mostly share their time. */
const lastOf = (fn: (at: Date) => string) => {
  let t = Number.NaN
  let out = ''
  return (at: Date) => {
    if (at.getTime() !== t) {
      t = at.getTime()
      out = fn(at)
    }
    return out
  }
}

const checkHeaders = (
  headers: string[],
  given: Record<string, string> | undefined,
  name: string,
  dialect: { delimiter: Delimiter },
) => {
  const dupes = headers.filter((h, i) => h && headers.indexOf(h) !== i)
  if (dupes.length) {
    throw new DomainError(
      'invalid_input',
      `${name}: the header names ${[...new Set(dupes)].map((d) => `"${d}"`).join(', ')} more than once; each column needs its own name.`,
    )
  }
  if (headers.length === 1) {
    throw new DomainError(
      'invalid_input',
      `${name}: only one column was found (read as columns separated by ${delimiterWords(dialect.delimiter)}); a purchases file needs at least ${fieldList(['purchasedAt', 'customerExternalId'])} and a unit price or line total. If its columns are separated by something else, choose the delimiter (--delimiter semicolon, tab, pipe or spaces).`,
    )
  }
  const { mapping, unknown } = mergeMapping(headers, given)
  for (const [h] of Object.entries(given ?? {})) {
    if (!headers.includes(h)) {
      throw new DomainError(
        'invalid_input',
        `${name}: the mapping names a column "${h}" the file does not have. Columns found: ${headers.join(', ')}.`,
      )
    }
  }
  if (unknown.length) {
    const [h, f] = unknown[0]!
    throw new DomainError(
      'invalid_input',
      `The mapping sends "${h}" to "${f}", which is not a field: use one of ${PURCHASE_FIELDS.map((x) => PURCHASE_FIELD_LABELS[x]).join(', ')}, or "ignore" to leave the column out.`,
    )
  }
  for (const { field, headers: alike } of moneyLookalikes(headers, new Set(Object.keys(given ?? {})))) {
    throw new DomainError(
      'invalid_input',
      `${name}: the columns ${alike.map((h) => `"${h}"`).join(' and ')} both look like the ${PURCHASE_FIELD_LABELS[field]}. Say which one it is, e.g. --map "${alike[0]}=${PURCHASE_FIELD_LABELS[field]}" (in the wizard: the field of each column); the other is then left out.`,
      { headers: alike },
    )
  }
  const mapped = new Set(Object.values(mapping))
  const missing: PurchaseField[] = PURCHASE_REQUIRED.filter((f) => !mapped.has(f))
  if (!mapped.has('unitPrice') && !mapped.has('amount')) missing.push('amount')
  if (missing.length) {
    throw new DomainError(
      'invalid_input',
      `${name}: no column for ${fieldList(missing)}. Columns found: ${headers.join(', ')}. Say which column holds each, e.g. --map "${headers[0]}=${PURCHASE_FIELD_LABELS[missing[0]!]}" (in the wizard: the field of each column).`,
      { missing, headers },
    )
  }
  return mapping as Record<string, string>
}

/** How a file's values were read, for the answer's notes. */
export interface Reading {
  file: string
  encoding: Encoding
  delimiter: Delimiter
  dateOrder: DateOrder | null
  decimal: DecimalMark
}

/**
 * The file's decimal mark (from its first rows) and, for dates written with slashes, whether day
 * or month comes first, from the whole column: the first rows first, then (when they could be
 * either, as the first twelve days of a month are) the rest of the file, read once more. A
 * column that could be either throughout is refused: the person says which.
 */
const settleReading = async (
  source: ImportSource,
  opened: OpenedFile,
  headers: string[],
  mapping: Record<string, string>,
  firstRecords: string[][],
  opts: Pick<ImportOptions, 'dateOrder' | 'decimal'>,
): Promise<{ dateOrder: DateOrder | null; decimal: DecimalMark }> => {
  const at = (f: PurchaseField) =>
    headers.indexOf(Object.entries(mapping).find(([, x]) => x === f)?.[0] ?? '\u0000')
  const numeric = (['quantity', 'unitPrice', 'amount'] as const).map(at).filter((i) => i >= 0)
  const decimal =
    opts.decimal ??
    (opened.dialect.delimiter === ';' && firstRecords.every((r) => numeric.every((i) => !r[i]?.includes('.')))
      ? ','
      : decimalMarkOf(firstRecords.flatMap((r) => numeric.map((i) => r[i] ?? ''))))
  if (opts.dateOrder) return { dateOrder: opts.dateOrder, decimal }
  const dateAt = at('purchasedAt')
  let firstEither: { row: number; value: string } | null = null
  const look = (value: string | undefined, row: number): DateOrder | null => {
    const e = value ? dateOrderEvidence(value) : null
    if (e === 'dmy' || e === 'mdy') return e
    if (e === 'either' && !firstEither) firstEither = { row, value: value!.trim() }
    return null
  }
  for (let i = 0; i < firstRecords.length; i++) {
    const o = look(firstRecords[i]![dateAt], i + 2)
    if (o) return { dateOrder: o, decimal }
  }
  if (!firstEither) return { dateOrder: null, decimal }
  if (source.reopen) {
    let row = 0
    let headerSeen = false
    const again = source.reopen()
    try {
      for await (const record of recordsOf(again, opened.dialect, () => {})) {
        row++
        if (record.length === 1 && record[0] === '') continue
        if (!headerSeen) {
          headerSeen = true
          continue
        }
        const o = look(record[dateAt], row)
        if (o) return { dateOrder: o, decimal }
      }
    } finally {
      again.destroy()
    }
  }
  const first = firstEither as { row: number; value: string }
  throw new DomainError(
    'invalid_input',
    `${source.name}: ${source.reopen ? 'every date' : 'every date of the first rows'} in column "${headers[dateAt]}" could be day first or month first (row ${first.row}: ${first.value}). Choose the date order: --date-order dmy (DD/MM/YYYY) or mdy (MM/DD/YYYY), or "Date order" in the wizard. Nothing was imported.`,
    { column: headers[dateAt], row: first.row },
  )
}

/** What the answer says of how the files were read, as sentences. */
export const readingNotes = (readings: readonly Reading[], ordersFromCustomerAndTime: boolean) => {
  const notes: string[] = []
  for (const r of readings) {
    notes.push(
      `${r.file}: read as ${encodingWords(r.encoding)}, columns separated by ${delimiterWords(r.delimiter)}${r.decimal === ',' ? ', decimal commas' : ''}${r.dateOrder ? `, dates ${r.dateOrder === 'dmy' ? 'day first (DD/MM/YYYY)' : 'month first (MM/DD/YYYY)'}` : ''}.`,
    )
  }
  if (ordersFromCustomerAndTime) {
    notes.push('No invoice number column: each customer and time is counted as one order.')
  }
  return notes
}

/** The defaults the wizard offers: the workspace's last choice, else its customers' currency, else pounds and London. */
export const importDefaults = async (deps: ServerDeps, workspaceId: string) =>
  inWorkspace(deps.database.db, workspaceId, (trx) => importPreferencesStore(trx, workspaceId).defaults())

/**
 * The first rows of a purchases file as they will be stored (parsed only: nothing is looked up),
 * read in the time zone and currency chosen, with the file's dialect settled as the import
 * settles it. Dates are shown as the zone reads them, money to the cent.
 */
export const previewPurchaseRows = (
  deps: ServerDeps,
  opened: OpenedFile,
  givenMapping: Record<string, string> | undefined,
  opts: {
    timezone: string
    currency: string
    dateOrder?: DateOrder | undefined
    decimal?: DecimalMark | undefined
  },
) => {
  const [rawHeaders = [], ...rest] = opened.sample.filter((r) => !(r.length === 1 && r[0] === ''))
  const headers = rawHeaders.map((h) => h.trim())
  const records = rest.slice(0, 10)
  const { mapping } = mergeMapping(headers, givenMapping)
  const mapped = new Set<string>(Object.values(mapping))
  const missing: string[] = PURCHASE_REQUIRED.filter((f) => !mapped.has(f))
  if (!mapped.has('unitPrice') && !mapped.has('amount')) missing.push('amount')
  const headerOf = headerLookup(mapping)
  const numeric = (['quantity', 'unitPrice', 'amount'] as const)
    .map((f) => headers.indexOf(Object.entries(mapping).find(([, x]) => x === f)?.[0] ?? '\u0000'))
    .filter((i) => i >= 0)
  const decimal =
    opts.decimal ??
    (opened.dialect.delimiter === ';' && rest.every((r) => numeric.every((i) => !r[i]?.includes('.')))
      ? ','
      : decimalMarkOf(rest.flatMap((r) => numeric.map((i) => r[i] ?? ''))))
  const dateAt = headers.indexOf(
    Object.entries(mapping).find(([, x]) => x === 'purchasedAt')?.[0] ?? '\u0000',
  )
  let dateOrder: DateOrder | null = opts.dateOrder ?? null
  let dateOrderUnsettled = false
  if (!dateOrder && dateAt >= 0) {
    const evidence = rest.map((r) => dateOrderEvidence(r[dateAt] ?? ''))
    dateOrder = (evidence.find((e) => e === 'dmy' || e === 'mdy') as DateOrder | undefined) ?? null
    dateOrderUnsettled = !dateOrder && evidence.includes('either')
  }
  const now = deps.clock.now()
  const noInvoiceColumn = !mapped.has('invoiceId')
  const lookalikes = moneyLookalikes(headers, new Set(Object.keys(givenMapping ?? {})))
  return {
    headers,
    mapping: mapping as Record<string, string>,
    fields: [...PURCHASE_FIELDS],
    labels: PURCHASE_FIELD_LABELS,
    required: [...PURCHASE_REQUIRED],
    missing,
    samples: records.slice(0, 2),
    dialect: { ...opened.dialect, decimal, dateOrder },
    dateOrderUnsettled,
    notes: [
      ...readingNotes([{ file: 'The file', ...opened.dialect, dateOrder, decimal }], noInvoiceColumn),
      ...lookalikes.map(
        (l) =>
          `The columns ${l.headers.map((h) => `"${h}"`).join(' and ')} both look like the ${PURCHASE_FIELD_LABELS[l.field]}: choose the field of each.`,
      ),
      ...(dateOrderUnsettled
        ? [
            "The first rows' dates could be day first or month first: the import reads the whole column to tell, or choose the date order.",
          ]
        : []),
    ],
    rows: records.map((r, i) => {
      const parsed = parsePurchaseRow(valuesOf(r, headers, mapping), {
        timezone: opts.timezone,
        currency: opts.currency,
        now,
        headerOf,
        dateOrder,
        decimal,
        noInvoiceColumn,
      })
      return {
        row: i + 2,
        stored:
          parsed.kind === 'line'
            ? {
                ...parsed.line,
                unitPrice: money(parsed.line.unitPrice),
                amount: money(parsed.line.amount),
                purchasedAt: formatInZone(parsed.line.purchasedAt, opts.timezone),
              }
            : null,
        error:
          parsed.kind === 'no_customer'
            ? 'no customer: counted and left out'
            : parsed.kind === 'error'
              ? problemsText(parsed.problems)
              : null,
      }
    }),
  }
}

/** An amount as stored, to the cent and beyond when it has more ("1.95", "0.125"): never rounded for show. */
const money = (x: number) => {
  const fixed = x.toFixed(2)
  return Number(fixed) === x ? fixed : String(x)
}
