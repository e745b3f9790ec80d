import type { Kysely } from 'kysely'
import { customersStore, type ImportedCustomerFacts } from '../../db/customers.store.ts'
import { membersByEmail } from '../../db/imports.store.ts'
import {
  type ImportedOopsRow,
  insertCustomers,
  insertImportedOops,
  sourceKeysPresent,
} from '../../db/oops-bulk.ts'
import { recoveryStore } from '../../db/recovery.store.ts'
import type { DB } from '../../db/schema.ts'
import { valueStore } from '../../db/value.store.ts'
import type { RowProblem } from '../../domain/customers/purchase-import.ts'
import { OOPS_TYPE_LABELS } from '../../domain/recovery/oops.ts'
import {
  caseCustomer,
  detectOopsMapping,
  OOPS_FIELDS,
  OOPS_REQUIRED,
  type OopsField,
  type OopsImportRow,
  parseOopsRow,
  settleImportedCase,
} from '../../domain/recovery/oops-import.ts'
import { planTermsFor } from '../../domain/recovery/plan-terms.ts'
import { remindersFor } from '../../domain/recovery/reminders.ts'
import {
  type ImportCounts,
  type Importer,
  noCounts,
  onePerKey,
  type PreviewSample,
  previewFrame,
  problemsText,
  recordShapeError,
  rolledBack,
  valuesOf,
} from './import-kit.ts'
import type { PreviewRun, RowImportKind } from './row-import.ts'

const COLUMNS = {
  fields: OOPS_FIELDS,
  required: OOPS_REQUIRED,
  detect: detectOopsMapping,
  what: 'a field of an OOPS! case',
}

/** Cases per round trip: ~25 values a case stays well under PostgreSQL's 65,535 parameters. */
const BATCH = 1000

interface CustomerFacts extends Omit<ImportedCustomerFacts, 'sensitiveConsentAt'> {
  /** created by this import (the preview says "new") */
  isNew: boolean
}

interface WrittenCase {
  row: number
  /** raced: another import stored the same case meanwhile */
  kind: 'added' | 'raced'
  case: OopsImportRow
  customer: CustomerFacts
  person: { name: string; isNew: boolean } | null
  owner: string | null
  settled: ReturnType<typeof settleImportedCase>
  planName: string
}
type Written =
  | { row: number; kind: 'error'; problems: RowProblem[] }
  | { row: number; kind: 'present'; caseKey: string }
  | WrittenCase

const sourceKeyOf = (caseKey: string) => `case:${caseKey}`

/**
 * Writes parsed cases a batch at a time, in the import's transaction: which are already there (by
 * their key), their customers (found by external id or exact name, else created: one person
 * customer per case when the file names none), the owner, the plan terms at the time, the
 * outcome; then one insert for the batch. The preview runs the same code on the first rows and
 * rolls back.
 */
