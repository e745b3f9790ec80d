/**
 * The messages Dazzle drafts to the customer during a recovery, written the source's way: take
 * responsibility whether or not it was our fault, empathy first, then solution mode; never quote
 * policy; never blame the customer.
 *
 * A draft is filled only from what is recorded on the case. What a person typed (the OOPS!'s
 * summary, the fix note) is quoted on a line of its own, so any wording reads well — a sentence, a
 * fragment, "their discount was left off" — and never has to fit into one of ours. A fact that is
 * missing leaves its sentence out; there are no [brackets] to fill in. The message speaks for the
 * case's owner; someone else writing on the owner's case says so under the owner's name.
 */
export interface DraftFacts {
  /** the customer: an organisation or a person */
  customerName: string
  customerKind?: 'person' | 'organisation' | null | undefined
  /** the affected person, when one was recorded: the message is written to them */
  personName?: string | null | undefined
  /** what went wrong, as typed on the OOPS! */
  summary: string
  /** whether the fix was recorded, and what was done, as typed then */
  fixed?: boolean | undefined
  fixNote?: string | null | undefined
  /** the case's owner: the message speaks for them (none: whoever writes speaks for themselves) */
  ownerName?: string | null | undefined
  /** who is writing it now */
  writerName: string
  /** the owner before the last hand-over, when the customer has not heard from the new owner since */
  handedOverFrom?: string | null | undefined
  /** our company, under the signature */
  company: string
}

export interface Draft {
  subject: string
  body: string
}

const SUBJECTS = {
  first_contact: 'We let you down — and I am on it',
  status_report: 'Where things stand',
  final_resolution: 'It is put right',
  follow_up: 'Checking in',
} as const
/** The contact steps a draft is written for (communication.ts's CONTACT_KINDS). */
type ContactKind = keyof typeof SUBJECTS

/** The subject a contact of this kind is drafted (and emailed) under. */
export const draftSubject = (kind: ContactKind): string => SUBJECTS[kind]

/** The longest quote a draft carries; beyond it the text is cut at a word and marked with "…". */
export const QUOTE_MAX = 280

const WRAPPING_QUOTES: readonly [string, string][] = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['«', '»'],
  ['„', '“'],
]

/**
 * What a person typed, made fit to quote on one line: runs of spaces and line breaks become one
 * space, quotes they wrapped it in are taken off (ours go round it), a very long text is cut at a
 * word. Empty → null, so the sentence that would quote it is left out.
 */
export const quotable = (text: string | null | undefined, max = QUOTE_MAX): string | null => {
  let t = (text ?? '').replace(/\s+/g, ' ').trim()
  for (let again = true; again; ) {
    again = false
    for (const [open, close] of WRAPPING_QUOTES) {
      if (t.length >= 2 && t.startsWith(open) && t.endsWith(close)) {
        t = t.slice(open.length, -close.length).trim()
        again = true
      }
    }
  }
  if (!t) return null
  if (t.length > max) {
    const cut = t.slice(0, max - 1)
    const atWord = cut.lastIndexOf(' ')
    t = `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).replace(/[\s,;:.—–-]+$/, '')}…`
  }
  return t
}

const quote = (t: string) => `“${t}”`

/** A person's first name ("Grace Lee" → "Grace"); a name of one word stays as it is. */
export const firstNameOf = (name: string): string => name.trim().split(/\s+/)[0] ?? name.trim()

const clean = (s: string | null | undefined): string | null => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim()
  return t || null
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/** "Dear Grace," to a person; "Dear all at Harbour Wines," to an organisation nobody at which was named. */
const greeting = (f: DraftFacts): string => {
  const person = clean(f.personName)
  if (person) return `Dear ${firstNameOf(person)},`
  const customer = clean(f.customerName) ?? ''
  if (f.customerKind === 'person') return `Dear ${firstNameOf(customer)},`
  if (f.customerKind === 'organisation') return `Dear all at ${customer},`
  return `Dear ${customer},`
}

/** Who the message speaks for: the owner, else whoever writes it. */
const speakerOf = (f: DraftFacts): string => clean(f.ownerName) ?? clean(f.writerName) ?? ''

/**
 * The signature: the owner's name; when someone else writes on the owner's case, a line saying
 * plainly who sent it for them; then the company.
 */
export const signatureOf = (f: Pick<DraftFacts, 'ownerName' | 'writerName' | 'company'>): string => {
  const owner = clean(f.ownerName)
  const writer = clean(f.writerName)
  const lines = [owner ?? writer ?? '']
  if (owner && writer && !sameName(owner, writer)) {
    lines.push(`(sent on ${firstNameOf(owner)}’s behalf by ${writer})`)
  }
  const company = clean(f.company)
  if (company) lines.push(company)
  return lines.join('\n')
}

const isFixed = (f: DraftFacts) => !!f.fixed || !!quotable(f.fixNote)

/** The sentence about a hand-over the customer has not heard of yet, in the new owner's voice. */
const takenOver = (f: DraftFacts): string | null => {
  const from = clean(f.handedOverFrom)
  const owner = clean(f.ownerName)
  if (!from || (owner && sameName(from, owner))) return null
  return `I have taken this over from ${from}, and I own it from now until it is put right.`
}

