import type { Role } from '../workspaces/roles.ts'
import { RECOVERY_KINDS, type RecoveryKind } from './oops.ts'

/**
 * "A recovery plan per customer segment gives the range of recovery actions and the investment,
 * higher for more valuable customers" (seed 003).
 */
export interface RecoveryPlan {
  id: string
  name: string
  /** applies to customers of this value tier … */
  tier: 'A' | 'B' | 'C' | null
  /** … or of this segment (a segment plan wins over a tier plan) */
  segment: string | null
  windowHours: number
  atRiskHours: number
  /** first contact with the customer is due this long after the report */
  firstContactHours: number
  /** status reports are due at this cadence while the OOPS! is open */
  statusEveryHours: number
  /** the most the surprise may cost without approval */
  investmentCap: number
  allowedKinds: RecoveryKind[]
  /** who approves a surprise above the cap */
  approverRole: Role
}

export type PlanDraft = Omit<RecoveryPlan, 'id'>

/** What a new workspace starts with: the precious few get the fastest contact and the biggest surprise. */
export const DEFAULT_PLANS: readonly PlanDraft[] = [
  {
    name: 'Tier A — the precious few',
    tier: 'A',
    segment: null,
    windowHours: 24,
    atRiskHours: 6,
    firstContactHours: 1,
    statusEveryHours: 4,
    investmentCap: 250,
    allowedKinds: [...RECOVERY_KINDS],
    approverRole: 'leader',
  },
  {
    name: 'Tier B',
    tier: 'B',
    segment: null,
    windowHours: 24,
    atRiskHours: 6,
    firstContactHours: 2,
    statusEveryHours: 8,
    investmentCap: 100,
    allowedKinds: ['gift', 'experience', 'upgrade', 'discount', 'service'],
    approverRole: 'leader',
  },
  {
    name: 'Everyone else',
    tier: null,
    segment: null,
    windowHours: 24,
    atRiskHours: 4,
    firstContactHours: 4,
    statusEveryHours: 12,
    investmentCap: 30,
    allowedKinds: ['gift', 'upgrade', 'discount', 'service'],
    approverRole: 'leader',
  },
]

/** The plan for a customer: its segment's plan, else its tier's, else the catch-all. */
export const choosePlan = <P extends Pick<RecoveryPlan, 'tier' | 'segment'>>(
  plans: readonly P[],
  customer: { tier: string | null; segment: string | null },
): P | null =>
  (customer.segment ? plans.find((p) => p.segment === customer.segment) : undefined) ??
  (customer.tier ? plans.find((p) => p.segment === null && p.tier === customer.tier) : undefined) ??
  plans.find((p) => p.segment === null && p.tier === null) ??
  null
