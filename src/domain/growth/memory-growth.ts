import type { AuditEventInput } from '../audit/audit-event.ts'
import type { QuarterRevenue } from './concentration-over-time.ts'
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
  /** purchases a test puts in: who bought, when, how much */
  const purchases: { customerId: string; at: Date; amount: number }[] = []
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
    async quarterRevenue(since) {
      const sums = new Map<string, QuarterRevenue>()
      for (const p of purchases) {
        if (p.at < since) continue
        const year = p.at.getUTCFullYear()
        const quarter = Math.floor(p.at.getUTCMonth() / 3) + 1
        const key = `${year}-${quarter}-${p.customerId}`
        const row = sums.get(key) ?? { year, quarter, customerId: p.customerId, revenue: 0 }
        row.revenue += p.amount
        sums.set(key, row)
      }
      return [...sums.values()]
    },
  }
  return {
    port,
    goals,
    customers,
    purchases,
    audit,
    auditLog: { record: async (e: AuditEventInput) => void audit.push(e) },
  }
}
