import { AVOIDS } from '../meaning/interests.ts'
import { INTERESTS, type InterestProfile, interestsOf, isBroad, withParents } from '../meaning/lexicon.ts'
import { stemsOf, wordsOf } from '../meaning/words.ts'
import { BUILTIN_CATEGORIES } from '../secrets/taxonomy.ts'

/**
 * "The surprise must be personal, relevant, compelling" (seed 002): ranks the catalogue for one
 * OOPS! by what we know of this customer. Pure: items, secrets and the recovery's limits in,
 * ranked suggestions (each naming the secrets it draws on and why) and the exclusions out.
 *
 * Relevance of an item to a secret is a noisy-OR of pieces of evidence, each worth less the more
 * common it is in the catalogue:
 * - an interest both speak to ("roasts his own beans" and a coffee subscription: coffee), from a
 *   curated list of everyday words per interest, or a broader one ("a big sports fan" → hockey);
 * - the same word on both sides, stemmed ("Pinot Noir" ↔ "Pinot Noir, 2021");
 * - WordNet's concepts: a secret's word is a kind of the item's ("Chianti" → wine), or the other
 *   way round, or (weakest) both are kinds of the same thing.
 * A secret counts for as much as we trust it: heard over inferred over second-hand, recent over
 * stale, about the affected person over someone else. What a secret avoids ("quit drinking",
 * "afraid of heights", "vegan") rules items out rather than in.
 *
 * The hard limits never bend: nothing over the budget, nothing that cannot arrive before the clock
 * runs out, nothing this customer already received, only the kinds the plan allows.
 */

export type Certainty = 'heard' | 'inferred' | 'second_hand'

export interface SurpriseCandidate {
  id: string
  title: string
  description?: string | null | undefined
  cost: number
  leadTimeHours: number
  kind?: string | null | undefined
  tags: readonly string[]
  /** WordNet concepts of title, description and tags (space-separated), kept on the item */
  concepts?: string | null | undefined
  active?: boolean | undefined
}

/** What one word (or a phrase WordNet knows) of a secret stands for: see conceptsByWord. */
export interface WordConcepts {
  words: string
  concepts: string
}

export interface SecretForSurprise {
  id: string
  category: string
  text: string
  /** WordNet concepts of the text, kept with the secret when it was recorded */
  concepts?: string | null | undefined
  /**
   * the same, word by word (conceptsByWord): when given, a link through a concept names the word
   * that made it, and words the meaning layer reads or that carry nothing bring no concepts
   */
  wordConcepts?: readonly WordConcepts[] | undefined
  certainty?: Certainty | undefined
  lastConfirmedAt?: Date | null | undefined
  personId?: string | null | undefined
  personName?: string | null | undefined
  layer?: 'need' | 'secret' | undefined
}

export interface SurpriseContext {
  /** the plan's investment cap for this OOPS! */
  budget: number
  /** hours left on the clock */
  hoursLeft: number
  /** catalogue items this customer already received */
  alreadyGiven?: readonly string[] | undefined
  /** the kinds the plan allows; null or undefined: any */
  allowedKinds?: readonly string[] | null | undefined
  now: Date
  /** what went wrong: a weak hint that breaks ties between items a secret already draws on */
  oopsText?: string | null | undefined
  /** the affected person: their own secrets weigh more than a colleague's */
  personId?: string | null | undefined
}

export type Constraint = 'over_budget' | 'too_slow' | 'already_given' | 'kind_not_allowed' | 'inactive'

/** One link between a secret and an item: what both speak to, and the secret's words that said so. */
export interface SurpriseLink {
  /** the interest or concept both speak to ("coffee"); null for the same word on both sides */
  meaning: string | null
  /** the secret's words that made the link */
  words: string[]
}

export interface DrawnSecret {
  secretId: string
  text: string
  category: string
  certainty: Certainty
  ageDays: number | null
  personName: string | null
  /** what links them, in words: "coffee (“roasts”, “beans”)" */
  because: string[]
  /** the same, as data */
  links: SurpriseLink[]
  /** how sure the link is (0–1), before weighing the secret */
  relevance: number
}

export interface Suggestion<I extends SurpriseCandidate = SurpriseCandidate> {
  item: I
  /** 0–1: relevance weighed by the secrets' certainty and age */
  score: number
  drawsOn: DrawnSecret[]
  /** "draws on: 'roasts his own beans' (heard, 3 weeks ago) — coffee" */
  reason: string
  /** budget left after it */
  leftover: number
  /** hours to spare between its arrival and the deadline (negative for a late act) */
  spareHours: number
  /**
   * how much the evidence holds: strong (a specific link), fair, or weak — thin evidence, or one of
   * several items that rest on the same secret alone, equally well (its score is lowered to say so)
   */
  fit: Fit
  /** why the fit is weak, in words */
  fitNote: string | null
  /** the clock has run out: this is what can still be done in the next hours, after the deadline */
  late: boolean
}

export type Fit = 'strong' | 'fair' | 'weak'

