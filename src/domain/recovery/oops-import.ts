import { detectMapping, normaliseExternalId, type RowProblem } from '../customers/purchase-import.ts'
import { parseSecretDate } from '../secrets/secret-import.ts'
import {
  FUTURE_SKEW_MS,
  OOPS_TYPE_LABELS,
  OOPS_TYPES,
  type OopsType,
  SEVERITIES,
  type Severity,
} from './oops.ts'
import { deadlineOf } from './recovery-clock.ts'

/**
 * The fields a file of past OOPS! cases can fill: one row = one case, as a ticketing system or a
 * complaints register (the CFPB's consumer complaints, for one) exports them. Several columns may
 * feed the description: `description` (the headline, e.g. "Issue"), `detail` ("Sub-issue") and
 * `narrative` (what the customer wrote) are joined as "headline — detail\n\nnarrative".
 */
export const OOPS_FIELDS = [
  'caseKey',
  'customerExternalId',
  'customerName',
  'personName',
  'type',
  'description',
  'detail',
  'narrative',
  'letDownAt',
  'reportedAt',
  'severity',
  'ownerEmail',
  'segment',
  'region',
  'outcome',
  'disputed',
  'fixedAt',
  'closedAt',
] as const
export type OopsField = (typeof OOPS_FIELDS)[number]
export const OOPS_REQUIRED: OopsField[] = ['caseKey', 'description', 'letDownAt']

/** Header words that name each field, normalised (lowercase, no spaces, dashes, dots or underscores). */
const SYNONYMS: Record<OopsField, string[]> = {
  caseKey: [
    'complaintid',
    'caseid',
    'casekey',
    'caseno',
    'casenumber',
    'case',
    'ticketid',
    'ticket',
    'ticketno',
    'ticketnumber',
    'oopsid',
    'incidentid',
    'reference',
    'ref',
    'key',
    'id',
  ],
  customerExternalId: [
    'customerid',
    'customerexternalid',
    'externalid',
    'customerno',
    'customernumber',
    'accountid',
    'account',
    'clientid',
  ],
  // not "company": in a complaints register that is who the complaint is against, not the customer
  customerName: ['customername', 'customer', 'consumer', 'consumername', 'client', 'clientname'],
  personName: ['person', 'personname', 'contact', 'contactname'],
  type: ['type', 'oopstype', 'mistake', 'mistaketype', 'kind'],
  description: ['issue', 'description', 'summary', 'title', 'subject', 'problem', 'whathappened'],
  detail: ['subissue', 'detail', 'details'],
  narrative: [
    'consumercomplaintnarrative',
    'complaintnarrative',
    'narrative',
    'complaint',
    'story',
    'notes',
    'note',
    'comments',
    'comment',
  ],
  letDownAt: [
    'datereceived',
    'letdownat',
    'letdown',
    'date',
    'happenedat',
    'occurredat',
    'incidentdate',
    'openedat',
    'opened',
    'createdat',
    'created',
  ],
  reportedAt: ['datesenttocompany', 'reportedat', 'reported', 'reportedon', 'datereported'],
  severity: ['severity', 'priority', 'impact'],
  ownerEmail: ['owner', 'owneremail', 'assignee', 'assignedto', 'handledby'],
  segment: ['product', 'segment', 'productline'],
  region: ['state', 'region', 'province'],
  outcome: ['companyresponsetoconsumer', 'outcome', 'resolution', 'response', 'status', 'result'],
  disputed: ['consumerdisputed?', 'consumerdisputed', 'customerdisputed?', 'customerdisputed', 'disputed'],
  fixedAt: ['fixedat', 'fixedon', 'datefixed', 'resolvedat', 'resolvedon', 'dateresolved'],
  closedAt: ['closedat', 'closedon', 'dateclosed'],
}
export const detectOopsMapping = (headers: string[]) => detectMapping(headers, SYNONYMS)

/** A description longer than this is not a case but a document (the CFPB's longest is ~22,000). */
export const IMPORTED_DESCRIPTION_MAX = 50_000
/** Same limits as a customer entered by hand (a segment as long as a recovery plan's). */
export const SEGMENT_MAX = 100
const NAME_MAX = 200

/** What happened in the end, as far as a past case says. */
export type CaseOutcome = 'fixed' | 'closed' | 'open'

