import { CUSTOMER_LIMITS, RELATION_KINDS, type RelationKind } from './customer.ts'
import { detectMapping, normaliseExternalId, type RowProblem } from './purchase-import.ts'

/** The fields a customers file can fill. One row = one customer, keyed by its external id. */
export const CUSTOMER_FIELDS = [
  'externalId',
  'name',
  'kind',
  'segment',
  'country',
  'ownerEmail',
  'notes',
  'estimatedCategorySpend',
  'personName',
  'personTitle',
  'personEmail',
  'personPhone',
  'spouseName',
  'childrenNames',
] as const
export type CustomerField = (typeof CUSTOMER_FIELDS)[number]
export const CUSTOMER_REQUIRED: CustomerField[] = ['externalId', 'name']

const SYNONYMS: Record<CustomerField, string[]> = {
  externalId: ['customerid', 'externalid', 'id', 'customerno', 'customernumber', 'accountid', 'account'],
  name: ['name', 'customername', 'company', 'companyname', 'organisation', 'organization'],
  kind: ['kind', 'type', 'customertype'],
  segment: ['segment', 'group', 'category'],
  country: ['country', 'countrycode'],
  ownerEmail: ['owner', 'owneremail', 'salesperson', 'accountmanager', 'accountowner'],
  notes: ['notes', 'note', 'comments'],
  estimatedCategorySpend: [
    'estimatedcategoryspend',
    'categoryspend',
    'estimatedspend',
    'walletsize',
    'potential',
  ],
  personName: ['contact', 'contactname', 'personname', 'decisionmaker'],
  personTitle: ['contacttitle', 'title', 'jobtitle', 'role'],
  personEmail: ['contactemail', 'email', 'personemail'],
  personPhone: ['contactphone', 'phone', 'telephone', 'personphone'],
  spouseName: ['spouse', 'spousename', 'partner', 'partnername'],
  childrenNames: ['children', 'childrennames', 'kids'],
}
export const detectCustomerMapping = (headers: string[]) => detectMapping(headers, SYNONYMS)

export interface CustomerRow {
  externalId: string
  name: string
  kind: 'person' | 'organisation'
  segment: string | null
  country: string | null
  ownerEmail: string | null
  notes: string | null
  estimatedCategorySpend: number | null
  person: { name: string; title: string | null; email: string | null; phone: string | null } | null
  family: Array<{ kind: RelationKind; name: string }>
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const LIMITED: Array<[CustomerField, number]> = [
  ['externalId', CUSTOMER_LIMITS.externalId],
  ['name', CUSTOMER_LIMITS.name],
  ['segment', CUSTOMER_LIMITS.segment],
  ['country', CUSTOMER_LIMITS.country],
  ['ownerEmail', CUSTOMER_LIMITS.email],
  ['notes', CUSTOMER_LIMITS.notes],
  ['personName', CUSTOMER_LIMITS.personName],
  ['personTitle', CUSTOMER_LIMITS.personTitle],
  ['personEmail', CUSTOMER_LIMITS.email],
  ['personPhone', CUSTOMER_LIMITS.phone],
  ['spouseName', CUSTOMER_LIMITS.relationName],
]

/** One row of a customers file into a customer (with its contact and family) or the reasons it is refused. */
export const parseCustomerRow = (
  values: Partial<Record<CustomerField, string>>,
  headerOf: (f: CustomerField) => string,
): { kind: 'row'; row: CustomerRow } | { kind: 'error'; problems: RowProblem[] } => {
  const get = (f: CustomerField) => values[f]?.trim() ?? ''
  const problems: RowProblem[] = []
  const externalId = normaliseExternalId(get('externalId'))
  if (!externalId) problems.push({ column: headerOf('externalId'), reason: 'the customer id is empty' })
  const name = get('name')
  if (!name) problems.push({ column: headerOf('name'), reason: 'the name is empty' })
  const kindRaw = get('kind').toLowerCase()
  const kind =
    !kindRaw || /^(org|organi[sz]ation|company|business)$/.test(kindRaw)
      ? 'organisation'
      : kindRaw === 'person' || kindRaw === 'individual'
        ? 'person'
        : null
  if (!kind)
    problems.push({ column: headerOf('kind'), reason: `"${get('kind')}" is neither person nor organisation` })
  const ownerEmail = get('ownerEmail').toLowerCase() || null
  if (ownerEmail && !EMAIL.test(ownerEmail)) {
    problems.push({
      column: headerOf('ownerEmail'),
      reason: `"${get('ownerEmail')}" is not an email address`,
    })
  }
  const spendRaw = get('estimatedCategorySpend').replace(/,/g, '')
  const spend = spendRaw ? Number(spendRaw) : null
  if (spendRaw && (!Number.isFinite(spend) || (spend ?? 0) < 0)) {
    problems.push({
      column: headerOf('estimatedCategorySpend'),
      reason: `"${get('estimatedCategorySpend')}" is not an amount`,
    })
  }
  const personEmail = get('personEmail') || null
  if (personEmail && !EMAIL.test(personEmail)) {
    problems.push({ column: headerOf('personEmail'), reason: `"${personEmail}" is not an email address` })
  }
  for (const [f, max] of LIMITED) {
    const v = get(f)
    if (v.length > max)
      problems.push({ column: headerOf(f), reason: `is ${v.length} characters long; at most ${max} fit` })
  }
  if (problems.length || !kind) return { kind: 'error', problems }
  const family: CustomerRow['family'] = []
  if (get('spouseName')) family.push({ kind: 'spouse', name: get('spouseName') })
  for (const child of get('childrenNames')
    .split(/[;,/]| and /)
    .map((c) => c.trim())
    .filter(Boolean)) {
    family.push({ kind: 'child', name: child })
  }
  return {
    kind: 'row',
    row: {
      externalId,
      name,
      kind,
      segment: get('segment') || null,
      country: get('country') || null,
      ownerEmail,
      notes: get('notes') || null,
      estimatedCategorySpend: spend,
      person: get('personName')
        ? {
            name: get('personName'),
            title: get('personTitle') || null,
            email: personEmail,
            phone: get('personPhone') || null,
          }
        : null,
      family: family.filter((f) => (RELATION_KINDS as readonly string[]).includes(f.kind)),
    },
  }
}
