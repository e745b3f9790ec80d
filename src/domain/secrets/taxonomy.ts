import { interestsOf, withParents } from '../meaning/lexicon.ts'
import { stem, wordsOf } from '../meaning/words.ts'
import { vocabulary } from '../vocabulary.ts'

/**
 * The secrets layer's vocabulary (seed 000, "What is a customer 'secret'"): what each individual
 * wants, covets, dreams of — beneath the needs layer everyone serves.
 */

/** The needs layer is what every competitor serves; the secrets layer is the advantage. */
export const LAYERS = ['need', 'secret'] as const
export type Layer = (typeof LAYERS)[number]

/** How sure we are of what we heard. */
export const CERTAINTIES = ['heard', 'inferred', 'second_hand'] as const
export type Certainty = (typeof CERTAINTIES)[number]
export const CERTAINTY_LABELS: Record<Certainty, string> = {
  heard: 'Heard directly',
  inferred: 'Inferred',
  second_hand: 'Second-hand',
}

// each with how it reads, on screen and in the secrets manual
const CHANNELS = vocabulary({
  meeting: 'Meeting',
  call: 'Call',
  visit: 'Visit',
  message: 'Message',
  email: 'Email',
  event: 'Event',
  other: 'Other',
})
export const ENGAGEMENT_CHANNELS = CHANNELS.kinds
export type EngagementChannel = (typeof ENGAGEMENT_CHANNELS)[number]
export const CHANNEL_LABELS = CHANNELS.labels

/** Whom a category is about: an individual, an organisation, or either. */
export type CategoryScope = 'person' | 'organisation' | 'any'

export interface SecretCategory {
  key: string
  label: string
  scope: CategoryScope
  /** special categories of personal data: refused unless the workspace allows them and the customer consented */
  sensitive: boolean
  /** words that suggest this category when they appear in what was heard */
  cues: readonly string[]
  builtin: boolean
  /**
   * a finer kind of another category ("Pets and animals" among lifestyle choices): offered when
   * filing, counted as its parent in coverage, so a customer is not judged on a gap the source never named
   */
  within?: string | undefined
}

const cat = (
  key: string,
  label: string,
  scope: CategoryScope,
  cues: readonly string[],
  sensitive = false,
  within?: string,
): SecretCategory => ({ key, label, scope, sensitive, cues, builtin: true, ...(within ? { within } : {}) })