const caseWriter = async (
  trx: Kysely<DB>,
  workspaceId: string,
  importer: Importer,
  now: Date,
  currency: string,
) => {
  const members = await membersByEmail(trx, workspaceId)
  const customers = customersStore(trx, workspaceId)
  const store = recoveryStore(trx, workspaceId, () => now)
  const plans = await store.plans()
  const byExternalId = new Map<string, CustomerFacts | null>()
  const byName = new Map<string, CustomerFacts[]>()
  const people = new Map<string, { id: string; name: string; isNew: boolean }>()
  const stats = { customersAdded: 0, peopleAdded: 0, opened: 0 }

  const lookUp = async (externalIds: string[], names: string[]) => {
    const ids = externalIds.filter((x) => !byExternalId.has(x))
    const lower = names.map((n) => n.toLowerCase()).filter((n) => !byName.has(n))
    if (ids.length) {
      const found = await customers.liveByExternalIds(ids)
      for (const id of ids) byExternalId.set(id, null)
      for (const c of found) byExternalId.set(c.externalId!, { ...c, isNew: false })
    }
    if (lower.length) {
      const found = await customers.liveByNames(lower)
      for (const n of lower) byName.set(n, [])
      for (const c of found) byName.get(c.name.toLowerCase())?.push({ ...c, isNew: false })
    }
  }

  /** the person of a customer by name, added the first time the file names them */
  const personOf = async (customer: CustomerFacts, name: string) => {
    // a person customer is its own person: naming them again is not another person
    if (customer.kind === 'person' && customer.name.toLowerCase() === name.toLowerCase()) return null
    const k = `${customer.id}\u001F${name.toLowerCase()}`
    let p = people.get(k)
    if (!p) {
      const known = customer.isNew ? undefined : await customers.personByName(customer.id, name)
      p = known
        ? { ...known, isNew: false }
        : { ...(await customers.addPerson(customer.id, { name })), isNew: true }
      if (p.isNew) stats.peopleAdded++
      people.set(k, p)
    }
    return p
  }

  const write = async (
    batch: Array<{ row: number; case: OopsImportRow }>,
    headerOf: (f: OopsField) => string,
  ): Promise<Written[]> => {
    if (!batch.length) return []
    const present = await sourceKeysPresent(
      trx,
      workspaceId,
      batch.map((b) => sourceKeyOf(b.case.caseKey)),
    )
    const todo = batch.filter((b) => !present.has(sourceKeyOf(b.case.caseKey)))
    // whom each case is about: its external id (given, or its own), else its exact name
    const target = (c: OopsImportRow) =>
      c.customerExternalId
        ? {
            externalId: c.customerExternalId,
            name: c.customerName ?? `Customer ${c.customerExternalId}`,
            kind: 'organisation' as const,
          }
        : c.customerName
          ? { externalId: null, name: c.customerName, kind: 'organisation' as const }
          : caseCustomer(c)
    const targets = todo.map((b) => target(b.case))
    await lookUp(
      targets.flatMap((t) => (t.externalId ? [t.externalId] : [])),
      targets.flatMap((t) => (t.externalId ? [] : [t.name])),
    )

    // the checks that need the workspace: the owner is a member, a name names one customer
    const problems = new Map<number, RowProblem[]>()
    const toCreate = new Map<
      string,
      { externalId: string | null; name: string; kind: string; segment: string | null; notes: string | null }
    >()
    const keyOf = (t: { externalId: string | null; name: string }) =>
      t.externalId ?? `name:${t.name.toLowerCase()}`
    todo.forEach((b, i) => {
      const p: RowProblem[] = []
      const t = targets[i]!
      if (b.case.ownerEmail && !members.has(b.case.ownerEmail)) {
        p.push({
          column: headerOf('ownerEmail'),
          reason: `no member of this workspace has the email ${b.case.ownerEmail}`,
        })
      }
      const named = t.externalId ? null : (byName.get(t.name.toLowerCase()) ?? [])
      if (named && named.length > 1) {
        p.push({
          column: headerOf('customerName'),
          reason: `${named.length} customers are called "${t.name.slice(0, 80)}": name the customer by its external id`,
        })
      }
      if (p.length) {
        problems.set(b.row, p)
        return
      }
      const known = t.externalId ? byExternalId.get(t.externalId) : named?.[0]
      if (!known && !toCreate.has(keyOf(t))) {
        toCreate.set(keyOf(t), {
          ...t,
          segment: b.case.segment,
          notes: b.case.region ? `Region: ${b.case.region}` : null,
        })
      }
    })
    if (toCreate.size) {
      const created = await insertCustomers(trx, workspaceId, currency, [...toCreate.values()])
      stats.customersAdded += created.length
      for (const c of created) {
        const facts = { ...c, isNew: true }
        if (c.externalId) byExternalId.set(c.externalId, facts)
        else byName.set(c.name.toLowerCase(), [facts])
      }
      // another import added some meanwhile: they are found, not added
      const added = new Set(created.map((c) => c.externalId))
      const taken = [...toCreate.values()].flatMap((c) =>
        c.externalId && !added.has(c.externalId) ? [c.externalId] : [],
      )
      for (const x of taken) byExternalId.delete(x)
      await lookUp(taken, [])
    }

    const out: Written[] = []
    const rows: ImportedOopsRow[] = []
    const pending: WrittenCase[] = []
    for (const [i, b] of todo.entries()) {
      const p = problems.get(b.row)
      if (p) {
        out.push({ row: b.row, kind: 'error', problems: p })
        continue
      }
      const t = targets[i]!
      const customer = t.externalId ? byExternalId.get(t.externalId) : byName.get(t.name.toLowerCase())?.[0]
      if (!customer) {
        // only when another import added it and it was erased meanwhile
        const column = headerOf(t.externalId ? 'customerExternalId' : 'customerName')
        out.push({
          row: b.row,
          kind: 'error',
          problems: [{ column, reason: 'the customer could not be added' }],
        })
        continue
      }
      const person = b.case.personName ? await personOf(customer, b.case.personName) : null
      const owner = b.case.ownerEmail
        ? members.get(b.case.ownerEmail)!
        : importer.userId
          ? { id: importer.userId, name: importer.name }
          : null
      const { planName, ...terms } = planTermsFor(plans, customer)
      const settled = settleImportedCase(b.case, terms.windowHours, now)
      rows.push({
        customerId: customer.id,
        personId: person?.id ?? null,
        type: b.case.type,
        description: b.case.description,
        severity: b.case.severity,
        letDownAt: b.case.letDownAt,
        reportedAt: b.case.reportedAt,
        reportedBy: importer.userId,
        ownerUserId: owner?.id ?? null,
        ...terms,
        deadlineAt: settled.deadlineAt,
        status: settled.status,
        fixedAt: settled.fixedAt,
        resolvedAt: settled.resolvedAt,
        closedAt: settled.closedAt,
        feedbackFixed: b.case.feedbackFixed,
        sourceKey: sourceKeyOf(b.case.caseKey),
      })
      pending.push({
        row: b.row,
        kind: 'added',
        case: b.case,
        customer,
        person: person && { name: person.name, isNew: person.isNew },
        owner: owner?.name ?? null,
        settled,
        planName,
      })
    }
    const inserted = await insertImportedOops(trx, workspaceId, rows)
    const ids = new Map(inserted.map((r) => [r.sourceKey, r.id]))
    // only a case still inside its window is open: it gets the reminders any OOPS! gets
    const reminders = rows.flatMap((r) => {
      const id = ids.get(r.sourceKey)
      if (!id || r.status !== 'open') return []
      stats.opened++
      return remindersFor({ ...r, id, status: 'open', surprisedAt: null }, [], now)
    })
    await store.schedule(reminders)
    for (const p of pending) {
      out.push(ids.has(sourceKeyOf(p.case.caseKey)) ? p : { ...p, kind: 'raced' as const })
    }
    for (const b of batch) {
      if (present.has(sourceKeyOf(b.case.caseKey)))
        out.push({ row: b.row, kind: 'present', caseKey: b.case.caseKey })
    }
    return out.sort((a, b) => a.row - b.row)
  }

  return { write, stats }
}

