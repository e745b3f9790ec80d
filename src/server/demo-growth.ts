import { growthStore } from '../db/growth.store.ts'
import { setGrowthGoal } from '../domain/growth/set-growth-goal.ts'
import type { Actor } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runInWorkspace } from './in-workspace.ts'

const DAY = 86_400_000

/**
 * HOW BIG in the demo: Leo (the leader) first aimed at +15 % in 18 months, then raised it to +25 %
 * in 12 — so the Growth page has a goal, its history, and a question to answer for every group.
 * Through the use-case, each at its own moment.
 */
export const seedDemoGrowth = async (deps: ServerDeps, workspaceId: string, leo: Actor) => {
  const now = deps.clock.now().getTime()
  await runInWorkspace(deps, null, workspaceId, async (w) => {
    const growth = growthStore(w.trx, workspaceId)
    const at = (t: number) => ({ now: () => new Date(t) })
    const actor = { ...leo, workspaceId }
    await setGrowthGoal({ growth, audit: w.audit, clock: at(now - 40 * DAY) }, actor, {
      kind: 'percent',
      percent: 15,
      months: 18,
    })
    await setGrowthGoal({ growth, audit: w.audit, clock: at(now - 3 * DAY) }, actor, {
      kind: 'percent',
      percent: 25,
      months: 12,
    })
  })
}
