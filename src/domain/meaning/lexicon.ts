import { AVOIDS, DEFS } from './interests.ts'
import { stemsOf, type Word } from './words.ts'

/**
 * The meaning layer: interests and the words people use when they talk about them (the data is in
 * interests.ts). WordNet knows that Pinot Noir is a wine; it does not know that someone who "roasts
 * his own beans" is into coffee, or that a "peewee team" plays hockey. These cue lists carry that
 * everyday knowledge, for secrets, searches and catalogue items alike — one home, used by search,
 * surprise ranking and category suggestion.
 */

export interface Interest {
  id: string
  label: string
  parent: string | null
  /** how well its kinds stand in for one another (0: not at all) */
  kin: number
}

export const INTERESTS: ReadonlyMap<string, Interest> = new Map(
  DEFS.map((d) => [d.id, { id: d.id, label: d.label, parent: d.parent ?? null, kin: d.kin ?? 0 }]),
)

interface Cue {
  stems: string[]
  interest: string
  /** for a word that shares its stem with weaker forms, the weakest: "runs" is not "running" */
  weight: number
  /** the weight of each form as written in the list ("running" 1, "runs" 0.4) */
  forms: Map<string, number>
  /** a pain point: "hates queues" wants convenience as much as "queues" does */
  pain: boolean
}

/** cues by their first stem; the longest phrase is tried first */
const CUES = new Map<string, Cue[]>()
for (const d of DEFS) {
  for (const raw of d.cues.split(/\s+/).filter(Boolean)) {
    const pain = raw.startsWith('~')
    const [phrase, w] = raw.replace(/^~/, '').split(':')
    const stems = stemsOf(phrase!.replace(/_/g, ' '))
    if (stems.length === 0) continue
    const weight = w ? Number(w) : 1
    const list = CUES.get(stems[0]!) ?? []
    // "run", "runs" and "running" are one stem: one cue that knows each written form's weight,
    // and takes the weakest for a form it was not given
    const same = list.find((c) => c.interest === d.id && c.stems.join(' ') === stems.join(' '))
    const form = phrase!.replace(/_/g, ' ').toLowerCase()
    if (same) {
      same.weight = Math.min(same.weight, weight)
      same.forms.set(form, weight)
    } else list.push({ stems, interest: d.id, weight, forms: new Map([[form, weight]]), pain })
    CUES.set(stems[0]!, list)
  }
}
for (const list of CUES.values()) list.sort((a, b) => b.stems.length - a.stems.length)
const AVOID_STEMS = new Map(Object.entries(AVOIDS).map(([w, ids]) => [stemsOf(w)[0]!, ids]))

/**
 * The weight of a written form the list does not name: the cue's weakest, much weaker when it crosses
 * between an activity and a thing ("gaming" is video games; "games" may be anything).
 */
const formWeight = (cue: Cue, surface: string): number => {
  const ing = surface.endsWith('ing')
  const crosses = [...cue.forms.keys()].every((f) => f.endsWith('ing') !== ing)
  return crosses ? cue.weight * 0.3 : cue.weight
}

/** How strongly a text speaks to each interest (0–1), and the words that said so. */
export interface InterestHit {
  weight: number
  words: string[]
  /** the stems of those words */
  stems: string[]
}
export type InterestProfile = Map<string, InterestHit>

const add = (
  p: InterestProfile,
  interest: string,
  weight: number,
  word: string,
  stems: readonly string[],
) => {
  const hit = p.get(interest)
  if (!hit) {
    p.set(interest, { weight, words: [word], stems: [...stems] })
    return
  }
  // several cues for one interest add up ("roasts" + "beans"), never past 1
  hit.weight = 1 - (1 - hit.weight) * (1 - weight)
  if (!hit.words.includes(word)) {
    hit.words.push(word)
    hit.stems.push(...stems)
  }
}

/**
 * The interests in a run of words: wanted ones, and avoided ones (cues under a negation, and what
 * "vegan" or "sober" rule out). `scale` weakens what comes from WordNet's concepts rather than
 * the words themselves.
 */
