import { describe, expect, it } from 'vitest'
import { OOPS_TYPES } from '../recovery/oops.ts'
import { checkStoryText, storyForReader } from './story.ts'
import { nextDigestAt, storyDigestEmail } from './story-digest.ts'
import { anonymousLabel, draftStory, type StoryTimeline, spanInWords } from './story-draft.ts'

const H = 3_600_000
const now = new Date('2026-12-02T10:00:00Z')
const at = (hoursAfterLetDown: number) => new Date(Date.parse('2026-11-20T09:00:00Z') + hoursAfterLetDown * H)

/** The demo's dazzling late delivery: fixed in 7 h, surprised in 15 h, "You blew me away!". */
const dazzling: StoryTimeline = {
  customerName: 'Harbour Wines',
  customerKind: 'organisation',
  customerPlace: 'Leeds',
  customerSince: new Date('2019-03-01T00:00:00Z'),
  customerTier: 'B',
  personName: 'Grace Lee',
  type: 'late_delivery',
  description:
    'The spring display stock promised for Friday arrived the following Wednesday; the shop opened its season with empty shelves.',
  letDownAt: at(0),
  reportedAt: at(1),
  windowHours: 24,
  ownerName: 'Sam Reyes',
  fixedAt: at(8),
  fixNote: 'Sent the full order by courier the same day, at our cost.',
  surprisedAt: at(16),
  surpriseTitle: 'A case of the Burgundy she mentioned at the tasting',
  secrets: ['Grace collects Burgundy from the 2015 vintage'],
  closedAt: at(20),
  npsBefore: 3,
  feedback: {
    wow: 5,
    fixed: true,
    npsAfter: 9,
    comment: 'I did not expect you to remember that. Thank you.',
  },
}

/** Recovered late, no surprise secret, a lukewarm answer; an owner who left. */
const late: StoryTimeline = {
  ...dazzling,
  customerName: 'Ada Moreau',
  customerKind: 'person',
  customerPlace: null,
  customerSince: new Date('2026-10-01T00:00:00Z'),
  personName: null,
  type: 'repair_to_redo',
  description: '"cabinet jammed again"',
  ownerName: null,
  fixedAt: at(40),
  fixNote: null,
  surprisedAt: at(44),
  surpriseTitle: 'A handwritten card and flowers',
  secrets: [],
  npsBefore: 4,
  feedback: { wow: 2, fixed: false, npsAfter: 4, comment: null },
}

/** Closed with no answer from the customer, a fix only. */
const unanswered: StoryTimeline = {
  ...dazzling,
  customerTier: 'A',
  type: 'other',
  description: `${'The engineer came twice and the boiler still does not heat the upstairs radiators '.repeat(6)}end`,
  surprisedAt: null,
  surpriseTitle: null,
  secrets: [],
  feedback: null,
}

const TIMELINES = [dazzling, late, unanswered]

/** Our words only: what a person typed is between “ and ” on a line of its own. */
const ours = (text: string) => text.replace(/“[^”\n]*”/g, '“…”')

const expectWellFormed = (text: string) => {
  const mine = ours(text)
  expect(mine).not.toMatch(/[[\]{}<>]/)
  expect(mine).not.toMatch(/ {2,}/)
  expect(mine).not.toMatch(/\n{3,}/)
  expect(mine).not.toMatch(/[ \t]+$/m)
  expect(mine).not.toMatch(/([.,:;!?])\1|[.,;:][.,;:!?]| [.,;:!?]/)
  expect(mine).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b/)
  expect(mine).not.toMatch(/\b(a|an|the) (a|an|the)\b/i)
  // every paragraph starts with a capital letter or a quote
  for (const p of text.split('\n\n')) expect(p).toMatch(/^[A-Z“0-9—]/)
}