/** The source's taxonomy: people's secrets, organisations' secrets, and the sensitive ones we guard. */
export const BUILTIN_CATEGORIES: readonly SecretCategory[] = [
  cat('habit', 'Habit', 'person', [
    'every',
    'always',
    'usually',
    'morning',
    'routine',
    'never',
    'each',
    'daily',
  ]),
  cat('bias', 'Bias', 'person', [
    'prefer',
    'prefers',
    'hate',
    'hates',
    'dislike',
    'only',
    'distrust',
    'rather',
  ]),
  cat('dream', 'Dream', 'person', [
    'dream',
    'dreams',
    'someday',
    'one day',
    'bucket list',
    'always wanted',
    'wants to',
    'would like to',
    'retire to',
  ]),
  cat('hope', 'Hope', 'person', ['hope', 'hopes', 'wish', 'wishes', 'looking forward', 'would love']),
  cat('fear', 'Fear', 'person', [
    'afraid',
    'fear',
    'fears',
    'worried',
    'worry',
    'anxious',
    'scared',
    'nervous',
    'terrified',
    'phobia',
    'dreads',
  ]),
  cat('skill', 'Skill', 'person', [
    'good at',
    'skilled',
    'plays',
    'speaks',
    'fluent',
    'expert',
    'talent',
    'can cook',
    'can drive',
    'medalist',
    'medallist',
    'olympian',
    'champion',
    'black belt',
  ]),
  cat('competency', 'Competency', 'person', [
    'certified',
    'degree',
    'qualified',
    'trained as',
    'engineer',
    'mba',
  ]),
  cat('lifestyle_choice', 'Lifestyle choice', 'person', [
    'vegan',
    'vegetarian',
    'runs',
    'running',
    'gym',
    'yoga',
    'diet',
    'organic',
    'volunteers',
  ]),
  cat('family_priority', 'Family priority', 'person', [
    'daughter',
    'son',
    'wife',
    'husband',
    'kids',
    'children',
    'family',
    'mother',
    'father',
    'mom',
    'mum',
    'dad',
    'brother',
    'sister',
    'grandchild',
    'grandchildren',
    'grandkids',
    'grandson',
    'granddaughter',
    'wedding',
  ]),
  cat('ego_drive', 'Ego drive', 'person', [
    'proud',
    'recognition',
    'award',
    'promotion',
    'status',
    'admired',
  ]),
  cat('friendship_affinity', 'Friendship affinity', 'person', [
    'friend',
    'friends',
    'mate',
    'buddy',
    'club',
    'roommates',
    'classmates',
  ]),
  cat('recreation_preference', 'Recreation preference', 'person', [
    'golf',
    'fishing',
    'sailing',
    'hiking',
    'ski',
    'skiing',
    'tennis',
    'garden',
    'gardening',
    'travel',
    'holiday',
    'vacation',
    'bake',
    'baking',
    'cook',
    'cooking',
  ]),
  cat('entertainment_choice', 'Entertainment choice', 'person', [
    'music',
    'concert',
    'opera',
    'theatre',
    'theater',
    'movie',
    'movies',
    'film',
    'football',
    'band',
    'book',
    'books',
    'reads',
    'game',
    'games',
  ]),
  // the source names lifestyle choices; what people most often tell about theirs is their animals
  // and what they eat and drink: finer kinds of it, so those secrets have an obvious home
  cat(
    'pets_animals',
    'Pets and animals',
    'person',
    ['pet', 'pets', 'dog', 'dogs', 'cat', 'cats', 'puppy', 'kitten', 'horse', 'animals'],
    false,
    'lifestyle_choice',
  ),
  cat(
    'food_drink',
    'Food and drink',
    'person',
    ['food', 'favourite food', 'favorite food', 'drinks', 'eats', 'dish', 'cuisine'],
    false,
    'lifestyle_choice',
  ),
  cat('inventory_problems', 'Inventory problems', 'organisation', [
    'stock',
    'inventory',
    'out of stock',
    'warehouse',
    'backorder',
    'shortage',
    'overstock',
  ]),
  cat('cash_flow_margin', 'Cash-flow / margin challenges', 'organisation', [
    'cash',
    'cash flow',
    'margin',
    'margins',
    'payment terms',
    'budget',
    'price',
    'prices',
    'cost',
    'costs',
  ]),
  cat('employment_equity', 'Employment-equity concerns', 'organisation', [
    'hiring',
    'diversity',
    'equity',
    'staff',
    'employees',
    'union',
    'turnover',
    'workforce',
  ]),
  cat('product_quality', 'Product-quality issues', 'organisation', [
    'quality',
    'defect',
    'defects',
    'broken',
    'returns',
    'complaint',
    'complaints',
    'faulty',
  ]),
  cat(
    'health',
    'Health',
    'person',
    ['diabetes', 'cancer', 'illness', 'surgery', 'allergy', 'allergic', 'pregnant'],
    true,
  ),
  cat('religion', 'Religion', 'person', ['church', 'mosque', 'synagogue', 'temple', 'faith', 'prays'], true),
  cat('political_views', 'Political views', 'person', ['votes', 'party', 'election', 'political'], true),
  cat('sexual_orientation', 'Sexual orientation', 'person', ['gay', 'lesbian', 'bisexual'], true),
  cat('ethnicity', 'Ethnicity', 'person', ['ethnic', 'ethnicity', 'race'], true),
  cat('union_membership', 'Union membership', 'person', ['trade union', 'union member'], true),
  cat('criminal_record', 'Criminal record', 'person', ['convicted', 'prison', 'arrested', 'criminal'], true),
]

const WITHIN = new Map(BUILTIN_CATEGORIES.flatMap((c) => (c.within ? [[c.key, c.within] as const] : [])))
/** The category a finer built-in one is within ("pets_animals" → "lifestyle_choice"), else null. */
export const parentOf = (key: string): string | null => WITHIN.get(key) ?? null

export const SENSITIVE_CATEGORY_KEYS = BUILTIN_CATEGORIES.filter((c) => c.sensitive).map((c) => c.key)

/** `favourite_wine` — lower-case words joined by underscores, what a category key looks like. */
export const CATEGORY_KEY_PATTERN = /^[a-z][a-z0-9_]{1,39}$/

