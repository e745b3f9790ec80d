import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { AWARD_LABELS, type AwardKind, assertPeriodStarted, periodLabel } from './award.ts'
import type { Award, AwardsDeps } from './ports.ts'
import { computeCandidates } from './read-awards.ts'

export const AWARD_REASON_MAX = 500

export interface DecideAwardInput {
  kind: AwardKind
  period: string
  /** the recovery hero or addict */
  userId?: string | undefined
  /** the secret agent's secret */
  secretId?: string | undefined
  /** the secrets manual's customer */
  customerId?: string | undefined
  /** why; the candidate's figures in a sentence when left out */
  reason?: string | undefined
}

/**
 * A leader decides one award for one period from the computed candidates: one winner per kind and
 * period, never decided twice; the winner must be a member of this workspace now. The figures the
 * decision rests on are kept with it; the winner hears it on the bell; the decision is audited.
 */
export const decideAward = async (
  deps: AwardsDeps,
  actor: Actor,
  input: DecideAwardInput,
): Promise<Award> => {
  authorize(actor, 'awards.decide')
  const { kind, period } = input
  assertPeriodStarted(kind, period, deps.clock.now())
  const reasonIn = input.reason?.trim() ?? ''
  if (reasonIn.length > AWARD_REASON_MAX) {
    throw new DomainError('invalid_input', `Keep the reason to ${AWARD_REASON_MAX} characters.`, {
      field: 'reason',
    })
  }
  const label = `${AWARD_LABELS[kind]} for ${periodLabel(period)}`
  if (await deps.awards.award(kind, period)) {
    throw new DomainError('award_taken', `${label} is already decided; each period has one winner.`)
  }

  const wanted = await subjectOf(deps, input)
  const { candidates } = await computeCandidates(deps, kind, period)
  const chosen = candidates.find((c) =>
    wanted.by === 'secret'
      ? c.secretId === wanted.id
      : wanted.by === 'customer'
        ? c.customerId === wanted.id
        : c.winner.userId === wanted.id,
  )
  if (!chosen) {
    throw new DomainError(
      'award_not_candidate',
      kind === 'secret_agent'
        ? `This secret was not nominated for ${periodLabel(period)}; choose one of the nominated secrets.`
        : `That is not one of the candidates for ${label}; choose from the candidates and their figures.`,
    )
  }
  const winner = await deps.awards.member(chosen.winner.userId)
  if (!winner) {
    throw new DomainError(
      'member_not_found',
      `${chosen.winner.name} is no longer a member of this workspace; choose another candidate.`,
    )
  }

  const decidedAt = deps.clock.now()
  const reason = reasonIn || chosen.summary.slice(0, AWARD_REASON_MAX)
  const id = await deps.awards.addAward({
    kind,
    period,
    winnerUserId: winner.userId,
    secretId: chosen.secretId,
    customerId: chosen.customerId,
    reason,
    figures: chosen.figures,
    decidedBy: actor.userId,
    decidedAt,
  })
  await deps.awards.notify({
    userId: winner.userId,
    title: `You are ${AWARD_LABELS[kind].toLowerCase()} (${periodLabel(period)})`,
    // the leader's words only: neither the secret's text nor the customer's name sits on the bell
    // (an erased customer must not linger there)
    body: reason,
  })
  await deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'award.decided',
    targetType: 'award',
    targetId: id,
    details: {
      kind,
      period,
      winnerUserId: winner.userId,
      secretId: chosen.secretId,
      customerId: chosen.customerId,
      rank: chosen.rank,
      figures: chosen.figures,
    },
  })
  const award = await deps.awards.award(kind, period)
  if (!award) throw new Error('award not stored')
  return award
}

/** Which one the leader chose, checked to be of this workspace before it is looked for among candidates. */
const subjectOf = async (
  deps: AwardsDeps,
  input: DecideAwardInput,
): Promise<{ by: 'secret' | 'customer' | 'member'; id: string }> => {
  if (input.kind === 'secret_agent') {
    if (!input.secretId) throw missing('secretId', 'Choose the nominated secret.')
    if (!(await deps.awards.secret(input.secretId))) {
      throw new DomainError('secret_not_found', 'No such secret in this workspace.')
    }
    return { by: 'secret', id: input.secretId }
  }
  if (input.kind === 'secrets_manual') {
    if (!input.customerId) throw missing('customerId', 'Choose the customer whose manual wins.')
    if (!(await deps.awards.customerExists(input.customerId))) {
      throw new DomainError('customer_not_found', 'No such customer in this workspace.')
    }
    return { by: 'customer', id: input.customerId }
  }
  if (!input.userId) throw missing('userId', 'Choose the person.')
  if (!(await deps.awards.member(input.userId))) {
    throw new DomainError('member_not_found', 'That person is not a member of this workspace.')
  }
  return { by: 'member', id: input.userId }
}

const missing = (field: string, message: string) => new DomainError('invalid_input', message, { field })