export const interestsOf = (
  words: readonly Pick<Word, 'stem' | 'surface' | 'negated'>[],
  scale = 1,
): { wanted: InterestProfile; avoided: InterestProfile } => {
  const wanted: InterestProfile = new Map()
  const avoided: InterestProfile = new Map()
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const avoids = AVOID_STEMS.get(w.stem)
    if (avoids && !w.negated) for (const id of avoids) add(avoided, id, scale, w.surface, [w.stem])
    const cues = CUES.get(w.stem)
    if (!cues) continue
    // the longest phrase that matches wins: "food bank" is a cause, not food
    let used = 0
    for (const cue of cues) {
      if (used > cue.stems.length) break
      if (cue.stems.length > 1) {
        if (i + cue.stems.length > words.length) continue
        if (!cue.stems.every((s, k) => words[i + k]!.stem === s)) continue
      }
      const surface = words
        .slice(i, i + cue.stems.length)
        .map((x) => x.surface)
        .join(' ')
      const weight = cue.forms.get(surface) ?? formWeight(cue, surface)
      // a weight of 0 marks a false friend: "sparkling water" takes the words and says nothing of wine
      if (weight > 0)
        add(w.negated && !cue.pain ? avoided : wanted, cue.interest, weight * scale, surface, cue.stems)
      used = Math.max(used, cue.stems.length)
    }
    i += Math.max(used, 1) - 1
  }
  return { wanted, avoided }
}

const BROAD = new Set(DEFS.flatMap((d) => (d.parent ? [d.parent] : [])))
/** An interest others belong to ("sport", "drinks"): its words name a category, not a taste. */
export const isBroad = (id: string): boolean => BROAD.has(id)

/** The interest and every interest it belongs to. */
export const withParents = (id: string): readonly string[] => {
  const known = LINEAGE.get(id)
  if (known) return known
  const out = [id]
  let p = INTERESTS.get(id)?.parent
  while (p) {
    out.push(p)
    p = INTERESTS.get(p)?.parent
  }
  LINEAGE.set(id, out)
  return out
}
const LINEAGE = new Map<string, string[]>()

/**
 * The version of the meaning layer's data (interests.ts, and how texts are read into concepts).
 * Bump it with any change there: secrets whose stored concepts were computed under another version
 * are recomputed in the background.
 */
export const MEANING_VERSION = 6

/** A cue read in a run of words: where it sits, the interest it speaks to and how strongly. */
export interface CueSpan {
  /** index of its first word and one past its last, in the run given */
  start: number
  end: number
  interest: string
  weight: number
  negated: boolean
  pain: boolean
}

/**
 * Every cue in a run of words, read as interestsOf reads them: at each word the longest phrase
 * first, and the words a phrase took are not read again ("food bank" is a cause, not food).
 */
export const cueSpans = (words: readonly Pick<Word, 'stem' | 'surface' | 'negated'>[]): CueSpan[] => {
  const out: CueSpan[] = []
  for (let i = 0; i < words.length; i++) {
    const cues = CUES.get(words[i]!.stem)
    if (!cues) continue
    let used = 0
    for (const cue of cues) {
      if (used > cue.stems.length) break
      const n = cue.stems.length
      if (n > 1 && (i + n > words.length || !cue.stems.every((s, k) => words[i + k]!.stem === s))) continue
      const surface = words
        .slice(i, i + n)
        .map((x) => x.surface)
        .join(' ')
      out.push({
        start: i,
        end: i + n,
        interest: cue.interest,
        weight: cue.forms.get(surface) ?? formWeight(cue, surface),
        negated: words[i]!.negated,
        pain: cue.pain,
      })
      used = Math.max(used, n)
    }
    i += Math.max(used, 1) - 1
  }
  return out
}

/** at or above this, what a text says of an interest is a statement, not a hint */
export const STATED = 0.5

/**
 * The interests a text states, read in context: a word two interests share goes to the one the
 * rest of the text supports ("roasts her own coffee beans" is coffee, not gardening; "a vintage
 * Mustang" is a car, not a wine), several cues for one interest add up, and only what reaches
 * STATED counts. With the interests they belong to ("hockey" → sport). Negated cues are left out.
 */