const paragraphs = (...ps: (string | null | false | undefined)[]) =>
  ps.filter((p): p is string => !!p).join('\n\n')

const BODIES: Record<ContactKind, (f: DraftFacts) => string> = {
  first_contact: (f) => {
    const what = quotable(f.summary)
    const fix = quotable(f.fixNote)
    return paragraphs(
      greeting(f),
      what ? `I am sorry — we got this wrong:\n${quote(what)}` : 'I am sorry — we got this wrong.',
      `I know what this costs you, and it should not have happened. I am ${speakerOf(f)}, and I own this from now until it is put right.`,
      fix
        ? `We have already put it right:\n${quote(fix)}\n\nI will check in with you soon to make sure everything is as it should be.`
        : isFixed(f)
          ? 'We have already put it right, and I will check in with you soon to make sure everything is as it should be.'
          : 'I am working on the fix right now and will tell you where things stand within a few hours, whatever the news.',
      'If anything else would help in the meantime, reply to this message or call me directly.',
      signatureOf(f),
    )
  },
  status_report: (f) => {
    const what = quotable(f.summary)
    const fix = quotable(f.fixNote)
    return paragraphs(
      greeting(f),
      what ? `Here is where we are with what went wrong:\n${quote(what)}` : 'Here is where we are.',
      takenOver(f),
      fix
        ? `It is fixed. What we did:\n${quote(fix)}\n\nI will check in with you once more to make sure everything is as it should be.`
        : isFixed(f)
          ? 'It is fixed, and I will check in with you once more to make sure everything is as it should be.'
          : 'We are still working on the fix, and it has my full attention. You will hear from me again before the end of the day, whatever the news.',
      'Thank you for your patience — we have not earned it yet, and we intend to.',
      signatureOf(f),
    )
  },
  final_resolution: (f) => {
    const what = quotable(f.summary)
    const fix = quotable(f.fixNote)
    return paragraphs(
      greeting(f),
      what ? `What went wrong is now put right:\n${quote(what)}` : 'What went wrong is now put right.',
      fix && `What we did:\n${quote(fix)}`,
      takenOver(f),
      'Thank you for giving us the chance to make it right. I will check in with you tomorrow to make sure everything is as it should be.',
      signatureOf(f),
    )
  },
  follow_up: (f) => {
    const what = quotable(f.summary)
    return paragraphs(
      greeting(f),
      what
        ? `I wanted to check in with you about what went wrong:\n${quote(what)}`
        : 'I wanted to check in with you.',
      takenOver(f),
      isFixed(f)
        ? 'Is everything still as it should be? Is there anything at all we can do better?'
        : 'We are still on it, and I will tell you the moment it is put right. Is there anything at all we can do in the meantime?',
      signatureOf(f),
    )
  },
}

/** The draft of a contact of this kind for one case: its subject and body, ready to edit and send. */
export const draftMessage = (kind: ContactKind, facts: DraftFacts): Draft => ({
  subject: SUBJECTS[kind],
  body: BODIES[kind](facts),
})

/** What a recovery screen or a route knows about a case, as the drafts read it. */
export interface DraftCase {
  customerName: string
  customerKind?: 'person' | 'organisation' | null | undefined
  personName: string | null
  description: string
  fixedAt: Date | string | null
  fixNote: string | null
  ownerName: string | null
  steps: readonly { kind: string; at: Date | string }[]
  handoffs: readonly { fromName: string | null; at: Date | string }[]
}

const CUSTOMER_FACING = new Set(['first_contact', 'status_report', 'follow_up', 'final_resolution'])
const time = (d: Date | string) => (typeof d === 'string' ? Date.parse(d) : d.getTime())

/**
 * The facts of a draft from the case as recorded: the last hand-over counts when no message has
 * gone to the customer since (they have not yet heard from the new owner).
 */
export const draftFactsOf = (c: DraftCase, writer: { name: string; company: string }): DraftFacts => {
  const lastContact = Math.max(
    Number.NEGATIVE_INFINITY,
    ...c.steps.filter((s) => CUSTOMER_FACING.has(s.kind)).map((s) => time(s.at)),
  )
  const lastHandoff = [...c.handoffs].sort((a, b) => time(b.at) - time(a.at))[0]
  const handedOverFrom =
    lastHandoff && lastContact > Number.NEGATIVE_INFINITY && time(lastHandoff.at) > lastContact
      ? lastHandoff.fromName
      : null
  return {
    customerName: c.customerName,
    customerKind: c.customerKind ?? null,
    personName: c.personName,
    summary: c.description,
    fixed: c.fixedAt !== null,
    fixNote: c.fixNote,
    ownerName: c.ownerName,
    writerName: writer.name,
    handedOverFrom,
    company: writer.company,
  }
}

/** Every contact's draft for one case, in the order the steps come. */
export const draftsFor = (c: DraftCase, writer: { name: string; company: string }) => {
  const facts = draftFactsOf(c, writer)
  return (['first_contact', 'status_report', 'follow_up', 'final_resolution'] as const).map((kind) => ({
    kind,
    ...draftMessage(kind, facts),
  }))
}