describe('the draft of a recovery story', () => {
  it('tells what went wrong, how fast it was fixed, the surprise and the answer, in that order', () => {
    const d = draftStory(dazzling, 'named', now)
    expect(d.title).toBe('How we blew Harbour Wines away after a late delivery')
    const order = [
      'What went wrong for Harbour Wines:\n“The spring display stock',
      'Sam Reyes took it on and had it fixed 7 hours after it was reported — well inside the 24-hour window.',
      'What we did:\n“Sent the full order by courier',
      'Then the surprise:\n“A case of the Burgundy she mentioned at the tasting”',
      'It came 15 hours after the report. It was chosen from something we knew about them',
      'Harbour Wines answered:\n“You blew me away!”',
      'In their own words:\n“I did not expect you to remember that. Thank you.”',
      'Would they recommend us? Up from 3 to 9 out of 10.',
    ].map((s) => d.body.indexOf(s))
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
  })

  it('keeps the secret out of the story itself and drafts it apart', () => {
    const d = draftStory(dazzling, 'named', now)
    expect(d.body).not.toContain('2015 vintage')
    expect(d.secretNote).toBe(
      'The secret behind the surprise: “Grace collects Burgundy from the 2015 vintage”',
    )
    expect(
      draftStory({ ...dazzling, secrets: ['Has three dogs.', 'Loves the opera...'] }, 'named', now)
        .secretNote,
    ).toBe('The secret behind the surprise: “Has three dogs”; “Loves the opera...”')
    expect(draftStory(late, 'named', now).secretNote).toBeNull()
  })

  it('says plainly when the fix came after the window and the customer was not blown away', () => {
    const d = draftStory(late, 'named', now)
    expect(d.title).toBe('How we turned a repair we had to redo around for Ada Moreau')
    expect(d.body).toContain(
      'We took it on and had it fixed 1 day and 15 hours after it was reported — after the 24-hour window had run out.',
    )
    expect(d.body).toContain('“You didn’t really put it right”')
    expect(d.body).toContain('They told us it was not fully fixed')
    expect(d.body).toContain('What went wrong for Ada Moreau:\n“cabinet jammed again”')
    expect(d.body).not.toContain('recommend')
    expect(d.body).not.toContain('dazzling recovery')
  })

  it('leaves out the sentences of what did not happen', () => {
    const d = draftStory(unanswered, 'named', now)
    expect(d.body).not.toContain('surprise')
    expect(d.body).not.toContain('answered')
    expect(d.body).toContain('…”')
  })

  it('names neither the customer nor the person when the customer is anonymised', () => {
    for (const t of TIMELINES) {
      const d = draftStory(t, 'anonymised', now)
      for (const name of [t.customerName, t.personName].filter(Boolean) as string[]) {
        expect(ours(`${d.title}\n${d.body}`)).not.toContain(name)
      }
      expect(() => checkStoryText(d, { name: t.customerName, personName: t.personName })).not.toThrow()
    }
    const d = draftStory(dazzling, 'anonymised', now)
    expect(d.customerLabel).toBe('a long-standing business customer in Leeds')
    expect(d.title).toBe('How we turned a late delivery into “You blew me away!”')
    expect(draftStory(late, 'anonymised', now).title).toBe('How we turned a repair we had to redo around')
    expect(d.body).toContain('they answered:\n“You blew me away!”')
  })

  it('is well formed for every kind of OOPS!, named or not, with or without an owner', () => {
    for (const t of TIMELINES) {
      for (const type of OOPS_TYPES) {
        for (const privacy of ['named', 'anonymised'] as const) {
          for (const ownerName of ['Sam Reyes', null]) {
            const d = draftStory({ ...t, type, ownerName }, privacy, now)
            expectWellFormed(d.title)
            expectWellFormed(d.body)
            if (d.secretNote) expectWellFormed(d.secretNote)
            expect(d.title.length).toBeLessThanOrEqual(140)
          }
        }
      }
    }
  })
})

describe('the customer described without a name', () => {
  it('says how long they have been with us, whether they matter most, and where they are', () => {
    expect(anonymousLabel(dazzling, now)).toBe('a long-standing business customer in Leeds')
    expect(anonymousLabel(late, now)).toBe('a new customer')
    expect(anonymousLabel(unanswered, now)).toBe('one of our most valued business customers in Leeds')
    expect(anonymousLabel({ ...late, customerSince: null }, now)).toBe('a customer')
    expect(anonymousLabel({ ...unanswered, customerPlace: 'United Kingdom' }, now)).toBe(
      'one of our most valued business customers in the United Kingdom',
    )
    expect(anonymousLabel({ ...late, customerPlace: 'Netherlands' }, now)).toBe(
      'a new customer in the Netherlands',
    )
    expect(anonymousLabel({ ...late, customerPlace: 'France' }, now)).toBe('a new customer in France')
  })
})

describe('time in words', () => {
  it('reads minutes, hours and days as people say them', () => {
    expect(spanInWords(40 * 60_000)).toBe('40 minutes')
    expect(spanInWords(H)).toBe('1 hour')
    expect(spanInWords(5 * H)).toBe('5 hours')
    expect(spanInWords(24 * H)).toBe('1 day')
    expect(spanInWords(27 * H)).toBe('1 day and 3 hours')
    expect(spanInWords(50 * H)).toBe('2 days and 2 hours')
  })
})

