import { createHash } from 'node:crypto'
import { type Readable, Transform } from 'node:stream'
import { parse } from 'csv-parse'
import { type Kysely, sql } from 'kysely'
import { auditLog } from '../../db/audit.store.ts'
import { saveImportRun } from '../../db/imports.store.ts'
import type { DB } from '../../db/schema.ts'
import { secretsStore } from '../../db/secrets.store.ts'
import { inWorkspace } from '../../db/workspace-scope.ts'
import type { RowProblem } from '../../domain/customers/purchase-import.ts'
import { DomainError, isDomainError } from '../../domain/errors.ts'
import { checkCategory } from '../../domain/secrets/secret.ts'
import {
  detectSecretMapping,
  parseSecretRow,
  SECRET_FIELDS,
  SECRET_REQUIRED,
  type SecretField,
  type SecretImportRow,
  secretRowIdentity,
} from '../../domain/secrets/secret-import.ts'
import { CERTAINTY_LABELS, type SecretCategory } from '../../domain/secrets/taxonomy.ts'
import type { ServerDeps } from '../deps.ts'

/** Who runs the import: a member (web, API token), or the CLI on the server's machine (no member). */
export interface SecretImporter {
  userId: string | null
  /** how the audit trail names them */
  label: string
  /** the name a secret without a "recorded by" is attributed to */
  name: string
}

interface Options {
  dryRun: boolean
  keepGoodRows: boolean
  mapping?: Record<string, string> | undefined
  fileName?: string | undefined
  onProgress?: ((bytes: number) => void) | undefined
}

class Rejected extends Error {}

const BATCH = 500

interface CustomerFacts {
  id: string
  name: string
  kind: string
  externalId: string | null
  sensitiveConsentAt: Date | null
}

/**
 * What a row needs of the database, looked up once per customer, person and recorder: the preview
 * and the import check rows the same way. A person the file names but the customer does not have
 * yet is created by the import (and shown as new in the preview).
 */
const resolver = async (trx: Kysely<DB>, workspaceId: string, importer: SecretImporter) => {
  const store = secretsStore(trx, workspaceId)
  const categories = await store.categories()
  const settings = await store.settings()
  const members = new Map(
    (
      await trx
        .selectFrom('membership as m')
        .innerJoin('authUser as u', 'u.id', 'm.userId')
        .select(['u.id', 'u.email', 'u.name'])
        .where('m.workspaceId', '=', workspaceId)
        .execute()
    ).map((u) => [u.email.toLowerCase(), { id: u.id, name: u.name || u.email }]),
  )
  const customers = new Map<string, CustomerFacts[]>()
  const people = new Map<string, { id: string; name: string } | null>()

  /** by external id first, then by exact name (any case); erased customers are not found */
  const customerOf = async (key: string) => {
    let found = customers.get(key)
    if (!found) {
      const rows = await trx
        .selectFrom('customer')
        .select(['id', 'name', 'kind', 'externalId', 'sensitiveConsentAt'])
        .where('workspaceId', '=', workspaceId)
        .where('erasedAt', 'is', null)
        .where((eb) => eb.or([eb('externalId', '=', key), eb(sql`lower(name)`, '=', key.toLowerCase())]))
        .limit(5)
        .execute()
      const byId = rows.filter((r) => r.externalId === key)
      found = (byId.length ? byId : rows).map((r) => ({
        ...r,
        sensitiveConsentAt: r.sensitiveConsentAt ? new Date(r.sensitiveConsentAt) : null,
      }))
      customers.set(key, found)
    }
    return found
  }

  const personOf = async (customerId: string, name: string) => {
    const k = `${customerId}\u001F${name.toLowerCase()}`
    if (!people.has(k)) {
      const p = await trx
        .selectFrom('customerPerson')
        .select(['id', 'name'])
        .where('workspaceId', '=', workspaceId)
        .where('customerId', '=', customerId)
        .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
        .orderBy('createdAt')
        .executeTakeFirst()
      people.set(k, p ?? null)
    }
    return { key: k, person: people.get(k) ?? null }
  }

  return {
    categories,
    /** the row's customer, person, recorder and category checked against this workspace */
    async check(row: SecretImportRow, headerOf: (f: SecretField) => string) {
      const problems: RowProblem[] = []
      const matches = await customerOf(row.customerKey)
      const customer = matches.length === 1 ? matches[0]! : null
      if (!matches.length) {
        problems.push({
          column: headerOf('customerKey'),
          reason: `no customer has the external id or name "${row.customerKey.slice(0, 80)}"`,
        })
      } else if (!customer) {
        problems.push({
          column: headerOf('customerKey'),
          reason: `${matches.length} customers are called "${row.customerKey.slice(0, 80)}": name the customer by its external id`,
        })
      }
      const recorder = row.recordedBy ? members.get(row.recordedBy) : null
      if (row.recordedBy && !recorder) {
        problems.push({
          column: headerOf('recordedBy'),
          reason: `no member of this workspace has the email ${row.recordedBy}`,
        })
      }
      if (!customer) return { ok: false as const, problems }
      // a person customer is its own person: naming them again is not another person
      const self = customer.kind === 'person' && row.personName?.toLowerCase() === customer.name.toLowerCase()
      const personName = self ? null : row.personName
      const existing = personName ? await personOf(customer.id, personName) : null
      const about = personName || customer.kind === 'person' ? 'person' : 'organisation'
      let category: SecretCategory | null = null
      try {
        category = checkCategory(categories, row.category, about, {
          workspaceAllows: settings.sensitiveCategories,
          customerConsentAt: customer.sensitiveConsentAt,
        })
      } catch (e) {
        if (!isDomainError(e)) throw e
        problems.push({ column: headerOf('category'), reason: e.message })
      }
      if (problems.length || !category) return { ok: false as const, problems }
      return {
        ok: true as const,
        customer,
        category,
        person: personName
          ? {
              key: existing!.key,
              id: existing!.person?.id ?? null,
              name: existing!.person?.name ?? personName,
            }
          : null,
        recorder: recorder ?? (importer.userId ? { id: importer.userId, name: importer.name } : null),
      }
    },
    /** the person's id, creating them the first time the file names them */
    async ensurePerson(customerId: string, p: { key: string; id: string | null; name: string }) {
      if (p.id) return { id: p.id, created: false }
      const known = people.get(p.key)
      if (known) return { id: known.id, created: false }
      const created = await trx
        .insertInto('customerPerson')
        .values({ workspaceId, customerId, name: p.name })
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow()
      people.set(p.key, created)
      return { id: created.id, created: true }
    },
  }
}

