import { describe, expect, it } from 'vitest'
import {
  contentStems,
  type NotesContext,
  proposeSecrets,
  sameFact,
  thirdPerson,
  turnsOf,
} from './notes-to-secrets.ts'
import { BUILTIN_CATEGORIES } from './taxonomy.ts'

const ctx = (over: Partial<NotesContext> = {}): NotesContext => ({
  people: [],
  known: [],
  ours: ['Maya'],
  categories: BUILTIN_CATEGORIES,
  customerKind: 'organisation',
  ...over,
})

describe('notes → secrets', () => {
  it('reads a transcript turn by turn, a line without a label continuing the turn', () => {
    expect(turnsOf('Maya: Hello there\nJane: Hi. I love hiking\nand baking\nMaya: Great')).toEqual([
      { speaker: 'Maya', text: 'Hello there' },
      { speaker: 'Jane', text: 'Hi. I love hiking and baking' },
      { speaker: 'Maya', text: 'Great' },
    ])
    expect(turnsOf('Met Jane: she loves hiking.')).toEqual([
      { speaker: null, text: 'Met Jane: she loves hiking.' },
    ])
  })

  it('turns the customer’s first-person clauses into third-person facts and leaves the salesperson out', () => {
    const out = proposeSecrets(
      'Maya: I love golf and I have two cats.\nJane: I love hiking. My favorite season is autumn.\nMaya: Nice!',
      ctx(),
    )
    expect(out.map((p) => p.text)).toEqual(['Loves hiking', 'Favorite season is autumn'])
    expect(out.every((p) => p.speaker === 'Jane')).toBe(true)
  })

  it('conjugates the verb for the third person', () => {
    expect(['go', 'watch', 'try', 'play', 'fix', 'love'].map(thirdPerson)).toEqual([
      'goes',
      'watches',
      'tries',
      'plays',
      'fixes',
      'loves',
    ])
    const texts = proposeSecrets(
      "User 1: Hi\nUser 2: I'm a teacher. I've got three dogs. I go to the gym every morning. I grew up in Ohio. I used to be a nurse.",
      ctx({ ours: ['User 1'] }),
    ).map((p) => p.text)
    expect(texts).toEqual([
      'Is a teacher',
      'Has three dogs',
      'Goes to the gym every morning',
      'Grew up in Ohio',
      'Used to be a nurse',
    ])
  })

  it('splits a list after one verb into one fact each, and a second clause with its own subject', () => {
    const texts = proposeSecrets(
      'User 1: So?\nUser 2: I like to grow tomatoes, play ultimate frisbee, and bake bread, and I live in Leeds.',
      ctx({ ours: ['User 1'] }),
    ).map((p) => p.text)
    expect(texts).toEqual([
      'Likes to grow tomatoes',
      'Likes to play ultimate frisbee',
      'Likes to bake bread',
      'Lives in Leeds',
    ])
  })

  it('lends a list’s later items the first one’s verb or phrase, and keeps "only" as said', () => {
    const texts = (notes: string) => proposeSecrets(notes, ctx({ ours: ['User 1'] })).map((p) => p.text)
    expect(texts('User 1: So?\nUser 2: I like to play the violin and the guitar.')).toEqual([
      'Likes to play the violin',
      'Likes to play the guitar',
    ])
    expect(texts('User 1: Books?\nUser 2: I am fond of mystery and suspense novels.')).toEqual([
      'Is fond of mystery',
      'Is fond of suspense novels',
    ])
    expect(
      texts('User 1: Food?\nUser 2: I only eat kosher. I sometimes cook Thai. I never eat pork.'),
    ).toEqual(['Only eats kosher', 'Sometimes cooks Thai', 'Never eats pork'])
  })

  it('leaves out a fact that rests on "it" or "them", said of something named before', () => {
    expect(
      proposeSecrets(
        'User 1: I love sushi.\nUser 2: I eat it every week. I have two cats.',
        ctx({ ours: ['User 1'] }),
      ).map((p) => p.text),
    ).toEqual(['Has two cats'])
  })

  it('leaves out questions, pleasantries, what might be and talk about the other person', () => {
    const out = proposeSecrets(
      "User 1: I run a dog school.\nUser 2: That's great! I'm glad we met. I think that's cool. Do you like dogs? I'd love to try it. I might go. I hope you enjoy it. I love your idea.",
      ctx({ ours: ['User 1'] }),
    )
    expect(out).toEqual([])
  })

  it('reads plain notes for the customer’s people, our own remarks left out', () => {
    const people = [
      { id: 'p1', name: 'Jane Doe' },
      { id: 'p2', name: 'Tom Hill' },
      { id: 'p1', name: 'Emma', family: { kind: 'child', of: 'p1' } },
    ]
    const out = proposeSecrets(
      'Met Jane at the fair. I showed her the new catalogue. She loves hiking in the Alps. Tom plays the cello. Emma starts university in September.',
      ctx({ people }),
    )
    expect(out.map((p) => [p.text, p.personId, p.aboutName])).toEqual([
      ['Met Jane at the fair', 'p1', 'Jane Doe'],
      ['Loves hiking in the Alps', 'p1', 'Jane Doe'],
      ['Tom plays the cello', 'p2', 'Tom Hill'],
      ['Emma starts university in September', 'p1', 'Emma'],
    ])
  })

  it('matches a transcript speaker to the customer’s person by first name', () => {
    const out = proposeSecrets(
      'Maya: Hi Jane\nJane: I collect vintage maps.',
      ctx({ people: [{ id: 'p1', name: 'Jane Doe' }] }),
    )
    expect(out).toMatchObject([{ text: 'Collects vintage maps', personId: 'p1', aboutName: 'Jane Doe' }])
  })

  it('suggests a category and a layer, and flags what is already known', () => {
    const out = proposeSecrets(
      'Maya: Hi\nJane: I am afraid of flying. I need a supplier who can deliver by Friday. My daughter plays the violin.',
      ctx({ customerKind: 'person', known: [{ id: 's1', text: 'Her daughter plays violin at school' }] }),
    )
    const fear = out.find((p) => p.text === 'Is afraid of flying')
    expect(fear?.category).toBe('fear')
    expect(fear?.layer).toBe('secret')
    expect(out.find((p) => p.text.startsWith('Needs'))?.layer).toBe('need')
    expect(out.find((p) => p.text.startsWith('Daughter'))?.duplicateOf).toBe('s1')
    expect(fear?.duplicateOf).toBeNull()
  })

  it('leaves out an unasked echo of what we said, opinions, and clauses of nothing but empty words', () => {
    const texts = (notes: string) => proposeSecrets(notes, ctx({ ours: ['A'] })).map((p) => p.text)
    expect(texts('A: I love sailing.\nB: I love sailing too! I keep bees.')).toEqual(['Keeps bees'])
    // asked, the same words are an answer
    expect(texts('A: I love sailing. Do you sail?\nB: I love sailing too.')).toEqual(['Loves sailing too'])
    expect(
      texts('A: Hi\nB: I feel that golf is boring. I love meeting new people. I like to keep busy.'),
    ).toEqual([])
  })

  it('reads a word or two answering "what is your favourite …?" as the fact', () => {
    const texts = proposeSecrets(
      "A: What's your favorite color?\nB: Orange! It's so bright.",
      ctx({ ours: ['A'] }),
    ).map((p) => p.text)
    expect(texts).toEqual(['Favorite color is Orange'])
  })

  it('proposes a repeated fact once', () => {
    const out = proposeSecrets(
      'A: hi\nB: I love hiking.\nA: Really?\nB: Yes, I love hiking so much.',
      ctx({ ours: ['A'] }),
    )
    expect(out.map((p) => p.text)).toEqual(['Loves hiking'])
  })

  it('matches facts when each shares at least half of the other’s content words', () => {
    expect(sameFact(contentStems('I have a turtle named Timothy'), contentStems('Has a turtle'))).toBe(true)
    expect(
      sameFact(contentStems('I have a turtle'), contentStems('Has a turtle, a dog, a cat and a parrot')),
    ).toBe(false)
    expect(sameFact(contentStems('the'), contentStems('the'))).toBe(false)
  })
})
