import { type Readable, Transform } from 'node:stream'
import { parse } from 'csv-parse'
import { sql } from 'kysely'
import { saveImportRun } from '../../db/imports.store.ts'
import { recomputeValue } from '../../db/value.store.ts'
import { inWorkspace } from '../../db/workspace-scope.ts'
import {
  CUSTOMER_FIELDS,
  CUSTOMER_REQUIRED,
  type CustomerField,
  type CustomerRow,
  detectCustomerMapping,
  parseCustomerRow,
} from '../../domain/customers/customer-import.ts'
import { DomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'

interface Options {
  dryRun: boolean
  keepGoodRows: boolean
  mapping?: Record<string, string> | undefined
  fileName?: string | undefined
  currency: string
  onProgress?: ((bytes: number) => void) | undefined
}

class Rejected extends Error {}

/**
 * A customers file: one row per customer, keyed by its external id, with optionally its contact
 * person, spouse and children by name. Same rules as purchases: streamed, idempotent (a customer
 * already on file is updated, a contact or relative already recorded is not added twice), all or
 * nothing unless keepGoodRows.
 */
export const runCustomerImport = async (
  deps: ServerDeps,
  workspaceId: string,
  userId: string | null,
  source: { name: string; stream: Readable },
  opts: Options,
) => {
  const started = performance.now()
  const errors: Array<{ row: number; column: string | null; reason: string }> = []
  let errorCount = 0
  const stats = { rows: 0, added: 0, alreadyPresent: 0, rowsWithoutCustomer: 0, customersAdded: 0 }
  let usedMapping: Record<string, string> = {}
  const fail = (e: { row: number; column: string | null; reason: string }) => {
    errorCount++
    if (errors.length < 1000) errors.push(e)
  }

  const work = async (trx: Parameters<Parameters<typeof inWorkspace>[2]>[0]) => {
    const owners = new Map(
      (
        await trx
          .selectFrom('membership as m')
          .innerJoin('authUser as u', 'u.id', 'm.userId')
          .select(['u.id', 'u.email'])
          .where('m.workspaceId', '=', workspaceId)
          .execute()
      ).map((u) => [u.email.toLowerCase(), u.id]),
    )
    const seenIds = new Map<string, number>()
    let bytes = 0
    const counter = new Transform({
      transform(chunk: Buffer, _e, cb) {
        bytes += chunk.length
        opts.onProgress?.(bytes)
        cb(null, chunk)
      },
    })
    const parser = source.stream
      .pipe(counter)
      .pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }))
    let headers: string[] | null = null
    let index: Array<[CustomerField, number]> = []
    let headerOf: (f: CustomerField) => string = (f) => f
    const store = async (row: number, c: CustomerRow) => {
      const ownerUserId = c.ownerEmail ? owners.get(c.ownerEmail) : null
      if (c.ownerEmail && !ownerUserId) {
        fail({
          row,
          column: headerOf('ownerEmail'),
          reason: `no member of this workspace has the email ${c.ownerEmail}`,
        })
        return
      }
      const existing = await trx
        .selectFrom('customer')
        .select('id')
        .where('workspaceId', '=', workspaceId)
        .where('externalId', '=', c.externalId)
        .executeTakeFirst()
      const fields = {
        name: c.name,
        kind: c.kind,
        segment: c.segment,
        country: c.country,
        notes: c.notes,
        estimatedCategorySpend: c.estimatedCategorySpend,
        ...(ownerUserId ? { ownerUserId } : {}),
      }
      let id: string
      if (existing) {
        id = existing.id
        await trx
          .updateTable('customer')
          .set({ ...fields, updatedAt: new Date() })
          .where('id', '=', id)
          .execute()
        stats.alreadyPresent++
      } else {
        id = (
          await trx
            .insertInto('customer')
            .values({ workspaceId, externalId: c.externalId, currency: opts.currency, ...fields })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
        stats.added++
        stats.customersAdded++
      }
      let personId: string | null = null
      if (c.person) {
        const p = c.person
        personId =
          (
            await trx
              .selectFrom('customerPerson')
              .select('id')
              .where('workspaceId', '=', workspaceId)
              .where('customerId', '=', id)
              .where(sql<boolean>`lower(name) = lower(${p.name})`)
              .executeTakeFirst()
          )?.id ??
          (
            await trx
              .insertInto('customerPerson')
              .values({ workspaceId, customerId: id, ...p })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
      }
      for (const f of c.family) {
        const known = await trx
          .selectFrom('customerRelation')
          .select('id')
          .where('workspaceId', '=', workspaceId)
          .where('customerId', '=', id)
          .where('kind', '=', f.kind)
          .where(sql<boolean>`lower(name) = lower(${f.name})`)
          .executeTakeFirst()
        if (!known)
          await trx
            .insertInto('customerRelation')
            .values({ workspaceId, customerId: id, personId, ...f })
            .execute()
      }
    }
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[]
      info: { lines: number }
    }>) {
      if (!headers) {
        headers = record.map((h) => h.trim())
        const dupes = headers.filter((h, i) => h && headers!.indexOf(h) !== i)
        if (dupes.length) {
          throw new DomainError(
            'invalid_input',
            `${source.name}: the header names "${dupes[0]}" more than once.`,
          )
        }
        const mapping = opts.mapping ?? detectCustomerMapping(headers)
        for (const [h, f] of Object.entries(mapping)) {
          if (!headers.includes(h))
            throw new DomainError(
              'invalid_input',
              `The mapping names a column "${h}" the file does not have.`,
            )
          if (!(CUSTOMER_FIELDS as readonly string[]).includes(f)) {
            throw new DomainError(
              'invalid_input',
              `"${f}" is not a customer field: use one of ${CUSTOMER_FIELDS.join(', ')}.`,
            )
          }
        }
        const missing = CUSTOMER_REQUIRED.filter((f) => !Object.values(mapping).includes(f))
        if (missing.length) {
          throw new DomainError(
            'invalid_input',
            `${source.name}: no column for ${missing.join(', ')}. Columns found: ${headers.join(', ')}.`,
          )
        }
        usedMapping = mapping
        index = Object.entries(mapping).map(([h, f]) => [f as CustomerField, headers!.indexOf(h)])
        const byField = new Map(Object.entries(mapping).map(([h, f]) => [f, h]))
        headerOf = (f) => byField.get(f) ?? f
        continue
      }
      stats.rows++
      const row = info.lines
      if (record.length !== headers.length) {
        fail({
          row,
          column: null,
          reason: `has ${record.length} columns where the header has ${headers.length}`,
        })
        continue
      }
      const values: Partial<Record<CustomerField, string>> = {}
      for (const [f, i] of index) values[f] = record[i]
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
      await store(row, parsed.row)
    }
    if (!headers) throw new DomainError('invalid_input', `${source.name} is empty: it has no header line.`)
    if ((errorCount && !opts.keepGoodRows) || opts.dryRun) throw new Rejected()
    await recomputeValue(trx, workspaceId, deps.clock.now())
  }

  let status: 'imported' | 'rejected' | 'dry_run' | 'partial'
  try {
    await inWorkspace(deps.database.db, workspaceId, work)
    status = errorCount ? 'partial' : 'imported'
  } catch (e) {
    if (!(e instanceof Rejected)) throw e
    status = opts.dryRun ? 'dry_run' : 'rejected'
    if (status === 'rejected') Object.assign(stats, { added: 0, alreadyPresent: 0, customersAdded: 0 })
  }
  const seconds = Math.round(((performance.now() - started) / 1000) * 100) / 100
  const result = {
    kind: 'customers' as const,
    status,
    fileName: opts.fileName ?? source.name,
    mapping: usedMapping,
    ...stats,
    errorCount,
    errors: errors.slice(0, 100),
    seconds,
    rowsPerSecond: Math.round(stats.rows / Math.max(seconds, 0.001)),
    createdAt: deps.clock.now(),
  }
  const id =
    status === 'dry_run'
      ? null
      : await inWorkspace(deps.database.db, workspaceId, (trx) =>
          saveImportRun(trx, workspaceId, {
            kind: 'customers',
            status,
            fileName: result.fileName,
            mapping: usedMapping,
            rows: stats.rows,
            added: stats.added,
            alreadyPresent: stats.alreadyPresent,
            rowsWithoutCustomer: 0,
            customersAdded: stats.customersAdded,
            errorCount,
            errors,
            seconds,
            createdBy: userId,
          }),
        )
  return { id, ...result }
}