export const categoryKeyFromLabel = (label: string): string =>
  label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'c_$1')
    .slice(0, 40)

/** Builtins first (in the source's order), then what the workspace added. */
export const allCategories = (custom: readonly SecretCategory[]): SecretCategory[] => [
  ...BUILTIN_CATEGORIES,
  ...custom.filter((c) => !BUILTIN_CATEGORIES.some((b) => b.key === c.key)),
]

/** The categories that apply to a person or to an organisation (sensitive ones only where allowed). */
export const categoriesFor = (
  categories: readonly SecretCategory[],
  about: 'person' | 'organisation',
  sensitiveAllowed: boolean,
): SecretCategory[] =>
  categories.filter((c) => (c.scope === 'any' || c.scope === about) && (sensitiveAllowed || !c.sensitive))

/**
 * The categories a customer's coverage is judged on: a person is not judged on organisation
 * problems; an organisation's coverage counts what we know of its people too; a sensitive category
 * appears only where something is recorded in it (and so was allowed).
 */
export const coverageCategoriesOf = (
  categories: readonly SecretCategory[],
  customerKind: string,
  recorded: readonly { category: string }[],
): SecretCategory[] =>
  categories.filter(
    (c) =>
      (customerKind !== 'person' || c.scope !== 'organisation') &&
      (!c.sensitive || recorded.some((g) => g.category === c.key)),
  )

/** Which category an interest of the meaning layer files under (the nearest of its lineage that has one). */
const INTEREST_CATEGORY: Record<string, string> = {
  // what they eat and drink
  drinks: 'food_drink',
  coffee: 'food_drink',
  tea: 'food_drink',
  food: 'food_drink',
  // making it is a pastime; eating it is a taste
  cooking: 'recreation_preference',
  vegan: 'lifestyle_choice',
  pets: 'pets_animals',
  sport: 'recreation_preference',
  outdoors: 'recreation_preference',
  yoga: 'recreation_preference',
  stargazing: 'recreation_preference',
  adventure: 'recreation_preference',
  crafts: 'recreation_preference',
  photography: 'recreation_preference',
  games: 'recreation_preference',
  travel: 'recreation_preference',
  cars: 'recreation_preference',
  music: 'entertainment_choice',
  theatre: 'entertainment_choice',
  art: 'entertainment_choice',
  books: 'entertainment_choice',
  film: 'entertainment_choice',
  gaming: 'entertainment_choice',
  comedy: 'entertainment_choice',
  history: 'entertainment_choice',
  kids: 'family_priority',
  romance: 'family_priority',
  recognition: 'ego_drive',
  charity: 'lifestyle_choice',
  fashion: 'lifestyle_choice',
  tech: 'lifestyle_choice',
  home: 'lifestyle_choice',
  spa: 'lifestyle_choice',
  convenience: 'bias',
  // an organisation's pains
  stock: 'inventory_problems',
  payments: 'cash_flow_margin',
  quality: 'product_quality',
  diversity: 'employment_equity',
}

/** The category an interest files under, or null (Italy may be a cuisine or a holiday). */
export const categoryOfInterest = (id: string): string | null => {
  for (const x of withParents(id)) {
    const c = INTEREST_CATEGORY[x]
    if (c) return c
  }
  return null
}

/**
 * Categories that name the kind of secret whatever it is about: "dreams of sailing" is a dream, not
 * a pastime; "terrified of flying" a fear. Their cues outweigh what the words are about.
 */
const FRAMES = new Set(['dream', 'hope', 'fear'])
/** A cue counts for this much; an interest the words speak to for its weight (up to 1). */
const CUE_WEIGHT = 0.6
const FRAME_WEIGHT = 1.5
/** A family member named first is whom the secret is about: "Their son Jake plays hockey". */
const SUBJECT_WEIGHT = 1.5
const OPENERS = new Set(['their', 'his', 'her', 'my', 'our', 'the'])