export interface Exclusion<I extends SurpriseCandidate = SurpriseCandidate> {
  item: I
  failed: { constraint: Constraint | 'against_a_secret'; message: string }[]
  /** what it would have scored had it fitted (0 when no secret draws on it) */
  score: number
  drawsOn: DrawnSecret[]
}

export interface Recommendation<I extends SurpriseCandidate = SurpriseCandidate> {
  suggestions: Suggestion<I>[]
  /** items a secret draws on that fail a hard limit, or that go against a secret, with the reasons */
  excluded: Exclusion<I>[]
  /** items that fit every limit but that no secret draws on */
  unmatched: number
  /** items that fail a limit and that no secret draws on either: counted, not listed */
  excludedUnrelated: number
  /**
   * the clock has run out: suggestions are late acts (ready within LATE_WINDOW_HOURS), and the
   * honest apology to make now, with the secret to make it personal
   */
  late: LateAct | null
}

export interface LateAct {
  hoursOver: number
  withinHours: number
  /** what to say and do now */
  advice: string
  /** the secret that makes the apology personal, when one is known */
  mention: { secretId: string; text: string } | null
}

/** After a breach, what can still be done counts: items ready within this many hours of now. */
export const LATE_WINDOW_HOURS = 6

/** How much a secret counts, by how it was learned. */
export const CERTAINTY_WEIGHT: Record<Certainty, number> = { heard: 1, inferred: 0.8, second_hand: 0.65 }
const CERTAINTY_WORDS: Record<Certainty, string> = {
  heard: 'heard',
  inferred: 'inferred',
  second_hand: 'second-hand',
}

/** Below this a link is a coincidence of words, not something a secret says. */
export const MIN_RELEVANCE = 0.32
/** A secret under a negation that matches this well rules the item out. */
const AVOID_RELEVANCE = 0.35

// evidence weights (see the module comment)
/** an interest both speak to: strong, but not so strong that more evidence cannot tell items apart */
const W_INTEREST = 0.8
const W_WORD = 0.55
const W_CONCEPT_TO_WORD = 0.5
const W_WORD_TO_CONCEPT = 0.3
const W_CONCEPT_TO_CONCEPT = 0.15
const W_BROADER_INTEREST = 0.45
/** a broad word framing a specific one ("favourite food" beside "curry") counts this much at most */
const FRAME_KIN = 0.25
/** how much an item's focus on the linked interest counts (1 − this for a side note) */
const FOCUS_WEIGHT = 0.15
/** a link only WordNet's concepts make is a hint: never worth more than this */
const LOOSE_MAX = 0.45
/** interests found only through WordNet's concepts are hints, not statements */
const CONCEPT_INTEREST_SCALE = 0.35
const DESCRIPTION_WEIGHT = 0.6
/** how much a shared word counts by where it stands on the item */
const PLACE = { tagHead: 1, tagWord: 0.5, title: 0.5, description: 0.3 }

/** Hypernyms so general that sharing them says nothing about a gift. */
const GENERIC_CONCEPTS = new Set(
  stemsOf(`act deed human action human activity activity person individual someone somebody mortal soul
    organism being object physical object whole unit thing matter substance material abstraction entity
    group grouping social group collection assemblage attribute property state condition event
    happening occurrence relation communication message measure quantity amount artifact artefact
    instrumentality instrumentation device container structure construction location region area
    point time period period of time indefinite quantity small indefinite quantity content cognitive
    content mental object knowledge idea process cognition psychological feature written document
    document writing papers commercial document commercial instrument piece of writing written material
    payment cost outgo spending expenditure outlay speech act agreement social unit organization
    organisation worker adult grownup male female man woman relative relation family kin kinsperson
    food nutrient solid liquid fluid commodity trade good goods consumer goods merchandise product
    change give beverage drink drinkable potable`),
)

const AVOID_BY_STEM = new Map(Object.entries(AVOIDS).map(([w, ids]) => [stemsOf(w)[0]!, ids]))

const STOP_FOR_ITEMS = new Set(stemsOf('gift voucher card certificate box set kit pack bundle offer service'))

/**
 * Everyday words that two texts share by coincidence ("the shop on the high street", "hard to
 * hire"): never evidence on their own. The interest list still reads them ("high tea").
 */
const WEAK_WORDS = new Set(
  stemsOf(`high low hard easy long short full empty real true right left top bottom back front side
    open close closed free busy late early next last same different other another whole part own
    shop store staff team work job business company office people person man woman life world place
    home game games
    area way thing stuff piece bit lot deal line point case fact kind sort type end start use
    make made take taken give given get got keep kept put set run turn come bring find found show
    time times day days week weekend weeks month months year years hour hours minute morning evening
    night today tonight tomorrow yesterday moment season seasonal spring summer autumn fall winter
    local new old big small little great good best better bad nice favourite favorite special personal
    color colour colours colors
    every each always never often sometimes usually really very also just still even only first second
    return returns returned order orders ordered item items product products delivery price cost costs`),
)

