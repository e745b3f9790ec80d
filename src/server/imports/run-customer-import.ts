import type { Readable } from 'node:stream'
import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { recomputeValue } from '../../db/value.store.ts'
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
import {
  checkHeaders,
  csvRecords,
  csvSyntaxError,
  errorSink,
  headerLookup,
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
  userId: string | null,
  source: { name: string; stream: Readable },
  opts: Options,
) => {
  const sink = errorSink()
  const fail = sink.fail
  const stats = { rows: 0, added: 0, alreadyPresent: 0, rowsWithoutCustomer: 0, customersAdded: 0 }
  let usedMapping: Record<string, string> = {}

  const work = async (trx: Transaction<DB>) => {
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
    let headers: string[] | null = null
    let mapping: Record<string, CustomerField> = {}
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
        await store(row, parsed.row)
      }
    } catch (e) {
      fail(csvSyntaxError(e, stats.rows + 1))
    }
    if (!headers) throw new DomainError('invalid_input', `${source.name} is empty: it has no header line.`)
    rejectIfNeeded(sink, opts)
    await recomputeValue(trx, workspaceId, deps.clock.now(), undefined, [])
  }

  const result = await settleImport(
    deps,
    workspaceId,
    {
      kind: 'customers',
      fileName: opts.fileName ?? source.name,
      createdBy: userId,
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
