import type { Clock } from '../clock.ts'
import { DomainError } from '../errors.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import { checkFeedbackLink, feedbackNotice, WOW_SCALE } from './feedback.ts'
import { OOPS_TYPE_LABELS } from './oops.ts'
import type { FeedbackAnswer, FeedbackPort } from './ports.ts'
import type { EscalationPort } from './remind-and-escalate.ts'

export interface FeedbackDeps {
  feedback: FeedbackPort
  people: Pick<EscalationPort, 'notify'>
  audit: AuditLog
  clock: Clock
}

/** What a "did we blow you away?" link asks, in the customer's words; a used or expired link says so. */
export const feedbackQuestion = async (deps: Pick<FeedbackDeps, 'feedback' | 'clock'>, oopsId: string) => {
  const o = await deps.feedback.feedbackCase(oopsId)
  checkFeedbackLink({ expiresAt: o.expiresAt, usedAt: o.usedAt }, deps.clock.now())
  return {
    companyName: o.companyName,
    customerName: o.personName ?? o.customerName,
    what: OOPS_TYPE_LABELS[o.type] ?? 'What went wrong',
    scale: WOW_SCALE.map((s) => ({ ...s })),
  }
}

/**
 * The customer answers, once: the answer attaches to the OOPS!, its owner is told, and the answer
 * is audited as the customer's (no sign-in: the link is the proof).
 */
export const answerFeedback = async (deps: FeedbackDeps, oopsId: string, answer: FeedbackAnswer) => {
  const o = await deps.feedback.feedbackCase(oopsId)
  const now = deps.clock.now()
  checkFeedbackLink({ expiresAt: o.expiresAt, usedAt: o.usedAt }, now)
  // a double submit: the guarded write records the first only
  if (!(await deps.feedback.recordAnswer(oopsId, answer, now))) {
    throw new DomainError('feedback_already_given', 'Thank you — we already have your answer to this one.')
  }
  if (o.ownerUserId) {
    const notice = feedbackNotice(o.customerName, answer)
    await deps.people.notify([
      { userId: o.ownerUserId, kind: 'oops.feedback', oopsId, ...notice, email: false },
    ])
  }
  await deps.audit.record({
    actorUserId: null,
    actorLabel: 'customer (feedback link)',
    action: 'oops.feedback_received',
    targetType: 'oops',
    targetId: oopsId,
    details: { wow: answer.wow, fixed: answer.fixed, nps: answer.nps },
  })
}
