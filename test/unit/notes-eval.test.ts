import { describe, expect, it } from 'vitest'
import { readPersonaChat } from '../../src/cli/eval-notes.ts'
import { evaluateNotes, heardCeiling, naiveExtract } from '../../src/domain/secrets/notes-eval.ts'

// the valid split (the one tuned on), shipped gzipped with its SOURCE.txt
const VALID = 'test/data/persona-chat/Synthetic-Persona-Chat_valid.csv.gz'

describe('eval notes over Synthetic-Persona-Chat', () => {
  it('finds more of the customer’s facts, more precisely, than the naive extractor', async () => {
    const set = await readPersonaChat(VALID)
    const real = evaluateNotes(set)
    const naive = evaluateNotes(set, naiveExtract)
    expect(real.conversations).toBe(1000)
    expect(real.facts).toBe(naive.facts)
    // floors a little under what it measured when written, so a regression shows
    expect(real.recall).toBeGreaterThanOrEqual(0.36)
    expect(real.precision).toBeGreaterThanOrEqual(0.28)
    expect(real.misattributed).toBeLessThanOrEqual(0.055)
    expect(real.recall).toBeGreaterThan(naive.recall)
    expect(real.precision).toBeGreaterThan(naive.precision)
  }, 60_000)

  it('scores by the issue’s rule: half of the fact’s words and half of the proposal’s', () => {
    const c = {
      notes: '',
      customerFacts: ['I have a turtle named timothy.', 'I live in Leeds.'],
      ourFacts: ['I run a dog obedience school.'],
      ourSpeaker: 'User 1',
    }
    const out = evaluateNotes([c], () => ['Has a turtle', 'Runs a dog school', 'Likes rain'])
    expect(out).toMatchObject({ facts: 2, proposals: 3, recall: 0.5, precision: 0.333, misattributed: 0.333 })
  })

  it('reads the ceiling as the facts at least half heard in one of the customer’s turns', () => {
    const c = {
      notes: 'User 1: Pets?\nUser 2: I have a turtle.\nUser 1: I live in Leeds.',
      customerFacts: ['I have a turtle named timothy.', 'I live in Leeds.', 'I had a transplant.'],
      ourFacts: [],
      ourSpeaker: 'User 1',
    }
    // the turtle is heard in their turn; Leeds only in ours; the transplant never
    expect(heardCeiling([c])).toBe(0.333)
  })

  it('refuses a file that is not in the format, saying which columns it expects', async () => {
    await expect(readPersonaChat('test/data/cfpb-complaints/SOURCE.txt')).rejects.toThrow(/columns/)
  })
})
