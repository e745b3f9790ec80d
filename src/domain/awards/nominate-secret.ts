import { DomainError } from '../errors.ts'
import { SENSITIVE_CATEGORY_KEYS } from '../secrets/taxonomy.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { AWARD_LABELS, periodLabel, periodOf } from './award.ts'
import type { AwardsDeps } from './ports.ts'

export const NOMINATION_REASON_MAX = 500

/**
 * A colleague nominates a secret for this month's secret agent, saying why it is cool. Nominations are
 * for the month now running (a past month is decided, not reopened); one per member per secret per
 * month; not a secret you recorded yourself (the award is colleagues' recognition, not a vote for
 * yourself); not a secret of a sensitive category (its text is never posted).
 */
export const nominateSecret = async (
  deps: AwardsDeps,
  actor: Actor,
  input: { secretId: string; reason: string },
): Promise<{ id: string; period: string; secretId: string }> => {
  authorize(actor, 'awards.nominate')
  const reason = input.reason.trim()
  if (!reason || reason.length > NOMINATION_REASON_MAX) {
    throw new DomainError(
      'invalid_input',
      `Say why this secret is cool in 1 to ${NOMINATION_REASON_MAX} characters.`,
      { field: 'reason' },
    )
  }
  const period = periodOf('secret_agent', deps.clock.now())
  const secret = await deps.awards.secret(input.secretId)
  if (!secret) throw new DomainError('secret_not_found', 'No such secret in this workspace.')
  if (SENSITIVE_CATEGORY_KEYS.includes(secret.category)) {
    throw new DomainError(
      'sensitive_not_allowed',
      'A secret of a sensitive category stays in the customer’s manual; nominate another one.',
    )
  }
  if (secret.recordedBy === actor.userId) {
    throw new DomainError(
      'nomination_own_secret',
      'You recorded this secret yourself; the award is for colleagues to give. Nominate someone else’s.',
    )
  }
  if (await deps.awards.award('secret_agent', period)) {
    throw new DomainError(
      'award_taken',
      `${AWARD_LABELS.secret_agent} for ${periodLabel(period)} is already decided; nominations open again next month.`,
    )
  }
  if (await deps.awards.hasNominated(period, secret.id, actor.userId)) {
    throw new DomainError('nomination_taken', `You already nominated this secret for ${periodLabel(period)}.`)
  }
  const id = await deps.awards.addNomination({ period, secretId: secret.id, userId: actor.userId, reason })
  await deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'award.nominated',
    targetType: 'secret',
    targetId: secret.id,
    // no text of the secret and none of the reason: the trail says who, what and when
    details: { period, customerId: secret.customerId },
  })
  return { id, period, secretId: secret.id }
}