interface ItemFeatures<I extends SurpriseCandidate = SurpriseCandidate> {
  item: I
  /** stem → how it reads on the item, and how much that place counts (title and tags over description) */
  tokens: Map<string, { surface: string; weight: number }>
  concepts: Map<string, ConceptWord>
  /** interests its own words speak to */
  interests: InterestProfile
  /** interests only its WordNet concepts speak to */
  conceptInterests: InterestProfile
  /** the broader interests it has a kind of (hockey → sport) */
  kindsOf: Set<string>
}

interface SideFeatures {
  tokens: Map<string, string>
  concepts: Map<string, ConceptWord>
  interests: InterestProfile
  conceptInterests: InterestProfile
}

/** A concept word as it reads, and the word of the text that stands for it ('' when not known). */
interface ConceptWord {
  surface: string
  from: string
}

/** concept words (possibly several per lemma) to stem → surface, minus the generic and the text's own */
const conceptMap = (
  concepts: string | null | undefined,
  own: Map<string, unknown>,
  from = '',
  into = new Map<string, ConceptWord>(),
): Map<string, ConceptWord> => {
  if (!concepts) return into
  for (const w of concepts.toLowerCase().split(/\s+/)) {
    if (!w) continue
    for (const s of stemsOf(w)) {
      if (GENERIC_CONCEPTS.has(s) || own.has(s) || into.has(s)) continue
      into.set(s, { surface: w, from })
    }
  }
  return into
}

const mergeProfile = (into: InterestProfile, from: InterestProfile, scale = 1) => {
  for (const [id, hit] of from) {
    const w = hit.weight * scale
    const have = into.get(id)
    if (!have || have.weight < w) into.set(id, { weight: w, words: hit.words, stems: hit.stems })
  }
}

/**
 * The interests a text's concepts speak to, each hit naming the text's word behind the concept
 * ("Barolo") rather than the concept ("wine"), so a reason quotes what the customer said.
 */
const interestsOfConcepts = (concepts: Map<string, ConceptWord>): InterestProfile => {
  const out: InterestProfile = new Map()
  for (const [stem, c] of concepts) {
    const { wanted } = interestsOf([{ stem, surface: c.surface, negated: false }])
    for (const [id, hit] of wanted) {
      const word = c.from || c.surface
      const have = out.get(id)
      if (!have || have.weight < hit.weight)
        out.set(id, { weight: hit.weight, words: [word], stems: hit.stems })
    }
  }
  return out
}

const featuresOfItem = <I extends SurpriseCandidate>(item: I): ItemFeatures<I> => {
  const tokens = new Map<string, { surface: string; weight: number }>()
  const interests: InterestProfile = new Map()
  const keep = (stem: string, surface: string, weight: number) => {
    if (STOP_FOR_ITEMS.has(stem)) return
    const have = tokens.get(stem)
    if (!have || have.weight < weight) tokens.set(stem, { surface, weight })
  }
  const take = (text: string, place: number, interestWeight: number, head = place, describing = false) => {
    // an item's own negations ("alcohol-free") say what it is not: those words are left out
    const words = wordsOf(text).filter((w) => !w.negated)
    for (const [i, w] of words.entries()) keep(w.stem, w.surface, i === words.length - 1 ? head : place)
    const found = interestsOf(words).wanted
    // beside tags that say what it is, a broad word of the title describes it ("gourmet" cat treats
    // are not food for people): half as much
    if (describing) for (const [id, hit] of found) if (isBroad(id) && !interests.has(id)) hit.weight *= 0.5
    mergeProfile(interests, found, interestWeight)
  }
  // a tag names what the item is about ("red wine": wine, a red one); the title and the
  // description carry more incidental words ("three months", "on the high street")
  for (const tag of item.tags) take(tag.replace(/[_-]/g, ' '), PLACE.tagWord, 1, PLACE.tagHead)
  // with tags, they say what the item is about; the title's other interests ("gourmet" cat treats) weigh less
  const tagged = item.tags.length > 0
  take(item.title, PLACE.title, tagged ? 0.7 : 1, PLACE.title, tagged)
  if (item.description)
    take(item.description, PLACE.description, DESCRIPTION_WEIGHT, PLACE.description, tagged)
  const concepts = conceptMap(item.concepts, tokens)
  const conceptInterests = interestsOfConcepts(concepts)
  const kindsOf = new Set<string>()
  for (const id of [...interests.keys(), ...conceptInterests.keys()]) {
    for (const p of withParents(id).slice(1)) kindsOf.add(p)
  }
  return { item, tokens, concepts, interests, conceptInterests, kindsOf }
}

interface SecretFeatures {
  secret: SecretForSurprise
  wanted: SideFeatures | null
  avoided: SideFeatures | null
  weight: number
  ageDays: number | null
}

