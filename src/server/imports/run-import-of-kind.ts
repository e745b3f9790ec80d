import type { Readable } from 'node:stream'
import type { Delimiter, Encoding } from '../../domain/customers/file-dialect.ts'
import type { DateOrder } from '../../domain/customers/zoned-time.ts'
import { DomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'
import type { Importer } from './import-kit.ts'
import { runRowImport } from './row-import.ts'
import { customerRows } from './run-customer-import.ts'
import { runPurchaseImport } from './run-import.ts'
import { oopsRows } from './run-oops-import.ts'
import { secretRows } from './run-secret-import.ts'

export type ImportKind = 'purchases' | 'customers' | 'secrets' | 'oops'

export interface ImportRequest {
  kind: ImportKind
  /** a member, or the CLI on the server's machine (`userId` null: rows without a recorder or owner name none) */
  importer: Importer
  dryRun: boolean
  keepGoodRows: boolean
  mapping?: Record<string, string> | undefined
  currency: string
  timezone: string
  /** purchases: how the file is written, when the person says (otherwise read from it) */
  encoding?: Encoding | undefined
  delimiter?: Delimiter | undefined
  dateOrder?: DateOrder | undefined
  onProgress?: ((bytes: number) => void) | undefined
  /**
   * The client went away (Ctrl-C, a dropped connection): the files stop being read and the
   * transaction is rolled back, so nothing of a cut import is stored and nothing waits for it.
   */
  signal?: AbortSignal | undefined
}

/**
 * Files of one kind into a workspace: the one dispatch the API, the CLI's bridge and the CLI share.
 * Purchases read all the files in one run (one transaction); the other kinds run file by file and
 * stop at the first one refused.
 */
export const runImportOfKind = async (
  deps: ServerDeps,
  workspaceId: string,
  /** `fileName`: what the import's record calls the file, when it has a name to give */
  sources: Array<{
    name: string
    stream: Readable
    fileName?: string | undefined
    /** the file again from its start, when it can be read twice */
    reopen?: (() => Readable) | undefined
  }>,
  r: ImportRequest,
) => {
  const common = { dryRun: r.dryRun, keepGoodRows: r.keepGoodRows, mapping: r.mapping, signal: r.signal }
  if (r.signal) {
    const stop = () => {
      const why = new DomainError(
        'invalid_input',
        'The import was stopped by its client; nothing was imported.',
      )
      for (const s of sources) s.stream.destroy(why)
    }
    if (r.signal.aborted) stop()
    else r.signal.addEventListener('abort', stop, { once: true })
  }
  if (r.kind === 'purchases') {
    return [
      await runPurchaseImport(deps, workspaceId, r.importer.userId, sources, {
        ...common,
        kind: 'purchases',
        timezone: r.timezone,
        currency: r.currency,
        encoding: r.encoding,
        delimiter: r.delimiter,
        dateOrder: r.dateOrder,
        fileName: sources.length === 1 ? sources[0]!.fileName : undefined,
        onProgress: r.onProgress,
      }),
    ]
  }
  const results = []
  for (const source of sources) {
    const opts = { ...common, fileName: source.fileName, currency: r.currency }
    const one =
      r.kind === 'secrets'
        ? await runRowImport(deps, workspaceId, r.importer, source, opts, secretRows)
        : r.kind === 'oops'
          ? await runRowImport(deps, workspaceId, r.importer, source, opts, oopsRows)
          : await runRowImport(deps, workspaceId, r.importer, source, opts, customerRows)
    results.push(one)
    if (one.status === 'rejected') break
  }
  return results
}
