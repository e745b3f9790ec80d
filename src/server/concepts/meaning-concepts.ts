import { CUE_WORDS, interestMarker, statedInterests } from '../../domain/meaning/lexicon.ts'
import { isStopWord, plainForm, stem } from '../../domain/meaning/words.ts'
import type { ConceptExpander } from '../../domain/secrets/ports.ts'
import { loadLemmas, wordnetDictDir } from './wordnet.ts'
import { nounBaseForms, sharedWordnetConcepts, type WordnetConcepts } from './wordnet-concepts.ts'

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu

/**
 * The concepts stored with a secret, from the one meaning layer: the interests its words state,
 * read in context by the lexicon (each as its marker, with the interests it belongs to: "a big
 * Manchester United fan" → soccer, sport), then WordNet's broader words for the words the lexicon
 * did not read ("only drinks red Burgundy" → wine, alcohol …). A word the lexicon reads has its
 * sense from the text around it, so WordNet's senses of it are not added: "coffee beans" are not
 * a vegetable, "vintage Mustangs" are cars.
 */
export const meaningConcepts = (
  wordnet: WordnetConcepts = sharedWordnetConcepts(),
  dictDir: string = wordnetDictDir(),
): ConceptExpander & { warm(): Promise<void> } => {
  let lemmas: Promise<Set<string>> | null = null
  const dictionary = () => {
    lemmas ??= loadLemmas(dictDir).catch((e) => {
      lemmas = null
      throw e
    })
    return lemmas
  }
  return {
    async warm() {
      await Promise.all([wordnet.warm(), dictionary()])
    },
    async expand(text: string) {
      // every word as written: what a secret is about counts, negated or not ("afraid of flying"
      // is found by "flying"; the surprise ranking reads negation itself)
      const words = (text.match(WORD) ?? []).flatMap((w) => {
        const surface = plainForm(w)
        return isStopWord(surface) ? [] : [{ stem: stem(surface), surface, negated: false }]
      })
      const { interests, spans } = statedInterests(words)
      const read = new Set<string>()
      for (const s of spans) for (let k = s.start; k < s.end; k++) read.add(words[k]!.surface)
      const broader = await wordnet.expand(text, read)
      return [...interests.map(interestMarker), broader].filter(Boolean).join(' ')
    },
    async knows(word: string) {
      const w = word.toLowerCase()
      if (CUE_WORDS.has(w)) return true
      const known = await dictionary()
      return nounBaseForms(w).some((f) => known.has(f)) || known.has(w.replace(/(?:ing|ed|es|s)$/, ''))
    },
  }
}

let shared: ReturnType<typeof meaningConcepts> | null = null
/** One per process, like the WordNet database it reads. */
export const sharedMeaningConcepts = () => {
  shared ??= meaningConcepts()
  return shared
}
