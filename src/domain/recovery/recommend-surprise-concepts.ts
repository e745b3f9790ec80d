import { interestsOf } from '../meaning/lexicon.ts'
import { wordsOf } from '../meaning/words.ts'
import type { ConceptExpander } from '../secrets/ports.ts'
import type { WordConcepts } from './recommend-surprise.ts'

/**
 * What each word of a secret stands for in WordNet, word by word, so a link through a concept can
 * say which word made it ("Barolo" → wine) and a word's concepts stay with its own side of a
 * negation. Words the meaning layer already reads ("knitting" is crafts) get none: the curated
 * sense wins over WordNet's wider net ("knitting" → handicraft → art). Stop words get none either
 * ("favourite" is also WordNet's "pet"). A phrase WordNet knows ("soup kitchen") is one entry.
 */
export const conceptsByWord = async (concepts: ConceptExpander, text: string): Promise<WordConcepts[]> => {
  const words = wordsOf(text)
  const out: WordConcepts[] = []
  const known = (surface: string) => {
    const { wanted, avoided } = interestsOf(wordsOf(surface))
    return wanted.size > 0 || avoided.size > 0
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const next = words[i + 1]
    if (next) {
      // a phrase WordNet knows says something its words do not: "pinot noir", "soup kitchen"
      const pair = `${w.surface} ${next.surface}`
      const [both, one, two] = await Promise.all([
        concepts.expand(pair),
        concepts.expand(w.surface),
        concepts.expand(next.surface),
      ])
      const apart = new Set(`${one} ${two}`.split(' ').filter(Boolean))
      const together = both.split(' ').filter(Boolean)
      if (together.length > 0 && together.some((c) => !apart.has(c))) {
        if (!known(pair)) out.push({ words: pair, concepts: both })
        i++
        continue
      }
      if (one && !known(w.surface)) out.push({ words: w.surface, concepts: one })
      continue
    }
    const one = await concepts.expand(w.surface)
    if (one && !known(w.surface)) out.push({ words: w.surface, concepts: one })
  }
  return out
}
