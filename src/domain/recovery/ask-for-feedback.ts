import { type Actor, authorize } from '../workspaces/roles.ts'
import { FEEDBACK_TTL_DAYS, type FeedbackDelivery, feedbackRequestEmail } from './feedback.ts'
import type { ContactDeps } from './ports.ts'

export interface FeedbackAsked {
  feedbackLink: string
  /** how it went out: emailed, made only to copy (no address), or the email failed */
  delivery: FeedbackDelivery
  /** where it was emailed (or tried); null when there was nowhere to send it */
  sentTo: string | null
  emailError: unknown
}

/**
 * "Did we blow you away?", asked at once when the OOPS! closes: a one-time link (only its hash is
 * kept), emailed when we know where to write. The OOPS! is closed either way, so a failed email is
 * handed back, not thrown: the owner still has the link to give the customer. How it went out is
 * kept with the link, so the recovery screen says what really happened.
 */
export const askForFeedback = async (
  deps: ContactDeps,
  actor: Actor & { name?: string },
  input: { oopsId: string; emailTo?: string | undefined },
): Promise<FeedbackAsked> => {
  authorize(actor, 'recovery.write')
  const { token, hash } = deps.mint.newToken('wow')
  const askedAt = deps.clock.now()
  const expiresAt = new Date(askedAt.getTime() + FEEDBACK_TTL_DAYS * 86_400_000)
  const feedbackLink = deps.feedbackUrl(token)
  const to = await deps.recovery.addresseeOf(input.oopsId)
  const sentTo = input.emailTo ?? to.personEmail
  let emailError: unknown = null
  if (sentTo) {
    const mail = feedbackRequestEmail({
      name: to.personName ?? to.customerName,
      link: feedbackLink,
      owner: to.ownerName,
      writer: actor.name ?? actor.label,
    })
    await deps.mail.send({ to: sentTo, ...mail }).catch((e: unknown) => {
      emailError = e
    })
  }
  const delivery: FeedbackDelivery = !sentTo ? 'link_only' : emailError ? 'email_failed' : 'emailed'
  await deps.recovery.saveFeedbackLink(input.oopsId, { hash, expiresAt, askedAt, delivery, sentTo })
  return { feedbackLink, delivery, sentTo, emailError }
}
