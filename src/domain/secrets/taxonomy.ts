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

export const ENGAGEMENT_CHANNELS = ['meeting', 'call', 'visit', 'message', 'email', 'event', 'other'] as const
export type EngagementChannel = (typeof ENGAGEMENT_CHANNELS)[number]

/** How each channel of an engagement reads, on screen and in the secrets manual. */
export const CHANNEL_LABELS: Record<EngagementChannel, string> = {
  meeting: 'Meeting',
  call: 'Call',
  visit: 'Visit',
  message: 'Message',
  email: 'Email',
  event: 'Event',
  other: 'Other',
}

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
}

const cat = (
  key: string,
  label: string,
  scope: CategoryScope,
  cues: readonly string[],
  sensitive = false,
): SecretCategory => ({ key, label, scope, sensitive, cues, builtin: true })

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
  cat('dream', 'Dream', 'person', ['dream', 'dreams', 'someday', 'one day', 'bucket list', 'always wanted']),
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
  ]),
  cat('skill', 'Skill', 'person', ['good at', 'skilled', 'plays', 'speaks', 'expert', 'talent', 'can cook']),
  cat('competency', 'Competency', 'person', [
    'certified',
    'degree',
    'qualified',
    'trained',
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
    'drinks',
    'wine',
    'coffee',
    'tea',
    'organic',
    'pet',
    'dog',
    'cat',
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
    'grandchild',
    'wedding',
    'school',
  ]),
  cat('ego_drive', 'Ego drive', 'person', [
    'proud',
    'recognition',
    'award',
    'promotion',
    'status',
    'admired',
  ]),
  cat('friendship_affinity', 'Friendship affinity', 'person', ['friend', 'friends', 'mate', 'buddy', 'club']),
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
    ['diabetes', 'cancer', 'illness', 'surgery', 'allergy', 'pregnant'],
    true,
  ),
  cat('religion', 'Religion', 'person', ['church', 'mosque', 'synagogue', 'temple', 'faith', 'prays'], true),
  cat('political_views', 'Political views', 'person', ['votes', 'party', 'election', 'political'], true),
  cat('sexual_orientation', 'Sexual orientation', 'person', ['gay', 'lesbian', 'bisexual'], true),
  cat('ethnicity', 'Ethnicity', 'person', ['ethnic', 'ethnicity', 'race'], true),
  cat('union_membership', 'Union membership', 'person', ['trade union', 'union member'], true),
  cat('criminal_record', 'Criminal record', 'person', ['convicted', 'prison', 'arrested', 'criminal'], true),
]

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

const words = (text: string) => ` ${text.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ')} `

/**
 * The category the text most likely belongs to: the one whose cues appear most often (longer cues
 * count more). Returns null when nothing matches, so the person chooses. A suggestion only: the
 * person can always change it before recording.
 */
export const suggestCategory = (
  text: string,
  categories: readonly SecretCategory[],
  about: 'person' | 'organisation' = 'person',
): string | null => {
  const haystack = words(text)
  let best: { key: string; score: number } | null = null
  for (const c of categories) {
    if (c.scope !== 'any' && c.scope !== about) continue
    // special categories of personal data are chosen by a person on purpose, never suggested
    if (c.sensitive) continue
    let score = 0
    for (const cue of c.cues) {
      if (haystack.includes(` ${cue} `)) score += cue.includes(' ') ? 2 : 1
    }
    if (score > 0 && (!best || score > best.score)) best = { key: c.key, score }
  }
  return best?.key ?? null
}
