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
import {
  columnCountError,
  type ImportCounts,
  noCounts,
  nulCellError,
  onePerKey,
  previewFrame,
  problemsText,
  valuesOf,
} from './import-kit.ts'
import type { RowImportKind } from './row-import.ts'

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
export const customerRows: RowImportKind<'customers', CustomerField, ImportCounts> = {
  kind: 'customers',
  columns: COLUMNS,
  // no UTF-8 check here: names and notes keep what the file has
  recordError: (record, headers) => columnCountError(record, headers) ?? nulCellError(record),
  counts: noCounts,
  audit: 'customers.imported',
  async open({ deps, workspaceId, opts, stats }, trx, sink) {
    const members = await membersByEmail(trx, workspaceId)
    const customers = customersStore(trx, workspaceId)
    const once = onePerKey(sink)
    return {
      async row(values, row, headerOf) {
        const parsed = parseCustomerRow(values, headerOf)
        if (parsed.kind === 'error') return sink.failRow(row, parsed.problems)
        if (!once(parsed.row.externalId, row, headerOf('externalId'), `customer ${parsed.row.externalId}`))
          return
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
