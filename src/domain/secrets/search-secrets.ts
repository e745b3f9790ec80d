import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { interestOfMarker } from '../meaning/lexicon.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { ConceptExpander } from './ports.ts'
import {
  type AudienceQuery,
  type MatchKind,
  normaliseFilters,
  type ParsedSearch,
  parseSearch,
  planQuery,
  type QueryPlan,
  type Range,
  type SearchFilters,
  type SearchSort,
  wordRanges,
} from './search-query.ts'
import type { SecretCategory } from './taxonomy.ts'

export interface SearchRequest {
  /** the search string as typed (cleaned); '' when only filters were given */
  fullText: string
  /** the query part by part, with the interests each names (see planQuery) */
  plan: QueryPlan
  /** words that, when no secret says or means them, are looked up for a near spelling */
  spellable: string[]
  filters: SearchFilters
  page: number
  pageSize: number
  /** relevance unless said */
  sort?: SearchSort
}

export interface SecretHit {
  id: string
  customerId: string
  category: string
  layer: string
  text: string
  personName: string | null
  recordedAt: Date
  matchedBy: MatchKind
  /** the words of the text the search matched, as they are written */
  textWords: string[]
  /** the concepts (stored with the secret) the search matched */
  conceptWords: string[]
}

export interface CustomerHits {
  id: string
  name: string
  kind: string
  tier: 'A' | 'B' | 'C' | null
  segment: string | null
  ownerName: string | null
  people: string[]
  matchedBy: MatchKind
  matchCount: number
  /** the best few matching secrets, best first */
  secrets: SecretHit[]
}

export interface SearchPage {
  customers: CustomerHits[]
  /** customers found; a lower bound when `totalExact` is false */
  total: number
  totalExact: boolean
  hasMore: boolean
  /** the searched words no secret has, and the near spellings searched for instead */
  corrections: { word: string; nearest: string[] }[]
}

export interface ExportRow {
  id: string
  name: string
  externalId: string | null
  kind: string
  tier: string | null
  segment: string | null
  country: string | null
  ownerName: string | null
  ownerEmail: string | null
  matchCount: number
  matchedBy: MatchKind
  people: string | null
  emails: string | null
}

/** What searching needs of the store, scoped to one workspace. */
export interface SearchPort {
  search(r: SearchRequest, perCustomer?: number): Promise<SearchPage>
  exportRows(r: Omit<SearchRequest, 'page' | 'pageSize'>): Promise<ExportRow[]>
}

export interface SearchDeps {
  search: SearchPort
  concepts: ConceptExpander
  audit: AuditLog
  categories(): Promise<SecretCategory[]>
}

/** A matching secret as shown: where to mark its text, and why it matched when its words differ. */
export interface PresentedHit extends Omit<SecretHit, 'textWords' | 'conceptWords'> {
  highlights: Range[]
  /** for a match by meaning: which of its words stand for which searched concept */
  because: { word: string; concept: string }[]
}

export interface SearchResult extends Omit<SearchPage, 'customers'> {
  query: { text: string; filters: SearchFilters }
  customers: (Omit<CustomerHits, 'secrets'> & { secrets: PresentedHit[] })[]
}

/** at most this many customer ids go into one audit row; the count is always exact */
export const AUDIT_ID_CAP = 100

const checkFilters = async (deps: Pick<SearchDeps, 'categories'>, f: SearchFilters) => {
  if (f.categories.length === 0) return
  const known = new Set((await deps.categories()).map((c) => c.key))
  const unknown = f.categories.filter((c) => !known.has(c))
  if (unknown.length > 0) {
    throw new DomainError('invalid_input', `There is no category "${unknown[0]}".`, {
      field: 'categories',
      unknown,
    })
  }
}

const WORDISH = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu

/** Which words of `text` (alone or as a pair) stand for one of `concepts`, by the same expander. */
export const explainMeaning = async (
  concepts: ConceptExpander,
  text: string,
  matched: readonly string[],
): Promise<{ word: string; concept: string }[]> => {
  if (matched.length === 0) return []
  const wanted = new Set(matched.map((c) => c.toLowerCase()))
  const words = [...text.matchAll(WORDISH)].map((m) => m[0])
  // single words first ("Burgundy" → wine); a pair only for what no single word explains ("Pinot Noir")
  const candidates = [...words, ...words.slice(0, -1).map((w, i) => `${w} ${words[i + 1]}`)]
  const out: { word: string; concept: string }[] = []
  const explained = new Set<string>()
  for (const word of candidates) {
    const expansion = (await concepts.expand(word)).toLowerCase().split(' ')
    for (const concept of wanted) {
      if (explained.has(concept) || !expansion.includes(concept)) continue
      out.push({ word, concept })
      explained.add(concept)
    }
  }
  return out
}

