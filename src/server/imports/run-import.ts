import { hash } from 'node:crypto'
import { type Readable, Transform } from 'node:stream'
import { parse } from 'csv-parse'
import type { Transaction } from 'kysely'
import { saveImportRun } from '../../db/imports.store.ts'
import { purchaseImportStore } from '../../db/purchase-bulk.ts'
import type { DB } from '../../db/schema.ts'
import { valueStore } from '../../db/value.store.ts'
import { inWorkspace } from '../../db/workspace-scope.ts'
import {
  currencyMismatch,
  detectPurchaseMapping,
  PURCHASE_FIELDS,
  PURCHASE_REQUIRED,
  type PurchaseField,
  type PurchaseTuple,
  parsePurchaseRow,
} from '../../domain/customers/purchase-import.ts'
import { DomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'
import { isCsvError, nulCellError, parsedFrom } from './import-kit.ts'

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

export interface ImportError {
  row: number
  column: string | null
  reason: string
  file?: string
}

const BATCH = 5000
/** batches parsed and handed to the database but not yet written */
const IN_FLIGHT = 2
const KEEP_ERRORS = 1000

class Rejected extends Error {}

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
  const started = performance.now()
  const errors: ImportError[] = []
  let errorCount = 0
  const stats = { rows: 0, added: 0, alreadyPresent: 0, rowsWithoutCustomer: 0, customersAdded: 0 }
  let usedMapping: Record<string, string> = {}
  const now = deps.clock.now()
  let bytes = 0
  const fail = (e: ImportError) => {
    errorCount++
    if (errors.length < KEEP_ERRORS) errors.push(e)
  }

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
        // identical lines of one invoice are told apart by their place in the run of that invoice
        let currentInvoice = ''
        const seen = new Map<string, number>()
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
              const byField = new Map(Object.entries(mapping).map(([h, f]) => [f, h]))
              const headerOf = (f: PurchaseField) => byField.get(f) ?? f
              currencyColumn = headerOf('currency')
              rowOpts = { timezone: opts.timezone, currency: opts.currency, now, headerOf }
              continue
            }
            stats.rows++
            if (record.length !== headers.length) {
              fail({
                row,
                column: null,
                reason: `has ${record.length} columns where the header has ${headers.length} (a half-written line, or a delimiter inside an unquoted value)`,
                ...(file ? { file } : {}),
              })
              continue
            }
            if (notUtf8(record)) {
              fail({
                row,
                column: null,
                reason: 'is not UTF-8 text: save the file as UTF-8 and import it again',
                ...(file ? { file } : {}),
              })
              continue
            }
            const nul = nulCellError(record)
            if (nul) {
              fail({ row, column: null, reason: nul, ...(file ? { file } : {}) })
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
            if (line.invoiceId !== currentInvoice) {
              currentInvoice = line.invoiceId
              seen.clear()
            }
            // the key's format is what is on file already: keep it, or a second import adds it all again
            const content = `${line.customerExternalId}|${lastIso}|${line.productCode}|${line.quantity}|${line.unitPrice}|${line.amount}|${line.currency}`
            const nth = (seen.get(content) ?? 0) + 1
            seen.set(content, nth)
            const key = `${line.invoiceId}|${hash('sha1', content, 'base64url').slice(0, 16)}|${nth}`
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
          if (e instanceof DomainError) throw e
          const err = e as { lines?: number; message: string }
          if (isCsvError(e)) {
            fail({
              row: err.lines ?? row + 1,
              column: null,
              reason: `cannot be read as CSV (${err.message.replace(/^Invalid Record Length: |^Invalid Closing Quote: /, '')})`,
              ...(file ? { file } : {}),
            })
          } else throw e
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
    if (errorCount && !opts.keepGoodRows) throw new Rejected()
    if (opts.dryRun) throw new Rejected()
    // everyone's purchases may have changed: every customer's figures are summed again
    await valueStore(trx, workspaceId).recompute(now)
    opts.signal?.throwIfAborted()
  }

  let status: 'imported' | 'rejected' | 'dry_run' | 'partial'
  try {
    await inWorkspace(deps.database.db, workspaceId, work)
    status = errorCount ? 'partial' : 'imported'
  } catch (e) {
    if (!(e instanceof Rejected)) throw e
    status = errorCount && !opts.keepGoodRows ? 'rejected' : 'dry_run'
    if (status === 'rejected' && opts.dryRun) status = 'dry_run'
  }
  if (status === 'rejected' || status === 'dry_run') {
    // nothing was written: say what would have happened
    if (status === 'rejected') {
      stats.added = 0
      stats.alreadyPresent = 0
      stats.customersAdded = 0
    }
  }
  const seconds = (performance.now() - started) / 1000
  const result = {
    kind: 'purchases' as const,
    status,
    fileName: opts.fileName ?? (sources.length === 1 ? sources[0]!.name : `${sources.length} files`),
    mapping: usedMapping,
    ...stats,
    errorCount,
    errors: errors.slice(0, 100),
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(stats.rows / Math.max(seconds, 0.001)),
    createdAt: now,
  }
  const id =
    status === 'dry_run'
      ? null
      : await inWorkspace(deps.database.db, workspaceId, (trx) =>
          saveImportRun(trx, workspaceId, {
            kind: 'purchases',
            status,
            fileName: result.fileName,
            mapping: usedMapping,
            rows: stats.rows,
            added: stats.added,
            alreadyPresent: stats.alreadyPresent,
            rowsWithoutCustomer: stats.rowsWithoutCustomer,
            customersAdded: stats.customersAdded,
            errorCount,
            errors,
            seconds: result.seconds,
            createdBy: userId,
          }),
        )
  return { id, ...result }
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

/** csv-parse decodes bytes that are not UTF-8 as U+FFFD */
const notUtf8 = (record: string[]) => {
  for (let i = 0; i < record.length; i++) if (record[i]!.includes('\uFFFD')) return true
  return false
}

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
