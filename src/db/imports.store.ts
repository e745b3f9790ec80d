import type { Kysely } from 'kysely'
import type { DB } from './schema.ts'

export interface ImportRunRecord {
  kind: 'purchases' | 'customers' | 'secrets' | 'oops'
  status: 'imported' | 'rejected' | 'partial'
  fileName: string | null
  mapping: Record<string, string>
  rows: number
  added: number
  alreadyPresent: number
  rowsWithoutCustomer: number
  customersAdded: number
  errorCount: number
  errors: Array<{ row: number; column: string | null; reason: string; file?: string }>
  seconds: number
  createdBy: string | null
}

/** Keeps the outcome and full error report of an import (also of a refused one, so it can be downloaded). */
export const saveImportRun = async (trx: Kysely<DB>, workspaceId: string, r: ImportRunRecord) =>
  (
    await trx
      .insertInto('importRun')
      .values({ workspaceId, ...r, mapping: JSON.stringify(r.mapping), errors: JSON.stringify(r.errors) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
