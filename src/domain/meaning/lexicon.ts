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
export const MEANING_VERSION = 2
