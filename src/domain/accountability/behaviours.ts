import { DomainError } from '../errors.ts'

/**
 * What a customer can tell about a salesperson in secret-gathering mode (seed 004: "a customer report
 * card detailing the sales behaviors you expect"). Written as the customer would say it, because the
 * customer is the one who rates them.
 */
export interface Behaviour {
  id: string
  /** what the customer rates, in their words: "Asks about me as a person, not only about the order" */
  label: string
  /** optional: what it looks like, shown under the label on the card */
  hint: string | null
  position: number
  retiredAt: Date | null
}

export const BEHAVIOUR_LABEL_MAX = 140
export const BEHAVIOUR_HINT_MAX = 300
/** a card the customer fills in on a phone in two minutes */
export const BEHAVIOURS_ON_A_CARD_MAX = 12

/** The seed list a new workspace starts with (seeds 000 and 004, in the product's words). */
export const DEFAULT_BEHAVIOURS: readonly { label: string; hint: string }[] = [
  {
    label: 'Asks about me as a person, not only about the order',
    hint: 'What I want, what I dream of, what matters to me beyond this purchase.',
  },
  {
    label: 'Listens more than they talk',
    hint: 'I get to finish; they ask a second question about my answer.',
  },
  {
    label: 'Remembers what I told them, and my family by name',
    hint: 'I never have to say the same thing twice.',
  },
  {
    label: 'Stays interested when I am not buying',
    hint: 'They keep in touch without a sale in sight.',
  },
  {
    label: 'Shares what they learn, so service and marketing know me too',
    hint: 'When I talk to anyone else in the company, they already know.',
  },
  { label: 'Helps me solve my problems', hint: 'Even when the answer is not one of their products.' },
  { label: 'Follows up as promised', hint: 'When they say they will call back, they do.' },
]

/** A label is the customer's sentence: present, short, and not a duplicate of another one. */
export const checkBehaviourLabel = (label: string, others: readonly Behaviour[], selfId?: string): string => {
  const clean = label.trim().replace(/\s+/g, ' ')
  if (clean.length < 3) {
    throw new DomainError(
      'invalid_input',
      'Write the behaviour as a customer would say it, e.g. "Listens more than they talk".',
    )
  }
  if (clean.length > BEHAVIOUR_LABEL_MAX) {
    throw new DomainError(
      'invalid_input',
      `Keep a behaviour under ${BEHAVIOUR_LABEL_MAX} characters: the customer reads it on a phone.`,
    )
  }
  const same = others.find(
    (b) => b.id !== selfId && b.retiredAt === null && b.label.toLowerCase() === clean.toLowerCase(),
  )
  if (same) throw new DomainError('behaviour_taken', `"${same.label}" is on the card already.`)
  return clean
}

/** The behaviours a new card asks about: the active ones, in the admins' order. */
export const activeBehaviours = (all: readonly Behaviour[]): Behaviour[] =>
  all.filter((b) => b.retiredAt === null).sort((a, b) => a.position - b.position)