const featuresOfSecret = (s: SecretForSurprise, ctx: SurpriseContext): SecretFeatures => {
  const words = wordsOf(s.text)
  const positive = words.filter((w) => !w.negated)
  const negative = words.filter((w) => w.negated)
  const { wanted, avoided } = interestsOf(words)
  // "sober" and "teetotal" open a negation, so the words list does not carry them: what they rule out
  // ("drinks") is read from the text
  for (const st of stemsOf(s.text)) {
    for (const id of AVOID_BY_STEM.get(st) ?? []) {
      if (!avoided.has(id)) avoided.set(id, { weight: 1, words: [st], stems: [st] })
    }
  }
  const posTokens = new Map(positive.map((w) => [w.stem, w.surface]))
  const negTokens = new Map(negative.map((w) => [w.stem, w.surface]))
  const own = new Map([...posTokens, ...negTokens])
  let posConcepts: Map<string, ConceptWord>
  let negConcepts: Map<string, ConceptWord>
  if (s.wordConcepts) {
    // word by word: each word's concepts go to its own side of a negation, and say which word
    posConcepts = new Map()
    negConcepts = new Map()
    const negated = new Set(negative.map((w) => w.surface))
    for (const wc of s.wordConcepts) {
      // an everyday word's senses are everywhere ("hour" is also a meter's reading)
      if (stemsOf(wc.words).every((x) => WEAK_WORDS.has(x))) continue
      const first = wc.words.split(' ')[0]!
      conceptMap(wc.concepts, own, wc.words, negated.has(first) ? negConcepts : posConcepts)
    }
  } else {
    // the concepts are of the whole text: they belong to whichever side has all its words
    const all = conceptMap(s.concepts, own)
    posConcepts = negTokens.size === 0 ? all : new Map()
    negConcepts = posTokens.size === 0 ? all : new Map()
  }
  const side = (
    tokens: Map<string, string>,
    interests: InterestProfile,
    concepts: Map<string, ConceptWord>,
  ) => ({
    tokens,
    interests,
    concepts,
    conceptInterests: interestsOfConcepts(concepts),
  })
  const wantedSide = posTokens.size > 0 || wanted.size > 0 ? side(posTokens, wanted, posConcepts) : null
  const avoidedSide = negTokens.size > 0 || avoided.size > 0 ? side(negTokens, avoided, negConcepts) : null

  const ageDays = s.lastConfirmedAt
    ? Math.max(0, (ctx.now.getTime() - s.lastConfirmedAt.getTime()) / 86_400_000)
    : null
  return {
    secret: s,
    wanted: wantedSide,
    avoided: avoidedSide,
    weight:
      categoryWeight(s.category) *
      CERTAINTY_WEIGHT[s.certainty ?? 'heard'] *
      recencyWeight(ageDays) *
      (s.layer === 'need' ? 0.8 : 1) *
      (ctx.personId && s.personId && s.personId !== ctx.personId ? 0.7 : 1),
    ageDays,
  }
}

/**
 * Special categories (health, religion, politics …) are never drawn on for a gift: privacy, and a
 * surprise that shows we know them is more intrusive than dazzling. An organisation's business
 * pains (stock, cash, quality) speak to a service or an upgrade more than to a personal gift.
 */
export const categoryWeight = (key: string): number => {
  const c = BUILTIN_CATEGORIES.find((x) => x.key === key)
  if (!c) return 1
  if (c.sensitive) return 0
  return c.scope === 'organisation' ? 0.5 : 1
}

/** Fresh for three months, then fading: a taste heard two years ago may have changed. */
export const recencyWeight = (ageDays: number | null): number => {
  if (ageDays === null || ageDays <= 90) return 1
  return Math.max(0.4, Math.exp(-(ageDays - 90) / 540))
}

/** Rare words say more than common ones: 1 for a word on one item, less the more items share it. */
const idfOf = (items: readonly ItemFeatures[]) => {
  const df = new Map<string, number>()
  for (const f of items) {
    for (const s of new Set([...f.tokens.keys(), ...f.concepts.keys()])) df.set(s, (df.get(s) ?? 0) + 1)
  }
  const n = items.length + 10
  const top = Math.log(n / 1.5)
  return (stem: string) => {
    const d = df.get(stem) ?? 0
    return d === 0 ? 1 : Math.min(1, Math.max(0.15, Math.log(n / (d + 0.5)) / top))
  }
}

interface Evidence {
  weight: number
  /** what both speak to: an interest's label, a concept, or null for a shared word */
  meaning: string | null
  /** the secret's words behind it */
  words: string[]
  /** only WordNet's concepts say it: a hint, never strong on its own */
  loose?: boolean
}

const labelOf = (id: string) => INTERESTS.get(id)?.label ?? id

/**
 * Interests both speak to: the same one, or one broader than the other ("hockey" ↔ a sports store
 * card). Each interest of the side counts once, by its strongest link: a "sports fan" is one piece
 * of evidence for a football ticket, not one per sport it is tagged with. `broader` false: only an
 * item at or below the side's interest counts (what a secret avoids covers everything under it —
 * "quit drinking" rules out wine — but hating golf says nothing about hockey). Returns the ids of
 * the side's interests that found a link.
 */
