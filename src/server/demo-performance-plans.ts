import { performancePlansStore } from '../db/performance-plans.store.ts'
import { setPerformancePlan } from '../domain/accountability/manage-performance-plans.ts'
import { teamBelow } from '../domain/workspaces/reporting-lines.ts'
import type { Actor } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runInWorkspace } from './in-workspace.ts'

const pad = (n: number) => String(n).padStart(2, '0')
const roundTo5 = (v: number) => Math.round(v / 5) * 5

/**
 * Leo's plan for the current quarter, set by Maya (whom he reports to) through the same use-case a
 * leader's form takes, mid-period: the expectations are pitched against what his team has done so
 * far so that the page shows both sides — time to fix and tier A coverage on track, the stories told
 * met, the dazzling share and the WOW rate behind.
 */
export const seedDemoPerformancePlan = async (
  deps: ServerDeps,
  workspaceId: string,
  people: { maya: Actor; leo: Actor },
) => {
  const now = deps.clock.now()
  const m = now.getUTCMonth()
  const start = `${now.getUTCFullYear()}-${pad(m - (m % 3) + 1)}-01`
  await runInWorkspace(deps, null, workspaceId, async (w) => {
    const plans = performancePlansStore(w.trx, workspaceId)
    const lines = await plans.reportingLines()
    const team = [people.leo.userId, ...teamBelow(lines, people.leo.userId).map((t) => t.userId)]
    const so = await plans.teamFigures(team, new Date(`${start}T00:00:00Z`), now, now)
    const share = so.dazzlingShare ?? 0
    const fix = so.medianHoursToFix ?? 12
    await setPerformancePlan({ plans, audit: w.audit, clock: deps.clock }, people.maya, {
      leaderUserId: people.leo.userId,
      periodKind: 'quarter',
      periodStart: start,
      // behind: the share the source asks of a team that recovers well, above today's
      dazzlingShareMin: Math.min(100, Math.max(60, roundTo5(share + 15))),
      // on track: half again the team's median so far, and never under the 24-hour window
      medianFixHoursMax: Math.max(24, Math.ceil(fix * 1.5)),
      // behind
      wowRateMin: Math.min(100, roundTo5((so.wowRate ?? 30) + 20)),
      // met: the stories already told
      storiesMin: Math.max(1, so.storiesTold),
      // on track
      tierACoverageMin: Math.max(0, roundTo5((so.tierA.coverage ?? 100) - 20)),
    })
  })
}