export interface OopsImportRow {
  /** the case's key in the source system: what makes a second import add nothing */
  caseKey: string
  customerExternalId: string | null
  customerName: string | null
  personName: string | null
  type: OopsType
  /** true when no type was given and it was read from the description */
  typeFromText: boolean
  description: string
  severity: Severity
  letDownAt: Date
  reportedAt: Date
  /** a member's email, lower-cased; null = the default owner */
  ownerEmail: string | null
  segment: string | null
  region: string | null
  outcome: CaseOutcome
  /** the customer's own verdict: disputed → false, not disputed → true, unknown → null */
  feedbackFixed: boolean | null
  fixedAt: Date | null
  closedAt: Date | null
}

export type ParsedOopsRow = { kind: 'row'; row: OopsImportRow } | { kind: 'error'; problems: RowProblem[] }

// Checked in this order: the first that matches wins ("late fee" is a billing mistake).
const TYPE_WORDS: Array<[Exclude<OopsType, 'other'>, RegExp]> = [
  [
    'billing_mistake',
    /\b(bill|bills|billing|billed|charges?|charged|charging|overcharged?|fees?|payments?|invoices?|refunds?)\b/,
  ],
  ['late_delivery', /\b(late|lateness|delays?|delayed|took too long|too long|overdue|untimely)\b/],
  [
    'not_as_promised',
    /(advertis|not as described|mislead|misrepresent|false statement|\bterms\b|not to spec|not what (i|we) ordered)/,
  ],
  [
    'repair_to_redo',
    /\b(repair\w*|redo|re-do|fix again|fixed again|did not fix|didn't fix|not fixed|still broken)\b/,
  ],
  [
    'broken_promise',
    /(promise|didn't receive|did not receive|never received|not received|not honou?red|didn't honou?r|did not honou?r|not credited|wasn't credited)/,
  ],
]

/**
 * The kind of OOPS! a past case was, read from its words when the file does not say: billing,
 * lateness, "not as advertised", a fix to redo, a promise not kept — else other.
 */
export const classifyOopsType = (text: string): OopsType => {
  const t = text.toLowerCase().replace(/[’‘]/g, "'")
  return TYPE_WORDS.find(([, re]) => re.test(t))?.[0] ?? 'other'
}

const squash = (s: string) => s.trim().replace(/\s+/g, ' ')
const loose = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s_\-/]+/g, ' ')
    .trim()
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is removed
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** A type by its key ("billing_mistake") or label ("Billing mistake"), in any case. */
export const resolveOopsType = (raw: string): OopsType | null => {
  const want = loose(raw)
  if (!want) return null
  return OOPS_TYPES.find((t) => loose(t) === want || loose(OOPS_TYPE_LABELS[t]) === want) ?? null
}

const SEVERITY_WORDS: Record<string, Severity> = { minor: 'low', major: 'high', urgent: 'critical' }

/**
 * "Closed with monetary relief" (the CFPB's words), "fixed", "resolved" → fixed; "Closed with
 * explanation", "Closed", "Closed without relief" → closed, not fixed; "In progress", "Untimely
 * response", "open" → still open as far as the file knows. Anything else: null (the row is refused).
 */
export const readOutcome = (raw: string): CaseOutcome | null => {
  const s = loose(raw)
  if (/\b(without|no) relief\b/.test(s)) return 'closed'
  if (/\brelief\b/.test(s) || /^(fixed|resolved|recovered|refunded|remedied)\b/.test(s)) return 'fixed'
  if (/^(closed|explained|rejected|withdrawn|no action|not fixed|unresolved)\b/.test(s)) return 'closed'
  if (/^(in progress|untimely response|open|pending|new|waiting)\b/.test(s)) return 'open'
  return null
}

const YES = new Set(['yes', 'y', 'true', '1'])
const NO = new Set(['no', 'n', 'false', '0'])
const UNKNOWN = new Set(['', 'n a', 'na', 'none', 'unknown', '-'])

/**
 * A date of a past case: 2019/9/24 (as the CFPB sample is saved), 2019-09-24, an ISO moment
 * (2019-09-24T10:15:00Z), or 24/09/2019. A bare date is taken at noon UTC, like every import.
 */
export const parseCaseDate = (raw: string): { at: Date; dateOnly: boolean } | null => {
  const s = raw.trim()
  const ymd = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(s)
  if (ymd) {
    const [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])]
    const t = new Date(Date.UTC(y, m - 1, d, 12))
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null
    return { at: t, dateOnly: true }
  }
  const at = parseSecretDate(s)
  return at ? { at, dateOnly: !/[T ]\d{2}:/.test(s) } : null
}

/**
 * One row of a file of past cases into a case to store, or the reasons it is refused. Past cases
 * may be years old (opening an OOPS! by hand refuses more than 30 days: that one is live); a date
 * in the future is a typo. What needs the database (the customer, the owner) is checked by the
 * importer.
 */
