import type { Clock } from '../clock.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type { Role } from '../workspaces/roles.ts'
import type { StepKind } from './communication.ts'
import type { OopsType, Severity } from './oops.ts'
import type { PlanDraft, RecoveryPlan } from './recovery-plan.ts'

/** Outgoing events (webhooks and whoever else listens). */
export const RECOVERY_EVENTS = [
  'oops.opened',
  'oops.at_risk',
  'oops.breached',
  'oops.closed',
  'secret.recorded',
] as const
export type RecoveryEvent = (typeof RECOVERY_EVENTS)[number]

export interface OopsRecord {
  id: string
  customerId: string
  personId: string | null
  type: OopsType
  description: string
  severity: Severity
  letDownAt: Date
  reportedAt: Date
  reportedBy: string | null
  ownerUserId: string | null
  planId: string | null
  windowHours: number
  atRiskHours: number
  firstContactHours: number
  statusEveryHours: number
  investmentCap: number
  deadlineAt: Date
  status: 'open' | 'recovered' | 'closed'
  fixedAt: Date | null
  fixNote: string | null
  surprisedAt: Date | null
  surpriseItemId: string | null
  surpriseTitle: string | null
  surpriseKind: string | null
  surpriseCost: number | null
  surpriseApprovedBy: string | null
  surpriseSecretIds: string[]
  resolvedAt: Date | null
  closedAt: Date | null
  npsBefore: number | null
}

export interface NewOops {
  customerId: string
  personId: string | null
  type: OopsType
  description: string
  severity: Severity
  letDownAt: Date
  reportedAt: Date
  reportedBy: string
  ownerUserId: string
  planId: string | null
  windowHours: number
  atRiskHours: number
  firstContactHours: number
  statusEveryHours: number
  investmentCap: number
  deadlineAt: Date
}

/** A stored job: it survives a restart, and its key makes it fire once however many instances run. */
export interface JobRequest {
  kind: 'oops.step_due' | 'oops.at_risk' | 'oops.breached'
  runAt: Date
  payload: Record<string, unknown>
  dedupeKey: string
}

export interface RecoveryPort {
  customerFacts(customerId: string): Promise<
    | {
        id: string
        name: string
        kind: string
        tier: string | null
        segment: string | null
        erasedAt: Date | null
      }
    | undefined
  >
  personOf(customerId: string, personId: string): Promise<{ id: string; name: string } | undefined>
  memberRole(userId: string): Promise<Role | null>
  plans(): Promise<RecoveryPlan[]>
  insertOops(o: NewOops): Promise<string>
  getOops(id: string): Promise<OopsRecord | undefined>
  updateOops(id: string, patch: Partial<OopsRecord>): Promise<void>
  addStep(s: {
    oopsId: string
    kind: StepKind
    channel: string | null
    message: string | null
    emailedTo: string | null
    byUserId: string
    byName: string
    at: Date
  }): Promise<string>
  steps(oopsId: string): Promise<{ kind: StepKind; at: Date }[]>
  addHandoff(h: {
    oopsId: string
    fromUserId: string | null
    toUserId: string
    reason: string
    byUserId: string
    at: Date
  }): Promise<void>
  surpriseItem(
    id: string,
  ): Promise<{ id: string; title: string; cost: number; kind: string; leadTimeHours: number } | undefined>
  secretsOf(customerId: string, ids: string[]): Promise<string[]>
  schedule(jobs: JobRequest[]): Promise<void>
  cancelJobs(dedupeKeyPrefix: string): Promise<void>
  emit(event: RecoveryEvent, data: Record<string, unknown>): Promise<void>
  savePlans(plans: PlanDraft[]): Promise<void>
}

export interface RecoveryDeps {
  recovery: RecoveryPort
  audit: AuditLog
  clock: Clock
}