const dateOf = (d: Date) =>
  d.getUTCHours() === 12 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0
    ? d.toISOString().slice(0, 10)
    : d.toISOString()

/** A written case as the preview shows it: what will be stored, in words. */
const presentWritten = (w: Written): { stored: Record<string, unknown> | null; error: string | null } => {
  if (w.kind === 'error') {
    return { stored: null, error: problemsText(w.problems) }
  }
  if (w.kind === 'present') {
    return { stored: { caseKey: w.caseKey, outcome: 'already imported: left as it is' }, error: null }
  }
  const c = w.case
  const s = w.settled
  const customer = `${w.customer.name}${w.customer.externalId ? ` (${w.customer.externalId})` : ''}`
  return {
    stored: {
      caseKey: c.caseKey,
      customer: w.customer.isNew ? `${customer} (new: will be added)` : customer,
      person: w.person ? `${w.person.name}${w.person.isNew ? ' (new: will be added)' : ''}` : null,
      type: `${OOPS_TYPE_LABELS[c.type]}${c.typeFromText ? ' (read from the text)' : ''}`,
      description: c.description,
      severity: c.severity,
      letDownAt: dateOf(c.letDownAt),
      reportedAt: dateOf(c.reportedAt),
      deadlineAt: s.deadlineAt.toISOString(),
      plan: w.planName,
      owner: w.owner,
      outcome:
        s.status === 'open'
          ? 'open: inside its window, reminders on'
          : s.fixedAt
            ? `fixed ${dateOf(s.fixedAt)}, closed`
            : s.resolvedAt
              ? 'closed, not fixed'
              : 'closed by the import: left open long past its window',
      customerSaysFixed: c.feedbackFixed,
    },
    error: null,
  }
}

