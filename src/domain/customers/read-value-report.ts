import { type Actor, authorize } from '../workspaces/roles.ts'
import type { ValuePort } from './ports.ts'
import { GROW_HERE_BELOW, GROW_HERE_LIMIT, growHeadroom, isGrowTarget } from './value-tiers.ts'

/**
 * The value page (leaders and admins): the figures recomputed after the last import or change —
 * worked out now if there are none yet — and where to grow, read live.
 */
export const readValueReport = async (deps: { value: ValuePort }, actor: Actor) => {
  authorize(actor, 'value.read')
  const snap = await deps.value.snapshot()
  const report = snap?.report ?? (await deps.value.report())
  // the store selects by the same rule; checked again here so the rule is the domain's
  const figures = (c: { value: { trailing12mRevenue: number; estimatedCategorySpend: number | null } }) => ({
    trailing12m: c.value.trailing12mRevenue,
    estimatedCategorySpend: c.value.estimatedCategorySpend,
  })
  const growHere = (await deps.value.growHere(GROW_HERE_BELOW, GROW_HERE_LIMIT))
    .filter((c) => isGrowTarget({ tier: c.value.tier, ...figures(c) }))
    .sort((a, b) => growHeadroom(figures(b)) - growHeadroom(figures(a)))
  return { ...report, growHere, computedAt: snap?.computedAt ?? null }
}