/** The header line against the mapping: every required field has a column, every column exists. */
const checkHeaders = (headers: string[], given: Record<string, string> | undefined, name: string) => {
  const dupes = headers.filter((h, i) => h && headers.indexOf(h) !== i)
  if (dupes.length) {
    throw new DomainError('invalid_input', `${name}: the header names "${dupes[0]}" more than once.`)
  }
  const mapping = given ?? detectSecretMapping(headers)
  for (const [h, f] of Object.entries(mapping)) {
    if (!headers.includes(h)) {
      throw new DomainError('invalid_input', `The mapping names a column "${h}" the file does not have.`)
    }
    if (!(SECRET_FIELDS as readonly string[]).includes(f)) {
      throw new DomainError(
        'invalid_input',
        `"${f}" is not a field of a secret: use one of ${SECRET_FIELDS.join(', ')}.`,
      )
    }
  }
  const missing = SECRET_REQUIRED.filter((f) => !Object.values(mapping).includes(f))
  if (missing.length) {
    throw new DomainError(
      'invalid_input',
      `${name}: no column for ${missing.join(', ')}. Columns found: ${headers.join(', ')}. Map them explicitly (--map "Header=field").`,
      { missing, headers },
    )
  }
  return mapping as Record<string, SecretField>
}

const valuesOf = (record: string[], headers: string[], mapping: Record<string, string>) => {
  const values: Partial<Record<SecretField, string>> = {}
  for (const [h, f] of Object.entries(mapping)) values[f as SecretField] = record[headers.indexOf(h)]
  return values
}

const headerLookup = (mapping: Record<string, string>) => {
  const byField = new Map(Object.entries(mapping).map(([h, f]) => [f, h]))
  return (f: SecretField) => byField.get(f) ?? f
}

/**
 * A secrets file: one row per secret heard, about a customer named by its external id or exact
 * name and, where given, one of its people by name (created when the customer does not have them
 * yet). Same rules as the other imports: streamed, all or nothing unless keepGoodRows, a dry run
 * writes nothing, and idempotent: each secret keeps a hash of its normalised row as `source_key`,
 * so a second import of the same file adds nothing. Imported secrets are not announced to the live
 * feed one by one (they are history, not news); the import itself is audited, without any text.
 */
