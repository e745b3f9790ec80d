import type { Clock } from '../clock.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type { Role } from '../workspaces/roles.ts'
import type { ReportingLine } from '../workspaces/workspace.ts'
import type { Expectations, PlanPeriodKind, TeamActuals } from './performance-plan.ts'

export interface PlanPerson {
  userId: string
  name: string
  role: Role
}

/** A performance plan as stored; `finalActuals` is set once it is closed. */
export interface StoredPlan {
  id: string
  leaderUserId: string
  periodKind: PlanPeriodKind
  /** YYYY-MM-DD, the first day */
  periodStart: string
  /** YYYY-MM-DD, the day after the last */
  periodEnd: string
  expectations: Expectations
  setBy: string | null
  setAt: Date
  updatedAt: Date
  closedAt: Date | null
  /** who closed it by hand; null when the period-end job did */
  closedBy: string | null
  finalActuals: TeamActuals | null
}

export type NewPlan = Omit<StoredPlan, 'id' | 'updatedAt' | 'closedAt' | 'closedBy' | 'finalActuals'>

export const PLAN_CHANGE_ACTIONS = ['set', 'changed', 'closed'] as const
export type PlanChangeAction = (typeof PLAN_CHANGE_ACTIONS)[number]

/** One line of a plan's history: who set, changed or closed it, and the expectations after. */
export interface PlanChange {
  planId: string
  action: PlanChangeAction
  by: string | null
  at: Date
  expectations: Expectations
}

/** The figures a team's actuals are made of, read from the scoreboard, stories and coverage. */
export type TeamFigures = Omit<TeamActuals, 'team' | 'measuredAt'>

/** The performance plans of one workspace. */
export interface PerformancePlansPort {
  /** everyone in the workspace now */
  members(): Promise<PlanPerson[]>
  reportingLines(): Promise<ReportingLine[]>
  /** the plans of these leaders (all when left out), newest period first */
  plans(filter: { leaderUserIds?: readonly string[] | undefined }): Promise<StoredPlan[]>
  plan(id: string): Promise<StoredPlan | undefined>
  /** open plans whose period has ended by `now` */
  duePlans(now: Date): Promise<StoredPlan[]>
  insertPlan(p: NewPlan): Promise<string>
  updateExpectations(id: string, e: Expectations, at: Date): Promise<void>
  close(id: string, c: { at: Date; by: string | null; finalActuals: TeamActuals }): Promise<void>
  addChange(c: PlanChange): Promise<void>
  changes(planIds: readonly string[]): Promise<PlanChange[]>
  /** the team's recoveries let down in [from, to), stories told in it, tier A coverage as of `now` */
  teamFigures(team: readonly string[], from: Date, to: Date, now: Date): Promise<TeamFigures>
  /** the job that closes the plan when its period ends */
  scheduleClose(planId: string, at: Date): Promise<void>
}

export interface PlanDeps {
  plans: PerformancePlansPort
  audit: AuditLog
  clock: Clock
}
