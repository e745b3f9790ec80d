import type { Readable } from 'node:stream'
import type { Transaction } from 'kysely'
import { auditLog } from '../../db/audit.store.ts'
import { customersStore } from '../../db/customers.store.ts'
import { membersByEmail } from '../../db/imports.store.ts'
import type { DB } from '../../db/schema.ts'
import { valueStore } from '../../db/value.store.ts'
import {
  CUSTOMER_FIELDS,
  CUSTOMER_REQUIRED,
  type CustomerField,
  detectCustomerMapping,
  parseCustomerRow,
} from '../../domain/customers/customer-import.ts'
import { importCustomerRow } from '../../domain/customers/import-customers.ts'
import { DomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'
import {
  checkHeaders,
  csvRecords,
  csvSyntaxError,
  errorSink,
  headerLookup,
  type Importer,
  nulCellError,
  rejectIfNeeded,
  settleImport,
  valuesOf,
} from './import-kit.ts'

interface Options {
  dryRun: boolean
  /** the client went away: roll back rather than commit for no one */
  signal?: AbortSignal | undefined
  keepGoodRows: boolean
  mapping?: Record<string, string> | undefined
  fileName?: string | undefined
  currency: string
  onProgress?: ((bytes: number) => void) | undefined
}

/**
 * A customers file: one row per customer, keyed by its external id, with optionally its contact
 * person, spouse and children by name. Same rules as purchases: streamed, idempotent (a customer
 * already on file is updated, a contact or relative already recorded is not added twice), all or
 * nothing unless keepGoodRows.
 */
export const runCustomerImport = async (
  deps: ServerDeps,
  workspaceId: string,
  importer: Importer,
  source: { name: string; stream: Readable },
  opts: Options,
) => {
  const sink = errorSink()
  const fail = sink.fail
  const stats = { rows: 0, added: 0, alreadyPresent: 0, rowsWithoutCustomer: 0, customersAdded: 0 }
  let usedMapping: Record<string, string> = {}

  const work = async (trx: Transaction<DB>) => {
    const members = await membersByEmail(trx, workspaceId)
    const customers = customersStore(trx, workspaceId)
    const seenIds = new Map<string, number>()
    let headers: string[] | null = null
    let mapping: Record<string, CustomerField> = {}
    let headerOf: (f: CustomerField) => string = (f) => f
    try {
      for await (const { record, row } of csvRecords(source.stream, opts.onProgress)) {
        if (!headers) {
          headers = record.map((h) => h.trim())
          mapping = checkHeaders(headers, opts.mapping, {
            fileName: source.name,
            fields: CUSTOMER_FIELDS,
            required: CUSTOMER_REQUIRED,
            detect: detectCustomerMapping,
            what: 'a customer field',
          })
          usedMapping = mapping
          headerOf = headerLookup(mapping)
          continue
        }
        stats.rows++
        if (record.length !== headers.length) {
          fail({
            row,
            column: null,
            reason: `has ${record.length} columns where the header has ${headers.length}`,
          })
          continue
        }
        const nul = nulCellError(record)
        if (nul) {
          fail({ row, column: null, reason: nul })
          continue
        }
        const values = valuesOf(record, headers, mapping)
        const parsed = parseCustomerRow(values, headerOf)
        if (parsed.kind === 'error') {
          for (const p of parsed.problems) fail({ row, ...p })
          continue
        }
        const earlier = seenIds.get(parsed.row.externalId)
        if (earlier) {
          fail({
            row,
            column: headerOf('externalId'),
            reason: `customer ${parsed.row.externalId} is already on row ${earlier}`,
          })
          continue
        }
        seenIds.set(parsed.row.externalId, row)
        const stored = await importCustomerRow({ customers }, parsed.row, {
          ownerIdOf: (email) => members.get(email)?.id,
          currency: opts.currency,
          headerOf,
        })
        if (stored.kind === 'error') for (const p of stored.problems) fail({ row, ...p })
        else if (stored.kind === 'updated') stats.alreadyPresent++
        else {
          stats.added++
          stats.customersAdded++
        }
      }
    } catch (e) {
      fail(csvSyntaxError(e, stats.rows + 1))
    }
    if (!headers) throw new DomainError('invalid_input', `${source.name} is empty: it has no header line.`)
    rejectIfNeeded(sink, opts)
    // new customers change counts and shares: ranks and tiers are worked out again (nobody's sums)
    await valueStore(trx, workspaceId).recompute(deps.clock.now(), [])
    await auditLog(trx, workspaceId).record({
      actorUserId: importer.userId,
      actorLabel: importer.label,
      action: 'customers.imported',
      targetType: 'workspace',
      targetId: workspaceId,
      // counts only: never a name, nor whom a row is about
      details: {
        fileName: opts.fileName ?? source.name,
        rows: stats.rows,
        added: stats.added,
        alreadyPresent: stats.alreadyPresent,
        errorCount: sink.count,
      },
    })
  }

  const result = await settleImport(
    deps,
    workspaceId,
    {
      kind: 'customers',
      fileName: opts.fileName ?? source.name,
      createdBy: importer.userId,
      dryRun: opts.dryRun,
      signal: opts.signal,
      stats,
      sink,
      mapping: () => usedMapping,
    },
    work,
  )
  return { ...result, kind: 'customers' as const }
}
