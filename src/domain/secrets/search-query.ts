import { DomainError } from '../errors.ts'
import { cueSpans, interestMarker, nearestCueWord, STATED } from '../meaning/lexicon.ts'
import { isStopWord, plainForm, stem } from '../meaning/words.ts'

/**
 * Marketing search over secrets ("who loves Pinot Noir?"): what a search string may be, what it
 * is reduced to before it reaches the database, and how the words that matched are marked in a
 * secret's text. Pure: the database does the stemming and the matching.
 */

export const SEARCH_LIMITS = {
  /** longer is not a search for customers but a paste of something else */
  maxQueryLength: 200,
  maxWords: 12,
  /** a word shorter than this is not corrected for spelling: too many words are near it */
  minSpellLetters: 4,
} as const

/** How results are ordered: the best matches first (value breaks ties), or the most valuable first. */
export const SEARCH_SORTS = ['relevance', 'value'] as const
export type SearchSort = (typeof SEARCH_SORTS)[number]

/** How a secret came to match, best first: its own words, their meaning, a near spelling. */
export type MatchKind = 'words' | 'meaning' | 'spelling'
export const MATCH_KINDS: readonly MatchKind[] = ['words', 'meaning', 'spelling']

export interface SearchFilters {
  categories: string[]
  tiers: ('A' | 'B' | 'C')[]
  segments: string[]
  layer: 'need' | 'secret' | null
}

/** What a saved audience keeps: the search string and its filters. */
export interface AudienceQuery extends SearchFilters {
  q: string
}

export interface ParsedSearch {
  /** the string as searched: control characters gone, spaces collapsed */
  text: string
  /** for websearch_to_tsquery: quotes, OR and -word keep their meaning, nothing else is syntax;
   * '' when only filters were given (every secret they let through matches) */
  fullText: string
  /** the searched words that may be misspelt (long enough, not left out with -word), lowercase */
  spellable: string[]
  /** the words searched for (not left out with -word), lowercase */
  words: string[]
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u001f\u007f]/g

/** Cleans a search string. Throws invalid_input when it is too long or has nothing to search for. */
export const parseSearch = (raw: string, filters: Pick<SearchFilters, 'categories'>): ParsedSearch => {
  // control characters (and so the marks the highlighter uses) never reach the database
  const text = raw.normalize('NFC').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
  if (text.length > SEARCH_LIMITS.maxQueryLength) {
    throw new DomainError(
      'invalid_input',
      `Search for at most ${SEARCH_LIMITS.maxQueryLength} characters: a few words about what the customer wants.`,
      { field: 'q', max: SEARCH_LIMITS.maxQueryLength },
    )
  }
  const words = (text.match(WORD) ?? []).map((w) => w.toLowerCase())
  if (words.length === 0 && filters.categories.length === 0) {
    throw new DomainError(
      'invalid_input',
      text
        ? 'There are no words to search for in that: type what the customer loves, fears or dreams of.'
        : 'Type what you are looking for, or choose a category.',
      { field: 'q' },
    )
  }
  if (words.length > SEARCH_LIMITS.maxWords) {
    throw new DomainError('invalid_input', `Search for at most ${SEARCH_LIMITS.maxWords} words at a time.`, {
      field: 'q',
      max: SEARCH_LIMITS.maxWords,
    })
  }
  // the words that are not left out (-word) may be corrected for spelling
  const positive = text
    .split(' ')
    .filter((t) => !t.startsWith('-'))
    .flatMap((t) => t.match(WORD) ?? [])
    .map((w) => w.toLowerCase())
  return {
    text,
    fullText: words.length > 0 ? text : '',
    spellable: [...new Set(positive)].filter(
      (w) => w.replace(/[^\p{L}]/gu, '').length >= SEARCH_LIMITS.minSpellLetters,
    ),
    words: [...new Set(positive)],
  }
}

