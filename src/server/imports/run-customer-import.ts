import type { Readable } from 'node:stream'
import { customersStore } from '../../db/customers.store.ts'
import { membersByEmail } from '../../db/imports.store.ts'
import { valueStore } from '../../db/value.store.ts'
import {
  CUSTOMER_FIELDS,
  CUSTOMER_REQUIRED,
  type CustomerField,
  detectCustomerMapping,
  parseCustomerRow,
} from '../../domain/customers/customer-import.ts'
import { importCustomerRow } from '../../domain/customers/import-customers.ts'
import type { ServerDeps } from '../deps.ts'
import {
  columnCountError,
  firstRows,
  type Importer,
  noCounts,
  nulCellError,
  previewFrame,
  problemsText,
  valuesOf,
} from './import-kit.ts'
import { type RowImportOptions, runRowImport } from './row-import.ts'

interface Options extends RowImportOptions {
  currency: string
}

const COLUMNS = {
  fields: CUSTOMER_FIELDS,
  required: CUSTOMER_REQUIRED,
  detect: detectCustomerMapping,
  what: 'a customer field',
}

/**
 * A customers file: one row per customer, keyed by its external id, with optionally its contact
 * person, spouse and children by name. Same rules as purchases: streamed, idempotent (a customer
 * already on file is updated, a contact or relative already recorded is not added twice), all or
 * nothing unless keepGoodRows.
 */
export const runCustomerImport = (
  deps: ServerDeps,
  workspaceId: string,
  importer: Importer,
  source: { name: string; stream: Readable },
  opts: Options,
) => {
  const stats = noCounts()
  return runRowImport(deps, workspaceId, importer, source, opts, {
    kind: 'customers' as const,
    columns: COLUMNS,
    // no UTF-8 check here: names and notes keep what the file has
    recordError: (record, headers) => columnCountError(record, headers) ?? nulCellError(record),
    stats,
    audit: 'customers.imported',
    async open(trx, sink) {
      const members = await membersByEmail(trx, workspaceId)
      const customers = customersStore(trx, workspaceId)
      const firstRowOf = firstRows()
      return {
        async row(values, row, headerOf: (f: CustomerField) => string) {
          const parsed = parseCustomerRow(values, headerOf)
          if (parsed.kind === 'error') return sink.failRow(row, parsed.problems)
          const earlier = firstRowOf(parsed.row.externalId, row)
          if (earlier) {
            sink.fail({
              row,
              column: headerOf('externalId'),
              reason: `customer ${parsed.row.externalId} is already on row ${earlier}`,
            })
            return
          }
          const stored = await importCustomerRow({ customers }, parsed.row, {
            ownerIdOf: (email) => members.get(email)?.id,
            currency: opts.currency,
            headerOf,
          })
          if (stored.kind === 'error') sink.failRow(row, stored.problems)
          else if (stored.kind === 'updated') stats.alreadyPresent++
          else {
            stats.added++
            stats.customersAdded++
          }
        },
        // new customers change counts and shares: ranks and tiers are worked out again (nobody's sums)
        kept: () => valueStore(trx, workspaceId).recompute(deps.clock.now(), []),
      }
    },
  })
}

/** The first rows of a customers file as they will be stored (parsed only: nothing is looked up). */
export const previewCustomerRows = (
  headers: string[],
  records: string[][],
  givenMapping: Record<string, string> | undefined,
) => {
  const { frame, headerOf } = previewFrame(headers, givenMapping, COLUMNS)
  return {
    ...frame,
    rows: records.map((r, i) => {
      const parsed = parseCustomerRow(valuesOf(r, headers, frame.mapping), headerOf)
      return {
        row: i + 2,
        stored: parsed.kind === 'row' ? { ...parsed.row } : null,
        error: parsed.kind === 'error' ? problemsText(parsed.problems) : null,
      }
    }),
  }
}
