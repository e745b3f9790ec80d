import type { Kysely } from 'kysely'
import type { DB } from './schema.ts'

export interface ImportRunRecord {
  kind: 'purchases' | 'customers' | 'secrets' | 'oops'
  /** a dry run is kept too: its counts say what it would have stored, its report can be downloaded */
  status: 'imported' | 'rejected' | 'partial' | 'dry_run'
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

/** A kept import run, as the list of recent imports shows it. */
export interface ImportRun extends Omit<ImportRunRecord, 'createdBy' | 'status'> {
  id: string
  status: ImportRunRecord['status']
  createdAt: Date
}

/** The import runs of one workspace; `trx` comes from inWorkspace (RLS on). */
export const importsStore = (trx: Kysely<DB>, workspaceId: string) => ({
  /** the latest runs, newest first */
  async recent(limit: number): Promise<ImportRun[]> {
    const rows = await trx
      .selectFrom('importRun')
      .selectAll()
      .where('workspaceId', '=', workspaceId)
      .orderBy('createdAt', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as ImportRun['kind'],
      status: r.status as ImportRun['status'],
      fileName: r.fileName,
      mapping: r.mapping as Record<string, string>,
      rows: r.rows,
      added: r.added,
      alreadyPresent: r.alreadyPresent,
      rowsWithoutCustomer: r.rowsWithoutCustomer,
      customersAdded: r.customersAdded,
      errorCount: r.errorCount,
      errors: r.errors as ImportRun['errors'],
      seconds: r.seconds,
      createdAt: new Date(r.createdAt),
    }))
  },
  /** the full error report of one run, or undefined */
  errorsOf: (id: string) =>
    trx
      .selectFrom('importRun')
      .select(['errors', 'fileName'])
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst(),
})

/** The workspace's members by email (lower case): whom a file may name as owner or recorder. */
export const membersByEmail = async (trx: Kysely<DB>, workspaceId: string) =>
  new Map(
    (
      await trx
        .selectFrom('membership as m')
        .innerJoin('authUser as u', 'u.id', 'm.userId')
        .select(['u.id', 'u.email', 'u.name'])
        .where('m.workspaceId', '=', workspaceId)
        .execute()
    ).map((u) => [u.email.toLowerCase(), { id: u.id, name: u.name || u.email }]),
  )
