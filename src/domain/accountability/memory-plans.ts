import type { AuditEventInput } from '../audit/audit-event.ts'
import type { ReportingLine } from '../workspaces/workspace.ts'
import type { PerformancePlansPort, PlanChange, PlanPerson, StoredPlan, TeamFigures } from './plan-ports.ts'

/**
 * A working in-memory PerformancePlansPort for unit tests. Team figures come from a function of
 * the team and the period, so a test says what the record holds without a scoreboard.
 */
export const memoryPlans = (opts: {
  people: PlanPerson[]
  lines?: ReportingLine[]
  figures?: (team: readonly string[], from: Date, to: Date) => Partial<TeamFigures>
}) => {
  const plans = new Map<string, StoredPlan>()
  const changes: PlanChange[] = []
  const closeJobs: { planId: string; at: Date }[] = []
  const auditLog: AuditEventInput[] = []
  const figureCalls: { team: string[]; from: Date; to: Date }[] = []
  let n = 0
  const port: PerformancePlansPort = {
    async members() {
      return opts.people
    },
    async reportingLines() {
      return opts.lines ?? []
    },
    async plans({ leaderUserIds }) {
      return [...plans.values()]
        .filter((p) => !leaderUserIds || leaderUserIds.includes(p.leaderUserId))
        .sort((a, b) => b.periodStart.localeCompare(a.periodStart))
    },
    async plan(id) {
      return plans.get(id)
    },
    async duePlans(now) {
      return [...plans.values()].filter(
        (p) => !p.closedAt && Date.parse(`${p.periodEnd}T00:00:00Z`) <= now.getTime(),
      )
    },
    async insertPlan(p) {
      const id = `plan-${++n}`
      plans.set(id, { ...p, id, updatedAt: p.setAt, closedAt: null, closedBy: null, finalActuals: null })
      return id
    },
    async updateExpectations(id, e, at) {
      plans.set(id, { ...plans.get(id)!, expectations: e, updatedAt: at })
    },
    async close(id, c) {
      plans.set(id, { ...plans.get(id)!, closedAt: c.at, closedBy: c.by, finalActuals: c.finalActuals })
    },
    async addChange(c) {
      changes.push(c)
    },
    async changes(ids) {
      return changes.filter((c) => ids.includes(c.planId))
    },
    async teamFigures(team, from, to) {
      figureCalls.push({ team: [...team], from, to })
      return {
        recoveries: 0,
        decided: 0,
        dazzling: 0,
        dazzlingShare: null,
        medianHoursToFix: null,
        answers: 0,
        wowRate: null,
        storiesTold: 0,
        tierA: { customers: 0, withSecrets: 0, coverage: null },
        ...opts.figures?.(team, from, to),
      }
    },
    async scheduleClose(planId, at) {
      closeJobs.push({ planId, at })
    },
  }
  return {
    port,
    plans,
    changes,
    closeJobs,
    figureCalls,
    auditLog,
    audit: { record: async (e: AuditEventInput) => void auditLog.push(e) },
  }
}
