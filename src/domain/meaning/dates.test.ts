import { describe, expect, it } from 'vitest'
import { datesIn } from './dates.ts'

const one = (text: string) => datesIn(text).map(({ month, day }) => ({ month, day }))

describe('datesIn', () => {
  it('reads a month said alone after "in"', () => {
    expect(one('Running the Boston marathon in April')).toEqual([{ month: 4, day: null }])
  })
  it('reads a day before the month', () => {
    expect(one("Daughter's wedding on 12 June — they are paying for it themselves")).toEqual([
      { month: 6, day: 12 },
    ])
    expect(one('Silver wedding anniversary on the 3rd of May')).toEqual([{ month: 5, day: 3 }])
  })
  it('reads a month before the day, with or without the ordinal', () => {
    expect(one('Our anniversary is March 3rd')).toEqual([{ month: 3, day: 3 }])
    expect(one('Opening the new shop Sept. 14, fingers crossed')).toEqual([{ month: 9, day: 14 }])
    expect(one('retires on Dec 31')).toEqual([{ month: 12, day: 31 }])
  })
  it('keeps the words that said it', () => {
    expect(datesIn('Moving house early September')).toEqual([
      { month: 9, day: null, phrase: 'early September' },
    ])
  })
  it('reads two dates in one secret, in order', () => {
    expect(one('Son graduates on 20 July and they fly to Lisbon in August')).toEqual([
      { month: 7, day: 20 },
      { month: 8, day: null },
    ])
  })
  it('does not take "may" or "march" the verbs for a month', () => {
    expect(one('She may come to the trade show if her knee allows')).toEqual([])
    expect(one('They march on the town hall every year')).toEqual([])
    expect(one('Hoping to be back by May')).toEqual([{ month: 5, day: null }])
  })
  it('does not read a short form alone, a day that cannot be, or a distance', () => {
    expect(one('Mar is his nickname')).toEqual([])
    expect(one('Meeting in Jan')).toEqual([])
    expect(one('Born on 31 June, he claims')).toEqual([])
    expect(one('Ran April 5 km every morning')).toEqual([])
  })
  it('finds nothing in a secret without a date', () => {
    expect(one('Roasts his own coffee beans and hates small talk')).toEqual([])
  })
})
