import type { Clock } from '../clock.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type { QuarterRevenue } from './concentration-over-time.ts'
import type { BaselineKind, GoalKind, GrowthGoal } from './growth-goal.ts'
import type { GrowthCustomer } from './latent-potential.ts'

/** A goal to keep, its figures already worked out. */
export interface NewGrowthGoal {
  kind: GoalKind
  percent: number | null
  amount: number | null
  months: number
  baselineKind: BaselineKind
  baseline: number
  targetRevenue: number
  currency: string
  setAt: Date
  setBy: string
}

/** The growth goals and the customer figures of one workspace (scoped to it: code + row-level security). */
export interface GrowthPort {
  /** the workspace's revenue of the last 12 months (every customer's, as the value recompute left it) and its currency */
  revenue(): Promise<{ trailing12m: number; currency: string }>
  /** the active goal, if any */
  activeGoal(): Promise<GrowthGoal | null>
  /** every goal set, newest first (the active one included) */
  goals(limit: number): Promise<GrowthGoal[]>
  /** keeps `goal` as the active one; the one it replaces is kept, marked replaced at `goal.setAt` */
  setGoal(goal: NewGrowthGoal): Promise<GrowthGoal>
  /** every customer not erased, with its cadence (medianGapDays null for all when `cadence` is false: listing groups needs none) */
  customers(now: Date, cadence?: boolean): Promise<GrowthCustomer[]>
  /** each customer's revenue per calendar quarter (UTC) from purchases on or after `since`, in one set-based read */
  quarterRevenue(since: Date): Promise<QuarterRevenue[]>
}

export interface GrowthDeps {
  growth: GrowthPort
  audit: AuditLog
  clock: Clock
}