/**
 * A file of past OOPS! cases — a ticketing system's export, or a complaints register such as the
 * CFPB's — as recoveries: one row per case, keyed by the case's own id so a second import adds
 * nothing. Same rules as the other imports: streamed, all or nothing unless keepGoodRows, a dry
 * run writes nothing, errors name the row, column and reason. Past cases are history, not news: no
 * webhooks, no notifications, no feedback links; only a case still inside its window gets the
 * reminders an open OOPS! gets. The import is audited by counts, never with a description.
 */
export const oopsRows: RowImportKind<'oops', OopsField, ImportCounts & { peopleAdded: number }> = {
  kind: 'oops',
  columns: COLUMNS,
  recordError: recordShapeError,
  counts: () => ({ ...noCounts(), peopleAdded: 0 }),
  audit: 'oops.imported',
  async open({ workspaceId, importer, opts, now, stats }, trx, sink) {
    const writer = await caseWriter(trx, workspaceId, importer, now, opts.currency)
    const once = onePerKey(sink)
    let batch: Array<{ row: number; case: OopsImportRow }> = []
    const flush = async (headerOf: (f: OopsField) => string) => {
      const written = await writer.write(batch, headerOf)
      batch = []
      for (const w of written) {
        if (w.kind === 'error') sink.failRow(w.row, w.problems)
        else if (w.kind === 'added') stats.added++
        else stats.alreadyPresent++
      }
    }
    return {
      async row(values, row, headerOf) {
        const parsed = parseOopsRow(values, { now, headerOf })
        if (parsed.kind === 'error') return sink.failRow(row, parsed.problems)
        const { caseKey } = parsed.row
        if (!once(caseKey, row, headerOf('caseKey'), `case ${caseKey.slice(0, 100)}`)) return
        batch.push({ row, case: parsed.row })
        if (batch.length >= BATCH) await flush(headerOf)
      },
      async end(headerOf) {
        await flush(headerOf)
        stats.customersAdded = writer.stats.customersAdded
        stats.peopleAdded = writer.stats.peopleAdded
      },
      // new customers change counts and shares: value figures are recomputed, as on every change
      async kept() {
        if (stats.customersAdded) await valueStore(trx, workspaceId).recompute(now, [])
      },
      auditCounts: () => ({ customersAdded: stats.customersAdded, opened: writer.stats.opened }),
    }
  },
}

/**
 * The first rows of a file of past cases exactly as the import would store them — customer (new
 * ones marked), type (and whether it was read from the text), the joined description, the clock
 * and the outcome — by running the import's own code on them in a transaction that is rolled back.
 */
export const previewOopsRows = async ({ deps, workspaceId, importer }: PreviewRun, sample: PreviewSample) => {
  const { headers, records } = sample
  const { frame, headerOf } = previewFrame(headers, sample.mapping, COLUMNS)
  const now = deps.clock.now()
  const rows = await rolledBack(deps.database.db, workspaceId, async (trx) => {
    const writer = await caseWriter(trx, workspaceId, importer, now, 'GBP')
    const out: Array<{ row: number; stored: Record<string, unknown> | null; error: string | null }> = []
    const good: Array<{ row: number; case: OopsImportRow }> = []
    for (const [i, record] of records.entries()) {
      const parsed = parseOopsRow(valuesOf(record, headers, frame.mapping), { now, headerOf })
      if (parsed.kind === 'row') good.push({ row: i + 2, case: parsed.row })
      else
        out.push({ row: i + 2, ...presentWritten({ row: i + 2, kind: 'error', problems: parsed.problems }) })
    }
    for (const w of await writer.write(good, headerOf)) out.push({ row: w.row, ...presentWritten(w) })
    return out.sort((a, b) => a.row - b.row)
  })
  return { ...frame, rows }
}