describe('publishing respects privacy', () => {
  const customer = { name: 'Harbour Wines', personName: 'Grace Lee' }
  const base = {
    title: 'A good one',
    body: 'We put it right.',
    secretNote: null,
    privacy: 'anonymised' as const,
    customerLabel: 'a customer in Leeds',
  }

  it('refuses an anonymised story that names the customer or the person, wherever it does', () => {
    expect(() => checkStoryText({ ...base, body: 'We put it right for harbour  wines.' }, customer)).toThrow(
      /names “Harbour Wines”/,
    )
    expect(() => checkStoryText({ ...base, title: 'Grace Lee smiled' }, customer)).toThrow(
      /title names “Grace Lee”/,
    )
    expect(() => checkStoryText({ ...base, secretNote: 'Grace Lee loves Burgundy' }, customer)).toThrow(
      /secret names/,
    )
    // a word that merely contains the name is not the name
    expect(checkStoryText({ ...base, body: 'Harbour Winestore is another shop.' }, customer).body).toContain(
      'Winestore',
    )
  })

  it('refuses empty and oversized text, and needs a label when anonymised', () => {
    expect(() => checkStoryText({ ...base, body: '   ' }, customer)).toThrow(/needs some words/)
    expect(() => checkStoryText({ ...base, title: 'x'.repeat(141) }, customer)).toThrow(
      /141 characters; keep it to 140/,
    )
    expect(() => checkStoryText({ ...base, customerLabel: '' }, customer)).toThrow(/describe the customer/)
    expect(
      checkStoryText({ ...base, privacy: 'named', customerLabel: '' }, customer).customerLabel,
    ).toBeNull()
  })

  it('shows the secret only to a reader whose role may read secrets', () => {
    const s = { title: 't', secretNote: 'She collects Burgundy' }
    expect(storyForReader(s, { readsSecrets: true })).toEqual({ ...s, secretHidden: false })
    expect(storyForReader(s, { readsSecrets: false })).toEqual({ ...s, secretNote: null, secretHidden: true })
    expect(storyForReader({ secretNote: null }, { readsSecrets: false }).secretHidden).toBe(false)
  })
})

describe('the weekly digest', () => {
  it('goes out on the Monday at 08:00 UTC after a story is published', () => {
    expect(nextDigestAt(new Date('2026-12-02T10:00:00Z')).toISOString()).toBe('2026-12-07T08:00:00.000Z')
    expect(nextDigestAt(new Date('2026-12-07T07:59:00Z')).toISOString()).toBe('2026-12-07T08:00:00.000Z')
    expect(nextDigestAt(new Date('2026-12-07T08:00:00Z')).toISOString()).toBe('2026-12-14T08:00:00.000Z')
    expect(nextDigestAt(new Date('2026-12-06T23:00:00Z')).toISOString()).toBe('2026-12-07T08:00:00.000Z')
  })

  const story = (title: string, reactions = 0) => ({
    title,
    body: `What went wrong for a long-standing customer in Leeds:\n“late stock”\n\nSam fixed it.`,
    authorName: 'Sam Reyes',
    customerShown: 'a long-standing customer in Leeds',
    reactions,
  })

  it('lists each new story with who told it and its first paragraph, and links to the feed', () => {
    const mail = storyDigestEmail({
      memberName: 'Leo',
      workspaceName: 'Northwind',
      stories: [story('How we blew a customer away', 3), story('How we turned a billing mistake around')],
      feedUrl: 'https://dazzle.example/w/demo/stories',
    })!
    expect(mail.subject).toBe('2 new recovery stories this week')
    expect(mail.text).toContain('Hi Leo,')
    expect(mail.text).toContain('1. How we blew a customer away — told by Sam Reyes (3 reactions so far)')
    expect(mail.text).toContain('2. How we turned a billing mistake around — told by Sam Reyes\n')
    expect(mail.text).toContain('   What went wrong for a long-standing customer in Leeds: “late stock”')
    expect(mail.text).not.toContain('Sam fixed it')
    expect(mail.text).toContain('https://dazzle.example/w/demo/stories')
    expectWellFormed(mail.text.replace(/https?:\/\/\S+/g, 'the feed').replace(/^ {3}/gm, ''))
  })

  it('names a single story in its subject, caps the list, and is not sent when nothing is new', () => {
    const one = storyDigestEmail({
      memberName: '',
      workspaceName: 'N',
      stories: [story('Only one')],
      feedUrl: 'u',
    })!
    expect(one.subject).toBe('A new recovery story: Only one')
    expect(one.text).toContain('Hi there,')
    const many = storyDigestEmail({
      memberName: 'Leo',
      workspaceName: 'N',
      stories: Array.from({ length: 12 }, (_, i) => story(`Story ${i + 1}`)),
      feedUrl: 'u',
    })!
    expect(many.text).toContain('10. Story 10')
    expect(many.text).not.toContain('11. Story 11')
    expect(many.text).toContain('…and 2 more in the feed.')
    expect(storyDigestEmail({ memberName: 'Leo', workspaceName: 'N', stories: [], feedUrl: 'u' })).toBeNull()
  })
})