const interestEvidence = (
  side: InterestProfile,
  item: InterestProfile,
  kindsOf: Set<string>,
  scale: number,
  out: Evidence[],
  broader = true,
): string[] => {
  const linked: string[] = []
  for (const [id, hit] of side) {
    let bestWeight = 0
    let bestLabel = ''
    const lineage = withParents(id)
    // a broad word beside a specific one is the frame of it: in "their favourite food is
    // cheeseburgers" the taste is for burgers, not for every food; in "volunteers at a soup kitchen"
    // the cause is hunger. The broad interest then reaches another kind of it only as a kindred one.
    const framed =
      broader && isBroad(id) && [...side.keys()].some((o) => o !== id && withParents(o).includes(id))
    const exact = item.get(id)
    if (exact) {
      // an item about this interest alone over one where it is a side note (a bird feeder "for the garden")
      const focus = exact.weight / [...item.values()].reduce((a, h) => a + h.weight, 0)
      const frame = framed ? Math.max(FRAME_KIN, INTERESTS.get(id)?.kin ?? 0) : 1
      bestWeight = hit.weight * exact.weight * frame * (1 - FOCUS_WEIGHT + FOCUS_WEIGHT * focus)
      bestLabel = labelOf(id)
    }
    if (broader && !exact) {
      for (let i = 1; i < lineage.length; i++) {
        const broad = item.get(lineage[i]!)
        if (!broad) continue
        // a cat lover and a dog hamper tagged "pets": the item is about a sibling, not the broader interest
        const w = W_BROADER_INTEREST * hit.weight * broad.weight
        if (!kindsOf.has(lineage[i]!) && w > bestWeight) {
          bestWeight = w
          bestLabel = labelOf(lineage[i]!)
        }
        break
      }
    }
    // the item is something more specific within the side's interest ("sports fan" ↔ hockey)
    const kin = lineage.length > 1 ? (INTERESTS.get(lineage[1]!)?.kin ?? 0) : 0
    if ((kindsOf.has(id) && !framed) || (broader && !exact && kin > 0 && kindsOf.has(lineage[1]!))) {
      for (const [other, h] of item) {
        if (other === id) continue
        const otherLineage = withParents(other)
        let w = 0
        let label = labelOf(other)
        if (otherLineage.indexOf(id) > 0) w = (broader ? W_BROADER_INTEREST : 1) * hit.weight * h.weight
        // a kindred interest: another kind of the same thing, where one stands in for another
        // (a Negroni drinker and a single malt), never under a negation; what they share is the link
        else if (broader && !exact && kin > 0 && otherLineage[1] === lineage[1]) {
          w = kin * hit.weight * h.weight
          label = labelOf(lineage[1]!)
        }
        if (w > bestWeight) {
          bestWeight = w
          bestLabel = label
        }
      }
    }
    if (bestWeight > 0) {
      out.push({ weight: scale * bestWeight, meaning: bestLabel, words: hit.words })
      linked.push(id)
    }
  }
  return linked
}

const noisyOr = (evidence: readonly Evidence[]) => {
  let miss = 1
  for (const e of evidence) miss *= 1 - Math.min(0.99, e.weight)
  return 1 - miss
}

/** How a piece of evidence reads in a reason: "coffee (“roasts”, “beans”)", "“Pinot Noir”". */
const describeEvidence = (e: Evidence): string => {
  const words = e.words.filter((w) => w && w.toLowerCase() !== e.meaning?.toLowerCase())
  const quoted = words.map((w) => `“${w}”`).join(', ')
  if (!e.meaning) return quoted
  return quoted ? `${e.meaning} (${quoted})` : e.meaning
}

/**
 * How well one side of a secret (or the OOPS! text) matches an item. What the words say (shared
 * interests, shared words) adds up as a noisy-OR; what only WordNet's concepts say counts once, as
 * its strongest piece: a text's concepts carry many loose words ("beans" brings "garden truck"),
 * and many loose links are not stronger than one. `avoiding`: the side is what a secret rules out.
 * Each link says what both speak to and the secret's words behind it.
 */