/**
 * What the store is asked: the query part by part, and the words worth a near spelling — only
 * those no dictionary knows and the meaning layer does not read ("running" is a word, not a
 * misspelling of "runt"); the store then keeps those no secret holds.
 */
const storeQuery = async (concepts: ConceptExpander, parsed: ParsedSearch) => {
  const unknown = new Set<string>()
  for (const w of parsed.spellable) if (!concepts.knows || !(await concepts.knows(w))) unknown.add(w)
  const plan = planQuery(parsed.text, unknown)
  const unread = new Set(plan.unread)
  const corrected = new Set(plan.corrections.map((c) => c.word))
  // what the lexicon did not correct, the store may, from the words the workspace's secrets use
  const spellable = [...unknown].filter((w) => unread.has(w) && !corrected.has(w))
  return { fullText: parsed.fullText, plan, spellable }
}

const present = async (concepts: ConceptExpander, s: SecretHit): Promise<PresentedHit> => {
  const { textWords, conceptWords, ...rest } = s
  // by meaning, or by the meaning of a corrected spelling ("dogz" → dog → "German Shepherd")
  const byMeaning = s.matchedBy === 'meaning' || (s.matchedBy === 'spelling' && textWords.length === 0)
  const because = (byMeaning ? await explainMeaning(concepts, s.text, conceptWords) : []).map((b) => ({
    word: b.word,
    // an interest stands in the index as its marker; a person reads its name
    concept: interestOfMarker(b.concept)?.label ?? b.concept,
  }))
  const highlights = wordRanges(s.text, [...textWords, ...because.map((b) => b.word)])
  return { ...rest, highlights, because }
}

/**
 * Marketing's "who loves Pinot Noir?": customers with matching secrets, best match first, each
 * secret's matching words marked. Written to the audit trail as a read of those customers' secrets
 * — who searched, how long the search was and its filters, which customers came back — never the
 * words searched for nor the text of a secret.
 */
export const searchSecrets = async (
  deps: SearchDeps,
  actor: Actor,
  input: { q: string; filters: Partial<SearchFilters>; page: number; pageSize: number; sort?: SearchSort },
): Promise<SearchResult> => {
  authorize(actor, 'secrets.search')
  const filters = normaliseFilters(input.filters)
  const parsed = parseSearch(input.q, filters)
  await checkFilters(deps, filters)
  const asked = await storeQuery(deps.concepts, parsed)
  const page = await deps.search.search({
    ...asked,
    filters,
    page: input.page,
    pageSize: input.pageSize,
    sort: input.sort ?? 'relevance',
  })
  const customers = await Promise.all(
    page.customers.map(async (c) => ({
      ...c,
      secrets: await Promise.all(c.secrets.map((s) => present(deps.concepts, s))),
    })),
  )
  await deps.audit.record(
    actedBy(
      actor,
      'secrets.searched',
      { type: 'search' },
      {
        queryLength: parsed.text.length,
        words: parsed.words.length,
        filters,
        page: input.page,
        customerCount: customers.length,
        secretsShown: customers.reduce((a, c) => a + c.secrets.length, 0),
        total: page.total,
        customers: customers.slice(0, AUDIT_ID_CAP).map((c) => c.id),
      },
    ),
  )
  // never silently: every word read as another is said
  const corrections = [...asked.plan.corrections, ...page.corrections]
  return { ...page, corrections, query: { text: parsed.text, filters }, customers }
}

/** The rows of an audience's CSV, audited as an export of those customers (ids capped, count exact). */
export const exportAudience = async (
  deps: SearchDeps,
  actor: Actor,
  audience: { id: string | null; name: string; query: AudienceQuery },
): Promise<ExportRow[]> => {
  authorize(actor, 'audiences.manage')
  const { q, ...rest } = audience.query
  const filters = normaliseFilters(rest)
  const parsed = parseSearch(q, filters)
  await checkFilters(deps, filters)
  const rows = await deps.search.exportRows({
    ...(await storeQuery(deps.concepts, parsed)),
    filters,
  })
  await deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'secrets.exported',
    targetType: 'audience',
    ...(audience.id ? { targetId: audience.id } : {}),
    details: {
      audience: audience.name,
      queryLength: parsed.text.length,
      filters,
      customerCount: rows.length,
      customers: rows.slice(0, AUDIT_ID_CAP).map((r) => r.id),
    },
  })
  return rows
}

/** A saved audience's query from what was typed: cleaned the same way a search is, or refused. */
export const audienceQuery = (q: string, filters: Partial<SearchFilters>): AudienceQuery => {
  const f = normaliseFilters(filters)
  return { q: parseSearch(q, f).text, ...f }
}
