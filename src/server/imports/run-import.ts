import { hash } from 'node:crypto'
import { type Readable, Transform } from 'node:stream'
import { parse } from 'csv-parse'
import type { Transaction } from 'kysely'
import { purchaseImportStore } from '../../db/purchase-bulk.ts'
import type { DB } from '../../db/schema.ts'
import { valueStore } from '../../db/value.store.ts'
import {
  currencyMismatch,
  detectPurchaseMapping,
  PURCHASE_FIELDS,
  PURCHASE_REQUIRED,
  type PurchaseField,
  type PurchaseTuple,
  parsePurchaseRow,
  purchaseLineKeys,
} from '../../domain/customers/purchase-import.ts'
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
  parsedFrom,
  previewFrame,
  problemsText,
  rejectIfNeeded,
  settleImport,
  valuesOf,
} from './import-kit.ts'

export interface ImportSource {
  name: string
  stream: Readable
}

export interface ImportOptions {
  kind: 'purchases'
  dryRun: boolean
  keepGoodRows: boolean
  mapping?: Record<string, string> | undefined
  timezone: string
  currency: string
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

  const work = async (trx: Transaction<DB>) => {
    const store = purchaseImportStore(trx, workspaceId)
    /** customers by external id: id once written (null while its batch is on the way), currency */
    const customers = new Map<string, { id: string | null; currency: string }>()
    let currencyColumn: string | null = 'currency'
    let batch = newBatch()

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
        const counter = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            bytes += chunk.length
            opts.onProgress?.(bytes)
            cb(null, chunk)
          },
        })
        // no `info` (it builds an object per record and doubles the parse time): the row number is
        // the record's place in the file, the header being row 1, as a spreadsheet numbers them.
        // Blank lines are kept as records so that they count as rows, then passed over.
        const parser = parsedFrom(
          source.stream,
          counter,
          parse({
            bom: true,
            skip_empty_lines: false,
            relax_column_count: true,
            encoding: 'utf8',
          }),
        )
        let row = 0
        let headers: string[] | null = null
        let fieldIndex: Array<[PurchaseField, number]> = []
        const values: Partial<Record<PurchaseField, string>> = {}
        let rowOpts: Parameters<typeof parsePurchaseRow>[1] | null = null
        const keyOf = purchaseLineKeys(sha1)
        let lastTime = Number.NaN
        let lastIso = ''
        try {
          for await (const record of parser as AsyncIterable<string[]>) {
            row++
            if (record.length === 1 && record[0] === '') continue
            if (!headers) {
              headers = record.map((h) => h.trim())
              const mapping = checkHeaders(headers, opts.mapping, source.name)
              usedMapping = mapping
              fieldIndex = Object.entries(mapping).map(([h, f]) => [f as PurchaseField, headers!.indexOf(h)])
              const headerOf = headerLookup(mapping as Record<string, PurchaseField>)
              currencyColumn = headerOf('currency')
              rowOpts = { timezone: opts.timezone, currency: opts.currency, now, headerOf }
              continue
            }
            stats.rows++
            const bad =
              columnCountError(record, headers, LENGTH_HINT) ?? notUtf8Error(record) ?? nulCellError(record)
            if (bad) {
              fail({ row, column: null, reason: bad, ...(file ? { file } : {}) })
              continue
            }
            for (let i = 0; i < fieldIndex.length; i++) {
              const [f, at] = fieldIndex[i]!
              values[f] = record[at]
            }
            const parsed = parsePurchaseRow(values, rowOpts!)
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
        if (!headers)
          throw new DomainError('invalid_input', `${source.name} is empty: it has no header line.`)
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
  return { ...result, kind: 'purchases' as const }
}

/** Lines on their way to the database; the first element of each tuple is the customer's external id until the batch is written. */
interface Batch {
  rows: PurchaseTuple[]
  rowNumbers: number[]
  files: Array<string | undefined>
  /** external id, currency and country of the customers first seen in this batch */
  newCustomers: Array<[string, string, string | null]>
}
const newBatch = (): Batch => ({ rows: [], rowNumbers: [], files: [], newCustomers: [] })

const LENGTH_HINT = ' (a half-written line, or a delimiter inside an unquoted value)'

const checkHeaders = (headers: string[], given: Record<string, string> | undefined, name: string) => {
  const dupes = headers.filter((h, i) => h && headers.indexOf(h) !== i)
  if (dupes.length) {
    throw new DomainError(
      'invalid_input',
      `${name}: the header names ${[...new Set(dupes)].map((d) => `"${d}"`).join(', ')} more than once; each column needs its own name.`,
    )
  }
  if (headers.length === 1) {
    const h = headers[0]!
    const sep = [';', '\t', '|'].find((s) => h.includes(s))
    throw new DomainError(
      'invalid_input',
      sep
        ? `${name}: the columns seem to be separated by ${sep === '\t' ? 'tabs' : `"${sep}"`}; save the file with commas between columns.`
        : `${name}: only one column was found; a purchases file needs at least ${PURCHASE_REQUIRED.join(', ')}.`,
    )
  }
  const mapping: Record<string, string> = {}
  if (given) {
    for (const [h, f] of Object.entries(given)) {
      if (!headers.includes(h))
        throw new DomainError(
          'invalid_input',
          `${name}: the mapping names a column "${h}" the file does not have.`,
        )
      if (!(PURCHASE_FIELDS as readonly string[]).includes(f)) {
        throw new DomainError(
          'invalid_input',
          `The mapping sends "${h}" to "${f}", which is not a field: use one of ${PURCHASE_FIELDS.join(', ')}.`,
        )
      }
      mapping[h] = f
    }
  } else Object.assign(mapping, detectPurchaseMapping(headers))
  const mapped = new Set(Object.values(mapping))
  const missing = PURCHASE_REQUIRED.filter((f) => !mapped.has(f))
  if (!mapped.has('unitPrice') && !mapped.has('amount')) missing.push('unitPrice' as PurchaseField)
  if (missing.length) {
    throw new DomainError(
      'invalid_input',
      `${name}: no column for ${missing.join(', ')}. Columns found: ${headers.join(', ')}. Map them explicitly (--map "Header=field").`,
      { missing, headers },
    )
  }
  return mapping
}

/**
 * The first rows of a purchases file as they will be stored (parsed only: nothing is looked up),
 * read as London time in pounds, as the import's defaults are.
 */
export const previewPurchaseRows = (
  deps: ServerDeps,
  headers: string[],
  records: string[][],
  givenMapping: Record<string, string> | undefined,
) => {
  const { frame, headerOf } = previewFrame(headers, givenMapping, {
    fields: PURCHASE_FIELDS,
    required: PURCHASE_REQUIRED,
    detect: detectPurchaseMapping,
  })
  const now = deps.clock.now()
  return {
    ...frame,
    rows: records.map((r, i) => {
      const parsed = parsePurchaseRow(valuesOf(r, headers, frame.mapping), {
        timezone: 'Europe/London',
        currency: 'GBP',
        now,
        headerOf,
      })
      return {
        row: i + 2,
        stored:
          parsed.kind === 'line'
            ? { ...parsed.line, purchasedAt: parsed.line.purchasedAt.toISOString() }
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
