import type { RowProblem } from '../customers/purchase-import.ts'
import { DomainError } from '../errors.ts'
import { RECOVERY_KINDS, type RecoveryKind } from './oops.ts'

/**
 * The surprise catalogue: what the organisation can offer when it turns an OOPS! around — title,
 * description, cost, how long it takes to reach the customer, the kind of recovery action, and
 * the interests it suits. A custom surprise is always possible besides; the catalogue is what
 * the ranking can suggest.
 */
export interface SurpriseItem {
  id: string
  title: string
  description: string | null
  cost: number
  leadTimeHours: number
  kind: RecoveryKind
  tags: string[]
  /** WordNet concepts of title, description and tags: what the words stand for */
  concepts: string
  active: boolean
  /** identity for imports: the file's key, else the title */
  sourceKey: string | null
  createdAt: Date
}

export interface SurpriseDraft {
  title: string
  description: string | null
  cost: number
  leadTimeHours: number
  kind: RecoveryKind
  tags: string[]
  active: boolean
}

export const SURPRISE_LIMITS = {
  title: 200,
  description: 2000,
  cost: 1_000_000,
  /** a year: anything slower is not a recovery surprise */
  leadTimeHours: 8760,
  tags: 20,
  tag: 40,
  /** rows per import file */
  rows: 5000,
} as const

/** Tags as the catalogue keeps them: lowercase, trimmed, once each. */
export const normaliseTags = (tags: readonly string[]): string[] => {
  const out: string[] = []
  for (const t of tags) {
    const tag = t.trim().toLowerCase().replace(/\s+/g, ' ')
    if (tag && !out.includes(tag)) out.push(tag)
  }
  return out
}

/** The key an item is known by in imports when the file gives none: its title, normalised. */
export const titleKey = (title: string): string =>
  `title:${title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()}`

/** The text whose concepts are kept with an item. */
export const conceptSource = (d: Pick<SurpriseDraft, 'title' | 'description' | 'tags'>): string =>
  [d.title, d.description ?? '', ...d.tags].join(' ')

/** The rules every item keeps, whichever way it arrives (form, API, import). */
export const checkSurpriseDraft = (d: SurpriseDraft): void => {
  const problems: RowProblem[] = draftProblems(d, (f) => f)
  if (problems.length > 0) {
    const first = problems[0]!
    throw new DomainError('invalid_input', first.reason, { field: first.column })
  }
}

const draftProblems = (d: SurpriseDraft, headerOf: (f: SurpriseField) => string): RowProblem[] => {
  const problems: RowProblem[] = []
  if (d.title.trim().length < 2) problems.push({ column: headerOf('title'), reason: 'the title is empty' })
  if (d.title.length > SURPRISE_LIMITS.title) {
    problems.push({
      column: headerOf('title'),
      reason: `the title is longer than ${SURPRISE_LIMITS.title} characters`,
    })
  }
  if ((d.description?.length ?? 0) > SURPRISE_LIMITS.description) {
    problems.push({
      column: headerOf('description'),
      reason: `the description is longer than ${SURPRISE_LIMITS.description} characters`,
    })
  }
  if (!Number.isFinite(d.cost) || d.cost < 0 || d.cost > SURPRISE_LIMITS.cost) {
    problems.push({ column: headerOf('cost'), reason: 'the cost must be an amount from 0 to 1,000,000' })
  }
  if (
    !Number.isFinite(d.leadTimeHours) ||
    d.leadTimeHours < 0 ||
    d.leadTimeHours > SURPRISE_LIMITS.leadTimeHours
  ) {
    problems.push({
      column: headerOf('leadTimeHours'),
      reason: `the lead time must be from 0 to ${SURPRISE_LIMITS.leadTimeHours} hours`,
    })
  }
  if (!RECOVERY_KINDS.includes(d.kind)) {
    problems.push({
      column: headerOf('kind'),
      reason: `the kind must be one of ${RECOVERY_KINDS.join(', ')}`,
    })
  }
  if (d.tags.length > SURPRISE_LIMITS.tags) {
    problems.push({ column: headerOf('tags'), reason: `at most ${SURPRISE_LIMITS.tags} tags` })
  }
  const long = d.tags.find((t) => t.length > SURPRISE_LIMITS.tag)
  if (long) {
    problems.push({
      column: headerOf('tags'),
      reason: `the tag "${long.slice(0, 20)}…" is longer than ${SURPRISE_LIMITS.tag} characters`,
    })
  }
  return problems
}

// ————— CSV rows —————

/** The fields a catalogue file can fill, in the order the import shows them. */
export const SURPRISE_FIELDS = [
  'key',
  'title',
  'description',
  'cost',
  'leadTimeHours',
  'kind',
  'tags',
  'active',
] as const
export type SurpriseField = (typeof SURPRISE_FIELDS)[number]
export const SURPRISE_REQUIRED: SurpriseField[] = ['title', 'cost', 'leadTimeHours']

/** Header words that name each field, normalised (lowercase letters and digits only). */
const SYNONYMS: Record<SurpriseField, string[]> = {
  key: ['key', 'id', 'sku', 'code', 'itemid', 'itemcode', 'ref', 'reference', 'sourcekey', 'externalid'],
  title: ['title', 'name', 'item', 'itemname', 'surprise', 'surprisename', 'product', 'offer'],
  description: ['description', 'desc', 'details', 'detail', 'notes', 'note', 'about'],
  cost: ['cost', 'price', 'amount', 'value', 'unitcost', 'costeach', 'budget'],
  leadTimeHours: [
    'leadtimehours',
    'leadtime',
    'leadtimeh',
    'leadtimehrs',
    'lead',
    'leadhours',
    'hours',
    'deliveryhours',
    'deliverytime',
    'timetodeliver',
    'turnaround',
  ],
  kind: ['kind', 'type', 'recoverykind', 'category', 'action'],
  tags: ['tags', 'tag', 'interests', 'interest', 'suits', 'goodfor', 'keywords', 'themes'],
  active: ['active', 'enabled', 'status', 'available', 'inuse'],
}