export const parseOopsRow = (
  values: Partial<Record<OopsField, string>>,
  ctx: { now: Date; headerOf: (f: OopsField) => string },
): ParsedOopsRow => {
  const get = (f: OopsField) => values[f]?.replace(CONTROL, '') ?? ''
  const col = ctx.headerOf
  const problems: RowProblem[] = []

  const caseKey = normaliseExternalId(squash(get('caseKey')))
  if (!caseKey) problems.push({ column: col('caseKey'), reason: 'the case key is empty' })
  else if (caseKey.length > 100) {
    problems.push({ column: col('caseKey'), reason: 'the case key is longer than 100 characters' })
  }

  const customerExternalId = normaliseExternalId(squash(get('customerExternalId'))) || null
  if (customerExternalId && customerExternalId.length > 100) {
    problems.push({
      column: col('customerExternalId'),
      reason: 'the customer id is longer than 100 characters',
    })
  }
  const customerName = squash(get('customerName')) || null
  if (customerName && customerName.length > NAME_MAX) {
    problems.push({ column: col('customerName'), reason: `the customer's name is longer than ${NAME_MAX}` })
  }
  const personName = squash(get('personName')) || null
  if (personName && personName.length > 120) {
    problems.push({ column: col('personName'), reason: 'the person’s name is longer than 120 characters' })
  }

  // the customer's words stay as written (the CFPB's XXXX redactions included): only the ends are trimmed
  const headline = [squash(get('description')), squash(get('detail'))].filter(Boolean).join(' — ')
  const description = [headline, get('narrative').trim()].filter(Boolean).join('\n\n')
  if (!description) {
    problems.push({ column: col('description'), reason: 'the description is empty: say what went wrong' })
  } else if (description.length > IMPORTED_DESCRIPTION_MAX) {
    problems.push({
      column: col('narrative'),
      reason: `the description has ${description.length.toLocaleString('en-GB')} characters; at most ${IMPORTED_DESCRIPTION_MAX.toLocaleString('en-GB')}`,
    })
  }

  const rawType = squash(get('type'))
  const givenType = rawType ? resolveOopsType(rawType) : null
  if (rawType && !givenType) {
    problems.push({
      column: col('type'),
      reason: `"${rawType.slice(0, 60)}" is not a kind of OOPS!: use ${OOPS_TYPES.map((t) => `"${OOPS_TYPE_LABELS[t]}"`).join(', ')}`,
    })
  }

  const rawSeverity = loose(get('severity'))
  const severity = rawSeverity
    ? (SEVERITIES as readonly string[]).includes(rawSeverity)
      ? (rawSeverity as Severity)
      : SEVERITY_WORDS[rawSeverity]
    : 'medium'
  if (!severity) {
    problems.push({
      column: col('severity'),
      reason: `"${get('severity').trim().slice(0, 40)}" is not a severity: use low, medium, high or critical`,
    })
  }

  const ownerEmail = squash(get('ownerEmail')).toLowerCase() || null
  if (ownerEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(ownerEmail)) {
    problems.push({
      column: col('ownerEmail'),
      reason: `"${get('ownerEmail').trim().slice(0, 80)}" is not an email address (the owner is named by their email)`,
    })
  }

  const segment = squash(get('segment')) || null
  if (segment && segment.length > SEGMENT_MAX) {
    problems.push({ column: col('segment'), reason: `the segment is longer than ${SEGMENT_MAX} characters` })
  }
  const region = squash(get('region')) || null
  if (region && region.length > 80) {
    problems.push({ column: col('region'), reason: 'the region is longer than 80 characters' })
  }

  const date = (f: OopsField, what: string): Date | null => {
    const raw = squash(get(f))
    if (!raw) return null
    const parsed = parseCaseDate(raw)
    if (!parsed) {
      problems.push({
        column: col(f),
        reason: `"${raw.slice(0, 40)}" is not a date: use 2019/9/24, 2019-09-24 or 2019-09-24T10:15:00Z`,
      })
      return null
    }
    // today at noon, read in the morning, is today: now
    const slack = parsed.dateOnly ? 86_400_000 : FUTURE_SKEW_MS
    if (parsed.at.getTime() > ctx.now.getTime() + slack) {
      problems.push({ column: col(f), reason: `${raw} (${what}) is in the future` })
      return null
    }
    if (parsed.at.getUTCFullYear() < 1900) {
      problems.push({ column: col(f), reason: `${raw} (${what}) is before 1900` })
      return null
    }
    return parsed.at.getTime() > ctx.now.getTime() ? ctx.now : parsed.at
  }
  const letDownAt = date('letDownAt', 'let down')
  if (!squash(get('letDownAt'))) {
    problems.push({ column: col('letDownAt'), reason: 'the date the customer was let down is empty' })
  }
  const reportedAt = date('reportedAt', 'reported') ?? letDownAt
  const fixedAt = date('fixedAt', 'fixed')
  const closedAt = date('closedAt', 'closed')
  if (letDownAt) {
    for (const [f, at, what] of [
      ['reportedAt', reportedAt, 'reported'],
      ['fixedAt', fixedAt, 'fixed'],
      ['closedAt', closedAt, 'closed'],
    ] as const) {
      if (at && at < letDownAt) {
        problems.push({
          column: col(f),
          reason: `${squash(get(f))} is before the customer was let down (${squash(get('letDownAt'))}): a case cannot be ${what} before it happened`,
        })
      }
    }
  }

  const rawOutcome = squash(get('outcome'))
  const outcome = rawOutcome ? readOutcome(rawOutcome) : fixedAt ? 'fixed' : closedAt ? 'closed' : 'open'
  if (!outcome) {
    problems.push({
      column: col('outcome'),
      reason: `"${rawOutcome.slice(0, 60)}" is not an outcome Dazzle knows: use e.g. "Closed with relief" (fixed), "Closed" or "In progress"`,
    })
  }

  const rawDisputed = loose(get('disputed'))
  const feedbackFixed = YES.has(rawDisputed) ? false : NO.has(rawDisputed) ? true : null
  if (!UNKNOWN.has(rawDisputed) && feedbackFixed === null) {
    problems.push({
      column: col('disputed'),
      reason: `"${get('disputed').trim().slice(0, 40)}" is not yes, no or N/A`,
    })
  }

  if (problems.length || !letDownAt || !reportedAt || !severity || !outcome) {
    return { kind: 'error', problems }
  }
  return {
    kind: 'row',
    row: {
      caseKey,
      customerExternalId,
      customerName,
      personName,
      type: givenType ?? classifyOopsType(headline || description),
      typeFromText: !givenType,
      description,
      severity,
      letDownAt,
      reportedAt,
      ownerEmail,
      segment,
      region,
      outcome,
      feedbackFixed,
      fixedAt,
      closedAt,
    },
  }
}

