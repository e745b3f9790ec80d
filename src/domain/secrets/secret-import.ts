import { detectMapping, normaliseExternalId, type RowProblem } from '../customers/purchase-import.ts'
import { SECRET_TEXT_MAX } from './secret.ts'
import { CERTAINTIES, type Certainty, type Layer, type SecretCategory } from './taxonomy.ts'

/**
 * The fields a secrets file can fill. One row = one secret heard about a customer (and, where it
 * applies, one of its people), as a salesperson's notes or another system would export them.
 */
export const SECRET_FIELDS = [
  'customerKey',
  'personName',
  'category',
  'text',
  'recordedBy',
  'recordedAt',
  'layer',
  'certainty',
] as const
export type SecretField = (typeof SECRET_FIELDS)[number]
export const SECRET_REQUIRED: SecretField[] = ['customerKey', 'category', 'text']

/** Header words that name each field, normalised (lowercase, no spaces, dashes or underscores). */
const SYNONYMS: Record<SecretField, string[]> = {
  customerKey: [
    'customerkey',
    'customer',
    'customerid',
    'customerexternalid',
    'externalid',
    'customerno',
    'customernumber',
    'customername',
    'account',
    'accountid',
    'company',
  ],
  personName: ['person', 'personname', 'contact', 'contactname', 'who', 'about', 'aboutwhom', 'name'],
  category: ['category', 'secretcategory', 'kind', 'type', 'topic'],
  text: ['text', 'secret', 'whatweheard', 'heard', 'note', 'notes', 'fact', 'detail', 'description'],
  recordedBy: ['recordedby', 'recorder', 'by', 'salesperson', 'author', 'agent', 'email', 'recorderemail'],
  recordedAt: ['date', 'recordedat', 'recordedon', 'heardon', 'when', 'datetime', 'createdat', 'timestamp'],
  layer: ['layer', 'needorsecret'],
  certainty: ['certainty', 'confidence', 'howsure'],
}
export const detectSecretMapping = (headers: string[]) => detectMapping(headers, SYNONYMS)

/** A row of a secrets file, read and checked as far as can be done without the database. */
export interface SecretImportRow {
  /** the customer's external id, or its exact name (matched case-insensitively) */
  customerKey: string
  /** a person of that customer, by name; null = the customer itself */
  personName: string | null
  /** the category's key, resolved from a key or a label */
  category: string
  text: string
  /** a member's email, lower-cased; null = whoever runs the import */
  recordedBy: string | null
  /** when it was heard; null = when it is imported */
  recordedAt: Date | null
  layer: Layer
  certainty: Certainty
}

export type ParsedSecretRow =
  | { kind: 'row'; row: SecretImportRow }
  | { kind: 'error'; problems: RowProblem[] }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
/** control characters other than tab and newline: they carry nothing a person said, and PostgreSQL refuses NUL */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is removed
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

const squash = (s: string) => s.trim().replace(/\s+/g, ' ')
const loose = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s_\-/]+/g, ' ')
    .trim()

/** A category named by its key ("lifestyle_choice") or its label ("Lifestyle choice"), in any case. */
export const resolveCategory = (
  raw: string,
  categories: readonly SecretCategory[],
): SecretCategory | null => {
  const want = loose(raw)
  if (!want) return null
  return categories.find((c) => loose(c.key) === want || loose(c.label) === want) ?? null
}

/**
 * "2026-03-14", "2026-03-14T09:30:00Z" or "14/03/2026" (day first, as written in Europe; also with
 * dashes or dots) → the moment. A bare date is taken at noon UTC, so it stays the same calendar day
 * wherever it is read.
 */
