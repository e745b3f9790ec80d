import { createHash } from 'node:crypto'
import { type Readable, Transform } from 'node:stream'
import { parse } from 'csv-parse'
import type { Transaction } from 'kysely'
import { saveImportRun } from '../../db/imports.store.ts'
import { insertPurchases } from '../../db/purchase-bulk.ts'
import type { DB } from '../../db/schema.ts'
import { recomputeValue } from '../../db/value.store.ts'
import { inWorkspace } from '../../db/workspace-scope.ts'
import {
  detectPurchaseMapping,
  PURCHASE_FIELDS,
  PURCHASE_REQUIRED,
  type PurchaseField,
  type PurchaseLine,
  parsePurchaseRow,
} from '../../domain/customers/purchase-import.ts'
import { DomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'

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
}

export interface ImportError {
  row: number
  column: string | null
  reason: string
  file?: string
}

const BATCH = 2000
const KEEP_ERRORS = 1000

class Rejected extends Error {}

/**
 * Streams one or more CSV files of purchases into a workspace, in one transaction: memory stays
 * flat whatever the size (rows go to the database in batches of 2,000). Idempotent: each line has
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
    const customerIds = new Map<string, { id: string; currency: string }>()
    let currencyColumn: string | null = 'currency'
    let batch: Array<{ line: PurchaseLine; key: string; row: number; file: string | undefined }> = []

    /** the purchase inserts issued so far, counted in order */
    let writing: Promise<void> = Promise.resolve()
    const flush = async () => {
      if (!batch.length) return
      let rows = batch
      batch = []
      const unknown = [...new Set(rows.map((r) => r.line.customerExternalId))].filter(
        (x) => !customerIds.has(x),
      )
      if (unknown.length) {
        const found = await trx
          .selectFrom('customer')
          .select(['id', 'externalId', 'currency'])
          .where('workspaceId', '=', workspaceId)
          .where('externalId', 'in', unknown)
          .execute()
        for (const f of found) customerIds.set(f.externalId!, { id: f.id, currency: f.currency })
        // a customer already on file keeps the currency it buys in
        rows = rows.filter((r) => {
          const known = found.find((f) => f.externalId === r.line.customerExternalId)
          if (!known || known.currency === r.line.currency) return true
          fail({
            row: r.row,
            column: currencyColumn,
            reason: `customer ${r.line.customerExternalId} buys in ${known.currency}; this line is in ${r.line.currency} (one currency per customer)`,
            ...(r.file ? { file: r.file } : {}),
          })
          return false
        })
        if (!rows.length) return
        const missing = unknown.filter((x) => !customerIds.has(x))
        if (missing.length) {
          const firstLine = new Map(rows.map((r) => [r.line.customerExternalId, r.line]))
          const inserted = await trx
            .insertInto('customer')
            .values(
              missing.map((x) => ({
                workspaceId,
                kind: 'organisation',
                name: `Customer ${x}`,
                externalId: x,
                country: firstLine.get(x)?.country ?? null,
                currency: firstLine.get(x)?.currency ?? opts.currency,
              })),
            )
            .returning(['id', 'externalId', 'currency'])
            .execute()
          for (const f of inserted) customerIds.set(f.externalId!, { id: f.id, currency: f.currency })
          stats.customersAdded += inserted.length
        }
      }
      // the lines go to the database while the next batch is parsed: the connection runs its
      // statements in order, and `writing` is awaited before anything reads the counts
      const inserting = insertPurchases(
        trx,
        workspaceId,
        rows.map(({ line, key }) => ({
          customerId: customerIds.get(line.customerExternalId)!.id,
          lineKey: key,
          invoiceId: line.invoiceId,
          purchasedAt: line.purchasedAt,
          productCode: line.productCode,
          description: line.description,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          amount: line.amount,
          currency: line.currency,
          isCancellation: line.isCancellation,
          isProduct: line.isProduct,
        })),
      )
      const count = rows.length
      const previous = writing
      writing = inserting.then(async (added) => {
        await previous
        stats.added += added
        stats.alreadyPresent += count - added
      })
      writing.catch(() => {}) // surfaced when `writing` is awaited
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
        const parser = source.stream.pipe(counter).pipe(
          parse({
            bom: true,
            skip_empty_lines: true,
            relax_column_count: true,
            info: true,
            encoding: 'utf8',
          }),
        )
        let headers: string[] | null = null
        let fieldIndex: Array<[PurchaseField, number]> = []
        let headerOf: (f: PurchaseField) => string = (f) => f
        // identical lines of one invoice are told apart by their place in the run of that invoice
        let currentInvoice = ''
        let seen = new Map<string, number>()
        try {
          for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
            const { record, info } = rec
            if (!headers) {
              headers = record.map((h) => h.trim())
              const mapping = checkHeaders(headers, opts.mapping, source.name)
              usedMapping = mapping
              fieldIndex = Object.entries(mapping).map(([h, f]) => [f as PurchaseField, headers!.indexOf(h)])
              const byField = new Map(Object.entries(mapping).map(([h, f]) => [f, h]))
              headerOf = (f) => byField.get(f) ?? f
              currencyColumn = headerOf('currency')
              continue
            }
            stats.rows++
            const row = info.lines
            if (record.length !== headers.length) {
              fail({
                row,
                column: null,
                reason: `has ${record.length} columns where the header has ${headers.length} (a half-written line, or a delimiter inside an unquoted value)`,
                ...(file ? { file } : {}),
              })
              continue
            }
            if (record.some((v) => v.includes('\uFFFD'))) {
              fail({
                row,
                column: null,
                reason: 'is not UTF-8 text: save the file as UTF-8 and import it again',
                ...(file ? { file } : {}),
              })
              continue
            }
            const values: Partial<Record<PurchaseField, string>> = {}
            for (const [f, i] of fieldIndex) values[f] = record[i]
            const parsed = parsePurchaseRow(values, {
              timezone: opts.timezone,
              currency: opts.currency,
              now,
              headerOf,
            })
            if (parsed.kind === 'no_customer') {
              stats.rowsWithoutCustomer++
              continue
            }
            if (parsed.kind === 'error') {
              for (const p of parsed.problems) fail({ row, ...p, ...(file ? { file } : {}) })
              continue
            }
            const line = parsed.line
            const known = customerIds.get(line.customerExternalId)
            if (known && known.currency !== line.currency) {
              fail({
                row,
                column: headerOf('currency'),
                reason: `customer ${line.customerExternalId} buys in ${known.currency}; this line is in ${line.currency} (one currency per customer)`,
                ...(file ? { file } : {}),
              })
              continue
            }
            if (line.invoiceId !== currentInvoice) {
              currentInvoice = line.invoiceId
              seen = new Map()
            }
            const content = `${line.customerExternalId}|${line.purchasedAt.toISOString()}|${line.productCode}|${line.quantity}|${line.unitPrice}|${line.amount}|${line.currency}`
            const nth = (seen.get(content) ?? 0) + 1
            seen.set(content, nth)
            const key = `${line.invoiceId}|${createHash('sha1').update(content).digest('base64url').slice(0, 16)}|${nth}`
            batch.push({ line, key, row, file })
            if (!known) customerIds.set(line.customerExternalId, { id: '', currency: line.currency })
            if (batch.length >= BATCH) await resolvePending(flush, customerIds)
          }
        } catch (e) {
          if (e instanceof DomainError) throw e
          const err = e as { code?: string; lines?: number; message: string }
          if (err.code?.startsWith('CSV_')) {
            fail({
              row: err.lines ?? stats.rows + 1,
              column: null,
              reason: `cannot be read as CSV (${err.message.replace(/^Invalid Record Length: |^Invalid Closing Quote: /, '')})`,
              ...(file ? { file } : {}),
            })
          } else throw e
        }
        if (!headers)
          throw new DomainError('invalid_input', `${source.name} is empty: it has no header line.`)
      }
      await resolvePending(flush, customerIds)
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
    await recomputeValue(trx, workspaceId, now)
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

/** Customers first seen in this batch get their ids when the batch is written. */
const resolvePending = async (
  flush: () => Promise<void>,
  ids: Map<string, { id: string; currency: string }>,
) => {
  for (const [k, v] of ids) if (!v.id) ids.delete(k)
  await flush()
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
