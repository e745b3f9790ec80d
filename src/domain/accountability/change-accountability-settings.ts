import { actedOnWorkspace } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { SOURCE_MIN_SECRET_WEIGHT } from './bonus-plan.ts'
import type { EffectivenessWeights } from './effectiveness.ts'
import type { AccountabilityDeps, AccountabilitySettings } from './ports.ts'

type WeightsPatch = Partial<Omit<EffectivenessWeights, 'tier' | 'certainty'>> & {
  tier?: Partial<EffectivenessWeights['tier']> | undefined
  certainty?: Partial<EffectivenessWeights['certainty']> | undefined
}

export const readAccountabilitySettings = async (
  deps: AccountabilityDeps,
  actor: Actor,
): Promise<AccountabilitySettings> => {
  authorize(actor, 'accountability.read_own')
  return deps.accountability.settings()
}

/**
 * How secret gathering is measured and how much of a bonus must rest on it. The minimum may be
 * raised above the source's 25 % but never set below it.
 */
export const changeAccountabilitySettings = async (
  deps: AccountabilityDeps,
  actor: Actor & { workspaceId: string },
  patch: {
    minSecretWeight?: number | undefined
    minAnswers?: number | undefined
    weights?: WeightsPatch | undefined
  },
): Promise<AccountabilitySettings> => {
  authorize(actor, 'accountability.settings')
  const now = await deps.accountability.settings()
  if (patch.minSecretWeight !== undefined && patch.minSecretWeight < SOURCE_MIN_SECRET_WEIGHT) {
    throw new DomainError(
      'bonus_plan_secret_weight',
      `The minimum weight on secret gathering can be raised, not lowered below ${SOURCE_MIN_SECRET_WEIGHT} %: “I suggest at least 25% of the sales bonus should be based on secret gathering effectiveness.”`,
      { minimum: SOURCE_MIN_SECRET_WEIGHT },
    )
  }
  const next: AccountabilitySettings = {
    minSecretWeight: patch.minSecretWeight ?? now.minSecretWeight,
    minAnswers: patch.minAnswers ?? now.minAnswers,
    weights: {
      ...now.weights,
      ...patch.weights,
      tier: { ...now.weights.tier, ...patch.weights?.tier },
      certainty: { ...now.weights.certainty, ...patch.weights?.certainty },
    },
  }
  await deps.accountability.changeSettings(next)
  await deps.audit.record(
    actedOnWorkspace(actor, 'accountability.settings_changed', { before: now, after: next }),
  )
  return next
}
