import { contentStems, type NotesContext, proposeSecrets, sameFact } from './notes-to-secrets.ts'
import { BUILTIN_CATEGORIES } from './taxonomy.ts'

/** One conversation of the evaluation set: the notes, and each side's facts. */
export interface NotesEvalConversation {
  notes: string
  /** the customer's own facts (what should be found) */
  customerFacts: string[]
  /** the salesperson's facts (what must not be attributed to the customer) */
  ourFacts: string[]
  /** the salesperson's speaker label in the notes */
  ourSpeaker: string
}

export interface NotesEvalFigures {
  conversations: number
  facts: number
  proposals: number
  recall: number
  precision: number
  misattributed: number
}

const round = (x: number) => Math.round(x * 1000) / 1000

/**
 * How well notes become secrets (issue 13, part 6): a proposal and a fact match when they share at
 * least half of the fact's content words and at least half of the proposal's (stemmed, stop words
 * out). Recall: the customer's facts some proposal matches; precision: proposals matching one of
 * the customer's facts; misattributed: proposals matching only one of the salesperson's.
 */
export const evaluateNotes = (
  set: readonly NotesEvalConversation[],
  extract: (c: NotesEvalConversation) => string[] = (c) =>
    proposeSecrets(c.notes, evalContext(c.ourSpeaker)).map((p) => p.text),
): NotesEvalFigures & { perConversation: Array<{ found: number; right: number; wrong: string[] }> } => {
  let facts = 0
  let found = 0
  let proposals = 0
  let right = 0
  let misattributed = 0
  const perConversation: Array<{ found: number; right: number; wrong: string[] }> = []
  for (const c of set) {
    const theirs = c.customerFacts.map(contentStems)
    const ours = c.ourFacts.map(contentStems)
    const proposed = extract(c)
    const words = proposed.map(contentStems)
    let f = 0
    for (const fact of theirs) if (words.some((p) => sameFact(fact, p))) f++
    let r = 0
    const wrong: string[] = []
    words.forEach((p, i) => {
      if (theirs.some((fact) => sameFact(fact, p))) r++
      else {
        wrong.push(proposed[i]!)
        if (ours.some((fact) => sameFact(fact, p))) misattributed++
      }
    })
    facts += theirs.length
    found += f
    proposals += words.length
    right += r
    perConversation.push({ found: f, right: r, wrong })
  }
  return {
    conversations: set.length,
    facts,
    proposals,
    recall: round(facts ? found / facts : 0),
    precision: round(proposals ? right / proposals : 0),
    misattributed: round(proposals ? misattributed / proposals : 0),
    perConversation,
  }
}

/**
 * The recall no extractor of what was said can pass: the share of the customer's facts whose
 * content words are at least half heard in one of the customer's own turns. Synthetic-Persona-Chat
 * leaves many persona lines unsaid ("I had a transplant" never comes up), so recall is read against it.
 */
export const heardCeiling = (set: readonly NotesEvalConversation[], customer = 'User 2'): number => {
  let facts = 0
  let heard = 0
  for (const c of set) {
    const turns = c.notes
      .split(/\r?\n/)
      .filter((l) => l.startsWith(`${customer}:`))
      .map((l) => contentStems(l.slice(customer.length + 1)))
    for (const fact of c.customerFacts.map(contentStems)) {
      facts++
      if (fact.size && turns.some((t) => [...fact].filter((w) => t.has(w)).length * 2 >= fact.size)) heard++
    }
  }
  return round(facts ? heard / facts : 0)
}

/** The context of an evaluation conversation: no people, nothing known, the built-in categories. */
export const evalContext = (ourSpeaker: string): NotesContext => ({
  people: [],
  known: [],
  ours: [ourSpeaker],
  categories: BUILTIN_CATEGORIES,
  customerKind: 'person',
})

/** The naive extractor the issue compares against: every first-person clause of the customer, as said. */
export const naiveExtract = (c: NotesEvalConversation): string[] =>
  c.notes
    .split(/\r?\n/)
    .filter((l) => l.startsWith('User 2:'))
    .flatMap((l) => l.slice(7).split(/(?<=[.!?])\s+|,\s*/))
    .map((s) => s.trim())
    .filter((s) => /^(?:i|i'm|i've|i'd|my)\b/i.test(s))