/** Lowercase words, accents off, each with its Porter stem: cues match "distrusts" as "distrust". */
const tokens = (text: string) =>
  (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[’`´]/g, "'")
      .match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []
  ).map((t) => stem(t.replace(/'s$/, '').replace(/'/g, '')))

const cueStems = new Map<string, string[]>()
const stemsOfCue = (cue: string) => {
  let s = cueStems.get(cue)
  if (!s) {
    s = tokens(cue)
    cueStems.set(cue, s)
  }
  return s
}

/** Where `cue` occurs in `words` (by stem), or -1. */
const findCue = (words: readonly string[], cue: readonly string[]): number => {
  if (cue.length === 0) return -1
  outer: for (let i = 0; i + cue.length <= words.length; i++) {
    for (let k = 0; k < cue.length; k++) if (words[i + k] !== cue[k]) continue outer
    return i
  }
  return -1
}

export interface CategorySuggestion {
  category: string
  /** 0–1: how clearly the words point there rather than elsewhere */
  confidence: number
  /** the words that pointed there */
  because: string[]
}

/**
 * The category a secret most likely belongs to, from what its words mean (the meaning layer's
 * interests: "Mexican food" is food and drink, "dotes on her spaniel" pets and animals) and from
 * each category's cues (the workspace's own categories included): the kind of secret ("dreams of",
 * "afraid of") outweighs its topic, a family member named first makes it a family priority. Null
 * when nothing points anywhere, or when the words point most to a special category of personal
 * data (those a person chooses on purpose). A suggestion only: the person can change it.
 */
export const suggestCategoryWithConfidence = (
  text: string,
  categories: readonly SecretCategory[],
  about: 'person' | 'organisation' = 'person',
): CategorySuggestion | null => {
  const words = tokens(text)
  if (words.length === 0) return null
  const applies = new Map(
    categories.filter((c) => c.scope === 'any' || c.scope === about).map((c) => [c.key, c] as const),
  )
  const score = new Map<string, { score: number; because: string[] }>()
  const add = (key: string, w: number, word: string) => {
    if (!applies.has(key)) return
    const have = score.get(key) ?? { score: 0, because: [] }
    have.score += w
    if (!have.because.includes(word)) have.because.push(word)
    score.set(key, have)
  }
  for (const c of applies.values()) {
    for (const cue of c.cues) {
      const at = findCue(words, stemsOfCue(cue))
      if (at < 0) continue
      const phrase = cue.includes(' ') ? 2 : 1
      const first = at === 0 || (at === 1 && OPENERS.has(words[0]!))
      const w = FRAMES.has(c.key)
        ? FRAME_WEIGHT
        : c.key === 'family_priority' && first
          ? SUBJECT_WEIGHT
          : CUE_WEIGHT
      add(c.key, w * phrase, cue)
    }
  }
  // what the words are about; what they avoid is as telling ("avoids red meat" is about food)
  const { wanted, avoided } = interestsOf(wordsOf(text))
  const byCategory = new Map<string, { weight: number; words: string[] }>()
  for (const profile of [wanted, avoided]) {
    for (const [id, hit] of profile) {
      const key = categoryOfInterest(id)
      if (!key) continue
      // several interests of one category are one topic, counted by its strongest word
      const have = byCategory.get(key)
      if (!have) byCategory.set(key, { weight: hit.weight, words: [...hit.words] })
      else {
        have.weight = Math.max(have.weight, hit.weight)
        have.words.push(...hit.words.filter((w) => !have.words.includes(w)))
      }
    }
  }
  for (const [key, hit] of byCategory) {
    // a finer category the workspace does not have files under its parent
    const target = applies.has(key) ? key : (BUILTIN_CATEGORIES.find((c) => c.key === key)?.within ?? key)
    for (const w of hit.words) add(target, 0, w)
    add(target, Math.min(1, hit.weight), hit.words[0]!)
  }
  const ranked = [...score].filter(([, v]) => v.score > 0).sort((a, b) => b[1].score - a[1].score)
  const [top, second] = ranked
  if (!top) return null
  // special categories of personal data are chosen by a person on purpose, never suggested
  if (applies.get(top[0])?.sensitive) return null
  const runnerUp = second?.[1].score ?? 0
  const confidence = Math.min(1, top[1].score) * (1 - runnerUp / (top[1].score + runnerUp + 0.25))
  return { category: top[0], confidence: Math.round(confidence * 100) / 100, because: top[1].because }
}

/** The suggested category's key (see suggestCategoryWithConfidence), or null. */
export const suggestCategory = (
  text: string,
  categories: readonly SecretCategory[],
  about: 'person' | 'organisation' = 'person',
): string | null => suggestCategoryWithConfidence(text, categories, about)?.category ?? null