const relevance = (
  side: SideFeatures,
  item: ItemFeatures,
  idf: (stem: string) => number,
  avoiding = false,
): { relevance: number; because: string[]; links: SurpriseLink[]; loose: boolean } => {
  const direct: Evidence[] = []
  const looseFound: Evidence[] = []
  const linked = interestEvidence(side.interests, item.interests, item.kindsOf, W_INTEREST, direct, !avoiding)
  // a category word that already spoke for a broad interest ("sports" for sport) is not evidence
  // twice; a specific one ("pinot noir" on a bottle of Pinot Noir) says more than "wine" alone
  let spent: Set<string> | null = null
  for (const id of linked) {
    if (!isBroad(id)) continue
    spent ??= new Set()
    for (const x of side.interests.get(id)!.stems) spent.add(x)
  }
  const scaled = W_INTEREST * CONCEPT_INTEREST_SCALE
  interestEvidence(side.conceptInterests, item.interests, item.kindsOf, scaled, looseFound, !avoiding)
  interestEvidence(side.interests, item.conceptInterests, item.kindsOf, scaled, looseFound, !avoiding)
  // what only concepts say counts once, as its strongest piece
  let loose: Evidence | null = null
  const offer = (e: Evidence) => {
    if (!loose || e.weight > loose.weight) loose = { ...e, loose: true }
  }
  for (const e of looseFound) offer(e)
  for (const [stem, surface] of side.tokens) {
    if (WEAK_WORDS.has(stem) || spent?.has(stem)) continue
    const on = item.tokens.get(stem)
    if (on) direct.push({ weight: W_WORD * on.weight * idf(stem), meaning: null, words: [surface] })
    else {
      const c = item.concepts.get(stem)
      // the secret's word is what the item is a kind of ("wine" ↔ a bottle of Barolo)
      if (c) offer({ weight: W_WORD_TO_CONCEPT * idf(stem), meaning: surface, words: [] })
    }
  }
  if (side.concepts.size > 0) {
    for (const [stem, on] of item.tokens) {
      if (WEAK_WORDS.has(stem)) continue
      const c = side.concepts.get(stem)
      // a word of the secret is a kind of what the item is ("Barolo" ↔ wine)
      if (c)
        offer({ weight: W_CONCEPT_TO_WORD * on.weight * idf(stem), meaning: on.surface, words: [c.from] })
    }
    if (!avoiding) {
      for (const [stem, c] of side.concepts) {
        if (WEAK_WORDS.has(stem) || !item.concepts.has(stem)) continue
        offer({ weight: W_CONCEPT_TO_CONCEPT * idf(stem), meaning: c.surface, words: [c.from] })
      }
    }
  }
  if (loose) direct.push({ ...(loose as Evidence), weight: Math.min(LOOSE_MAX, (loose as Evidence).weight) })
  if (direct.length === 0) return { relevance: 0, because: [], links: [], loose: false }
  direct.sort((a, b) => b.weight - a.weight)
  const because: string[] = []
  const links: SurpriseLink[] = []
  // a shared word already cited as the interest it names ("coffee" for coffee) is not said twice
  const cited = new Set<string>()
  for (const e of direct) {
    if (links.length >= 2 || e.weight < direct[0]!.weight * 0.5) break
    const text = describeEvidence(e)
    if (!text || because.includes(text)) continue
    if (!e.meaning && e.words.every((w) => cited.has(w.toLowerCase()))) continue
    // two links to the same thing (the cause itself, and a kindred one) are one reason
    if (e.meaning && links.some((l) => l.meaning === e.meaning)) continue
    for (const w of [e.meaning ?? '', ...e.words]) cited.add(w.toLowerCase())
    because.push(text)
    links.push({ meaning: e.meaning, words: e.words.filter(Boolean) })
  }
  return { relevance: noisyOr(direct), because, links, loose: direct.every((e) => e.loose) }
}

const ageWords = (days: number | null): string => {
  if (days === null) return 'undated'
  if (days < 1) return 'today'
  if (days < 2) return 'yesterday'
  if (days < 14) return `${Math.floor(days)} days ago`
  if (days < 60) return `${Math.round(days / 7)} weeks ago`
  if (days < 730) return `${Math.round(days / 30.44)} months ago`
  return `${Math.floor(days / 365.25)} years ago`
}

const quote = (text: string) => {
  const t = text.trim().replace(/\s+/g, ' ')
  return `'${t.length > 90 ? `${t.slice(0, 87)}…` : t}'`
}

/** "'roasts his own beans' (heard, 3 weeks ago) — coffee" */
export const describeDrawn = (d: DrawnSecret): string =>
  `${quote(d.text)} (${CERTAINTY_WORDS[d.certainty]}, ${ageWords(d.ageDays)})${d.because.length ? ` — ${d.because.join(' and ')}` : ''}`

const money = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2))

const checkLimits = (item: SurpriseCandidate, ctx: SurpriseContext, given: Set<string>) => {
  const failed: Exclusion['failed'] = []
  if (item.active === false) failed.push({ constraint: 'inactive', message: 'Taken out of the catalogue.' })
  if (item.cost > ctx.budget) {
    failed.push({
      constraint: 'over_budget',
      message: `Costs ${money(item.cost)}, over the cap of ${money(ctx.budget)} by ${money(item.cost - ctx.budget)}: only with approval.`,
    })
  }
  // once the clock has run out, what can be done in the next few hours is the best left
  if (ctx.hoursLeft <= 0 ? item.leadTimeHours > LATE_WINDOW_HOURS : item.leadTimeHours > ctx.hoursLeft) {
    failed.push({
      constraint: 'too_slow',
      message:
        ctx.hoursLeft <= 0
          ? `Needs ${money(item.leadTimeHours)} h: the clock has run out, and even a late act should come within ${LATE_WINDOW_HOURS} h.`
          : `Needs ${money(item.leadTimeHours)} h; ${money(Math.floor(ctx.hoursLeft * 10) / 10)} h are left on the clock.`,
    })
  }
  if (given.has(item.id)) {
    failed.push({
      constraint: 'already_given',
      message: 'This customer already received it: a repeat is no surprise.',
    })
  }
  if (ctx.allowedKinds && item.kind && !ctx.allowedKinds.includes(item.kind)) {
    failed.push({
      constraint: 'kind_not_allowed',
      message: `The recovery plan does not allow a ${item.kind}.`,
    })
  }
  return failed
}