export const statedInterests = (
  words: readonly Pick<Word, 'stem' | 'surface' | 'negated'>[],
): { interests: string[]; spans: CueSpan[] } => {
  const spans = cueSpans(words).filter((s) => !s.negated || s.pain)
  // evidence per interest from the words no other interest claims
  const claims = new Map<number, Set<string>>()
  for (const s of spans)
    for (let k = s.start; k < s.end; k++) claims.set(k, (claims.get(k) ?? new Set()).add(s.interest))
  const support = new Map<string, number>()
  for (const s of spans) {
    const own = [...Array(s.end - s.start).keys()].every((k) => claims.get(s.start + k)!.size === 1)
    if (own) support.set(s.interest, Math.max(support.get(s.interest) ?? 0, s.weight))
  }
  const kept = spans.filter((s) => {
    const rivals = new Set<string>()
    for (let k = s.start; k < s.end; k++) for (const r of claims.get(k)!) if (r !== s.interest) rivals.add(r)
    if (rivals.size === 0) return true
    // a shared word belongs to the interest the rest of the text supports best
    const mine = support.get(s.interest) ?? 0
    return [...rivals].every((r) => mine >= (support.get(r) ?? 0))
  })
  const weight = new Map<string, number>()
  for (const s of kept) weight.set(s.interest, 1 - (1 - (weight.get(s.interest) ?? 0)) * (1 - s.weight))
  const ids = new Set<string>()
  for (const [id, w] of weight) if (w >= STATED - 1e-9) for (const p of withParents(id)) ids.add(p)
  return { interests: [...ids], spans: kept }
}

/**
 * How an interest is written among a secret's stored concepts: one word the search index keeps
 * whole and no text uses ("dzisoccer0": the digit keeps the stemmer off it, or "dzigames" and
 * "dzigaming" would be one word), so a search for "football" can ask for the interest itself.
 */
export const interestMarker = (id: string): string => `dzi${id.replace(/[^a-z]/g, '')}0`
const BY_MARKER = new Map([...INTERESTS.keys()].map((id) => [interestMarker(id), id]))
/** The interest a stored concept stands for, or null for an ordinary concept word. */
export const interestOfMarker = (word: string): Interest | null => {
  const id = BY_MARKER.get(word.toLowerCase())
  return id ? INTERESTS.get(id)! : null
}

/** Every word the lexicon reads as a cue, as written in its lists (a word a dictionary knows). */
export const CUE_WORDS: ReadonlySet<string> = new Set(
  DEFS.flatMap((d) =>
    d.cues.split(/\s+/).flatMap((raw) => raw.replace(/^~/, '').split(':')[0]!.split('_')),
  ).filter(Boolean),
)

/** The edit distance of two words (insertions, deletions, substitutions, swaps), or more than `max`. */
const distance = (a: string, b: string, max: number): number => {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev2: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1)
      row.push(d)
      best = Math.min(best, d)
    }
    if (best > max) return max + 1
    prev2 = prev
    prev = row
  }
  return prev[b.length]!
}

/**
 * The lexicon's word nearest to a word no dictionary knows ("tenis" → tennis, "wisky" → whisky):
 * one edit away for a short word, two for a long one; null when none is that near, or two are.
 */
export const nearestCueWord = (word: string): string | null => {
  const max = word.length >= 7 ? 2 : 1
  // people drop a letter more often than they change one: "tenis" is tennis before tents
  const dropped = (cue: string) => {
    let i = 0
    for (const ch of cue) if (ch === word[i]) i++
    return i === word.length
  }
  let best: string[] = []
  let bestD = max + 1
  for (const cue of CUE_WORDS) {
    if (cue.length < 3) continue
    const d = distance(word, cue, Math.min(max, bestD))
    if (d < bestD) {
      best = [cue]
      bestD = d
    } else if (d === bestD && d <= max) best.push(cue)
  }
  if (bestD > max) return null
  const preferred = best.filter(dropped)
  const pick = preferred.length > 0 ? preferred : best
  const stems = new Set(pick.map((c) => stemsOf(c)[0]))
  return stems.size === 1 ? pick[0]! : null
}
