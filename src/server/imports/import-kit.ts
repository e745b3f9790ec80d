import { pipeline, type Readable, Transform } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import type { Kysely, Transaction } from 'kysely'
import { type ImportRunRecord, saveImportRun } from '../../db/imports.store.ts'
import type { DB } from '../../db/schema.ts'
import { inWorkspace } from '../../db/workspace-scope.ts'
import { DomainError, isDomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'

/**
 * What the streamed, one-row-per-record CSV imports (customers, secrets, past OOPS! cases) share:
 * reading the file with a byte counter, checking the header line against the mapping, collecting
 * row errors, and settling the run (all or nothing unless keepGoodRows, a dry run rolled back,
 * the outcome and its full error report saved).
 */

/** Who runs an import: a member (web, API token), or the CLI on the server's machine (no member). */
export interface Importer {
  userId: string | null
  /** how the audit trail names them */
  label: string
  /** the name what they import is attributed to when the file names no one */
  name: string
}

export interface RowError {
  row: number
  column: string | null
  reason: string
  /** which file, when one run reads several */
  file?: string
}

/** Thrown inside the import's transaction to roll it back (a dry run, or a refused file). */
export class Rejected extends Error {}

/** Row errors as they come: all are counted, the first 1,000 kept for the report. */
export const errorSink = () => {
  const errors: RowError[] = []
  let count = 0
  const fail = (e: RowError) => {
    count++
    if (errors.length < 1000) errors.push(e)
  }
  return {
    errors,
    get count() {
      return count
    },
    fail,
    /** each of a row's problems (a column and a reason) as an error of that row */
    failRow(row: number, problems: ReadonlyArray<{ column: string | null; reason: string }>) {
      for (const p of problems) fail({ row, ...p })
    },
  }
}

/**
 * One row per key in a file (the same customer, the same case): a key met again fails its row,
 * naming the row it is already on, and answers false; the first time it answers true.
 */
export const onePerKey = (sink: { fail(e: RowError): void }) => {
  const seen = new Map<string, number>()
  return (key: string, row: number, column: string, what: string): boolean => {
    const earlier = seen.get(key)
    if (earlier === undefined) {
      seen.set(key, row)
      return true
    }
    sink.fail({ row, column, reason: `${what} is already on row ${earlier}` })
    return false
  }
}
export type ErrorSink = ReturnType<typeof errorSink>

/**
 * The file's records as they stream in, each with its row as a spreadsheet numbers it (the header
 * is row 1; a blank line is a row; a cell with line breaks does not start new rows, so a complaint
 * narrative over three lines is still one row). `onProgress` hears the bytes read so far.
 */
export async function* csvRecords(
  stream: Readable,
  onProgress?: (bytes: number) => void,
): AsyncGenerator<{ record: string[]; row: number }> {
  let bytes = 0
  const counter = new Transform({
    transform(chunk: Buffer, _e, cb) {
      bytes += chunk.length
      onProgress?.(bytes)
      cb(null, chunk)
    },
  })
  const records = parsedFrom(
    stream,
    counter,
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  ) as AsyncIterable<{
    record: string[]
    info: { records: number; empty_lines: number }
  }>
  for await (const { record, info } of records) yield { record, row: info.records + info.empty_lines }
}

/**
 * The parser at the end of source → counter → parser, with an error anywhere (the upload cut off,
 * the client gone) ending the parser too: `.pipe()` would leave it waiting for ever for the rest,
 * inside the import's open transaction.
 */
export const parsedFrom = (source: Readable, counter: Transform, parser: Transform): Transform =>
  pipeline(source, counter, parser, () => {}) as Transform

/** A CSV syntax error (unclosed quote …) as a row error; anything else is thrown on. */
export const csvSyntaxError = (e: unknown, nextRow: number): RowError => {
  if (isDomainError(e)) throw e
  if (!isCsvError(e)) throw e
  const err = e as { lines?: number; message: string }
  return {
    row: err.lines ?? nextRow,
    column: null,
    reason: `cannot be read as CSV (${err.message.replace(/^Invalid Record Length: |^Invalid Closing Quote: /, '')})`,
  }
}

/** csv-parse's own errors (an unclosed quote …), whatever code this version gives them. */
export const isCsvError = (e: unknown): boolean => e instanceof CsvError

/**
 * A cell no database text can hold (a NUL character), by its place: files exported from old
 * systems or sent as the wrong kind of file have them; PostgreSQL refuses them.
 */
export const nulCellError = (record: string[]): string | null => {
  for (let i = 0; i < record.length; i++) {
    if (record[i]!.includes('\u0000')) {
      return `has a NUL character in column ${i + 1}: this does not look like a text CSV file (save it as CSV, UTF-8)`
    }
  }
  return null
}

/** A record with another number of cells than the header; `hint` says how that tends to happen. */
export const columnCountError = (record: string[], headers: string[], hint = ''): string | null =>
  record.length === headers.length
    ? null
    : `has ${record.length} columns where the header has ${headers.length}${hint}`

/** csv-parse decodes bytes that are not UTF-8 as U+FFFD. */
export const notUtf8Error = (record: string[]): string | null => {
  for (let i = 0; i < record.length; i++) {
    if (record[i]!.includes('\uFFFD')) return 'is not UTF-8 text: save the file as UTF-8 and import it again'
  }
  return null
}

/**
 * A record that cannot be a row: the wrong number of cells, or bytes that are not UTF-8. (The
 * secrets and OOPS! imports drop control characters, NUL included, from their free text.)
 */
export const recordShapeError = (record: string[], headers: string[]): string | null =>
  columnCountError(record, headers) ?? notUtf8Error(record)

/** The fields one kind of file fills, and how its columns are found when no mapping is given. */
export interface ColumnSpec<F extends string> {
  fields: readonly F[]
  required: readonly F[]
  detect: (headers: string[]) => Record<string, F>
  /** "a field of a secret" */
  what: string
}

/**
 * The header line against the mapping (given, or detected from the headers): no header twice,
 * every mapped column exists and fills a known field, every required field has a column.
 */
export const checkHeaders = <F extends string>(
  headers: string[],
  given: Record<string, string> | undefined,
  spec: ColumnSpec<F> & { fileName: string },
): Record<string, F> => {
  const dupes = headers.filter((h, i) => h && headers.indexOf(h) !== i)
  if (dupes.length) {
    throw new DomainError('invalid_input', `${spec.fileName}: the header names "${dupes[0]}" more than once.`)
  }
  const mapping = given ?? spec.detect(headers)
  for (const [h, f] of Object.entries(mapping)) {
    if (!headers.includes(h)) {
      throw new DomainError('invalid_input', `The mapping names a column "${h}" the file does not have.`)
    }
    if (!(spec.fields as readonly string[]).includes(f)) {
      throw new DomainError(
        'invalid_input',
        `"${f}" is not ${spec.what}: use one of ${spec.fields.join(', ')}.`,
      )
    }
  }
  const missing = spec.required.filter((f) => !Object.values(mapping).includes(f))
  if (missing.length) {
    throw new DomainError(
      'invalid_input',
      `${spec.fileName}: no column for ${missing.join(', ')}. Columns found: ${headers.join(', ')}. Map them explicitly (--map "Header=field").`,
      { missing, headers },
    )
  }
  return mapping as Record<string, F>
}

/** A record's cells keyed by the field their column fills. */
export const valuesOf = <F extends string>(
  record: string[],
  headers: string[],
  mapping: Record<string, F>,
): Partial<Record<F, string>> => {
  const values: Partial<Record<F, string>> = {}
  for (const [h, f] of Object.entries(mapping) as Array<[string, F]>) values[f] = record[headers.indexOf(h)]
  return values
}

/** The file's column for a field, so messages point at what the person sees. */
export const headerLookup = <F extends string>(mapping: Record<string, F>) => {
  const byField = new Map<string, string>(Object.entries(mapping).map(([h, f]) => [f, h]))
  return (f: F) => byField.get(f) ?? f
}

/** Ends the work of a dry run, or of a file with bad rows unless the good ones are kept: rolled back. */
export const rejectIfNeeded = (sink: ErrorSink, opts: { dryRun: boolean; keepGoodRows: boolean }) => {
  if ((sink.count && !opts.keepGoodRows) || opts.dryRun) throw new Rejected()
}

/** The counts every import answers with. */
export interface ImportCounts {
  rows: number
  added: number
  alreadyPresent: number
  rowsWithoutCustomer: number
  customersAdded: number
}

/** An import's counts before its first row. */
export const noCounts = (): ImportCounts => ({
  rows: 0,
  added: 0,
  alreadyPresent: 0,
  rowsWithoutCustomer: 0,
  customersAdded: 0,
})

/**
 * Runs `work` in one workspace transaction and settles the run: `work` throws `Rejected` (after
 * reading the whole file) for a dry run or a refused file, which rolls everything back; a refused
 * file's counts of what it stored go back to zero, nothing was stored. Every run, a dry run too, is
 * saved with its full error report, and answers what the import routes answer.
 */
export const settleImport = async <S extends ImportCounts>(
  deps: ServerDeps,
  workspaceId: string,
  run: {
    kind: ImportRunRecord['kind']
    fileName: string
    createdBy: string | null
    stats: S
    sink: ErrorSink
    mapping: () => Record<string, string>
  },
  opts: {
    dryRun: boolean
    /** the client went away: roll back rather than commit for no one */
    signal?: AbortSignal | undefined
  },
  work: (trx: Transaction<DB>) => Promise<void>,
) => {
  const started = performance.now()
  let status: 'imported' | 'rejected' | 'dry_run' | 'partial'
  try {
    await inWorkspace(deps.database.db, workspaceId, async (trx) => {
      await work(trx)
      opts.signal?.throwIfAborted()
    })
    status = run.sink.count ? 'partial' : 'imported'
  } catch (e) {
    if (!(e instanceof Rejected)) throw e
    status = opts.dryRun ? 'dry_run' : 'rejected'
    if (status === 'rejected') {
      // what the file holds stays counted; what would have been stored goes back to zero
      for (const k of Object.keys(run.stats) as Array<keyof S>) {
        if (k !== 'rows' && k !== 'rowsWithoutCustomer') (run.stats as Record<keyof S, number>)[k] = 0
      }
    }
  }
  const seconds = Math.round(((performance.now() - started) / 1000) * 100) / 100
  const { stats, sink } = run
  const mapping = run.mapping()
  const result = {
    kind: run.kind,
    status,
    fileName: run.fileName,
    mapping,
    ...stats,
    errorCount: sink.count,
    errors: sink.errors.slice(0, 100),
    seconds,
    rowsPerSecond: Math.round(stats.rows / Math.max(seconds, 0.001)),
    createdAt: deps.clock.now(),
  }
  // a dry run is kept too (what it would have added, its full error report to download)
  const id: string | null = await inWorkspace(deps.database.db, workspaceId, (trx) =>
    saveImportRun(trx, workspaceId, {
      kind: run.kind,
      status,
      fileName: run.fileName,
      mapping,
      rows: stats.rows,
      added: stats.added,
      alreadyPresent: stats.alreadyPresent,
      rowsWithoutCustomer: stats.rowsWithoutCustomer,
      customersAdded: stats.customersAdded,
      errorCount: sink.count,
      errors: sink.errors,
      seconds,
      createdBy: run.createdBy,
    }),
  )
  return { id, ...result }
}

/**
 * Runs `fn` in a workspace transaction that is always rolled back: a preview can run the import's
 * own code on the first rows and show them exactly as they would be stored, creating nothing.
 */
export const rolledBack = async <T>(
  db: Kysely<DB>,
  workspaceId: string,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> => {
  let out: { value: T } | null = null
  try {
    await inWorkspace(db, workspaceId, async (trx) => {
      out = { value: await fn(trx) }
      throw new Rejected()
    })
  } catch (e) {
    if (!(e instanceof Rejected)) throw e
  }
  return (out as { value: T } | null)!.value
}

/** The start of a file a preview reads: its header line, its first records, the mapping given (if any). */
export interface PreviewSample {
  headers: string[]
  records: string[][]
  mapping: Record<string, string> | undefined
}

/** A row's problems as one line of the preview. */
export const problemsText = (problems: ReadonlyArray<{ column: string | null; reason: string }>) =>
  problems.map((x) => `${x.column ?? ''}: ${x.reason}`).join('; ')

/**
 * What every preview answers around its rows: the headers, the mapping (given, or detected), the
 * fields and which required ones have no column; and the header lookup its rows are parsed with.
 */
export const previewFrame = <F extends string>(
  headers: string[],
  given: Record<string, string> | undefined,
  spec: Pick<ColumnSpec<F>, 'fields' | 'required' | 'detect'>,
) => {
  const mapping = (given ?? spec.detect(headers)) as Record<string, F>
  const mapped = new Set<string>(Object.values(mapping))
  return {
    headerOf: headerLookup(mapping),
    frame: {
      headers,
      mapping,
      fields: [...spec.fields],
      required: [...spec.required],
      missing: spec.required.filter((f) => !mapped.has(f)),
    },
  }
}

/**
 * The `mapping` query parameter of an import or a preview: a JSON object of header → field, or
 * nothing (the columns are detected). `example` shows one in the refusal.
 */
export const parseMappingParam = (
  raw: string | undefined,
  example: string,
  details?: Record<string, unknown>,
): Record<string, string> | undefined => {
  if (!raw) return undefined
  try {
    const m = JSON.parse(raw) as unknown
    if (
      m &&
      typeof m === 'object' &&
      !Array.isArray(m) &&
      Object.values(m).every((v) => typeof v === 'string')
    ) {
      return m as Record<string, string>
    }
  } catch {}
  throw new DomainError('invalid_input', `mapping must be a JSON object such as ${example}.`, details)
}
