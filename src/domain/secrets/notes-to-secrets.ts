import { stemsOf } from '../meaning/words.ts'
import type { SecretCategory } from './taxonomy.ts'
import { type Layer, suggestCategory } from './taxonomy.ts'

/** One of the customer's people, or a member of their family, as the notes may name them. */
export interface NotesPerson {
  /** the customer_person id, or null for the customer's own family */
  id: string | null
  name: string
  /** set for family: "spouse", "child" …, and whose (the person's id) */
  family?: { kind: string; of: string | null } | undefined
}

/** What reading notes needs to know besides the notes. */
export interface NotesContext {
  /** the customer's people and family, matched by name */
  people: readonly NotesPerson[]
  /** what is already known, so a repeat is flagged rather than recorded twice */
  known: ReadonlyArray<{ id: string; text: string }>
  /** who speaks for us in a transcript (the salesperson's name, "Me", "User 1" …): left out */
  ours: readonly string[]
  categories: readonly SecretCategory[]
  /** whether the customer itself is a person or an organisation (for category scope) */
  customerKind: 'person' | 'organisation'
}

/** A candidate secret read from notes: one fact, whom it is about, where it would be filed. */
export interface SecretProposal {
  /** the fact in third person ("Loves hiking") */
  text: string
  /** the words as they were heard */
  heard: string
  /** the transcript's speaker label, when the notes were a transcript */
  speaker: string | null
  /** one of the customer's people (their customer_person id), or null for the customer itself */
  personId: string | null
  /** the name the fact is about, as known to us (a person or a family member), or null */
  aboutName: string | null
  category: string | null
  layer: Layer
  /** an already-known secret with the same content words, or null */
  duplicateOf: string | null
}

/** A line "Name: words" of a transcript; the label is at most four words. */
const SPEAKER_LINE = /^\s*([A-Za-z][\w.'’-]*(?:\s+[\w.'’-]+){0,3})\s*:\s+(\S.*)$/

export interface Turn {
  speaker: string | null
  text: string
}

/**
 * The notes as turns: a transcript ("User 1: …", "Maya: …" on two or more lines by two or more
 * speakers) turn by turn, a line without a label continuing the turn before; other notes as one
 * turn with no speaker.
 */
export const turnsOf = (notes: string): Turn[] => {
  const lines = notes.split(/\r?\n/)
  const labelled = lines.map((l) => SPEAKER_LINE.exec(l))
  const speakers = new Set(labelled.filter(Boolean).map((m) => m![1]!.trim().toLowerCase()))
  const count = labelled.filter(Boolean).length
  if (count < 2 || speakers.size < 2) return [{ speaker: null, text: notes }]
  const turns: Turn[] = []
  lines.forEach((line, i) => {
    const m = labelled[i]
    if (m) turns.push({ speaker: m[1]!.trim(), text: m[2]! })
    else if (line.trim() && turns.length) turns[turns.length - 1]!.text += ` ${line.trim()}`
    else if (line.trim()) turns.push({ speaker: null, text: line.trim() })
  })
  return turns
}

/** Sentences of a text; questions are asked, not told, so they are left out. */
const sentencesOf = (text: string): string[] =>
  text
    .replace(/\[[^\]]*\]/g, ' ')
    .split(/(?<=[.!?…])\s+|\n+|\s+[-–—]\s+/)
    .map((s) => s.trim())
    .filter((s) => s && !s.endsWith('?'))

const FIRST = `(?:i|i'm|i’m|i've|i’ve|i'd|i’d|i'll|i’ll|my|we|we're|we’re|we've|we’ve|our)`
const THIRD = `(?:he|she|he's|she's|his|her|they|their)`
/**
 * Where a sentence holds a second clause with its own subject: "…, and I have two cats". A clause
 * opened by "when" or "if" is a circumstance, not a fact: it is split off and dropped.
 */
const clauseBreak = (subject: string) =>
  new RegExp(
    String.raw`\s*(?:[,;]\s*(?:and|but|so|because|since|although|though|while|plus)?|\s(?:and|but|so|because|since|although|though|while|plus))\s*(?=${subject}\b)|\s*;\s*|\s+(?=(?:when|if|whenever|unless) ${subject}\b)`,
    'i',
  )

