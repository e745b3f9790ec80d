import { type Kysely, sql } from 'kysely'
import type { Oops } from '../domain/recovery/oops.ts'
import type { ImportedCustomerFacts } from './customers.store.ts'
import { OOPS_REPORT_COLUMNS } from './oops-columns.ts'
import type { DB } from './schema.ts'
import { fromWorkspace } from './store-kit.ts'

/** A past OOPS! ready for the table: customer, plan terms and outcome already settled. */
export type ImportedOopsRow = Pick<
  Oops,
  | 'customerId'
  | 'personId'
  | 'description'
  | 'letDownAt'
  | 'reportedAt'
  | 'reportedBy'
  | 'ownerUserId'
  | 'planId'
  | 'windowHours'
  | 'atRiskHours'
  | 'firstContactHours'
  | 'statusEveryHours'
  | 'investmentCap'
  | 'deadlineAt'
  | 'fixedAt'
  | 'resolvedAt'
  | 'closedAt'
> & {
  /** as read from the file, checked by the import's domain rules */
  type: string
  severity: string
  status: 'open' | 'closed'
  feedbackFixed: boolean | null
  sourceKey: string
}

/** One array per column, in the order the columns are named. */
const columns = <R, K extends keyof R>(rows: readonly R[], keys: readonly K[], cast: (v: R[K]) => unknown) =>
  keys.map((k) => rows.map((r) => cast(r[k])))
const text = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v)

/**
 * Inserts past cases, skipping those whose source key is already on file; answers the id of each
 * case added. One statement with one array per column (`unnest`), like the purchase lines: a few
 * parameters whatever the batch size, instead of ~25 bound values per case.
 */
export const insertImportedOops = async (
  trx: Kysely<DB>,
  workspaceId: string,
  rows: readonly ImportedOopsRow[],
): Promise<Array<{ id: string; sourceKey: string }>> => {
  if (!rows.length) return []
  const [
    customerId,
    personId,
    type,
    description,
    severity,
    letDownAt,
    reportedAt,
    reportedBy,
    ownerUserId,
    planId,
    windowHours,
    atRiskHours,
    firstContactHours,
    statusEveryHours,
    investmentCap,
    deadlineAt,
    status,
    fixedAt,
    resolvedAt,
    closedAt,
    sourceKey,
  ] = columns(
    rows,
    [
      'customerId',
      ...OOPS_REPORT_COLUMNS,
      'reportedBy',
      'ownerUserId',
      'planId',
      'windowHours',
      'atRiskHours',
      'firstContactHours',
      'statusEveryHours',
      'investmentCap',
      'deadlineAt',
      'status',
      'fixedAt',
      'resolvedAt',
      'closedAt',
      'sourceKey',
    ] as const,
    text,
  )
  const feedbackFixed = rows.map((r) => r.feedbackFixed)
  const result = await sql<{ id: string; sourceKey: string }>`
    insert into oops (workspace_id, customer_id, person_id, type, description, severity, let_down_at,
                      reported_at, reported_by, owner_user_id, plan_id, window_hours, at_risk_hours,
                      first_contact_hours, status_every_hours, investment_cap, deadline_at, status,
                      fixed_at, resolved_at, closed_at, source_key, feedback_fixed)
    select ${workspaceId}, u.* from unnest(
      ${customerId}::text[], ${personId}::text[], ${type}::text[], ${description}::text[],
      ${severity}::text[], ${letDownAt}::timestamptz[], ${reportedAt}::timestamptz[],
      ${reportedBy}::text[], ${ownerUserId}::text[], ${planId}::text[], ${windowHours}::numeric[],
      ${atRiskHours}::numeric[], ${firstContactHours}::numeric[], ${statusEveryHours}::numeric[],
      ${investmentCap}::numeric[], ${deadlineAt}::timestamptz[], ${status}::text[],
      ${fixedAt}::timestamptz[], ${resolvedAt}::timestamptz[], ${closedAt}::timestamptz[],
      ${sourceKey}::text[], ${feedbackFixed}::boolean[]
    ) as u
    on conflict (workspace_id, source_key) do nothing
    returning id, source_key
  `.execute(trx)
  return result.rows
}

/** A customer an import brings in. */
export interface NewCustomerRow {
  externalId: string | null
  name: string
  kind: string
  segment: string | null
  notes: string | null
}

/**
 * Inserts customers in one statement (`unnest`), skipping an external id already taken (by an
 * import running at the same time); answers those added as the importer looks customers up. They
 * have no purchases, so their tier is C (`value-tiers.ts`) from the start: the value recompute after
 * the import then has no row to rewrite.
 */
export const insertCustomers = async (
  trx: Kysely<DB>,
  workspaceId: string,
  currency: string,
  rows: readonly NewCustomerRow[],
) => {
  if (!rows.length) return []
  const [externalId, name, kind, segment, notes] = columns(
    rows,
    ['externalId', 'name', 'kind', 'segment', 'notes'] as const,
    text,
  )
  const result = await sql<Omit<ImportedCustomerFacts, 'sensitiveConsentAt'>>`
    insert into customer (workspace_id, currency, value_tier, external_id, name, kind, segment, notes)
    select ${workspaceId}, ${currency}, 'C', u.* from unnest(
      ${externalId}::text[], ${name}::text[], ${kind}::text[], ${segment}::text[], ${notes}::text[]
    ) as u
    on conflict (workspace_id, external_id) do nothing
    returning id, name, kind, external_id, value_tier as tier, segment
  `.execute(trx)
  return result.rows
}

/** Which of these source keys (an import's case keys) are on file already. */
export const sourceKeysPresent = async (
  trx: Kysely<DB>,
  workspaceId: string,
  sourceKeys: readonly string[],
): Promise<Set<string | null>> =>
  new Set(
    (
      await fromWorkspace(trx, 'oops', workspaceId)
        .select('sourceKey')
        .where('sourceKey', 'in', sourceKeys)
        .execute()
    ).map((r) => r.sourceKey),
  )