const normaliseHeader = (h: string) =>
  h
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\(.*?\)|\[.*?\]/g, '')
    .replace(/[^a-z0-9]/g, '')

/** Maps each header to the field it names, first match wins; unknown headers are ignored. */
export const detectSurpriseMapping = (headers: readonly string[]): Record<string, SurpriseField> => {
  const mapping: Record<string, SurpriseField> = {}
  const taken = new Set<SurpriseField>()
  for (const h of headers) {
    const n = normaliseHeader(h)
    const field = SURPRISE_FIELDS.find((f) => !taken.has(f) && SYNONYMS[f].includes(n))
    if (field) {
      mapping[h] = field
      taken.add(field)
    }
  }
  return mapping
}

/** "45", "45.00", "$1,200.50", "€ 30", "30 EUR" → a number; anything else → null. */
export const parseAmount = (raw: string): number | null => {
  const s = raw
    .trim()
    .replace(/^[A-Za-z]{3}\s*|\s*[A-Za-z]{3}$/g, '')
    .replace(/[$€£¥\s]/g, '')
    .replace(/,(?=\d{3}(\D|$))/g, '')
  if (!/^\d+(\.\d+)?$/.test(s)) return null
  return Number(s)
}

/** "48", "48h", "2 days", "1.5 d", "1 week", "90 min" → hours; anything else → null. */
export const parseLeadTime = (raw: string): number | null => {
  const m = raw
    .trim()
    .toLowerCase()
    .match(/^(\d+(?:\.\d+)?)\s*(h|hr|hrs|hour|hours|d|day|days|w|wk|week|weeks|m|min|mins|minutes)?$/)
  if (!m) return null
  const n = Number(m[1])
  const unit = m[2] ?? 'h'
  if (unit.startsWith('d')) return n * 24
  if (unit.startsWith('w')) return n * 168
  if (unit.startsWith('m')) return Math.round((n / 60) * 100) / 100
  return n
}

const YES = new Set(['', 'yes', 'y', 'true', '1', 'active', 'on', 'enabled', 'available'])
const NO = new Set(['no', 'n', 'false', '0', 'inactive', 'off', 'disabled', 'retired', 'unavailable'])

export interface SurpriseRow extends SurpriseDraft {
  sourceKey: string
}

/** One row of a catalogue file into an item, or the reasons it is refused. */
export const parseSurpriseRow = (
  values: Partial<Record<SurpriseField, string>>,
  headerOf: (f: SurpriseField) => string,
): { kind: 'row'; row: SurpriseRow } | { kind: 'error'; problems: RowProblem[] } => {
  const get = (f: SurpriseField) => values[f]?.trim() ?? ''
  const problems: RowProblem[] = []
  const title = get('title').replace(/\s+/g, ' ')
  const cost = parseAmount(get('cost'))
  if (cost === null) {
    problems.push({ column: headerOf('cost'), reason: `"${get('cost')}" is not an amount` })
  }
  const lead = parseLeadTime(get('leadTimeHours'))
  if (lead === null) {
    problems.push({
      column: headerOf('leadTimeHours'),
      reason: `"${get('leadTimeHours')}" is not a lead time (hours, or e.g. "2 days")`,
    })
  }
  const kindRaw = get('kind').toLowerCase() || 'gift'
  const kind = RECOVERY_KINDS.find((k) => k === kindRaw)
  if (!kind) {
    problems.push({
      column: headerOf('kind'),
      reason: `"${get('kind')}" is not one of ${RECOVERY_KINDS.join(', ')}`,
    })
  }
  const activeRaw = get('active').toLowerCase()
  if (!YES.has(activeRaw) && !NO.has(activeRaw)) {
    problems.push({ column: headerOf('active'), reason: `"${get('active')}" is neither yes nor no` })
  }
  const tags = normaliseTags(get('tags').split(/[;|,]/))
  const draft: SurpriseDraft = {
    title,
    description: get('description').replace(/\s+/g, ' ') || null,
    cost: cost ?? 0,
    leadTimeHours: lead ?? 0,
    kind: kind ?? 'gift',
    tags,
    active: !NO.has(activeRaw),
  }
  problems.push(...draftProblems(draft, headerOf).filter((p) => !problems.some((q) => q.column === p.column)))
  if (problems.length) return { kind: 'error', problems }
  const key = get('key')
  return { kind: 'row', row: { ...draft, sourceKey: key ? `key:${key}` : titleKey(title) } }
}

/** Whether a row would change the item it matches. */
/** The key a file gave an item (its source key is `key:<key>`); none for one known by its title. */
export const fileKeyOf = (sourceKey: string | null): string =>
  sourceKey?.startsWith('key:') ? sourceKey.slice(4) : ''

export const sameAsItem = (row: SurpriseDraft, item: SurpriseDraft): boolean =>
  row.title === item.title &&
  (row.description ?? null) === (item.description ?? null) &&
  row.cost === item.cost &&
  row.leadTimeHours === item.leadTimeHours &&
  row.kind === item.kind &&
  row.active === item.active &&
  row.tags.length === item.tags.length &&
  row.tags.every((t, i) => t === item.tags[i])
