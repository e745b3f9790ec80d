import { DomainError } from '../errors.ts'
import { type Actor, can } from '../workspaces/roles.ts'

/**
 * A recovery story (seed 002/003: "stories are told"): what went wrong, how fast it was put right,
 * the surprise and the secret behind it, and what the customer answered — written by the
 * recovery's owner or a leader from Dazzle's draft, and shared with the team.
 */

/** The limits of what a person writes; the schemas at the edge repeat them with the same words. */
export const STORY_LIMITS = {
  title: 140,
  body: 6_000,
  secretNote: 1_000,
  customerLabel: 120,
} as const

/** How the customer is shown: by name, or described without a name ("a long-standing customer in Leeds"). */
export const STORY_PRIVACY = ['named', 'anonymised'] as const
export type StoryPrivacy = (typeof STORY_PRIVACY)[number]

/** The reactions a colleague may give a story, one of each kind per member. */
export const REACTION_KINDS = ['applause', 'heart', 'party'] as const
export type ReactionKind = (typeof REACTION_KINDS)[number]
export const REACTION_EMOJI: Record<ReactionKind, string> = { applause: '👏', heart: '❤️', party: '🎉' }
export const REACTION_LABELS: Record<ReactionKind, string> = {
  applause: 'Applause',
  heart: 'Love it',
  party: 'Celebrate',
}

/** A published story, as stored. */
export interface Story {
  id: string
  oopsId: string
  authorUserId: string | null
  authorName: string | null
  title: string
  body: string
  /** the secret behind the surprise, shown only to readers whose role may read secrets */
  secretNote: string | null
  privacy: StoryPrivacy
  /** how an anonymised story names the customer */
  customerLabel: string | null
  publishedAt: Date
  editedAt: Date | null
}

/** A story as the feed gives it to one reader: the customer as the privacy choice allows, reactions counted. */
export interface StoryView extends Omit<Story, 'secretNote'> {
  /** the customer's name when the story names them, else its label */
  customerShown: string
  /** the customer's name and id for a named story; null when it is anonymised */
  customerName: string | null
  customerId: string | null
  outcome: string | null
  secretNote: string | null
  /** a secret is behind the surprise, but this reader's role may not read it */
  secretHidden: boolean
  reactions: Record<ReactionKind, number>
  mine: ReactionKind[]
}

/** Whose role may read the text of secrets — the same rule as the secrets themselves. */
export const readsSecrets = (actor: Pick<Actor, 'role'>): boolean =>
  can({ userId: '', label: '', ...actor }, 'secrets.read')

/** The story as one reader may see it: the secret only where their role may read secrets. */
export const storyForReader = <S extends { secretNote: string | null }>(
  story: S,
  reader: { readsSecrets: boolean },
): S & { secretHidden: boolean } =>
  reader.readsSecrets || !story.secretNote
    ? { ...story, secretHidden: false }
    : { ...story, secretNote: null, secretHidden: true }

/** Whether a member may write (or change) the story of a recovery: its owner, a leader or an admin. */
export const maySpeakFor = (actor: Pick<Actor, 'userId' | 'role'>, ownerUserId: string | null): boolean =>
  actor.role === 'leader' || actor.role === 'admin' || (!!ownerUserId && ownerUserId === actor.userId)

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Where a name appears as whole words in a text, case-insensitively. */
const mentions = (text: string, name: string): boolean => {
  const n = name.replace(/\s+/g, ' ').trim()
  if (n.length < 2) return false
  const words = n.split(' ').map(escapeRe).join('\\s+')
  return new RegExp(`(^|[^\\p{L}\\p{N}])${words}($|[^\\p{L}\\p{N}])`, 'iu').test(text)
}

export interface StoryText {
  title: string
  body: string
  secretNote: string | null
  privacy: StoryPrivacy
  customerLabel: string | null
}

const required = (value: string, field: keyof typeof STORY_LIMITS, what: string): string => {
  const t = value.trim()
  if (!t) throw new DomainError('invalid_input', `The story needs ${what}.`, { field })
  if (t.length > STORY_LIMITS[field]) {
    throw new DomainError(
      'invalid_input',
      `The ${field === 'body' ? 'story' : field === 'customerLabel' ? 'description of the customer' : field} is ${t.length.toLocaleString('en')} characters; keep it to ${STORY_LIMITS[field].toLocaleString('en')}.`,
      { field, max: STORY_LIMITS[field] },
    )
  }
  return t
}

/**
 * The text of a story made fit to publish: trimmed, within its limits, and — when the customer is
 * anonymised — naming neither the customer nor the person we let down anywhere.
 */
export const checkStoryText = (
  input: StoryText,
  customer: { name: string; personName: string | null },
): StoryText => {
  const title = required(input.title, 'title', 'a title')
  const body = required(input.body, 'body', 'some words: what went wrong, how it was put right')
  const note = input.secretNote?.trim() ? required(input.secretNote, 'secretNote', 'a secret') : null
  if (input.privacy === 'named')
    return { title, body, secretNote: note, privacy: 'named', customerLabel: null }
  const label = required(
    input.customerLabel ?? '',
    'customerLabel',
    'a way to describe the customer without naming them',
  )
  const names = [customer.name, customer.personName].filter((n): n is string => !!n?.trim())
  for (const [field, text] of [
    ['title', title],
    ['body', body],
    ['secretNote', note ?? ''],
    ['customerLabel', label],
  ] as const) {
    const named = names.find((n) => mentions(text, n))
    if (named) {
      throw new DomainError(
        'invalid_input',
        `The story keeps the customer anonymous, but its ${field === 'body' ? 'text' : field === 'secretNote' ? 'secret' : field === 'customerLabel' ? 'description of the customer' : 'title'} names “${named}”: take the name out, or publish it with the customer named.`,
        { field },
      )
    }
  }
  return { title, body, secretNote: note, privacy: 'anonymised', customerLabel: label }
}
