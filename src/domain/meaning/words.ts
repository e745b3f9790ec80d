/**
 * The words of a secret or of a catalogue item, as the surprise ranking compares them: lowercase,
 * accents off, stop words out, each word reduced to its Porter stem ("roasts", "roasted",
 * "roasting" → "roast"), and — for a secret — which words sit under a negation ("quit drinking",
 * "hates golf", "afraid of heights"), so a surprise is never drawn from what the customer avoids.
 */

const STOP = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further had has
  have having he her here hers herself him himself his how i if in into is it its itself just me
  more most my myself nor now of off on once only or other our ours ourselves out over own same she
  should so some such than that the their theirs them themselves then there these they this those
  through to too under until up very was we were what when where which while who whom why will with
  would you your yours yourself yourselves always often ever still yet much many lot lots thing things
  something anything everything nothing one ones way ways time times year years day days week weeks
  month months today tomorrow yesterday ago kind sort type bit really quite rather well even per via
  etc like likes liked love loves loved loving want wants wanted wanting says said say tells told get
  gets got go goes went make makes made take takes took new old good great best better big small
  little last first next see sees saw know knows knew may might must mr mrs ms dr also every usually
  spends spend spent talks talked talking mentioned mentions enjoys enjoy enjoyed keen big huge
  absolutely totally massive fan fond favourite favorite passionate obsessed crazy mad whenever
  recently lately since just without one two three four five six seven eight nine ten eleven twelve
  twenty dozen hundred thousand half name named names order orders stuff`
    .split(/\s+/)
    .filter(Boolean),
)

/**
 * Words that open a negation scope, and how many content words it covers: what follows them is
 * avoided, not wanted ("allergic to nuts and shellfish"). "Quit" reaches less far: "quit his job to
 * open a bakery" does not avoid bakeries.
 */
const NEGATORS = new Map<string, number>([
  ...['not', 'no', 'never', "n't"].map((w) => [w, 3] as const),
  ...['hates', 'hate', 'hated', 'hating', 'dislikes', 'dislike', 'disliked', 'detests', 'loathes'].map(
    (w) => [w, 3] as const,
  ),
  ...['avoids', 'avoid', 'avoiding', 'allergic', 'allergy', 'allergies', 'intolerant', 'intolerance'].map(
    (w) => [w, 3] as const,
  ),
  ...['afraid', 'scared', 'terrified', 'frightened', 'phobia', 'fear', 'fears', 'nervous'].map(
    (w) => [w, 3] as const,
  ),
  ...['quit', 'quitting', 'stopped', 'sober', 'teetotal'].map((w) => [w, 2] as const),
])
/** A negator followed by one of these is a double negative: "never misses a game", "can't get enough". */
const DOUBLE_NEGATIVE = new Set([
  'miss',
  'misses',
  'missed',
  'missing',
  'skip',
  'skips',
  'skipped',
  'forget',
  'forgets',
  'forgot',
  'without',
  'tires',
  'tired',
  'enough',
  'stops',
  'stop',
  'resist',
])
/** Two-word negators that are not negators one word at a time. */
const NEGATING_PAIRS = new Set(['gave up', 'given up', 'giving up', 'no longer', 'cut out', 'cutting out'])
/** Words that end a negation scope: "hates golf but loves tennis". */
const SCOPE_BREAKS = new Set(['but', 'though', 'although', 'however', 'yet', 'instead', 'except', 'whereas'])

/** A word as the lexicon spells it: lowercase, accents off ("Café" → cafe). */
export const plainForm = (word: string): string =>
  word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’`´]/g, "'")

/** Whether `word` (lowercase) carries nothing to look for on its own ("the", "loves", "fan"). */
export const isStopWord = (word: string): boolean => STOP.has(word)

/** A word of a text: its stem, how it was written, and whether it sits under a negation. */
export interface Word {
  stem: string
  surface: string
  negated: boolean
}

/** "alcohol-free", "gluten-free", "sugar free": the word before "free" is avoided, and only that word. */
const freeOf = /\b([a-z]+)[\s-]+free\b/g

