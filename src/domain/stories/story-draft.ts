import { quotable } from '../recovery/contact-drafts.ts'
import { WOW, WOW_SCALE } from '../recovery/feedback.ts'
import type { OopsType } from '../recovery/oops.ts'
import { type ClockState, isDazzling } from '../recovery/recovery-clock.ts'
import type { StoryPrivacy } from './story.ts'

/**
 * Dazzle's draft of a recovery story, written from the timeline for a person to edit — the same
 * way as the drafts to the customer (contact-drafts.ts): what a person typed is quoted on a line of
 * its own, a fact that is missing leaves its sentence out, and there are no [brackets] to fill in.
 * The secret behind the surprise is drafted apart from the story, so that it can be shown only to
 * readers whose role may read secrets.
 */
export interface StoryTimeline {
  customerName: string
  customerKind: 'person' | 'organisation' | null
  /** where the customer is (a town or a country, as recorded) */
  customerPlace: string | null
  /** the customer's first purchase: how long they have been with us */
  customerSince: Date | null
  customerTier: 'A' | 'B' | 'C' | null
  personName: string | null
  type: OopsType
  description: string
  letDownAt: Date
  reportedAt: Date
  windowHours: number
  ownerName: string | null
  fixedAt: Date | null
  fixNote: string | null
  surprisedAt: Date | null
  surpriseTitle: string | null
  /** the text of the secrets the surprise was drawn from */
  secrets: string[]
  closedAt: Date | null
  npsBefore: number | null
  feedback: {
    wow: number | null
    fixed: boolean | null
    npsAfter: number | null
    comment: string | null
  } | null
}

export interface StoryDraft {
  title: string
  body: string
  secretNote: string | null
  privacy: StoryPrivacy
  customerLabel: string | null
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** What went wrong, as a phrase that follows "turned … around". */
const WHAT_WENT_WRONG: Record<OopsType, string> = {
  broken_promise: 'a broken promise',
  not_as_promised: 'a product that was not as promised',
  billing_mistake: 'a billing mistake',
  repair_to_redo: 'a repair we had to redo',
  late_delivery: 'a late delivery',
  other: 'a blunder',
}

const clean = (s: string | null | undefined): string | null => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim()
  return t || null
}
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const quote = (t: string) => `“${t}”`
const paragraphs = (...ps: (string | null | false | undefined)[]) =>
  ps.filter((p): p is string => !!p).join('\n\n')

