import type { ConceptExpander } from '../../domain/secrets/ports.ts'
import { loadNounNet, type NounNet, wordnetDictDir } from './wordnet.ts'

/**
 * Search by meaning without a network or a model: each noun of a secret (and each two- or
 * three-word name WordNet knows, "pinot noir") brings the words of its first senses' synsets and of
 * their hypernyms a few levels up — "only drinks red Burgundy" → burgundy wine, wine, vino,
 * alcohol, alcoholic beverage, beverage … — stored with the secret, so a search for "wine" finds it.
 *
 * Noise is held down by taking only a word's first senses (WordNet orders them by frequency),
 * stopping a few levels up, and never adding the top of the hierarchy ("entity", "object",
 * "abstraction", "whole" …), which would make every secret match every vague word.
 */
export interface WordnetConceptOptions {
  /** senses per word, most frequent first */
  senses?: number
  /** levels of hypernyms above each sense */
  levels?: number
  /** synsets closer than this to the top of the hierarchy are too general to add */
  minDepth?: number
  /** a word tagged this many times more often as a verb or adjective is not read as a noun */
  otherPosRatio?: number
  /** at most this many concept words per text */
  maxWords?: number
  dictDir?: string
}

// words that carry no concept of their own, plus nouns so general that their hypernyms are noise
const STOP = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each every few for from further
  had has have having he her here hers herself him himself his how i if in into is it its itself
  just me more most my myself no nor not now of off on once only or other our ours ourselves out
  over own same she should so some such than that the their theirs them themselves then there these
  they this those through to too under until up very was we were what when where which while who
  whom why will with would you your yours yourself yourselves never always often ever still yet
  much many lot lots thing things something anything everything nothing one ones way ways time times
  year years day days week weeks month months today tomorrow yesterday kind sort type bit part
  really quite rather well even per via etc like likes liked loves love loved wants want wanted
  says said say tells told gets got get goes went go make makes made take takes took new old good
  great best better big small little last first next see sees saw know knows knew may might must`
    .split(/\s+/)
    .filter(Boolean),
)

/** Irregular plurals worth knowing; WordNet's own exception list is not in the package. */
const IRREGULAR: Record<string, string> = {
  children: 'child',
  people: 'person',
  men: 'man',
  women: 'woman',
  feet: 'foot',
  teeth: 'tooth',
  geese: 'goose',
  mice: 'mouse',
  wives: 'wife',
  knives: 'knife',
  lives: 'life',
  leaves: 'leaf',
  wolves: 'wolf',
  halves: 'half',
  shelves: 'shelf',
  loaves: 'loaf',
}

/** WordNet's noun detachment rules (morphy): the base forms a word may be an inflection of. */
export const nounBaseForms = (word: string): string[] => {
  const forms = [word]
  const irregular = IRREGULAR[word]
  if (irregular) forms.push(irregular)
  const rules: [string, string][] = [
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
    ['s', ''],
  ]
  for (const [suffix, ending] of rules) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix) && !word.endsWith('ss')) {
      forms.push(word.slice(0, -suffix.length) + ending)
    }
  }
  return forms
}

/** The words of a text as WordNet spells lemmas: lowercase, accents off, apostrophes kept inside. */
export const conceptTokens = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .match(/[a-z][a-z'-]*[a-z]|[a-z]/g) ?? []

export type WordnetConcepts = ConceptExpander & {
  /** loads the database now rather than on the first secret */
  warm(): Promise<void>
  /** the concepts of `text`, leaving out the words in `skip` (lowercase): their sense is known */
  expand(text: string, skip?: ReadonlySet<string>): Promise<string>
}
const NONE: ReadonlySet<string> = new Set()

/** The ConceptExpander of the server: WordNet, loaded once per process on first use. */
export const wordnetConcepts = (opts: WordnetConceptOptions = {}): WordnetConcepts => {
  const senses = opts.senses ?? 3
  const levels = opts.levels ?? 3
  const minDepth = opts.minDepth ?? 4
  const maxWords = opts.maxWords ?? 60
  const otherPosRatio = opts.otherPosRatio ?? 2
  let loading: Promise<NounNet> | null = null
  const net = () => {
    loading ??= loadNounNet(opts.dictDir ?? wordnetDictDir(), { senses, otherPosRatio }).catch((e) => {
      loading = null // a later secret tries again; this one is recorded without concepts
      throw e
    })
    return loading
  }

  // what one lemma (or phrase) stands for, kept: a secret repeats the words of many before it
  const cache = new Map<string, string[]>()
  const conceptsOf = (n: NounNet, lemma: string): string[] => {
    const known = cache.get(lemma)
    if (known) return known
    const out = new Set<string>()
    const seen = new Set<number>()
    let frontier = n.senses(lemma).slice(0, senses)
    for (let level = 0; level <= levels && frontier.length > 0; level++) {
      const next: number[] = []
      for (const offset of frontier) {
        if (seen.has(offset)) continue
        seen.add(offset)
        if (n.depth(offset) < minDepth) continue
        const s = n.synset(offset)
        for (const w of s.words) out.add(w)
        next.push(...s.hypernyms)
      }
      frontier = next
    }
    const words = [...out]
    if (cache.size > 50_000) cache.clear()
    cache.set(lemma, words)
    return words
  }

  const expandWith = (n: NounNet, text: string, skip: ReadonlySet<string>): string => {
    const tokens = conceptTokens(text)
    const found = new Set<string>()
    const own = new Set(tokens)
    for (let i = 0; i < tokens.length; i++) {
      // the longest name WordNet knows first: "pinot noir" is a wine, "noir" alone is not
      let used = 0
      for (const len of [3, 2]) {
        if (i + len > tokens.length) continue
        const phrase = tokens.slice(i, i + len).join('_')
        if (n.senses(phrase).length > 0) {
          for (const w of conceptsOf(n, phrase)) found.add(w)
          used = len
          break
        }
      }
      if (used > 0) {
        i += used - 1
        continue
      }
      const word = tokens[i]!
      if (word.length < 3 || STOP.has(word) || skip.has(word)) continue
      for (const base of nounBaseForms(word)) {
        if (n.senses(base).length === 0) continue
        for (const w of conceptsOf(n, base)) found.add(w)
        break
      }
    }
    const words: string[] = []
    for (const phrase of found) {
      // the secret's own words are already in its text
      if (own.has(phrase)) continue
      words.push(phrase)
      if (words.length >= maxWords) break
    }
    return words.join(' ')
  }

  return {
    async warm() {
      await net()
    },
    async expand(text: string, skip: ReadonlySet<string> = NONE) {
      return expandWith(await net(), text, skip)
    },
  }
}

let shared: WordnetConcepts | null = null

/** One expander per process: every app built in it (tests build many) shares the loaded database. */
export const sharedWordnetConcepts = (): WordnetConcepts => {
  shared ??= wordnetConcepts()
  return shared
}
