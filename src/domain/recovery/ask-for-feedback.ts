import { type Actor, authorize } from '../workspaces/roles.ts'
import { FEEDBACK_TTL_DAYS, feedbackRequestEmail } from './feedback.ts'
import type { ContactDeps } from './ports.ts'

/**
 * "Did we blow you away?", asked at once when the OOPS! closes: a one-time link (only its hash is
 * kept), emailed when we know where to write. The OOPS! is closed either way, so a failed email is
 * handed back, not thrown: the owner still has the link to give the customer.
 */
export const askForFeedback = async (
  deps: ContactDeps,
  actor: Actor & { name?: string },
  input: { oopsId: string; emailTo?: string | undefined },
): Promise<{ feedbackLink: string; emailError: unknown }> => {
  authorize(actor, 'recovery.write')
  const { token, hash } = deps.mint.newToken('wow')
  const expiresAt = new Date(deps.clock.now().getTime() + FEEDBACK_TTL_DAYS * 86_400_000)
  await deps.recovery.saveFeedbackLink(input.oopsId, { hash, expiresAt })
  const feedbackLink = deps.feedbackUrl(token)
  const to = await deps.recovery.addresseeOf(input.oopsId)
  const email = input.emailTo ?? to.personEmail
  let emailError: unknown = null
  if (email) {
    const mail = feedbackRequestEmail({
      name: to.personName ?? to.customerName,
      link: feedbackLink,
      from: actor.name ?? actor.label,
    })
    await deps.mail.send({ to: email, ...mail }).catch((e: unknown) => {
      emailError = e
    })
  }
  return { feedbackLink, emailError }
}