/** The customer a case without one gets: a person of its own, found again by a second import. */
export const caseCustomer = (r: Pick<OopsImportRow, 'caseKey' | 'region'>) => ({
  externalId: `case-${r.caseKey}`,
  name: `Consumer #${r.caseKey}${r.region ? ` (${r.region})` : ''}`.slice(0, NAME_MAX),
  kind: 'person' as const,
})

/**
 * How a past case is stored: its clock from the plan terms (deadline = let down + window), and
 * where it ended. A fixed or closed case is closed; a case the file leaves open stays open only
 * while its window runs (it then gets its reminders like any OOPS!), else it is closed by the
 * import — years-old open cases would only flood owners with reminders nobody can act on. No
 * surprise: an imported case was never dazzling.
 */
export const settleImportedCase = (
  r: Pick<OopsImportRow, 'letDownAt' | 'reportedAt' | 'outcome' | 'fixedAt' | 'closedAt'>,
  windowHours: number,
  now: Date,
): {
  deadlineAt: Date
  status: 'open' | 'closed'
  fixedAt: Date | null
  resolvedAt: Date | null
  closedAt: Date | null
} => {
  const deadlineAt = deadlineOf({ letDownAt: r.letDownAt, windowHours })
  const latest = (...ds: Array<Date | null>) =>
    new Date(Math.max(...ds.filter((d): d is Date => d !== null).map((d) => d.getTime())))
  if (r.outcome === 'fixed') {
    const fixedAt = r.fixedAt ?? r.closedAt ?? r.reportedAt
    const closedAt = r.closedAt ?? latest(fixedAt, r.reportedAt)
    return { deadlineAt, status: 'closed', fixedAt, resolvedAt: closedAt, closedAt }
  }
  if (r.outcome === 'closed' || r.closedAt) {
    const closedAt = r.closedAt ?? latest(r.reportedAt, r.fixedAt)
    return { deadlineAt, status: 'closed', fixedAt: r.fixedAt, resolvedAt: closedAt, closedAt }
  }
  if (deadlineAt > now) {
    return { deadlineAt, status: 'open', fixedAt: r.fixedAt, resolvedAt: null, closedAt: null }
  }
  // left open in the file, long past its window: closed now, by the import, without a resolution
  return { deadlineAt, status: 'closed', fixedAt: r.fixedAt, resolvedAt: null, closedAt: now }
}