/** "40 minutes", "1 hour", "5 hours", "1 day and 3 hours", "3 days". */
export const spanInWords = (ms: number): string => {
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`
  const minutes = Math.max(1, Math.round(ms / 60_000))
  if (minutes < 60) return plural(minutes, 'minute')
  const hours = Math.round(ms / HOUR)
  if (hours < 24) return plural(hours, 'hour')
  const days = Math.floor(hours / 24)
  const rest = hours - days * 24
  return rest === 0 ? plural(days, 'day') : `${plural(days, 'day')} and ${plural(rest, 'hour')}`
}

/** Places said with "the": the United Kingdom, the Netherlands, the Czech Republic. */
const WITH_THE =
  /^(united\b|.*\b(kingdom|states|republic|emirates|islands)$|netherlands$|philippines$|bahamas$|gambia$)/i

/** " in Leeds", " in the United Kingdom", or nothing when the place is not known. */
const placePhrase = (place: string | null): string => {
  const p = clean(place)
  if (!p) return ''
  return ` in ${WITH_THE.test(p) && !/^the\s/i.test(p) ? 'the ' : ''}${p}`
}

/**
 * The customer described without a name, from what Dazzle knows: how long they have been with us,
 * whether they are among the few that matter most, where they are. "a long-standing customer in
 * Leeds", "one of our most valued business customers", "a new customer".
 */
export const anonymousLabel = (t: StoryTimeline, now: Date): string => {
  const years = t.customerSince ? (now.getTime() - t.customerSince.getTime()) / (365.25 * DAY) : null
  const kind = t.customerKind === 'organisation' ? 'business customer' : 'customer'
  const where = placePhrase(t.customerPlace)
  if (t.customerTier === 'A') return `one of our most valued ${kind}s${where}`
  if (years !== null && years >= 2) return `a long-standing ${kind}${where}`
  if (years !== null && years < 0.5) return `a new ${kind}${where}`
  return `a ${kind}${where}`
}

/** Who the story is about, in the words the privacy choice allows. */
const whoOf = (t: StoryTimeline, privacy: StoryPrivacy, label: string) =>
  privacy === 'named' ? (clean(t.customerName) ?? label) : label

const howFast = (t: StoryTimeline, owner: string | null): string | null => {
  const who = owner ?? 'We'
  if (!t.fixedAt) return null
  const after = spanInWords(t.fixedAt.getTime() - t.reportedAt.getTime())
  const inWindow = t.fixedAt.getTime() <= t.letDownAt.getTime() + t.windowHours * HOUR
  const pace = inWindow
    ? `well inside the ${t.windowHours}-hour window`
    : `after the ${t.windowHours}-hour window had run out`
  return `${who} took it on and had it fixed ${after} after it was reported — ${pace}.`
}

const theSurprise = (t: StoryTimeline): string | null => {
  const surprise = quotable(t.surpriseTitle)
  if (!surprise || !t.surprisedAt) return null
  const because =
    t.secrets.length > 0
      ? ' It was chosen from something we knew about them — a secret the team had gathered.'
      : ''
  return `Then the surprise:\n${quote(surprise)}\n\n${`It came ${spanInWords(t.surprisedAt.getTime() - t.reportedAt.getTime())} after the report.${because}`}`
}

const theAnswer = (t: StoryTimeline, Who: string): string | null => {
  const f = t.feedback
  if (!f || f.wow === null) return null
  const label = WOW_SCALE[f.wow - 1]?.label
  if (!label) return null
  const lines = [
    `When we asked whether we had blown them away, ${Who === 'They' ? 'they' : Who} answered:\n${quote(label)}`,
  ]
  const comment = quotable(f.comment)
  if (comment) lines.push(`In their own words:\n${quote(comment)}`)
  if (f.fixed === false)
    lines.push('They told us it was not fully fixed — there is still something to learn here.')
  if (t.npsBefore !== null && f.npsAfter !== null && f.npsAfter !== t.npsBefore) {
    lines.push(
      `Would they recommend us? ${f.npsAfter > t.npsBefore ? 'Up' : 'Down'} from ${t.npsBefore} to ${f.npsAfter} out of 10.`,
    )
  }
  return lines.join('\n\n')
}

/** The outcome the story tells, as the recovery clock read it when it closed. */
export const storyOutcome = (t: StoryTimeline): ClockState | null =>
  t.fixedAt && t.surprisedAt ? (isDazzling({ ...t, atRiskHours: 0 }) ? 'dazzling' : 'recovered_late') : null

/**
 * The draft of a closed recovery's story: a title, the story itself (what went wrong, how fast it
 * was fixed, the surprise, what the customer answered) and, apart, the secret behind the surprise.
 */
export const draftStory = (t: StoryTimeline, privacy: StoryPrivacy, now: Date): StoryDraft => {
  const label = anonymousLabel(t, now)
  const who = whoOf(t, privacy, label)
  const owner = clean(t.ownerName)
  const wow = t.feedback?.wow === WOW
  const what = WHAT_WENT_WRONG[t.type]
  // an anonymised customer's description is long: the title tells what we turned around instead
  const title =
    privacy === 'anonymised'
      ? wow
        ? `How we turned ${what} into “You blew me away!”`
        : `How we turned ${what} around`
      : wow
        ? `How we blew ${who} away after ${what}`
        : `How we turned ${what} around for ${who}`
  const summary = quotable(t.description)
  const fix = quotable(t.fixNote)
  const body = paragraphs(
    summary ? `What went wrong for ${who}:\n${quote(summary)}` : `We let ${who} down with ${what}.`,
    howFast(t, owner),
    fix && `What we did:\n${quote(fix)}`,
    theSurprise(t),
    theAnswer(t, privacy === 'named' ? who : 'They'),
    wow ? 'That is what a dazzling recovery looks like.' : null,
  )
  // each quoted on its own, without its full stop: “Has three dogs”; “Loves Burgundy”
  const secrets = t.secrets
    .map((s) => quotable(s)?.replace(/(?<!\.)\.$/, '') ?? null)
    .filter((s): s is string => !!s)
  const secretNote =
    secrets.length > 0 ? `The secret behind the surprise: ${secrets.map(quote).join('; ')}` : null
  return {
    title: capitalise(title),
    body,
    secretNote,
    privacy,
    customerLabel: privacy === 'anonymised' ? label : null,
  }
}