/** Item features and word rarity for a catalogue: compute once, rank many OOPS! against it. */
export const prepareCatalogue = <I extends SurpriseCandidate>(items: readonly I[]): PreparedCatalogue<I> => {
  const features = items.map((i) => featuresOfItem(i))
  // which items share a word, a concept or an interest (or one of its broader ones): only those
  // are worth scoring against a secret
  const index = new Map<string, number[]>()
  const put = (key: string, n: number) => {
    const list = index.get(key)
    if (!list) index.set(key, [n])
    else if (list[list.length - 1] !== n) list.push(n)
  }
  features.forEach((f, n) => {
    for (const stem of f.tokens.keys()) put(`w:${stem}`, n)
    for (const stem of f.concepts.keys()) put(`w:${stem}`, n)
    for (const id of [...f.interests.keys(), ...f.conceptInterests.keys(), ...f.kindsOf]) put(`i:${id}`, n)
  })
  return { features, idf: idfOf(features), index }
}
export interface PreparedCatalogue<I extends SurpriseCandidate = SurpriseCandidate> {
  features: ItemFeatures<I>[]
  idf: (stem: string) => number
  index: Map<string, number[]>
}

/** The items that share anything with one side of a secret. */
const candidatesOf = (side: SideFeatures | null, index: Map<string, number[]>): Set<number> => {
  const out = new Set<number>()
  if (!side) return out
  const from = (key: string) => {
    for (const n of index.get(key) ?? []) out.add(n)
  }
  for (const stem of side.tokens.keys()) from(`w:${stem}`)
  for (const stem of side.concepts.keys()) from(`w:${stem}`)
  for (const id of [...side.interests.keys(), ...side.conceptInterests.keys()]) {
    for (const x of withParents(id)) from(`i:${x}`)
  }
  return out
}

/**
 * Ranks the catalogue for one OOPS!: suggestions best first, each drawing on at least one secret;
 * the items a hard limit (or a secret) rules out, with the reason; how many fit but drew on nothing.
 */
export const recommendSurprises = <I extends SurpriseCandidate>(
  catalogue: readonly I[] | PreparedCatalogue<I>,
  secrets: readonly SecretForSurprise[],
  ctx: SurpriseContext,
): Recommendation<I> => {
  const prepared: PreparedCatalogue<I> = Array.isArray(catalogue)
    ? prepareCatalogue(catalogue as readonly I[])
    : (catalogue as PreparedCatalogue<I>)
  const { features, idf } = prepared
  const known = secrets.map((s) => {
    const k = featuresOfSecret(s, ctx)
    return {
      ...k,
      wantedIn: k.weight > 0 ? candidatesOf(k.wanted, prepared.index) : new Set<number>(),
      avoidedIn: candidatesOf(k.avoided, prepared.index),
    }
  })
  const oops = ctx.oopsText ? featuresOfSecret({ id: '', category: '', text: ctx.oopsText }, ctx) : null
  const given = new Set(ctx.alreadyGiven ?? [])
  const late = ctx.hoursLeft <= 0

  const suggestions: Suggestion<I>[] = []
  const excluded: Exclusion<I>[] = []
  let unmatched = 0
  let excludedUnrelated = 0
  for (const [n, f] of features.entries()) {
    const drawsOn: DrawnSecret[] = []
    const against: Exclusion['failed'] = []
    const weighted: number[] = []
    const looseOnly: boolean[] = []
    for (const k of known) {
      if (k.avoided && k.avoidedIn.has(n)) {
        const r = relevance(k.avoided, f, idf, true)
        if (r.relevance >= AVOID_RELEVANCE) {
          against.push({
            constraint: 'against_a_secret',
            message: `Goes against ${quote(k.secret.text)}${r.because.length ? ` — ${r.because.join(', ')}` : ''}.`,
          })
        }
      }
      if (!k.wanted || !k.wantedIn.has(n)) continue
      const r = relevance(k.wanted, f, idf)
      if (r.relevance < MIN_RELEVANCE) continue
      weighted.push(r.relevance * k.weight)
      looseOnly.push(r.loose)
      drawsOn.push({
        secretId: k.secret.id,
        text: k.secret.text,
        category: k.secret.category,
        certainty: k.secret.certainty ?? 'heard',
        ageDays: k.ageDays === null ? null : Math.floor(k.ageDays),
        personName: k.secret.personName ?? null,
        because: r.because,
        links: r.links,
        relevance: Math.round(r.relevance * 1000) / 1000,
      })
    }
    // strongest secret first; a second one that also points here adds a little
    const order = drawsOn
      .map((d, i) => ({ d, w: weighted[i]!, loose: looseOnly[i]! }))
      .sort((a, b) => b.w - a.w)
    const best = order[0]?.w ?? 0
    let score = order.length ? Math.min(1, best + 0.2 * (order[1]?.w ?? 0) + 0.05 * (order[2]?.w ?? 0)) : 0
    if (score > 0 && oops?.wanted)
      score = Math.min(1, score * (1 + 0.1 * relevance(oops.wanted, f, idf).relevance))
    const sorted = order.map((o) => o.d)
    const failed = [...checkLimits(f.item, ctx, given), ...against]
    if (failed.length > 0) {
      // what nobody would have wanted anyway is only counted: a 500-item catalogue against a tight
      // cap would otherwise send most of itself back with every answer
      if (sorted.length > 0 || against.length > 0)
        excluded.push({ item: f.item, failed, score: round(score), drawsOn: sorted })
      else excludedUnrelated++
      continue
    }
    if (score === 0) {
      unmatched++
      continue
    }
    const thin = order.every((o) => o.loose) || best < WEAK_BELOW
    suggestions.push({
      item: f.item,
      score: round(score),
      drawsOn: sorted,
      reason: `draws on: ${sorted.slice(0, 2).map(describeDrawn).join('; ')}`,
      leftover: round(ctx.budget - f.item.cost),
      spareHours: round(ctx.hoursLeft - f.item.leadTimeHours),
      fit: thin ? 'weak' : score >= STRONG_FROM ? 'strong' : 'fair',
      fitNote: thin
        ? order.every((o) => o.loose)
          ? 'Only a loose link through a dictionary: check it makes sense.'
          : 'Thin evidence: the link to what we know is faint.'
        : null,
      late,
    })
  }
  markTies(suggestions)
  suggestions.sort(
    (a, b) =>
      b.score - a.score ||
      b.spareHours - a.spareHours ||
      a.item.cost - b.item.cost ||
      a.item.title.localeCompare(b.item.title),
  )
  excluded.sort((a, b) => b.score - a.score || a.item.title.localeCompare(b.item.title))
  return {
    suggestions,
    excluded,
    unmatched,
    excludedUnrelated,
    late: late ? lateAct(ctx, known, suggestions) : null,
  }
}

