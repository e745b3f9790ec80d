import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stem, wordsOf } from '../meaning/words.ts'
import type { ConceptExpander } from '../secrets/ports.ts'
import {
  describeDrawn,
  LATE_WINDOW_HOURS,
  recencyWeight,
  recommendSurprises,
  type SecretForSurprise,
  type SurpriseCandidate,
  type SurpriseContext,
} from './recommend-surprise.ts'
import { conceptsByWord } from './recommend-surprise-concepts.ts'

const NOW = new Date('2026-11-24T12:00:00Z')
const DAY = 86_400_000

const item = (
  id: string,
  title: string,
  tags: string[],
  cost = 40,
  leadTimeHours = 4,
  extra: Partial<SurpriseCandidate> = {},
) => ({
  id,
  title,
  tags,
  cost,
  leadTimeHours,
  kind: 'gift',
  ...extra,
})

const CATALOGUE: SurpriseCandidate[] = [
  item('wine', 'Bottle of Pinot Noir, hand-delivered', ['wine', 'red wine'], 45, 4, {
    concepts: 'pinot noir red wine wine vino alcohol alcoholic beverage',
  }),
  item('coffee', 'Specialty coffee subscription', ['coffee', 'espresso'], 55, 1, {
    concepts: 'java beverage',
  }),
  item('hockey', 'Two tickets to the next home hockey game', ['hockey', 'sports', 'tickets'], 120, 3),
  item('golf', 'Personalised golf balls', ['golf'], 45, 48),
  item('books', 'Gift card for an independent bookshop', ['books', 'reading'], 30, 1),
  item('tasting', 'Vineyard tour and tasting for two', ['wine', 'tasting'], 140, 72, { kind: 'experience' }),
  item('priority', 'Priority delivery for a year', ['convenience', 'delivery'], 20, 1, { kind: 'upgrade' }),
  item('flowers', 'Seasonal bouquet, delivered today', ['flowers'], 45, 4),
]

const ctx = (over: Partial<SurpriseContext> = {}): SurpriseContext => ({
  budget: 150,
  hoursLeft: 20,
  alreadyGiven: [],
  now: NOW,
  ...over,
})
const secret = (text: string, over: Partial<SecretForSurprise> = {}): SecretForSurprise => ({
  id: text,
  category: 'habit',
  text,
  certainty: 'heard',
  lastConfirmedAt: new Date(NOW.getTime() - 2 * DAY),
  ...over,
})
const topOf = (texts: string[], c = ctx(), items = CATALOGUE) =>
  recommendSurprises(
    items,
    texts.map((t) => secret(t)),
    c,
  ).suggestions.map((s) => s.item.id)

describe('relevance by meaning', () => {
  it('finds coffee for someone who roasts his own beans, though no word is shared', () => {
    expect(topOf(['Roasts his own beans at home'])[0]).toBe('coffee')
  })

  it("finds hockey tickets for whoever coaches his daughter's peewee team", () => {
    expect(topOf(["Coaches his daughter's peewee team every Saturday"])[0]).toBe('hockey')
  })

  it('follows WordNet’s concepts where the words are unknown to the interest list', () => {
    const r = recommendSurprises(
      CATALOGUE,
      [secret('Loves Muscadet', { concepts: 'white wine wine vino' })],
      ctx(),
    )
    expect(r.suggestions[0]?.item.id).toBe('wine')
    expect(r.suggestions[0]?.drawsOn[0]?.because).toContain('wine')
  })

  it('prefers the item that shares the very words over one that only shares the interest', () => {
    const items = [
      ...CATALOGUE,
      item('fizz', 'Chilled bottle of Champagne', ['champagne', 'sparkling wine'], 70, 3),
    ]
    expect(topOf(['Only drinks Pinot Noir'], ctx(), items)[0]).toBe('wine')
  })

  it('finds nothing, and says how many fitted, when no secret draws on any item', () => {
    const r = recommendSurprises(CATALOGUE, [secret('Collects fountain pens')], ctx())
    expect(r.suggestions).toEqual([])
    expect(r.unmatched).toBe(6)
  })
})