export const parseSecretDate = (raw: string): Date | null => {
  const s = raw.trim()
  let y: number
  let m: number
  let d: number
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s)
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])]
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(s)) {
    // a moment without an offset is read as UTC: a secret's date needs the day, not the minute
    const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`
    const t = new Date(withZone.replace(' ', 'T'))
    return Number.isNaN(t.getTime()) ? null : t
  } else return null
  const t = new Date(Date.UTC(y, m - 1, d, 12))
  // 31/02/2026 rolls over to March in Date.UTC: refuse it instead
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null
  return t
}

const LAYER_WORDS: Record<string, Layer> = {
  need: 'need',
  needs: 'need',
  secret: 'secret',
  secrets: 'secret',
}
const CERTAINTY_WORDS: Record<string, Certainty> = {
  heard: 'heard',
  'heard directly': 'heard',
  direct: 'heard',
  inferred: 'inferred',
  guess: 'inferred',
  'second hand': 'second_hand',
  secondhand: 'second_hand',
  hearsay: 'second_hand',
}

/**
 * One row of a secrets file into a secret to store, or the reasons it is refused. What needs the
 * database (does the customer exist, is the person theirs, is the recorder a member, may a
 * sensitive category be held) is checked by the importer; `headerOf` names the file's column for a
 * field, so messages point at what the person sees.
 */
export const parseSecretRow = (
  values: Partial<Record<SecretField, string>>,
  ctx: {
    categories: readonly SecretCategory[]
    now: Date
    headerOf: (f: SecretField) => string
  },
): ParsedSecretRow => {
  const get = (f: SecretField) => values[f]?.replace(CONTROL, '') ?? ''
  const col = ctx.headerOf
  const problems: RowProblem[] = []

  const customerKey = normaliseExternalId(squash(get('customerKey')))
  if (!customerKey) problems.push({ column: col('customerKey'), reason: 'the customer is empty' })

  const personName = squash(get('personName')) || null
  if (personName && personName.length > 120) {
    problems.push({ column: col('personName'), reason: 'the person’s name is longer than 120 characters' })
  }

  const rawCategory = squash(get('category'))
  const category = resolveCategory(rawCategory, ctx.categories)
  if (!rawCategory) problems.push({ column: col('category'), reason: 'the category is empty' })
  else if (!category) {
    problems.push({
      column: col('category'),
      reason: `there is no category "${rawCategory.slice(0, 60)}"; use a key or label such as ${ctx.categories
        .filter((c) => !c.sensitive)
        .slice(0, 4)
        .map((c) => `"${c.label}"`)
        .join(', ')} …`,
    })
  }

  // what was heard, as heard: only stray spaces at the ends go (HTML and quotes are text, shown inert)
  const text = get('text').trim()
  if (!text) problems.push({ column: col('text'), reason: 'the text is empty: write what was heard' })
  else if (text.length > SECRET_TEXT_MAX) {
    problems.push({
      column: col('text'),
      reason: `the text has ${text.length.toLocaleString('en-GB')} characters; a secret is at most ${SECRET_TEXT_MAX} (what was heard, not a document)`,
    })
  }

  const recordedBy = squash(get('recordedBy')).toLowerCase() || null
  if (recordedBy && !EMAIL.test(recordedBy)) {
    problems.push({
      column: col('recordedBy'),
      reason: `"${get('recordedBy').trim().slice(0, 80)}" is not an email address (the recorder is named by their email)`,
    })
  }

  const rawDate = squash(get('recordedAt'))
  const recordedAt = rawDate ? parseSecretDate(rawDate) : null
  if (rawDate && !recordedAt) {
    problems.push({
      column: col('recordedAt'),
      reason: `"${rawDate.slice(0, 40)}" is not a date: use 2026-03-14 or 14/03/2026`,
    })
  } else if (recordedAt && recordedAt.getTime() > ctx.now.getTime() + 86_400_000) {
    problems.push({ column: col('recordedAt'), reason: `${rawDate} is in the future` })
  } else if (recordedAt && recordedAt.getUTCFullYear() < 1900) {
    problems.push({ column: col('recordedAt'), reason: `${rawDate} is before 1900` })
  }

  const rawLayer = loose(get('layer'))
  const layer = rawLayer ? LAYER_WORDS[rawLayer] : 'secret'
  if (!layer) {
    problems.push({
      column: col('layer'),
      reason: `"${get('layer').trim().slice(0, 40)}" is neither need nor secret`,
    })
  }
  const rawCertainty = loose(get('certainty'))
  const certainty = rawCertainty
    ? (CERTAINTY_WORDS[rawCertainty] ??
      (CERTAINTIES as readonly string[]).find((c) => loose(c) === rawCertainty))
    : 'heard'
  if (!certainty) {
    problems.push({
      column: col('certainty'),
      reason: `"${get('certainty').trim().slice(0, 40)}" is not a certainty: use heard, inferred or second-hand`,
    })
  }

  if (problems.length || !category || !layer || !certainty) return { kind: 'error', problems }
  return {
    kind: 'row',
    row: {
      customerKey,
      personName,
      category: category.key,
      text,
      recordedBy,
      recordedAt,
      layer,
      certainty: certainty as Certainty,
    },
  }
}

/**
 * What makes two rows the same secret, whatever the spelling of the file: the same customer (by
 * its id, so a file naming it by external id and another by name agree), person, category, words
 * (spaces and case aside), recorder and day. The importer hashes it into the secret's
 * `source_key`, so importing a file twice adds nothing.
 */
export const secretRowIdentity = (r: SecretImportRow, customerId: string): string =>
  [
    customerId,
    (r.personName ?? '').toLowerCase(),
    r.category,
    squash(r.text).toLowerCase(),
    r.recordedBy ?? '',
    r.recordedAt ? r.recordedAt.toISOString().slice(0, 10) : '',
    r.layer,
    r.certainty,
  ].join('\u001F')
