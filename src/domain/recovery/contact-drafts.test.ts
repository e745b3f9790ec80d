import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CONTACT_KINDS, TEMPLATES, toneWarnings } from './communication.ts'
import {
  type DraftFacts,
  draftFactsOf,
  draftMessage,
  draftsFor,
  QUOTE_MAX,
  quotable,
  signatureOf,
} from './contact-drafts.ts'

/** Summaries as people type them: sentences, fragments, third person, questions, lists, quotes. */
const SUMMARIES = [
  'Their agreed trade discount was left off the last two invoices',
  'Trade discount left off the last two invoices.',
  'The case of Burgundy arrived a week late!',
  'wrong colour sofa delivered',
  'Why was I charged twice? (customer asked on the phone)',
  '"Installer never showed up"',
  'Billing: double charge on order #4411; refund promised, not sent',
  'The spring order for the new shop arrived three days late\n\nShe had to open with empty shelves.',
  'damaged',
  `${'The engineer came twice and the boiler still does not heat the upstairs radiators '.repeat(6)}end`,
]
const FIX_NOTES = [
  null,
  'Credit note issued for both invoices; the discount is now on the account.',
  'Re-sent by courier',
]

const base: DraftFacts = {
  customerName: 'Harbour Wines',
  customerKind: 'organisation',
  personName: 'Grace Lee',
  summary: SUMMARIES[0]!,
  fixed: false,
  fixNote: null,
  ownerName: 'Sam Reyes',
  writerName: 'Sam Reyes',
  company: 'Northwind',
}

/** Our words only: what the person typed is between “ and ” on its own line. */
const ours = (body: string) => body.replace(/“[^”\n]*”/g, '“…”')

/** What every draft must be, whatever was typed. */
const expectWellFormed = (body: string, f: DraftFacts) => {
  const mine = ours(body)
  expect(mine).not.toMatch(/[[\]{}]/)
  expect(mine).not.toMatch(/ {2,}/)
  expect(mine).not.toMatch(/\n{3,}/)
  expect(mine).not.toMatch(/[ \t]+$/m)
  expect(mine).not.toMatch(/([.,:;!?])\1|[.,;:][.,;:!?]| [.,;:!?]/)
  expect(mine).not.toMatch(/\bundefined\b|\bnull\b/)
  expect(body.startsWith('Dear ')).toBe(true)
  // signed by the owner (or, with no owner, by whoever writes), the company last
  const lines = body.split('\n')
  expect(lines.at(-1)).toBe(f.company)
  const signer = f.ownerName ?? f.writerName
  expect(body).toContain(`\n\n${signer}\n`)
  expect(toneWarnings(body)).toEqual([])
}

