import { interestsOf } from '../meaning/lexicon.ts'
import { wordsOf } from '../meaning/words.ts'
import type { ConceptExpander } from '../secrets/ports.ts'
import type { WordConcepts } from './recommend-surprise.ts'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * What each word of a secret stands for in WordNet, word by word, so a link through a concept can
 * say which word made it ("Barolo" → wine) and a word's concepts stay with its own side of a
 * negation. Words the meaning layer reads in the text ("knitting" is crafts; "tour" in "Tour de
 * France" is cycling) get none: the curated sense wins over WordNet's wider net (knitting →
 * handicraft → art). Stop words get none either ("favourite" is also WordNet's "pet"), nor does a
 * word that only modifies the next one ("vintage fountain pens" are pens, not wine: an English
 * modifier comes before the word it describes). A phrase WordNet knows ("soup kitchen") is one entry.
 */
export const conceptsByWord = async (concepts: ConceptExpander, text: string): Promise<WordConcepts[]> => {
  const words = wordsOf(text)
  // the words the lexicon reads here, phrases included
  const read = new Set<string>()
  const { wanted, avoided } = interestsOf(words)
  for (const hit of [...wanted.values(), ...avoided.values()])
    for (const w of hit.words) for (const x of w.split(' ')) read.add(x)
  const plain = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  const adjacent = (a: string, b: string) =>
    new RegExp(`\\b${escapeRegExp(a)}[\\s-]+${escapeRegExp(b)}\\b`).test(plain)

  const found: Array<WordConcepts & { at: number; end: number }> = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const next = words[i + 1]
    if (next && !read.has(w.surface) && !read.has(next.surface)) {
      // a phrase WordNet knows says something its words do not: "single malt", "soup kitchen"
      const pair = `${w.surface} ${next.surface}`
      const [both, one, two] = await Promise.all([
        concepts.expand(pair),
        concepts.expand(w.surface),
        concepts.expand(next.surface),
      ])
      const apart = new Set(`${one} ${two}`.split(' ').filter(Boolean))
      const together = both.split(' ').filter(Boolean)
      if (together.length > 0 && together.some((c) => !apart.has(c))) {
        found.push({ words: pair, concepts: both, at: i, end: i + 1 })
        i++
        continue
      }
    }
    if (read.has(w.surface)) continue
    const one = await concepts.expand(w.surface)
    if (one) found.push({ words: w.surface, concepts: one, at: i, end: i })
  }
  return found
    .filter((f) => {
      const next = words[f.end + 1]
      if (!next || !adjacent(words[f.end]!.surface, next.surface)) return true
      // the next word says what it is (the lexicon reads it, or WordNet knows it): this one describes it
      return !(read.has(next.surface) || found.some((g) => g.at === f.end + 1))
    })
    .map(({ words: w, concepts: c }) => ({ words: w, concepts: c }))
}