describe('what a secret avoids', () => {
  it('never suggests wine to someone who quit drinking, and says why', () => {
    const r = recommendSurprises(
      CATALOGUE,
      [secret('Quit drinking last year'), secret('Reads every night')],
      ctx(),
    )
    expect(r.suggestions.map((s) => s.item.id)).toEqual(['books'])
    const wine = r.excluded.find((e) => e.item.id === 'wine')!
    expect(wine.failed).toEqual([
      {
        constraint: 'against_a_secret',
        message: "Goes against 'Quit drinking last year' — wine (“drinking”).",
      },
    ])
  })

  it('keeps the wanted half of a mixed secret: hates golf but loves reading', () => {
    const r = recommendSurprises(
      CATALOGUE,
      [secret('Hates golf but loves reading thrillers')],
      ctx({ hoursLeft: 60 }),
    )
    expect(r.suggestions.map((s) => s.item.id)).toEqual(['books'])
    expect(r.excluded.find((e) => e.item.id === 'golf')?.failed[0]?.constraint).toBe('against_a_secret')
    // hating golf says nothing against hockey
    expect(r.excluded.find((e) => e.item.id === 'hockey')).toBeUndefined()
  })

  it('reads a double negative as wanting it: "can’t live without his espresso"', () => {
    expect(topOf(["Can't get through the afternoon without his espresso"])[0]).toBe('coffee')
    expect(topOf(['Never misses a Leafs game'])[0]).toBe('hockey')
  })

  it('reads a pain point as what to spare them: "hates waiting"', () => {
    expect(topOf(['Hates waiting, always rushing between meetings'])[0]).toBe('priority')
  })
})

