import type { Readable } from 'node:stream'
import type { Transaction } from 'kysely'
import { auditLog } from '../../db/audit.store.ts'
import type { ImportRunRecord } from '../../db/imports.store.ts'
import type { DB } from '../../db/schema.ts'
import type { AuditAction } from '../../domain/audit/audit-event.ts'
import { DomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'
import {
  type ColumnSpec,
  checkHeaders,
  csvRecords,
  csvSyntaxError,
  type ErrorSink,
  errorSink,
  headerLookup,
  type ImportCounts,
  type Importer,
  rejectIfNeeded,
  settleImport,
  valuesOf,
} from './import-kit.ts'

/** What the caller of a one-row-per-record import chooses. */
export interface RowImportOptions {
  dryRun: boolean
  /** the client went away: roll back rather than commit for no one */
  signal?: AbortSignal | undefined
  keepGoodRows: boolean
  mapping?: Record<string, string> | undefined
  fileName?: string | undefined
  onProgress?: ((bytes: number) => void) | undefined
  /** the currency of customers the file brings in */
  currency: string
}

/** One run of a kind's import, as its `open` sees it: who imports, into where, when, and its counts. */
export interface RowImportRun<S extends ImportCounts> {
  deps: ServerDeps
  workspaceId: string
  importer: Importer
  opts: RowImportOptions
  /** the run's one "now" (a row without a date is dated by it) */
  now: Date
  stats: S
}

/** Who previews a file, of which workspace: the part of a run a preview needs. */
export type PreviewRun = Pick<RowImportRun<ImportCounts>, 'deps' | 'workspaceId' | 'importer'>

/** What one kind does with the rows of its file, inside the import's transaction. */
export interface RowHandler<F extends string> {
  /** one record's cells by field (its shape already checked); problems go to `sink.fail` */
  row(values: Partial<Record<F, string>>, row: number, headerOf: (f: F) => string): Promise<void>
  /** after the last row, before the run is settled (the last batch written) */
  end?(headerOf: (f: F) => string): Promise<void>
  /** once the rows are kept (not a dry run, not a refused file): what follows a change */
  kept?(): Promise<void>
  /** counts the audit trail adds to rows, added and already present (never what a row says) */
  auditCounts?(): Record<string, number>
}

export interface RowImportKind<K extends ImportRunRecord['kind'], F extends string, S extends ImportCounts> {
  kind: K
  columns: ColumnSpec<F>
  /** a record that cannot be a row at all (its cells' count, its bytes) */
  recordError: (record: string[], headers: string[]) => string | null
  /** the counts of one run, all at zero; `open` and its handler add to them */
  counts(): S
  audit: AuditAction
  open(run: RowImportRun<S>, trx: Transaction<DB>, sink: ErrorSink): Promise<RowHandler<F>>
}

/**
 * The streamed, one-row-per-record CSV imports (customers, secrets, past OOPS! cases) as one
 * skeleton: the header line checked against the mapping, each record's shape, then the kind's own
 * row; a CSV syntax error ends the file as a row error; an empty file is refused; all or nothing
 * unless keepGoodRows; audited by counts only; settled and saved by `settleImport`.
 */
export const runRowImport = async <
  K extends ImportRunRecord['kind'],
  F extends string,
  S extends ImportCounts,
>(
  deps: ServerDeps,
  workspaceId: string,
  importer: Importer,
  source: { name: string; stream: Readable },
  opts: RowImportOptions,
  spec: RowImportKind<K, F, S>,
) => {
  const sink = errorSink()
  const stats = spec.counts()
  const run: RowImportRun<S> = { deps, workspaceId, importer, opts, now: deps.clock.now(), stats }
  let usedMapping: Record<string, string> = {}
  const fileName = opts.fileName ?? source.name

  const work = async (trx: Transaction<DB>) => {
    const handler = await spec.open(run, trx, sink)
    let headers: string[] | null = null
    let mapping: Record<string, F> = {}
    let headerOf: (f: F) => string = (f) => f
    try {
      for await (const { record, row } of csvRecords(source.stream, opts.onProgress)) {
        if (!headers) {
          headers = record.map((h) => h.trim())
          mapping = checkHeaders(headers, opts.mapping, { ...spec.columns, fileName: source.name })
          usedMapping = mapping
          headerOf = headerLookup(mapping)
          continue
        }
        stats.rows++
        const bad = spec.recordError(record, headers)
        if (bad) {
          sink.fail({ row, column: null, reason: bad })
          continue
        }
        await handler.row(valuesOf(record, headers, mapping), row, headerOf)
      }
    } catch (e) {
      sink.fail(csvSyntaxError(e, stats.rows + 1))
    }
    if (!headers) throw new DomainError('invalid_input', `${source.name} is empty: it has no header line.`)
    await handler.end?.(headerOf)
    rejectIfNeeded(sink, opts)
    await handler.kept?.()
    await auditLog(trx, workspaceId).record({
      actorUserId: importer.userId,
      actorLabel: importer.label,
      action: spec.audit,
      targetType: 'workspace',
      targetId: workspaceId,
      // counts only: never what a row says, nor whom it is about
      details: {
        fileName,
        rows: stats.rows,
        added: stats.added,
        alreadyPresent: stats.alreadyPresent,
        ...handler.auditCounts?.(),
        errorCount: sink.count,
      },
    })
  }

  const result = await settleImport(
    deps,
    workspaceId,
    {
      kind: spec.kind,
      fileName,
      createdBy: importer.userId,
      stats,
      sink,
      mapping: () => usedMapping,
    },
    opts,
    work,
  )
  return { ...result, kind: spec.kind }
}
