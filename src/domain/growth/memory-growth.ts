import type { AuditEventInput } from '../audit/audit-event.ts'
import type { GrowthGoal } from './growth-goal.ts'
import type { GrowthCustomer } from './latent-potential.ts'
import type { GrowthPort, NewGrowthGoal } from './ports.ts'

/**
 * An in-memory growth layer of one workspace for the domain's unit tests: a working fake of the
 * port (state you can read back), not a mock. Customers are whatever a test puts in `customers`.
 */
export const memoryGrowth = (opts: { trailing12m?: number; currency?: string } = {}) => {
  let n = 0
  const goals: GrowthGoal[] = []
  const customers: GrowthCustomer[] = []
  const audit: AuditEventInput[] = []
  const port: GrowthPort = {
    revenue: async () => ({
      trailing12m: opts.trailing12m ?? customers.reduce((t, c) => t + c.trailing12m, 0),
      currency: opts.currency ?? 'GBP',
    }),
    activeGoal: async () => goals.find((g) => g.replacedAt === null) ?? null,
    goals: async (limit) =>
      [...goals]
        .sort((a, b) => b.setAt.getTime() - a.setAt.getTime() || b.id.localeCompare(a.id))
        .slice(0, limit),
    async setGoal(g: NewGrowthGoal) {
      for (const old of goals) if (old.replacedAt === null) old.replacedAt = g.setAt
      const goal: GrowthGoal = {
        ...g,
        id: `goal${String(++n).padStart(3, '0')}`,
        setByName: null,
        replacedAt: null,
      }
      goals.push(goal)
      return goal
    },
    customers: async () => customers,
  }
  return {
    port,
    goals,
    customers,
    audit,
    auditLog: { record: async (e: AuditEventInput) => void audit.push(e) },
  }
}