export const runSecretImport = async (
  deps: ServerDeps,
  workspaceId: string,
  importer: SecretImporter,
  source: { name: string; stream: Readable },
  opts: Options,
) => {
  const started = performance.now()
  const now = deps.clock.now()
  const errors: Array<{ row: number; column: string | null; reason: string }> = []
  let errorCount = 0
  const stats = { rows: 0, added: 0, alreadyPresent: 0, peopleAdded: 0 }
  let usedMapping: Record<string, string> = {}
  const fail = (e: { row: number; column: string | null; reason: string }) => {
    errorCount++
    if (errors.length < 1000) errors.push(e)
  }

  const work = async (trx: Kysely<DB>) => {
    const r = await resolver(trx, workspaceId, importer)
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
    let mapping: Record<string, SecretField> = {}
    let headerOf: (f: SecretField) => string = (f) => f
    type Pending = {
      workspaceId: string
      customerId: string
      personId: string | null
      layer: string
      category: string
      text: string
      certainty: string
      recordedBy: string | null
      recordedByName: string | null
      recordedAt: Date
      lastConfirmedAt: Date
      concepts: string
      sourceKey: string
    }
    let batch: Pending[] = []
    const flush = async () => {
      if (!batch.length) return
      const rows = batch
      batch = []
      const inserted = await trx
        .insertInto('secret')
        .values(rows)
        .onConflict((oc) => oc.columns(['workspaceId', 'sourceKey']).doNothing())
        .returning('id')
        .execute()
      stats.added += inserted.length
      stats.alreadyPresent += rows.length - inserted.length
    }
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[]
        info: { lines: number }
      }>) {
        if (!headers) {
          headers = record.map((h) => h.trim())
          mapping = checkHeaders(headers, opts.mapping, source.name)
          usedMapping = mapping
          headerOf = headerLookup(mapping)
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
        if (record.some((v) => v.includes('\uFFFD'))) {
          fail({ row, column: null, reason: 'is not UTF-8 text: save the file as UTF-8 and import it again' })
          continue
        }
        const parsed = parseSecretRow(valuesOf(record, headers, mapping), {
          categories: r.categories,
          now,
          headerOf,
        })
        if (parsed.kind === 'error') {
          for (const p of parsed.problems) fail({ row, ...p })
          continue
        }
        const checked = await r.check(parsed.row, headerOf)
        if (!checked.ok) {
          for (const p of checked.problems) fail({ row, ...p })
          continue
        }
        let personId: string | null = null
        if (checked.person) {
          const p = await r.ensurePerson(checked.customer.id, checked.person)
          personId = p.id
          if (p.created) stats.peopleAdded++
        }
        const at = parsed.row.recordedAt ?? now
        batch.push({
          workspaceId,
          customerId: checked.customer.id,
          personId,
          layer: parsed.row.layer,
          category: checked.category.key,
          text: parsed.row.text,
          certainty: parsed.row.certainty,
          recordedBy: checked.recorder?.id ?? null,
          recordedByName: checked.recorder?.name ?? importer.name,
          recordedAt: at,
          lastConfirmedAt: at,
          concepts: await deps.concepts.expand(parsed.row.text),
          sourceKey: `import:${createHash('sha256')
            .update(secretRowIdentity(parsed.row, checked.customer.id))
            .digest('base64url')}`,
        })
        if (batch.length >= BATCH) await flush()
      }
    } catch (e) {
      if (isDomainError(e)) throw e
      const err = e as { code?: string; lines?: number; message: string }
      if (!err.code?.startsWith('CSV_')) throw e
      fail({
        row: err.lines ?? stats.rows + 1,
        column: null,
        reason: `cannot be read as CSV (${err.message.replace(/^Invalid Record Length: |^Invalid Closing Quote: /, '')})`,
      })
    }
    if (!headers) throw new DomainError('invalid_input', `${source.name} is empty: it has no header line.`)
    await flush()
    if ((errorCount && !opts.keepGoodRows) || opts.dryRun) throw new Rejected()
    await auditLog(trx, workspaceId).record({
      actorUserId: importer.userId,
      actorLabel: importer.label,
      action: 'secrets.imported',
      targetType: 'workspace',
      targetId: workspaceId,
      // counts only: never a secret's text, nor whom it is about
      details: {
        fileName: opts.fileName ?? source.name,
        rows: stats.rows,
        added: stats.added,
        alreadyPresent: stats.alreadyPresent,
        peopleAdded: stats.peopleAdded,
        errorCount,
      },
    })
  }

  let status: 'imported' | 'rejected' | 'dry_run' | 'partial'
  try {
    await inWorkspace(deps.database.db, workspaceId, work)
    status = errorCount ? 'partial' : 'imported'
  } catch (e) {
    if (!(e instanceof Rejected)) throw e
    status = opts.dryRun ? 'dry_run' : 'rejected'
    if (status === 'rejected') Object.assign(stats, { added: 0, alreadyPresent: 0, peopleAdded: 0 })
  }
  const seconds = Math.round(((performance.now() - started) / 1000) * 100) / 100
  const result = {
    kind: 'secrets' as const,
    status,
    fileName: opts.fileName ?? source.name,
    mapping: usedMapping,
    rows: stats.rows,
    added: stats.added,
    alreadyPresent: stats.alreadyPresent,
    rowsWithoutCustomer: 0,
    customersAdded: 0,
    peopleAdded: stats.peopleAdded,
    errorCount,
    errors: errors.slice(0, 100),
    seconds,
    rowsPerSecond: Math.round(stats.rows / Math.max(seconds, 0.001)),
    createdAt: now,
  }
  const id =
    status === 'dry_run'
      ? null
      : await inWorkspace(deps.database.db, workspaceId, (trx) =>
          saveImportRun(trx, workspaceId, {
            kind: 'secrets',
            status,
            fileName: result.fileName,
            mapping: usedMapping,
            rows: stats.rows,
            added: stats.added,
            alreadyPresent: stats.alreadyPresent,
            rowsWithoutCustomer: 0,
            customersAdded: 0,
            errorCount,
            errors,
            seconds,
            createdBy: importer.userId,
          }),
        )
  return { id, ...result }
}