/** Words before the subject that carry nothing: "Oh, yes, I love it". */
const OPENER =
  /^(?:(?:yes|yeah|yep|no|nope|oh|ah|well|wow|actually|haha|ha|sure|ok|okay|cool|great|nice|really|hi|hello|hey|and|but|so|also|um|uh|honestly|totally|definitely|absolutely|of course|me too|same here|right|true|that's right|indeed|awesome|thanks|thank you|interesting)\b[\s,!.]*)+/i

/** First-person openings that are the talk itself, not a fact about the speaker. */
const TALK =
  /^i(?:'m| am)?\s*(?:really\s+|just\s+|so\s+|also\s+)*(?:think|thought|guess|agree|know|knew|see|understand|mean|bet|suppose|believe|wonder|imagine|hope (?:you|we|so|that|it|to see|to hear)|wish you|promise|appreciate|recommend|remember when|can imagine|can't imagine|can see|can tell|could|would|should|will|'ll|’ll|'d (?:love|like) (?:that|to (?:hear|see|try|meet|talk|go|hang|check|learn|get|visit|join|come))|have to (?:go|say|admit|try|see|check)|gotta|need to go|must say|must admit|was (?:just )?(?:wondering|going|thinking|about|saying)|have(?:n't| not) (?:heard|met|seen|tried|thought)|'ve never (?:heard|met|seen|thought|tried|been to)|’ve never (?:heard|met|seen|thought|tried)|never (?:heard|met|thought)|'ve heard|’ve heard|'ve been (?:good|great|well|fine|doing)|(?:'m|am) (?:sure|glad|sorry|happy to|so happy|not sure|fine|good|great|doing|well|here|ok|okay|afraid (?:i|not|so)|not really|going to (?:have|try|check|look)|always (?:up for|happy to|looking for new)|looking forward to (?:it|that|hearing|talking|meeting|seeing)|excited to (?:hear|see|meet|try)|interested in (?:hearing|learning more about you)|impressed|jealous|curious|intrigued|so sorry|kidding|joking|just kidding|a little jealous)|love (?:that|it|this|to hear|hearing|the name|your|you)|like (?:that|it|this|the sound|your|you)|like the sound|enjoyed|'ve enjoyed|had a (?:great|good|nice) time|'m glad|hope so|feel (?:the same|like i|you)|totally agree|can relate|can't wait|cannot wait|would love|'d love that|'d like that|definitely will)\b/i

/**
 * First person to third, present tense: "love" → "loves", "go" → "goes", "try" → "tries". English
 * has one rule for it, save "be" and "have" (handled as auxiliaries), so no tagger is needed.
 */
export const thirdPerson = (verb: string): string => {
  const v = verb.toLowerCase()
  if (v === 'do' || v === 'go') return `${v}es`
  if (/(?:s|sh|ch|x|z)$/.test(v)) return `${v}es`
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ies`
  return `${v}s`
}

/** Auxiliaries and their third-person forms, longest first where one starts another. */
const AUX: Array<[RegExp, string]> = [
  [/^i(?:'m|’m| am) not\b/i, 'is not'],
  [/^i(?:'m|’m| am)\b/i, 'is'],
  [/^i(?:'ve|’ve| have) got\b/i, 'has'],
  [/^i(?:'ve|’ve) been\b/i, 'has been'],
  [/^i(?:'ve|’ve)\b/i, 'has'],
  [/^i have\b/i, 'has'],
  [/^i(?:'d|’d| would)\b/i, 'would'],
  [/^i(?:'ll|’ll| will)\b/i, 'will'],
  [/^i (?:do not|don't|don’t)\b/i, 'does not'],
  [/^i (?:did not|didn't|didn’t)\b/i, 'did not'],
  [/^i (?:cannot|can't|can’t)\b/i, 'cannot'],
  [/^i (?:have not|haven't|haven’t)\b/i, 'has not'],
  [/^i (?:was not|wasn't|wasn’t)\b/i, 'was not'],
  [/^i (?:was|were)\b/i, 'was'],
  [
    /^i (?:had|can|could|used to|also|really|just|actually|still|always|usually|never|often|sometimes|rarely|generally|mostly|only|even|do|did)\b/i,
    '',
  ],
]

const ADVERB =
  /^(?:also|really|just|actually|still|absolutely|definitely|totally|kind of|sort of|especially|probably|honestly|personally|recently|currently|mostly|too|even|certainly|truly)\s+/i
const KEEP_ADVERB = /^(?:always|usually|never|often|sometimes|rarely|mostly|generally|only)\s+/i

/** Irregular past forms: they stay as they are ("I grew up in Ohio" → "Grew up in Ohio"). */
const PAST = new Set(
  `was were had went saw grew got took made met won lost ran began left felt kept found gave came
  became knew drove wrote rode flew swam sang broke chose spoke fell sold told held built spent sent
  fought wore read heard led paid put quit set shut split hurt let cut hit beat`.split(/\s+/),
)

/** "i used to …" keeps its words; a bare "I" + verb conjugates the verb. */
const toThirdPerson = (clause: string): string | null => {
  let s = clause.trim()
  if (/^my\b/i.test(s)) return capitalise(pronounsOut(s.replace(/^my\s+/i, '')))
  if (/^our\b/i.test(s)) return capitalise(pronounsOut(s.replace(/^our\s+/i, 'their ')))
  if (/^we(?:'re|’re)\b/i.test(s)) return capitalise(pronounsOut(s.replace(/^we(?:'re|’re)/i, 'they are')))
  if (/^we(?:'ve|’ve)\b/i.test(s)) return capitalise(pronounsOut(s.replace(/^we(?:'ve|’ve)/i, 'they have')))
  if (/^we\b/i.test(s)) return capitalise(pronounsOut(s.replace(/^we/i, 'they')))
  if (!/^i\b|^i['’]/i.test(s)) return null
  for (const [re, to] of AUX) {
    const m = re.exec(s)
    if (!m) continue
    if (to) return capitalise(pronounsOut(`${to}${s.slice(m[0].length)}`))
    // "I can swim", "I used to be", "I also love": keep the word, conjugate what follows when it is a plain verb
    const word = m[0].slice(2).trim()
    if (/^(?:had|can|could|used to|was|did)$/i.test(word)) return capitalise(pronounsOut(s.slice(2)))
    s = `i ${s.slice(m[0].length).trim()}`
    // "I never eat meat" must not become "Eats meat"
    if (KEEP_ADVERB.test(`${word} `)) {
      const rest = toThirdPerson(s)
      return rest ? capitalise(`${word.toLowerCase()} ${rest.charAt(0).toLowerCase()}${rest.slice(1)}`) : null
    }
    return toThirdPerson(s)
  }
  const rest = s.slice(2).trim().replace(ADVERB, '')
  const m = /^([a-z]+)(.*)$/i.exec(rest)
  if (!m) return null
  const verb =
    /(?:[^e]ed|ought|aught)$/i.test(m[1]!) || PAST.has(m[1]!.toLowerCase()) ? m[1]! : thirdPerson(m[1]!)
  return capitalise(pronounsOut(`${verb}${m[2]}`))
}

/** The speaker's own words for themselves, in the third person. */
const pronounsOut = (s: string): string =>
  s
    .replace(/\bmy\b/gi, 'their')
    .replace(/\bmine\b/gi, 'theirs')
    .replace(/\bmyself\b/gi, 'themselves')
    .replace(/\b(?:i'm|i’m)\b/gi, 'they are')
    .replace(/\bi\b/gi, 'they')
    .replace(/\bme\b/gi, 'them')
    .replace(/\s+/g, ' ')
    .replace(/[\s,;:!.…]+$/, '')
    .trim()

const capitalise = (s: string): string => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s)

/** Lists after one verb are several facts: "I like hiking, baking and jazz" → three. */
const LIST_HEAD =
  /^((?:i am|i'm|i’m|i)\s+(?:also\s+|really\s+)?(?:(?:love|like|enjoy|have|hate|play|collect|speak|own|am into|'m into|’m into)\s+(?:to\s+)?)?)(.+)$/i
/** Verbs a listed item may start with: "I'm 100, very strong, feel young" → "I feel young". */
const ITEM_VERB =
  /^(?:love|like|enjoy|have|hate|play|collect|speak|own|feel|remember|live|work|go|spend|watch|read|write|make|cook|bake|run|swim|ride|drive|study|teach|volunteer|travel|listen|sing|dance|paint|draw|grow|keep|take|care|help|use|want|need|hope|plan|try)\b/i
const listItems = (clause: string): string[] => {
  const m = LIST_HEAD.exec(clause)
  if (!m) return [clause]
  const items = m[2]!.split(/\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+/).filter((x) => x.trim())
  if (items.length < 2 || items.some((x) => stemsOf(x).length === 0)) return [clause]
  const head = m[1]!
  // a bare "I" or "I'm" lists only when each item stands as a fact; a verb starts its own clause
  const bare = /^(?:i|i'm|i’m|i am)\s+$/i.test(head)
  if (bare && /^i\s+$/i.test(head)) return [clause]
  // after "to" the items are verbs: only a determiner's phrase lends its verb
  const lead = ((l) => (l && !l.determiner && /\bto\s+$/i.test(head) ? null : l))(sharedLead(items[0]!))
  return items.map((x, i) => {
    // "to play the violin and the guitar": the guitar is played too; "fond of mystery and suspense novels"
    if (i > 0 && lead && (lead.determiner ? DETERMINER.test(x) : !ITEM_VERB.test(x) && !/^\w+ing\b/i.test(x)))
      return `${head}${lead.words}${x}`
    if (ITEM_VERB.test(x) && !/^(?:to\s|\w+ing\b)/i.test(x)) return bare ? `I ${x}` : `${head}${x}`
    if (bare && /^\w+ing\b/i.test(x)) return `I'm ${x}`
    return `${head}${x}`
  })
}

const DETERMINER = /^(?:a|an|the|my|some|their|his|her|our)\b/i
/**
 * What the first item of a list lends the others: its words before its first determiner ("play the
 * violin" → "play "), or, with none, up to its last preposition ("fond of mystery" → "fond of ").
 */
const sharedLead = (first: string): { words: string; determiner: boolean } | null => {
  const d = /^((?:[\w'’-]+\s+)+?)(?=(?:a|an|the|my|some|their|his|her|our)\s)/i.exec(first)
  if (d) return { words: d[1]!, determiner: true }
  const p = /^((?:[\w'’-]+\s+)*?(?:of|in|to|for|with|about|on|at)\s+)\S/i.exec(first)
  return p ? { words: p[1]!, determiner: false } : null
}

/** The content words of a text, as the meaning layer stems them (stop words out). */
export const contentStems = (text: string): Set<string> => new Set(stemsOf(text))

/** Whether two texts say the same thing: each shares at least half of the other's content words. */
export const sameFact = (a: Set<string>, b: Set<string>): boolean => {
  if (a.size === 0 || b.size === 0) return false
  let shared = 0
  for (const w of a) if (b.has(w)) shared++
  return shared * 2 >= a.size && shared * 2 >= b.size
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name

/** The person or family member a clause names, by full or first name. */
const namedIn = (text: string, people: readonly NotesPerson[]): NotesPerson | null => {
  for (const p of people) {
    const names = [p.name, firstName(p.name)].filter((n) => n.length >= 2)
    if (names.some((n) => new RegExp(`\\b${escapeRe(n)}\\b`, 'i').test(text))) return p
  }
  return null
}

const NEED =
  /\b(?:need|needs|require|requires|must have|looking for a (?:supplier|vendor|partner)|budget|deadline|deliver|delivery|invoice|contract|price|pricing|order|stock|supplier)\b/i

/** The clauses of a turn worth proposing, with whom they are about (subject of the clause). */
interface Candidate {
  heard: string
  text: string
  subject: NotesPerson | null
}

/** What might be, or will be, or "we" (in a conversation, often the two talking): not a fact about the speaker. */
const HYPOTHETICAL =
  /^(?:we\b|we['’]|i\s+(?:\w+ly\s+)?(?:might|may|should|must|will|would|could|can|gonna|wanna|need to|have to|got to|get to|try|tried|want to|plan to|am going to|'m going to|’m going to)\b|i['’](?:ll|d)\b|i['’]m (?:going|trying|thinking|planning|hoping) to\b)/i

const MY_FACT =
  /^(?:my|our)\s+(?:[\w'’-]+\s+){0,3}(?:is|are|was|were|has|have|had|lives?|works?|loves?|likes?|died|passed|named|called|\w+s|\w+ed)\b/i

/** A customer's own first-person statements, in the third person. */
const firstPersonFacts = (text: string, people: readonly NotesPerson[]): Candidate[] => {
  const out: Candidate[] = []
  for (const sentence of sentencesOf(text)) {
    for (let clause of sentence.split(clauseBreak(FIRST))) {
      clause = clause.replace(OPENER, '').replace(/^[\s,;:!.-]+/, '')
      // the customer speaking of one of their own people by name: "Leo starts university in September"
      const named = namedIn(clause, people)
      if (named && new RegExp(`^${escapeRe(firstName(named.name))}\\b`, 'i').test(clause)) {
        const fact = capitalise(pronounsOut(clause))
        if (stemsOf(fact).length > 0) out.push({ heard: clause.trim(), text: fact, subject: named })
        continue
      }
      if (!new RegExp(`^${FIRST}\\b`, 'i').test(clause) || TALK.test(clause)) continue
      // "my friends" alone is a fragment: a clause about "my …" says something of it
      if (/^(?:my|our)\b/i.test(clause) && !MY_FACT.test(clause)) continue
      if (/\b(?:you|your|yours)\b/i.test(clause) || HYPOTHETICAL.test(clause)) continue
      for (const item of listItems(clause)) {
        const fact = toThirdPerson(item)
        if (fact && stemsOf(fact).length > 0) out.push({ heard: clause.trim(), text: fact, subject: null })
      }
    }
  }
  return out
}

/** Notes written about the customer: "She loves hiking", "Tom's daughter Emma rides horses". */
const thirdPersonFacts = (text: string, people: readonly NotesPerson[]): Candidate[] => {
  const out: Candidate[] = []
  let last: NotesPerson | null = null
  for (const sentence of sentencesOf(text)) {
    for (let clause of sentence.split(clauseBreak(THIRD))) {
      clause = clause
        .replace(OPENER, '')
        .replace(/^[\s,;:!.-]+/, '')
        .replace(/[\s,;:!.…]+$/, '')
      if (!clause) continue
      const named = namedIn(clause, people)
      if (named) last = named
      // our own remarks in the notes ("I showed her the catalogue") are ours, not the customer's
      if (new RegExp(`^${FIRST}\\b`, 'i').test(clause)) continue
      const subjectFirst = named && new RegExp(`^${escapeRe(firstName(named.name))}\\b`, 'i').test(clause)
      if (!subjectFirst && !new RegExp(`^${THIRD}\\b`, 'i').test(clause) && !named) continue
      const fact = capitalise(
        clause
          .replace(/^(?:he|she|they)\s+(?:is|'s|’s|are)\b/i, 'is')
          .replace(/^(?:he|she|they)\s+(?:has|have)\b/i, 'has')
          .replace(/^(?:he|she|they)\s+/i, '')
          .replace(/^(?:his|her|their)\s+/i, ''),
      )
      if (stemsOf(fact).length > 0) out.push({ heard: clause, text: fact, subject: named ?? last })
    }
  }
  return out
}

/** "What's your favorite color?": answered in a word or two ("Orange!"), the answer is the fact. */
const FAVOURITE_Q =
  /\bwhat(?:'s|’s| is| are) your (?:all-time |very )?favou?rites? ([a-z][a-z ]{1,30}?)\s*\?/i
const shortAnswer = (text: string): string | null => {
  const first = (sentencesOf(text.replace(/\?/g, '?\n'))[0] ?? '')
    .replace(OPENER, '')
    .replace(/[.!…]+$/, '')
    .trim()
  const words = first.split(/\s+/)
  if (
    !first ||
    words.length > 5 ||
    /^(?:i|i['’]m|it|it['’]s|that|that['’]s|this|my|we|you|hmm|um|probably|definitely|not|no|yes|well)\b/i.test(
      first,
    )
  )
    return null
  return stemsOf(first).length > 0 ? first : null
}

/** Our turn asked about them: a question, or words addressed to them */
const ASKED = /\?|\byou\b|\byour\b/i

/** Words of opinion and hedging, and words that say nothing particular (tuned on the valid split). */
const HEDGE = new Set(
  stemsOf('think thinks feel feels see excited able probably different interested interesting wonder'),
)
const GENERIC = new Set(
  stemsOf(
    'learn learning people new things fun stuff time get getting go going try trying look help helping kind busy keep keeping hang hanging spend spending outside outdoors different meet meeting',
  ),
)

const subsetOf = (a: Set<string>, b: Set<string>) => [...a].every((w) => b.has(w))

/** A word that stands for something said before. */
const ANAPHOR = /\b(?:it|them|those|these|theirs)\b/i

/** Whether at least half of `words` were in what our side just said. */
const echoes = (words: Set<string>, ours: Set<string>) => {
  let shared = 0
  for (const w of words) if (ours.has(w)) shared++
  return words.size > 0 && shared * 2 >= words.size
}

const isOurs = (speaker: string, ours: readonly string[]) => {
  const s = speaker.toLowerCase()
  return ours.some((o) => {
    const n = o.trim().toLowerCase()
    return n.length > 0 && (s === n || s === firstName(n))
  })
}

/**
 * Candidate secrets from what was heard: a transcript's customer turns (the salesperson's own turns
 * left out) read clause by clause, first person turned third ("I love hiking" → "Loves hiking");
 * other notes read for what they say about the customer and its people. One fact each, about whom
 * (a person or family member named, or the speaker), a category and layer suggested, a repeat of a
 * known secret or of an earlier proposal flagged or merged. Pure: nothing is recorded here.
 */
export const proposeSecrets = (notes: string, ctx: NotesContext): SecretProposal[] => {
  const turns = turnsOf(notes)
  const transcript = turns.some((t) => t.speaker !== null)
  const candidates: Array<Candidate & { speaker: string | null }> = []
  let asked = true
  let ourWords = new Set<string>()
  let favourite: string | null = null
  for (const turn of turns) {
    if (transcript) {
      if (!turn.speaker || isOurs(turn.speaker, ctx.ours)) {
        asked = ASKED.test(turn.text)
        ourWords = contentStems(turn.text)
        favourite = FAVOURITE_Q.exec(turn.text)?.[1]?.trim() ?? null
        continue
      }
      const short = favourite ? shortAnswer(turn.text) : null
      if (favourite && short) {
        candidates.push({
          heard: short,
          text: `Favorite ${favourite} is ${short}`,
          subject: namedIn(turn.speaker, ctx.people),
          speaker: turn.speaker,
        })
      }
      favourite = null
      const speaker = namedIn(turn.speaker, ctx.people)
      for (const c of firstPersonFacts(turn.text, ctx.people)) {
        // unasked, a reply that repeats what we just said ("I love sailing too") is agreement, not a secret heard
        if (!asked && echoes(contentStems(c.text), ourWords)) continue
        candidates.push({
          ...c,
          subject: c.subject ?? namedIn(c.heard, ctx.people) ?? speaker,
          speaker: turn.speaker,
        })
      }
    } else {
      for (const c of thirdPersonFacts(turn.text, ctx.people)) candidates.push({ ...c, speaker: null })
    }
  }
  const known = ctx.known.map((k) => ({ id: k.id, words: contentStems(k.text) }))
  const seen: Set<string>[] = []
  const out: SecretProposal[] = []
  for (const c of candidates) {
    const words = contentStems(c.text)
    // a repeat says nothing new; "plays the violin" and "plays the guitar" are two facts
    if (seen.some((s) => subsetOf(words, s) || subsetOf(s, words))) continue
    // an opinion or a hedge ("thinks it is different") is not a fact; nothing but empty words says nothing of them
    if ([...words].some((w) => HEDGE.has(w)) || [...words].every((w) => GENERIC.has(w))) continue
    // "is still working on it": what "it" is was said by someone else, so alone it says nothing
    if (ANAPHOR.test(c.heard)) continue
    seen.push(words)
    const personId = c.subject?.family ? c.subject.family.of : (c.subject?.id ?? null)
    const about = personId || ctx.customerKind === 'person' ? 'person' : 'organisation'
    const text = c.subject?.family ? withFamilyName(c.text, c.subject) : c.text
    out.push({
      text,
      heard: c.heard,
      speaker: c.speaker,
      personId,
      aboutName: c.subject?.name ?? null,
      category: suggestCategory(text, ctx.categories, about),
      layer: NEED.test(text) ? 'need' : 'secret',
      duplicateOf: known.find((k) => sameFact(k.words, words))?.id ?? null,
    })
  }
  return out
}

/** A fact about a family member says whom ("Emma: starts university in September"). */
const withFamilyName = (text: string, p: NotesPerson): string =>
  new RegExp(`\\b${escapeRe(firstName(p.name))}\\b`, 'i').test(text) ? text : `${p.name}: ${text}`
