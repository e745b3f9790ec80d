import { DomainError } from '../errors.ts'
import type { ReportCardDeps } from './ports.ts'
import {
  checkRatings,
  checkReportCardLink,
  RATING_SCALE,
  type Ratings,
  REPORT_CARD_COMMENT_MAX,
} from './report-card.ts'

type Deps = Pick<ReportCardDeps, 'accountability' | 'audit' | 'clock' | 'notify'>

const cardOf = async (deps: Pick<Deps, 'accountability'>, cardId: string) => {
  const card = await deps.accountability.reportCard(cardId)
  if (!card) {
    throw new DomainError(
      'report_card_invalid',
      'This link is not valid. Please use the link exactly as it was sent to you.',
    )
  }
  return card
}

/** What a report-card link asks, in the customer's words; a used or expired link says so. */
export const reportCardQuestions = async (deps: Pick<Deps, 'accountability' | 'clock'>, cardId: string) => {
  const card = await cardOf(deps, cardId)
  checkReportCardLink(card, deps.clock.now())
  return {
    companyName: await deps.accountability.companyName(),
    customerName: card.personName ?? card.customerName,
    salespersonName: card.salespersonName,
    questions: card.questions,
    scale: RATING_SCALE.map((s) => ({ ...s })),
    expiresAt: card.expiresAt,
  }
}

/**
 * The customer answers, once: each behaviour 1–5 or "can't say", a comment if they like. The
 * salesperson is told; the answer is audited as the customer's (the link is the proof).
 */
export const answerReportCard = async (
  deps: Deps,
  cardId: string,
  answer: { ratings: Ratings; comment?: string | undefined },
): Promise<void> => {
  const card = await cardOf(deps, cardId)
  const now = deps.clock.now()
  checkReportCardLink(card, now)
  checkRatings(card.questions, answer.ratings)
  const comment = answer.comment?.trim() || null
  if (comment && comment.length > REPORT_CARD_COMMENT_MAX) {
    throw new DomainError('invalid_input', `Keep the comment under ${REPORT_CARD_COMMENT_MAX} characters.`)
  }
  if (!(await deps.accountability.answerReportCard(cardId, { ratings: answer.ratings, comment, at: now }))) {
    throw new DomainError(
      'report_card_answered',
      'Thank you — we already have your answers to this report card.',
    )
  }
  const given = Object.values(answer.ratings).filter((r): r is number => r !== null)
  const mean = Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 10) / 10
  await deps.notify({
    userId: card.salespersonUserId,
    title: `${card.customerName} filled in your report card: ${mean} / 5`,
    body: comment ? 'They left a comment too.' : 'Open your report card to see each behaviour.',
  })
  await deps.audit.record({
    actorUserId: null,
    actorLabel: 'customer (report-card link)',
    action: 'report_card.answered',
    targetType: 'report_card',
    targetId: cardId,
    details: {
      salespersonUserId: card.salespersonUserId,
      rated: given.length,
      cantSay: Object.keys(answer.ratings).length - given.length,
    },
  })
}