/**
 * The first rows of a secrets file as the import would store them: the customer it names, the
 * person (marked new when the import will add them), the category by its label, the recorder.
 * Reads only: nothing is created.
 */
export const previewSecretRows = async (
  deps: ServerDeps,
  workspaceId: string,
  importer: SecretImporter,
  headers: string[],
  records: string[][],
  givenMapping: Record<string, string> | undefined,
) => {
  const mapping = givenMapping ?? detectSecretMapping(headers)
  const mapped = new Set(Object.values(mapping))
  const headerOf = headerLookup(mapping)
  const now = deps.clock.now()
  const rows = await inWorkspace(deps.database.db, workspaceId, async (trx) => {
    const r = await resolver(trx, workspaceId, importer)
    const out: Array<{ row: number; stored: Record<string, unknown> | null; error: string | null }> = []
    for (const [i, record] of records.entries()) {
      const row = i + 2
      const parsed = parseSecretRow(valuesOf(record, headers, mapping), {
        categories: r.categories,
        now,
        headerOf,
      })
      const checked = parsed.kind === 'row' ? await r.check(parsed.row, headerOf) : null
      if (parsed.kind === 'error' || !checked?.ok) {
        const problems =
          parsed.kind === 'error' ? parsed.problems : checked && !checked.ok ? checked.problems : []
        out.push({
          row,
          stored: null,
          error: problems.map((x) => `${x.column ?? ''}: ${x.reason}`).join('; '),
        })
        continue
      }
      const { customer, person, category, recorder } = checked
      out.push({
        row,
        stored: {
          customer: customer.externalId ? `${customer.name} (${customer.externalId})` : customer.name,
          person: person ? (person.id ? person.name : `${person.name} (new: will be added)`) : null,
          category: category.label,
          text: parsed.row.text,
          recordedBy: recorder?.name ?? importer.name,
          recordedAt: parsed.row.recordedAt
            ? parsed.row.recordedAt.toISOString().slice(0, 10)
            : 'when imported',
          layer: parsed.row.layer,
          certainty: CERTAINTY_LABELS[parsed.row.certainty],
        },
        error: null,
      })
    }
    return out
  })
  return {
    headers,
    mapping,
    fields: [...SECRET_FIELDS],
    required: [...SECRET_REQUIRED],
    missing: SECRET_REQUIRED.filter((f) => !mapped.has(f)),
    rows,
  }
}