/** A suggestion whose best secret weighs less than this rests on thin evidence. */
const WEAK_BELOW = 0.4
/** From this score, with a specific link, a suggestion is a strong fit. */
const STRONG_FROM = 0.6
/** A tie's shown score is lowered by this much for each other item it ties with, to at most TIE_FLOOR of it. */
const TIE_PENALTY = 0.1
const TIE_FLOOR = 0.7

/**
 * Items that rest on the same secret alone, through the same link, equally well ("volunteers at a
 * soup kitchen" for three donations): the secret points at a kind of thing, not at any one of them.
 * None of them is a strong fit; their shown score is lowered, so an item that one secret points at
 * specifically ranks above them.
 */
const markTies = (suggestions: Suggestion[]) => {
  const groups = new Map<string, Suggestion[]>()
  for (const s of suggestions) {
    if (s.drawsOn.length !== 1) continue
    const d = s.drawsOn[0]!
    const key = `${d.secretId}|${d.links.map((l) => l.meaning ?? l.words.join(' ')).join('+')}`
    const g = groups.get(key) ?? []
    g.push(s)
    groups.set(key, g)
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue
    g.sort((a, b) => b.score - a.score)
    const [first, ...rest] = g
    // the customer's words do not choose between them: what does is the item (its focus, its tags)
    if (first!.fit === 'strong') first!.fit = 'fair'
    first!.fitNote ??= `${rest.length} other item${rest.length > 1 ? 's rest' : ' rests'} on the same secret alone, through the same link.`
    const factor = Math.max(TIE_FLOOR, 1 - TIE_PENALTY * rest.length)
    for (const s of rest) {
      s.score = round(s.score * factor)
      s.fit = 'weak'
      s.fitNote = `One of ${g.length} items that rest on the same secret alone, through the same link: it says what kind of thing, not which.`
    }
  }
}

/**
 * After a breach: the late acts (if any) and the honest apology to make now, made personal with
 * the secret we trust most — the one the best late act draws on, else the strongest we know.
 */
const lateAct = (
  ctx: SurpriseContext,
  known: readonly { secret: SecretForSurprise; weight: number; wanted: SideFeatures | null }[],
  suggestions: readonly Suggestion[],
): LateAct => {
  const hoursOver = round(-ctx.hoursLeft)
  const drawn = suggestions[0]?.drawsOn[0]
  const strongest = [...known]
    .filter((k) => k.weight > 0 && k.wanted && k.secret.layer !== 'need')
    .sort((a, b) => b.weight - a.weight)[0]?.secret
  const mention = drawn
    ? { secretId: drawn.secretId, text: drawn.text }
    : strongest
      ? { secretId: strongest.id, text: strongest.text }
      : null
  const advice = suggestions.length
    ? `Apologise now, in person and without excuses, then follow within ${LATE_WINDOW_HOURS} h with a late act from below. Say it is late: the customer should hear that from you.`
    : mention
      ? `Nothing in the catalogue can be ready within ${LATE_WINDOW_HOURS} h. Apologise now, in person and without excuses, and make it personal: show you remember ${quote(mention.text)}.`
      : `Nothing in the catalogue can be ready within ${LATE_WINDOW_HOURS} h. Apologise now, in person and without excuses, and ask what would put it right.`
  return { hoursOver, withinHours: LATE_WINDOW_HOURS, advice, mention }
}

const round = (n: number) => Math.round(n * 1000) / 1000