describe('the hard limits', () => {
  it('never suggests what is over the cap, too slow, already given or not allowed; lists each with the reason', () => {
    const r = recommendSurprises(CATALOGUE, [secret('Wine lover'), secret('Plays golf every Sunday')], {
      budget: 100,
      hoursLeft: 24,
      alreadyGiven: ['wine'],
      allowedKinds: ['gift', 'upgrade'],
      now: NOW,
    })
    expect(r.suggestions.map((s) => s.item.id)).toEqual([])
    const failed = Object.fromEntries(r.excluded.map((e) => [e.item.id, e.failed.map((f) => f.constraint)]))
    expect(failed.wine).toEqual(['already_given'])
    expect(failed.golf).toEqual(['too_slow'])
    expect(failed.tasting).toEqual(['over_budget', 'too_slow', 'kind_not_allowed'])
    expect(r.excluded.find((e) => e.item.id === 'golf')!.failed[0]!.message).toBe(
      'Needs 48 h; 24 h are left on the clock.',
    )
  })

  it('takes an item exactly at the cap and exactly on time', () => {
    const r = recommendSurprises(
      CATALOGUE,
      [secret('Only drinks Pinot Noir')],
      ctx({ budget: 45, hoursLeft: 4 }),
    )
    expect(r.suggestions[0]).toMatchObject({ item: { id: 'wine' }, leftover: 0, spareHours: 0 })
  })

  it('once the clock has run out, offers the best late act, said to be late, with the apology to make now', () => {
    const r = recommendSurprises(
      [
        ...CATALOGUE,
        { id: 'espresso-machine', title: 'Espresso machine', cost: 80, leadTimeHours: 48, tags: ['coffee'] },
      ],
      [secret('Drinks espresso all day')],
      ctx({ hoursLeft: -2 }),
    )
    expect(r.suggestions.map((s) => [s.item.id, s.late])).toEqual([['coffee', true]])
    expect(r.late).toMatchObject({ hoursOver: 2, withinHours: LATE_WINDOW_HOURS })
    expect(r.late!.advice).toContain('Apologise now')
    expect(r.late!.mention?.text).toBe('Drinks espresso all day')
    // what cannot be ready within the next hours is still ruled out, with the reason
    expect(r.excluded.find((e) => e.item.id === 'espresso-machine')!.failed[0]!.message).toBe(
      `Needs 48 h: the clock has run out, and even a late act should come within ${LATE_WINDOW_HOURS} h.`,
    )
    // in time, nothing is late
    const inTime = recommendSurprises(CATALOGUE, [secret('Drinks espresso all day')], ctx({ hoursLeft: 5 }))
    expect(inTime.late).toBeNull()
    expect(inTime.suggestions.every((s) => !s.late)).toBe(true)
  })

  it('after a breach with nothing ready in time, still says how to apologise, made personal', () => {
    const r = recommendSurprises(
      [{ id: 'slow', title: 'Espresso machine', cost: 80, leadTimeHours: 48, tags: ['coffee'] }],
      [secret('Drinks espresso all day')],
      ctx({ hoursLeft: 0 }),
    )
    expect(r.suggestions).toEqual([])
    expect(r.late!.advice).toContain("'Drinks espresso all day'")
  })

  it('holds for any catalogue, secrets and limits (property)', () => {
    const words = [
      'wine',
      'coffee',
      'golf',
      'hockey',
      'books',
      'tea',
      'garden',
      'dog',
      'jazz',
      'spa',
      'beans',
    ]
    const arbItem = fc.record({
      id: fc.uuid(),
      title: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
      tags: fc.array(fc.constantFrom(...words), { maxLength: 3 }),
      cost: fc.integer({ min: 0, max: 500 }),
      leadTimeHours: fc.integer({ min: 0, max: 100 }),
      kind: fc.constantFrom('gift', 'experience', 'upgrade', 'donation'),
    })
    fc.assert(
      fc.property(
        fc.array(arbItem, { minLength: 1, maxLength: 15 }),
        fc.array(
          fc.array(fc.constantFrom(...words, 'hates', 'never', 'loves'), { minLength: 1, maxLength: 5 }),
        ),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: -5, max: 72 }),
        fc.subarray(['gift', 'experience', 'upgrade', 'donation']),
        (items, texts, budget, hoursLeft, kinds) => {
          const given = items.filter((_, i) => i % 3 === 0).map((i) => i.id)
          const r = recommendSurprises(
            items,
            texts.map((t, i) => secret(t.join(' '), { id: `s${i}` })),
            { budget, hoursLeft, alreadyGiven: given, allowedKinds: kinds, now: NOW },
          )
          for (const s of r.suggestions) {
            expect(s.item.cost).toBeLessThanOrEqual(budget)
            // a late act only once the clock has run out, and only what can be ready within hours
            expect(s.item.leadTimeHours).toBeLessThanOrEqual(hoursLeft > 0 ? hoursLeft : LATE_WINDOW_HOURS)
            expect(s.late).toBe(hoursLeft <= 0)
            expect(given).not.toContain(s.item.id)
            expect(kinds).toContain(s.item.kind)
            expect(s.drawsOn.length).toBeGreaterThan(0)
          }
          expect(r.suggestions.length + r.excluded.length + r.unmatched + r.excludedUnrelated).toBe(
            items.length,
          )
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('how much a secret counts', () => {
  it('trusts what was heard, lately, over what was second-hand and long ago', () => {
    const r = recommendSurprises(
      CATALOGUE,
      [
        secret('Loves a good espresso', {
          certainty: 'second_hand',
          lastConfirmedAt: new Date(NOW.getTime() - 700 * DAY),
        }),
        secret('Reads a novel every week', {
          certainty: 'heard',
          lastConfirmedAt: new Date(NOW.getTime() - 10 * DAY),
        }),
      ],
      ctx(),
    )
    expect(r.suggestions.map((s) => s.item.id)).toEqual(['books', 'coffee'])
  })

  it('weighs the affected person’s own secrets over a colleague’s', () => {
    const r = recommendSurprises(
      CATALOGUE,
      [
        secret('Loves a good espresso', { personId: 'colleague' }),
        secret('Reads a novel every week', { personId: 'grace' }),
      ],
      ctx({ personId: 'grace' }),
    )
    expect(r.suggestions[0]?.item.id).toBe('books')
  })

  it('keeps a taste fresh for three months, then lets it fade, never below 0.4', () => {
    expect(recencyWeight(null)).toBe(1)
    expect(recencyWeight(80)).toBe(1)
    expect(recencyWeight(365)).toBeGreaterThan(0.55)
    expect(recencyWeight(365)).toBeLessThan(0.65)
    expect(recencyWeight(5000)).toBe(0.4)
  })
})

describe('every suggestion says why', () => {
  it("names the secret, how sure and how recent, and what links it: 'roasts his own beans' (heard, 3 weeks ago) — coffee", () => {
    const r = recommendSurprises(
      CATALOGUE,
      [secret('roasts his own beans', { lastConfirmedAt: new Date(NOW.getTime() - 21 * DAY) })],
      ctx(),
    )
    // the interest both speak to, and the secret's words that said so
    expect(r.suggestions[0]?.reason).toBe(
      "draws on: 'roasts his own beans' (heard, 3 weeks ago) — coffee (“roasts”, “beans”)",
    )
    expect(r.suggestions[0]?.drawsOn[0]?.links).toEqual([{ meaning: 'coffee', words: ['roasts', 'beans'] }])
    expect(
      describeDrawn({
        secretId: 'x',
        text: 'Only drinks Pinot Noir',
        category: 'bias',
        certainty: 'second_hand',
        ageDays: 400,
        personName: null,
        because: ['wine'],
        links: [{ meaning: 'wine', words: ['Pinot Noir'] }],
        relevance: 0.9,
      }),
    ).toBe("'Only drinks Pinot Noir' (second-hand, 13 months ago) — wine")
  })
})

describe('the words of a secret', () => {
  it('stems the way Porter does', () => {
    expect(['roasts', 'roasted', 'roasting', 'flowers', 'gardening', 'hockey', 'caresses'].map(stem)).toEqual(
      ['roast', 'roast', 'roast', 'flower', 'garden', 'hockei', 'caress'],
    )
  })

  it('marks what sits under a negation, up to the next "but"', () => {
    const marked = (t: string) => wordsOf(t).map((w) => (w.negated ? `!${w.surface}` : w.surface))
    expect(marked("Doesn't drink red wine but loves craft beer")).toEqual([
      '!drink',
      '!red',
      '!wine',
      'craft',
      'beer',
    ])
    expect(marked('Allergic to nuts and shellfish')).toEqual(['!nuts', '!shellfish'])
    expect(marked('Quit his job to open a bakery')).toEqual(['!job', '!open', 'bakery'])
    expect(marked('Never misses a Leafs game')).toEqual(['leafs', 'game'])
    expect(marked('Prefers alcohol-free beer')).toEqual(['prefers', '!alcohol', 'beer'])
  })
})

describe('a reason holds: it cites only what the secret says about the item', () => {
  // WordNet as the demo met it: "favourite" is also a pet, knitting is a handicraft and so an art
  const fakeWordNet: ConceptExpander = {
    expand: async (text: string) =>
      (
        ({
          favorite: 'favourite darling pet',
          favourite: 'favourite darling pet',
          cheeseburgers: 'hamburger sandwich snack food',
          knitting: 'needlework handicraft art',
          passion: 'warmth feeling desire',
        }) as Record<string, string>
      )[text.toLowerCase()] ?? '',
  }
  const withWords = async (text: string) =>
    secret(text, {
      concepts: 'favourite darling pet hamburger sandwich needlework handicraft art',
      wordConcepts: await conceptsByWord(fakeWordNet, text),
    })
  const DEMO = [
    item('dog', 'Dog treat hamper and a reflective leash', ['dog', 'pets'], 40, 4),
    item('truffles', 'Handmade dark chocolate truffles', ['chocolate', 'sweets'], 30, 3),
    item('burger', 'Gift card for the best burger joint in town', ['burgers', 'restaurant'], 40, 1),
    item('gallery', 'Annual gallery membership', ['art', 'gallery'], 95, 2),
    item('yarn', 'Hand-dyed merino yarn bundle', ['knitting', 'yarn', 'crafts'], 45, 4),
  ]

  it('reads no concepts from a stop word, and keeps the lexicon’s sense of a word it knows', async () => {
    const words = await conceptsByWord(
      fakeWordNet,
      'Cheeseburgers are their favorite food. Knitting is their passion.',
    )
    // "cheeseburgers" and "knitting" are the lexicon's (burgers, crafts): only "passion" is WordNet's to read
    expect(words.map((w) => w.words)).toEqual(['passion'])
  })

  it('never cites "Cheeseburgers are their favorite food." for a dog hamper, nor for every food', async () => {
    const r = recommendSurprises(DEMO, [await withWords('Cheeseburgers are their favorite food.')], ctx())
    expect(r.suggestions.map((s) => s.item.id)).toEqual(['burger'])
    expect(r.suggestions[0]!.reason).toContain('“cheeseburgers”')
  })

  it('finds yarn for "Knitting is their passion", not a gallery membership', async () => {
    const r = recommendSurprises(DEMO, [await withWords('Knitting is their passion.')], ctx())
    expect(r.suggestions.map((s) => s.item.id)).toEqual(['yarn'])
    expect(r.suggestions[0]!.drawsOn[0]!.links[0]).toEqual({ meaning: 'crafts', words: ['knitting'] })
  })

  it('does not present items that rest on one secret alone, through the same link, as strong fits', () => {
    const causes = [
      item('shelter', 'Donation to the local animal shelter', ['charity', 'animal shelter'], 50, 1),
      item('foodbank', 'Donation to the food bank in their name', ['charity', 'food bank'], 50, 1),
      item('rescue', 'Donation to the mountain rescue team', ['charity'], 50, 1),
    ]
    const r = recommendSurprises(causes, [secret('Volunteers at a soup kitchen.')], ctx())
    // the cause it names comes first; the rest rest on "volunteers" alone
    expect(r.suggestions[0]!.item.id).toBe('foodbank')
    const rest = r.suggestions.slice(1)
    expect(rest.length).toBeGreaterThan(0)
    expect(rest.every((s) => s.fit !== 'strong' && s.score < r.suggestions[0]!.score)).toBe(true)
    // with nothing in the secret to choose between them, none is strong: the first is fair, the
    // others weak, shown lower, and saying why
    const only = recommendSurprises(causes, [secret('Volunteers every weekend')], ctx())
    expect(only.suggestions.map((s) => s.fit)).toEqual(['fair', 'weak', 'weak'])
    expect(only.suggestions[1]!.fitNote).toContain('One of 3 items that rest on the same secret alone')
    expect(only.suggestions[1]!.score).toBeLessThan(only.suggestions[0]!.score * 0.9)
  })

  it('never suggests wine to someone sober, whatever else the secrets say', () => {
    const r = recommendSurprises(
      CATALOGUE,
      [secret('Has been sober for six years'), secret('Her husband is the wine lover')],
      ctx(),
    )
    expect(r.suggestions.map((s) => s.item.id)).not.toContain('wine')
    expect(r.excluded.find((e) => e.item.id === 'wine')?.failed.map((f) => f.constraint)).toContain(
      'against_a_secret',
    )
  })
})
