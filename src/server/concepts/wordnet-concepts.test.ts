import { describe, expect, it } from 'vitest'
import { explainMeaning } from '../../domain/secrets/search-secrets.ts'
import { parseSynsetLine } from './wordnet.ts'
import { conceptTokens, nounBaseForms, sharedWordnetConcepts } from './wordnet-concepts.ts'

const concepts = sharedWordnetConcepts()
const words = async (text: string) => (await concepts.expand(text)).split(' ')

describe('concepts from WordNet', () => {
  it('says what a red Burgundy is: a wine, an alcoholic beverage', async () => {
    const c = await concepts.expand('Only drinks red Burgundy, never white.')
    expect(c).toContain('wine')
    expect(c).toContain('alcohol')
    expect(c).toContain('beverage')
  })

  it('knows names of more than one word', async () => {
    expect(await words('Loves Pinot Noir from Oregon')).toContain('wine')
    expect(await words('collects single malt whisky')).toContain('liquor')
  })

  it('reads plurals as their noun', async () => {
    expect(await words('keeps bees in the garden')).toContain('insect')
    expect(nounBaseForms('churches')).toContain('church')
    expect(nounBaseForms('children')).toContain('child')
    expect(nounBaseForms('glass')).toEqual(['glass'])
  })

  it('keeps to the frequent senses of a word and to words used as nouns', async () => {
    // "sugar" the sweetener, not the slang for money; "keeps" is a verb, not a castle's keep
    const sugar = await words('coffee, black, no sugar')
    expect(sugar).toContain('sweetener')
    expect(sugar).not.toContain('money')
    expect(sugar).not.toContain('lucre')
    const keeps = await words('keeps bees')
    expect(keeps).not.toContain('dungeon')
    // the top of the hierarchy would make every secret match every vague word
    expect(await words('Only drinks red Burgundy')).not.toContain('entity')
  })

  it('adds nothing for words it does not know, and not the text’s own words', async () => {
    expect(await concepts.expand('zzqx 12345')).toBe('')
    expect(await words('wine')).not.toContain('wine')
  })

  it('explains which word of a secret stands for the concept searched', async () => {
    expect(await explainMeaning(concepts, 'Only drinks red Burgundy, never white.', ['wine'])).toEqual([
      { word: 'Burgundy', concept: 'wine' },
    ])
    expect(await explainMeaning(concepts, 'Loves Pinot Noir from Oregon', ['wine'])).toEqual([
      { word: 'Pinot Noir', concept: 'wine' },
    ])
  })

  it('tokenises like WordNet spells lemmas', () => {
    expect(conceptTokens('Val d’Isère, Pinot-Noir')).toEqual(['val', "d'isere", 'pinot-noir'])
    expect(parseSynsetLine('07907701 13 n 02 wine 0 vino 0 001 @ 07900542 n 0000 | fermented juice')).toEqual(
      {
        words: ['wine', 'vino'],
        hypernyms: [7900542],
      },
    )
  })
})
