import { DomainError } from '../errors.ts'
import { signatureOf } from './contact-drafts.ts'

/**
 * "Did we blow you away?" (seed 002) — not "were you satisfied?". Asked once, right after the
 * resolution, by a link that needs no sign-in.
 */
export const WOW_SCALE = [
  { value: 1, label: 'You made it worse' },
  { value: 2, label: 'You didn’t really put it right' },
  { value: 3, label: 'You fixed it — as I’d expect' },
  { value: 4, label: 'Better than I expected' },
  { value: 5, label: 'You blew me away!' },
] as const
/** the answer that counts as WOW */
export const WOW = 5
export const FEEDBACK_TTL_DAYS = 14

/**
 * How a link reached the customer: emailed to them, made only for the owner to hand over (we had
 * no address), or emailed and the email failed (the owner still has the link to hand over).
 */
export const FEEDBACK_DELIVERIES = ['emailed', 'link_only', 'email_failed'] as const
export type FeedbackDelivery = (typeof FEEDBACK_DELIVERIES)[number]

export interface FeedbackLinkState {
  expiresAt: Date | null
  usedAt: Date | null
}

/** A link answered already, or past its date, says so in words the customer understands. */
export const checkFeedbackLink = (link: FeedbackLinkState, now: Date): void => {
  if (link.usedAt) {
    throw new DomainError('feedback_already_given', 'Thank you — we already have your answer to this one.')
  }
  if (!link.expiresAt || link.expiresAt < now) {
    throw new DomainError(
      'feedback_link_expired',
      'This link has expired. If you would still like to tell us how we did, reply to our last email.',
    )
  }
}

/** Net promoter score of a set of 0–10 answers: % promoters (9–10) − % detractors (0–6). */
export const netPromoterScore = (answers: readonly number[]): number | null => {
  if (answers.length === 0) return null
  const promoters = answers.filter((a) => a >= 9).length
  const detractors = answers.filter((a) => a <= 6).length
  return Math.round(((promoters - detractors) / answers.length) * 100)
}

/**
 * The email that asks the customer, right after the resolution: one question, one link, signed by
 * the case's owner (and, when someone else sends it, saying who sent it for them).
 */
export const feedbackRequestEmail = (p: {
  name: string
  link: string
  /** the case's owner; none: whoever sends it signs */
  owner: string | null
  writer: string
}) => ({
  subject: 'Did we blow you away?',
  text: `Dear ${p.name},\n\nWe let you down, and we have tried to make it right. One question, and it takes ten seconds:\ndid we blow you away?\n\n${p.link}\n\n${signatureOf({ ownerName: p.owner, writerName: p.writer, company: '' })}`,
})

/** What the owner of the OOPS! is told when the customer answers. */
export const feedbackNotice = (customerName: string, answer: { wow: number; fixed: boolean }) => ({
  title:
    answer.wow >= WOW
      ? `${customerName}: “You blew me away!”`
      : `${customerName} answered: ${WOW_SCALE[answer.wow - 1]!.label}`,
  body: answer.fixed ? 'They say it was fixed.' : 'They say it was NOT fixed.',
})
