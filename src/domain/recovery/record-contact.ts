import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { askForFeedback } from './ask-for-feedback.ts'
import { contactSubject } from './communication.ts'
import type { ContactDeps } from './ports.ts'
import { type ContactInput, loadOopsOrThrow, logContact } from './record-recovery-step.ts'

export interface RecordContactInput extends Omit<ContactInput, 'emailedTo'> {
  /** send the message to the customer by email from Dazzle */
  sendEmail: boolean
  /** defaults to the affected person's email */
  emailTo?: string | undefined
  subject?: string | undefined
}

/**
 * A contact with the customer from the recovery screen: on the timeline, emailed when asked (a
 * message that could not be sent is not recorded as sent: the whole step fails), and when it is
 * the final resolution, "did we blow you away?" is asked at once.
 */
export const recordContact = async (
  deps: ContactDeps,
  actor: Actor & { name?: string },
  input: RecordContactInput,
): Promise<{ closed: boolean; feedbackLink?: string; feedbackEmailError?: unknown }> => {
  authorize(actor, 'recovery.write')
  const { sendEmail, emailTo, subject, ...step } = input
  await loadOopsOrThrow(deps, input.oopsId)
  const to = sendEmail ? (emailTo ?? (await deps.recovery.addresseeOf(input.oopsId)).personEmail) : null
  if (sendEmail && !to) {
    throw new DomainError(
      'invalid_input',
      'There is no email address for the affected person: give one, or record the contact without sending.',
      { field: 'emailTo' },
    )
  }
  const after = await logContact(deps, actor, { ...step, emailedTo: to })
  if (to) {
    try {
      await deps.mail.send({ to, subject: contactSubject(input.kind, subject), text: input.message })
    } catch (e) {
      throw new DomainError(
        'email_failed',
        'The email could not be sent, so nothing was recorded. Try again, or record it without sending.',
        undefined,
        e,
      )
    }
  }
  if (!after.closed) return { closed: false }
  const asked = await askForFeedback(deps, actor, { oopsId: input.oopsId, emailTo })
  return { closed: true, feedbackLink: asked.feedbackLink, feedbackEmailError: asked.emailError }
}
