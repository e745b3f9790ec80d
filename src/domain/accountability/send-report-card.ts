import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize, can } from '../workspaces/roles.ts'
import { activeBehaviours } from './behaviours.ts'
import type { ReportCardDeps } from './ports.ts'
import {
  checkReportCardLink,
  REPORT_CARD_REMIND_AFTER_DAYS,
  REPORT_CARD_TTL_DAYS,
  reportCardEmail,
  reportCardReminderEmail,
} from './report-card.ts'

const DAY = 86_400_000

/**
 * A leader or the salesperson sends a report card about the salesperson to one of a customer's
 * people: a one-time link (only its hash is kept), emailed by Dazzle when asked and an address is
 * known, and handed back either way so it can be copied into a message. One reminder is scheduled.
 */
export const sendReportCard = async (
  deps: ReportCardDeps,
  actor: Actor & { name?: string | undefined },
  input: {
    salespersonUserId?: string | undefined
    customerId: string
    personId?: string | null | undefined
    emailTo?: string | undefined
    sendEmail: boolean
  },
): Promise<{
  id: string
  link: string
  emailedTo: string | null
  emailError: string | null
  expiresAt: Date
}> => {
  authorize(actor, 'report_cards.send')
  const salespersonUserId = input.salespersonUserId ?? actor.userId
  if (salespersonUserId !== actor.userId && !can(actor, 'accountability.read_team')) {
    throw new DomainError(
      'forbidden',
      'You can send report cards about yourself; a leader sends them for the team.',
    )
  }
  const salesperson = await deps.accountability.member(salespersonUserId)
  if (!salesperson) {
    throw new DomainError('member_not_found', 'The salesperson is not a member of this workspace.')
  }
  const to = await deps.accountability.addressee(input.customerId, input.personId ?? null)
  if (!to)
    throw new DomainError('customer_not_found', 'There is no such customer (or person) in this workspace.')
  const questions = activeBehaviours(await deps.accountability.behaviours()).map((b) => ({
    behaviourId: b.id,
    label: b.label,
    hint: b.hint,
  }))
  if (questions.length === 0) {
    throw new DomainError(
      'invalid_input',
      'The report card has no behaviours to ask about; an admin adds them first.',
    )
  }
  const now = deps.clock.now()
  const { token, hash } = deps.mint.newToken('card')
  const expiresAt = new Date(now.getTime() + REPORT_CARD_TTL_DAYS * DAY)
  const email = input.sendEmail ? (input.emailTo ?? to.email) : null
  if (input.sendEmail && !email) {
    throw new DomainError(
      'invalid_input',
      'We have no email address for this person: give one, or copy the link instead.',
    )
  }
  const id = await deps.accountability.saveReportCard({
    salespersonUserId,
    customerId: input.customerId,
    personId: input.personId ?? null,
    sentByUserId: actor.userId,
    tokenHash: hash,
    questions,
    emailTo: email,
    sentAt: now,
    expiresAt,
  })
  const link = deps.reportCardUrl(token)
  let emailError: string | null = null
  if (email) {
    const mail = reportCardEmail({
      name: to.personName ?? to.customerName,
      salesperson: salesperson.name,
      company: await deps.accountability.companyName(),
      link,
      from: actor.name ?? actor.label,
    })
    await deps.mail.send({ to: email, ...mail }).catch((e: unknown) => {
      emailError = e instanceof Error ? e.message : String(e)
    })
    await deps.accountability.scheduleReminder(
      id,
      new Date(now.getTime() + REPORT_CARD_REMIND_AFTER_DAYS * DAY),
    )
  }
  await deps.audit.record(
    actedBy(
      actor,
      'report_card.sent',
      { type: 'report_card', id },
      {
        salespersonUserId,
        customerId: input.customerId,
        byEmail: email !== null,
        questions: questions.length,
      },
    ),
  )
  return { id, link, emailedTo: email, emailError, expiresAt }
}

/**
 * The one reminder (a stored job runs it): only for a card still unanswered and not expired, sent by
 * email, never reminded before. It carries a second link; the first keeps working.
 */
export const remindReportCard = async (deps: ReportCardDeps, cardId: string): Promise<boolean> => {
  const card = await deps.accountability.reportCard(cardId)
  if (!card?.emailTo || card.remindedAt) return false
  const now = deps.clock.now()
  try {
    checkReportCardLink(card, now)
  } catch {
    return false
  }
  const { token, hash } = deps.mint.newToken('card')
  if (!(await deps.accountability.markReminded(cardId, hash, now))) return false
  const sender = card.sentByUserId ? await deps.accountability.member(card.sentByUserId) : null
  await deps.mail.send({
    to: card.emailTo,
    ...reportCardReminderEmail({
      name: card.personName ?? card.customerName,
      salesperson: card.salespersonName,
      link: deps.reportCardUrl(token),
      from: sender?.name ?? (await deps.accountability.companyName()),
    }),
  })
  await deps.audit.record({
    actorUserId: null,
    actorLabel: 'system',
    action: 'report_card.reminded',
    targetType: 'report_card',
    targetId: cardId,
  })
  return true
}
