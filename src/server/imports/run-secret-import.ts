import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { customersStore } from '../../db/customers.store.ts'
import { membersByEmail } from '../../db/imports.store.ts'
import type { DB } from '../../db/schema.ts'
import { type ImportedSecret, insertImportedSecrets, secretsStore } from '../../db/secrets.store.ts'
import { inWorkspace } from '../../db/workspace-scope.ts'
import type { RowProblem } from '../../domain/customers/purchase-import.ts'
import { isDomainError } from '../../domain/errors.ts'
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
import {
  type ImportCounts,
  type Importer,
  noCounts,
  type PreviewSample,
  previewFrame,
  problemsText,
  recordShapeError,
  valuesOf,
} from './import-kit.ts'
import type { PreviewRun, RowImportKind } from './row-import.ts'

/** Who runs the import; a secret without a "recorded by" is attributed to their name. */
export type SecretImporter = Importer

const BATCH = 500

const COLUMNS = {
  fields: SECRET_FIELDS,
  required: SECRET_REQUIRED,
  detect: detectSecretMapping,
  what: 'a field of a secret',
}

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
  const members = await membersByEmail(trx, workspaceId)
  const customerStore = customersStore(trx, workspaceId)
  const customers = new Map<string, CustomerFacts[]>()
  const people = new Map<string, { id: string; name: string } | null>()

  /** by external id first, then by exact name (any case); erased customers are not found */
  const customerOf = async (key: string) => {
    let found = customers.get(key)
    if (!found) {
      found = await customerStore.liveByKey(key)
      customers.set(key, found)
    }
    return found
  }

  const personOf = async (customerId: string, name: string) => {
    const k = `${customerId}\u001F${name.toLowerCase()}`
    if (!people.has(k)) {
      const p = await customerStore.personByName(customerId, name)
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
      const created = await customerStore.addPerson(customerId, { name: p.name })
      people.set(p.key, created)
      return { id: created.id, created: true }
    },
  }
}

/**
 * A secrets file: one row per secret heard, about a customer named by its external id or exact
 * name and, where given, one of its people by name (created when the customer does not have them
 * yet). Same rules as the other imports: streamed, all or nothing unless keepGoodRows, a dry run
 * writes nothing, and idempotent: each secret keeps a hash of its normalised row as `source_key`,
 * so a second import of the same file adds nothing. Imported secrets are not announced to the live
 * feed one by one (they are history, not news); the import itself is audited, without any text.
 */
export const secretRows: RowImportKind<'secrets', SecretField, ImportCounts & { peopleAdded: number }> = {
  kind: 'secrets',
  columns: COLUMNS,
  recordError: recordShapeError,
  counts: () => ({ ...noCounts(), peopleAdded: 0 }),
  audit: 'secrets.imported',
  async open({ deps, workspaceId, importer, now, stats }, trx, sink) {
    const r = await resolver(trx, workspaceId, importer)
    let batch: ImportedSecret[] = []
    const flush = async () => {
      if (!batch.length) return
      const rows = batch
      batch = []
      const added = await insertImportedSecrets(trx, rows)
      stats.added += added
      stats.alreadyPresent += rows.length - added
    }
    return {
      async row(values, row, headerOf) {
        const parsed = parseSecretRow(values, { categories: r.categories, now, headerOf })
        if (parsed.kind === 'error') return sink.failRow(row, parsed.problems)
        const checked = await r.check(parsed.row, headerOf)
        if (!checked.ok) return sink.failRow(row, checked.problems)
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
      },
      end: flush,
      auditCounts: () => ({ peopleAdded: stats.peopleAdded }),
    }
  },
}

/**
 * The first rows of a secrets file as the import would store them: the customer it names, the
 * person (marked new when the import will add them), the category by its label, the recorder.
 * Reads only: nothing is created.
 */
export const previewSecretRows = async (
  { deps, workspaceId, importer }: PreviewRun,
  sample: PreviewSample,
) => {
  const { frame, headerOf } = previewFrame(sample.headers, sample.mapping, COLUMNS)
  const now = deps.clock.now()
  const rows = await inWorkspace(deps.database.db, workspaceId, async (trx) => {
    const r = await resolver(trx, workspaceId, importer)
    const out: Array<{ row: number; stored: Record<string, unknown> | null; error: string | null }> = []
    for (const [i, record] of sample.records.entries()) {
      const row = i + 2
      const parsed = parseSecretRow(valuesOf(record, sample.headers, frame.mapping), {
        categories: r.categories,
        now,
        headerOf,
      })
      const checked = parsed.kind === 'row' ? await r.check(parsed.row, headerOf) : null
      if (parsed.kind === 'error' || !checked?.ok) {
        const problems =
          parsed.kind === 'error' ? parsed.problems : checked && !checked.ok ? checked.problems : []
        out.push({ row, stored: null, error: problemsText(problems) })
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
  return { ...frame, rows }
}