export type Range = readonly [start: number, end: number]

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Every whole-word, case-insensitive occurrence of `words` in `text`, sorted, overlaps merged. */
export const wordRanges = (text: string, words: readonly string[]): Range[] => {
  const ranges: [number, number][] = []
  for (const w of new Set(words.map((x) => x.trim()).filter(Boolean))) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(w)}(?![\\p{L}\\p{N}])`, 'giu')
    for (const m of text.matchAll(re)) ranges.push([m.index, m.index + m[0].length])
  }
  return mergeRanges(ranges)
}

export const mergeRanges = (ranges: readonly Range[]): Range[] => {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const out: [number, number][] = []
  for (const [s, e] of sorted) {
    const last = out[out.length - 1]
    if (last && s <= last[1]) last[1] = Math.max(last[1], e)
    else out.push([s, e])
  }
  return out
}

/** The marked words of PostgreSQL's ts_headline output, between `start` and `stop`. */
export const markedWords = (marked: string, start: string, stop: string): string[] => {
  const out = new Set<string>()
  let i = marked.indexOf(start)
  while (i >= 0) {
    const j = marked.indexOf(stop, i + start.length)
    if (j < 0) break
    const w = marked.slice(i + start.length, j).trim()
    if (w) out.add(w)
    i = marked.indexOf(start, j + stop.length)
  }
  return [...out]
}

export interface Segment {
  text: string
  hit: boolean
}

/** The text cut into plain and marked pieces, for rendering as text (never as HTML). */
export const segments = (text: string, ranges: readonly Range[]): Segment[] => {
  const out: Segment[] = []
  let at = 0
  for (const [s, e] of mergeRanges(ranges)) {
    const start = Math.max(s, at)
    const end = Math.min(e, text.length)
    if (end <= start) continue
    if (start > at) out.push({ text: text.slice(at, start), hit: false })
    out.push({ text: text.slice(start, end), hit: true })
    at = end
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false })
  return out
}

/** An empty filter set, and one normalised from a request: no duplicates, a stable order. */
export const normaliseFilters = (f: Partial<SearchFilters>): SearchFilters => ({
  categories: [...new Set(f.categories ?? [])].sort(),
  tiers: [...new Set(f.tiers ?? [])].sort(),
  segments: [...new Set(f.segments ?? [])].sort(),
  layer: f.layer ?? null,
})

/**
 * One way a part of the query may match: its words (for websearch_to_tsquery: a word, or a
 * "quoted phrase"), and the interests the meaning layer reads in them, as stored markers.
 * `interestOnly`: the words name an interest, so a secret matches through that interest — its
 * own words then count only where the secret speaks of it ("running" is not "runs low on stock").
 */
export interface QueryAlt {
  text: string
  markers: string[]
  interestOnly: boolean
}

/** A part of the query a customer may or may not match: alternatives joined by OR. */
export interface QueryGroup {
  alts: QueryAlt[]
}

/**
 * What a search asks for, part by part: a customer matching more parts comes first, but one
 * part is enough to be found ("ice hockey" finds the peewee player's father too). `-word` leaves
 * out the secrets that say it.
 */
export interface QueryPlan {
  groups: QueryGroup[]
  /** for websearch_to_tsquery, each a word or a "quoted phrase" */
  negatives: string[]
  /** words that no part of the meaning layer reads: candidates for a near spelling */
  unread: string[]
  /** words no dictionary knows, read as the lexicon's nearest word ("tenis" → tennis) */
  corrections: { word: string; nearest: string[] }[]
}

const TOKEN = /-?"[^"]*"?|\S+/g

/** The words of a run of query text, lowercase, without the ones that carry nothing on their own. */
const contentWords = (run: string): string[] => {
  const words = (run.match(WORD) ?? []).map((w) => w.toLowerCase())
  const content = words.filter((w) => !isStopWord(plainForm(w)))
  return content.length > 0 ? content : words
}

/**
 * Reads a cleaned search string into parts, with the interests the meaning layer finds in each.
 * A word in `unknown` (no dictionary knows it) is read as the lexicon's nearest word, if one is
 * near enough, and said so in `corrections`.
 */
export const planQuery = (text: string, unknown: ReadonlySet<string> = new Set()): QueryPlan => {
  const corrections: { word: string; nearest: string[] }[] = []
  const groups: QueryGroup[] = []
  const negatives: string[] = []
  const unread: string[] = []
  let orNext = false
  let run: string[] = []
  const push = (g: QueryGroup) => {
    if (orNext && groups.length > 0) groups[groups.length - 1]!.alts.push(...g.alts)
    else groups.push(g)
    orNext = false
  }
  const flush = () => {
    if (run.length === 0) return
    const words = contentWords(run.join(' ')).map((w) => {
      if (!unknown.has(w) || w.length < SEARCH_LIMITS.minSpellLetters) return w
      const near = nearestCueWord(w)
      if (near) corrections.push({ word: w, nearest: [near] })
      return near ?? w
    })
    run = []
    const read = words.map((w) => ({ stem: stem(plainForm(w)), surface: w, negated: false }))
    const spans = cueSpans(read).filter((s) => s.weight >= STATED - 1e-9)
    for (let i = 0; i < words.length; i++) {
      // a name the lexicon knows as one ("single malt", "premier league") is one part
      const phrase = spans.filter((s) => s.start === i && s.end - s.start > 1)
      const longest = phrase.reduce((n, s) => Math.max(n, s.end), i + 1)
      const here =
        longest > i + 1
          ? phrase.filter((s) => s.end === longest)
          : spans.filter((s) => s.start === i && s.end === i + 1)
      const markers = [...new Set(here.map((s) => interestMarker(s.interest)))]
      const slice = words.slice(i, longest)
      if (markers.length === 0) unread.push(...slice)
      push({
        alts: [
          {
            text: slice.length > 1 ? `"${slice.join(' ')}"` : slice[0]!,
            markers,
            interestOnly: markers.length > 0,
          },
        ],
      })
      i = longest - 1
    }
  }
  for (const token of text.match(TOKEN) ?? []) {
    if (token.toLowerCase() === 'or') {
      flush()
      orNext = groups.length > 0
      continue
    }
    if (token.startsWith('-') && token.length > 1) {
      flush()
      const rest = token.slice(1)
      if (rest.match(WORD)) negatives.push(rest.startsWith('"') ? `"${rest.replace(/"/g, '')}"` : rest)
      continue
    }
    if (token.startsWith('"')) {
      flush()
      const words = (token.match(WORD) ?? []).map((w) => w.toLowerCase())
      // a quoted phrase means exactly those words
      if (words.length > 0)
        push({ alts: [{ text: `"${words.join(' ')}"`, markers: [], interestOnly: false }] })
      continue
    }
    run.push(token)
  }
  flush()
  return { groups, negatives, unread: [...new Set(unread)], corrections }
}
