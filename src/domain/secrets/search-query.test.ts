import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../errors.ts'
import {
  markedWords,
  mergeRanges,
  normaliseFilters,
  parseSearch,
  SEARCH_LIMITS,
  segments,
  wordRanges,
} from './search-query.ts'

const none = { categories: [] as string[] }
const code = (f: () => unknown) => {
  try {
    f()
    return null
  } catch (e) {
    return e instanceof DomainError ? e.code : 'other'
  }
}

describe('parseSearch', () => {
  it('keeps the words and the web-search syntax, drops control characters and extra spaces', () => {
    const p = parseSearch('  "pinot  noir"\u0000 OR  -golf \n', none)
    expect(p.text).toBe('"pinot noir" OR -golf')
    expect(p.fullText).toBe('"pinot noir" OR -golf')
    expect(p.words).toEqual(['pinot', 'noir', 'or'])
    expect(p.spellable).toEqual(['pinot', 'noir'])
  })

  it('refuses an empty search, one without words and one too long, saying what to do', () => {
    expect(code(() => parseSearch('', none))).toBe('invalid_input')
    expect(code(() => parseSearch(`'"&|!:*()<>`, none))).toBe('invalid_input')
    expect(code(() => parseSearch('🍷', none))).toBe('invalid_input')
    expect(code(() => parseSearch('a'.repeat(SEARCH_LIMITS.maxQueryLength + 1), none))).toBe('invalid_input')
    expect(code(() => parseSearch('wine '.repeat(SEARCH_LIMITS.maxWords + 1), none))).toBe('invalid_input')
  })

  it('lets a category alone be the search', () => {
    const p = parseSearch('', { categories: ['dream'] })
    expect(p).toMatchObject({ fullText: '', spellable: [], words: [] })
  })

  it('corrects the spelling of words long enough, never of a word left out', () => {
    expect(parseSearch('red tea', none).spellable).toEqual([])
    expect(parseSearch('burgandy -golf', none).spellable).toEqual(['burgandy'])
  })

  it('never throws anything but a refusal, and never lets a control character through', () => {
    fc.assert(
      // operators, quotes and control characters among words of any script
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom(...`'"&|!:*()<>-\u0000\u0007\n\t `),
            fc.string({ unit: 'grapheme', maxLength: 1 }),
          ),
          maxLength: 300,
        }),
        (s) => {
          try {
            const p = parseSearch(s, none)
            // biome-ignore lint/suspicious/noControlCharactersInRegex: the property checks for them
            return !/[\u0000-\u001f\u007f]/.test(p.fullText) && p.text.length <= SEARCH_LIMITS.maxQueryLength
          } catch (e) {
            return e instanceof DomainError && e.code === 'invalid_input'
          }
        },
      ),
    )
  })
})

describe('highlights', () => {
  it('marks whole words only, whatever their case', () => {
    const text = 'Wine, wines and swine: WINE'
    expect(wordRanges(text, ['wine']).map(([a, b]) => text.slice(a, b))).toEqual(['Wine', 'WINE'])
    expect(wordRanges('a (b) c', ['(b)'])).toEqual([[2, 5]])
  })

  it('reads the marked words of ts_headline', () => {
    expect(
      markedWords('only drinks \u0001red\u0002 \u0001Burgundy\u0002 and \u0001red\u0002', '\u0001', '\u0002'),
    ).toEqual(['red', 'Burgundy'])
    expect(markedWords('no marks', '\u0001', '\u0002')).toEqual([])
  })

  it('cuts a text into pieces that put together give the text back', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(90), fc.nat(90)), { maxLength: 8 }),
        (text, raw) => {
          const ranges = raw.map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
          const parts = segments(text, ranges)
          expect(parts.map((p) => p.text).join('')).toBe(text)
          expect(parts.every((p) => p.text.length > 0)).toBe(true)
        },
      ),
    )
    expect(segments('<b>wine</b>', [[3, 7]])).toEqual([
      { text: '<b>', hit: false },
      { text: 'wine', hit: true },
      { text: '</b>', hit: false },
    ])
  })

  it('merges overlapping ranges', () => {
    expect(
      mergeRanges([
        [5, 8],
        [0, 2],
        [1, 3],
        [8, 9],
      ]),
    ).toEqual([
      [0, 3],
      [5, 9],
    ])
  })
})

describe('filters', () => {
  it('are kept without duplicates in a stable order', () => {
    expect(normaliseFilters({ tiers: ['B', 'A', 'B'], categories: ['dream'] })).toEqual({
      categories: ['dream'],
      tiers: ['A', 'B'],
      segments: [],
      layer: null,
    })
  })
})