/** The words of `text`, stop words out, each with its stem and whether it is under a negation. */
export const wordsOf = (text: string): Word[] => {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’`´]/g, "'")
    .replace(freeOf, 'no $1;')
    .replace(/\bcan't\b/g, "can n't")
    .replace(/\bwon't\b/g, "will n't")
    .replace(/\b(can|could|would|do|does|did|is|are|was|were|wo|ca|has|have|had)n't\b/g, "$1 n't")
    .replace(/\b(cannot)\b/g, "can n't")
  const out: Word[] = []
  // clauses: punctuation and "but" end a negation's reach
  for (const clause of plain.split(/[.,;:!?()\n]+|\s[-–—]\s/)) {
    const raw = clause.match(/n't|[a-z0-9]+(?:'[a-z]+)?/g) ?? []
    let scope = 0
    for (let i = 0; i < raw.length; i++) {
      let token = raw[i]!
      if (token.endsWith("'s")) token = token.slice(0, -2)
      token = token.replace(/'/g, '')
      if (SCOPE_BREAKS.has(token)) {
        scope = 0
        continue
      }
      const pair = i + 1 < raw.length ? `${token} ${raw[i + 1]}` : ''
      if (NEGATING_PAIRS.has(pair)) {
        scope = 2
        i++
        continue
      }
      const reach = NEGATORS.get(raw[i]!) ?? NEGATORS.get(token)
      if (reach !== undefined) {
        // "never misses a game", "can't get through the day without coffee": a double negative wants it
        const ahead = raw.slice(i + 1, i + 7)
        const double = ahead.findIndex((w) => DOUBLE_NEGATIVE.has(w))
        if (double >= 0) {
          scope = 0
          i += double + 1
        } else scope = reach
        continue
      }
      if (token.length < 2 || STOP.has(token) || /^\d+$/.test(token)) continue
      out.push({ stem: stem(token), surface: token, negated: scope > 0 })
      if (scope > 0) scope--
    }
  }
  return out
}

/** The stems of `text` without negation (item titles, tags, concept words). */
export const stemsOf = (text: string): string[] => {
  const plain = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  const out: string[] = []
  for (const m of plain.match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []) {
    let token = m
    if (token.endsWith("'s")) token = token.slice(0, -2)
    token = token.replace(/'/g, '')
    if (token.length < 2 || STOP.has(token) || /^\d+$/.test(token)) continue
    out.push(stem(token))
  }
  return out
}

// ————— Porter (1980) stemmer —————

const isConsonant = (w: string, i: number): boolean => {
  const c = w[i]!
  if ('aeiou'.includes(c)) return false
  if (c === 'y') return i === 0 ? true : !isConsonant(w, i - 1)
  return true
}

/** m: the number of vowel–consonant sequences in `w`. */
const measure = (w: string): number => {
  let n = 0
  let i = 0
  while (i < w.length && isConsonant(w, i)) i++
  while (i < w.length) {
    while (i < w.length && !isConsonant(w, i)) i++
    if (i >= w.length) break
    while (i < w.length && isConsonant(w, i)) i++
    n++
  }
  return n
}

const hasVowel = (w: string): boolean => {
  for (let i = 0; i < w.length; i++) if (!isConsonant(w, i)) return true
  return false
}

const doubleConsonant = (w: string): boolean =>
  w.length >= 2 && w[w.length - 1] === w[w.length - 2] && isConsonant(w, w.length - 1)

/** consonant–vowel–consonant, the last not w, x or y ("hop", not "snow") */
const cvc = (w: string): boolean => {
  const l = w.length
  return (
    l >= 3 &&
    isConsonant(w, l - 1) &&
    !isConsonant(w, l - 2) &&
    isConsonant(w, l - 3) &&
    !'wxy'.includes(w[l - 1]!)
  )
}

/** The longest suffix of `rules` that `w` ends with: replaced when its stem has m > `min`. */
const replaceSuffix = (w: string, rules: readonly (readonly [string, string])[], min: number): string => {
  for (const [suffix, by] of rules) {
    if (!w.endsWith(suffix)) continue
    const base = w.slice(0, -suffix.length)
    return measure(base) > min ? base + by : w
  }
  return w
}

const STEP2: readonly (readonly [string, string])[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
].sort((a, b) => b[0]!.length - a[0]!.length) as [string, string][]

const STEP3: readonly (readonly [string, string])[] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
]

const STEP4 = [
  'ement',
  'ance',
  'ence',
  'able',
  'ible',
  'ment',
  'ant',
  'ent',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
  'ion',
  'al',
  'er',
  'ic',
  'ou',
]

const stemCache = new Map<string, string>()

/** The Porter stem of one lowercase word: "roasting" → "roast", "flowers" → "flower". */
export const stem = (word: string): string => {
  const known = stemCache.get(word)
  if (known !== undefined) return known
  let w = word
  if (w.length > 2) {
    // 1a
    if (w.endsWith('sses')) w = w.slice(0, -2)
    else if (w.endsWith('ies')) w = w.slice(0, -2)
    else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1)
    // 1b
    let again = false
    if (w.endsWith('eed')) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1)
    } else if (w.endsWith('ed') && hasVowel(w.slice(0, -2))) {
      w = w.slice(0, -2)
      again = true
    } else if (w.endsWith('ing') && hasVowel(w.slice(0, -3))) {
      w = w.slice(0, -3)
      again = true
    }
    if (again) {
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e'
      else if (doubleConsonant(w) && !'lsz'.includes(w[w.length - 1]!)) w = w.slice(0, -1)
      else if (measure(w) === 1 && cvc(w)) w += 'e'
    }
    // 1c
    if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`
    w = replaceSuffix(w, STEP2, 0)
    w = replaceSuffix(w, STEP3, 0)
    // 4
    for (const suffix of STEP4) {
      if (!w.endsWith(suffix)) continue
      const base = w.slice(0, -suffix.length)
      if (measure(base) > 1 && (suffix !== 'ion' || /[st]$/.test(base))) w = base
      break
    }
    // 5
    if (w.endsWith('e')) {
      const base = w.slice(0, -1)
      const m = measure(base)
      if (m > 1 || (m === 1 && !cvc(base))) w = base
    }
    if (measure(w) > 1 && doubleConsonant(w) && w.endsWith('l')) w = w.slice(0, -1)
  }
  if (stemCache.size > 100_000) stemCache.clear()
  stemCache.set(word, w)
  return w
}