describe('drafts to the customer', () => {
  const cases = CONTACT_KINDS.flatMap((kind) =>
    SUMMARIES.flatMap((summary) =>
      FIX_NOTES.flatMap((fixNote) =>
        [null, 'Grace Lee'].flatMap((personName) =>
          [
            { ownerName: 'Sam Reyes', writerName: 'Sam Reyes' },
            { ownerName: 'Sam Reyes', writerName: 'Maya Chen' },
            { ownerName: null, writerName: 'Maya Chen' },
          ].map((who) => ({
            kind,
            facts: { ...base, summary, fixNote, fixed: !!fixNote, personName, ...who },
          })),
        ),
      ),
    ),
  )

  it.each(
    cases.map((c) => [
      c.kind,
      c.facts.summary.slice(0, 30),
      c.facts.fixNote ?? '-',
      c.facts.personName ?? '-',
      c.facts.writerName,
      c,
    ]),
  )(
    '%s for “%s…”, fix %s, to %s, by %s: reads well with nothing left to fill in',
    (_k, _s, _f, _p, _w, { kind, facts }) => {
      const { subject, body } = draftMessage(kind, facts)
      expect(subject).toBe(TEMPLATES[kind].subject)
      expectWellFormed(body, facts)
    },
  )

  it('quotes the summary on a line of its own instead of pasting it into a sentence', () => {
    const { body } = draftMessage('status_report', base)
    expect(body).toContain(
      'Here is where we are with what went wrong:\n“Their agreed trade discount was left off the last two invoices”',
    )
    expect(body).not.toMatch(/where we are with their agreed/)
  })

  it('quotes the fix note typed on the case in the final resolution, and leaves the sentence out without one', () => {
    const fixNote = 'Credit note issued for both invoices; the discount is now on the account.'
    const done = draftMessage('final_resolution', { ...base, fixed: true, fixNote }).body
    expect(done).toContain(`What we did:\n“${fixNote}”`)
    expect(done).not.toContain('[what was done]')
    const bare = draftMessage('final_resolution', { ...base, fixed: true, fixNote: null }).body
    expect(bare).not.toContain('What we did')
    expect(bare).toContain('What went wrong is now put right:')
  })

  it('says in a status report what is recorded: fixed with its note, or still being worked on', () => {
    expect(
      draftMessage('status_report', { ...base, fixed: true, fixNote: 'Re-sent by courier' }).body,
    ).toContain('It is fixed. What we did:\n“Re-sent by courier”')
    expect(draftMessage('status_report', base).body).toContain('We are still working on the fix')
  })

  it('writes to the affected person by first name, else to the customer', () => {
    expect(draftMessage('first_contact', base).body).toMatch(/^Dear Grace,\n/)
    expect(draftMessage('first_contact', { ...base, personName: null }).body).toMatch(
      /^Dear all at Harbour Wines,\n/,
    )
    expect(
      draftMessage('first_contact', {
        ...base,
        personName: null,
        customerName: 'Ada Byron',
        customerKind: 'person',
      }).body,
    ).toMatch(/^Dear Ada,\n/)
  })

  it("speaks for the case's owner when an admin writes on a colleague's case, and says who sent it", () => {
    const { body } = draftMessage('first_contact', { ...base, writerName: 'Maya Chen' })
    expect(body).toContain('I am Sam Reyes, and I own this from now until it is put right.')
    expect(body).not.toContain('I am Maya Chen')
    expect(body.endsWith('Sam Reyes\n(sent on Sam’s behalf by Maya Chen)\nNorthwind')).toBe(true)
    // the owner writing: no such line
    expect(draftMessage('first_contact', base).body.endsWith('\n\nSam Reyes\nNorthwind')).toBe(true)
  })

  it('introduces the new owner after a hand-over the customer has not heard of', () => {
    const c = {
      customerName: 'Harbour Wines',
      personName: 'Grace Lee',
      description: 'Late delivery',
      fixedAt: null,
      fixNote: null,
      ownerName: 'Sam Reyes',
      steps: [{ kind: 'first_contact', at: '2026-06-01T10:00:00Z' }],
      handoffs: [{ fromName: 'Leo Park', at: '2026-06-01T12:00:00Z' }],
    }
    const writer = { name: 'Sam Reyes', company: 'Northwind' }
    const report = draftsFor(c, writer).find((d) => d.kind === 'status_report')!.body
    expect(report).toContain(
      'I have taken this over from Leo Park, and I own it from now until it is put right.',
    )
    // once the new owner has written, it is old news
    const later = draftFactsOf(
      { ...c, steps: [...c.steps, { kind: 'status_report', at: '2026-06-01T13:00:00Z' }] },
      writer,
    )
    expect(later.handedOverFrom).toBeNull()
    // handed over before anyone wrote: the customer never heard of the first owner
    expect(draftFactsOf({ ...c, steps: [] }, writer).handedOverFrom).toBeNull()
  })

  it('keeps the bare templates for API clients with placeholders only, no brackets', () => {
    for (const kind of CONTACT_KINDS) {
      const t = TEMPLATES[kind].body
      expect(t).toContain('{name}')
      expect(t).toContain('{owner}')
      expect(t).not.toMatch(/\[|\]/)
    }
  })

  it('cuts a very long summary at a word and drops quotes the person typed round it', () => {
    expect(quotable('  "Installer never\nshowed up"  ')).toBe('Installer never showed up')
    expect(quotable('“‘nested’”')).toBe('nested')
    expect(quotable('   ')).toBeNull()
    const long = quotable('word '.repeat(200))!
    expect(long.length).toBeLessThanOrEqual(QUOTE_MAX)
    expect(long.endsWith('word…')).toBe(true)
  })

  it('signs with whoever writes when the case has no owner', () => {
    expect(signatureOf({ ownerName: null, writerName: 'Maya Chen', company: 'Northwind' })).toBe(
      'Maya Chen\nNorthwind',
    )
  })
})

describe('drafts, over any text a person might type', () => {
  const typed = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc
      .array(
        fc.constantFrom(
          'the',
          'order',
          'late',
          'their',
          'discount',
          '.',
          '!',
          '?',
          ',',
          '"',
          '\n',
          '  ',
          '—',
          'invoice',
        ),
        {
          maxLength: 60,
        },
      )
      .map((w) => w.join(' ')),
  )
  const name = fc.oneof(
    fc.constant(null),
    fc.constantFrom('Grace Lee', 'Ada', 'Jean-Luc Picard', ' María  José ', 'O’Neill'),
  )

  it('never leaves brackets, doubled spaces or doubled punctuation of our own, and is signed by the owner', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CONTACT_KINDS),
        typed,
        fc.oneof(fc.constant(null), typed),
        name,
        fc.constantFrom('Sam Reyes', 'Maya Chen'),
        fc.boolean(),
        (kind, summary, fixNote, personName, writerName, hasOwner) => {
          // what a person typed may hold anything, even “ and ”: check our own words around it
          const clean = (s: string) => s.replace(/[“”\n]/g, ' ')
          const facts: DraftFacts = {
            ...base,
            summary: clean(summary),
            fixNote: fixNote === null ? null : clean(fixNote),
            fixed: fixNote !== null,
            personName,
            ownerName: hasOwner ? 'Sam Reyes' : null,
            writerName,
          }
          expectWellFormed(draftMessage(kind, facts).body, facts)
        },
      ),
      { numRuns: 400 },
    )
  })
})
