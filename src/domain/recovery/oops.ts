import { DomainError } from '../errors.ts'

/** What went wrong (seed 002/003): the kinds of screw-up a recovery starts from. */
export const OOPS_TYPES = [
  'broken_promise',
  'not_as_promised',
  'billing_mistake',
  'repair_to_redo',
  'late_delivery',
  'other',
] as const
export type OopsType = (typeof OOPS_TYPES)[number]
export const OOPS_TYPE_LABELS: Record<OopsType, string> = {
  broken_promise: 'Broken promise',
  not_as_promised: 'Product or service not as promised',
  billing_mistake: 'Billing mistake',
  repair_to_redo: 'Repair to redo',
  late_delivery: 'Late delivery',
  other: 'Other',
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

/** The kinds of recovery action a plan can allow for the surprise. */
export const RECOVERY_KINDS = [
  'gift',
  'experience',
  'upgrade',
  'discount',
  'service',
  'donation',
  'other',
] as const
export type RecoveryKind = (typeof RECOVERY_KINDS)[number]

/** A clock that says the customer was let down in the future is a typo, not a fact. */
export const FUTURE_SKEW_MS = 5 * 60 * 1000
/** Older than this is not a recovery any more but history: import it instead. */
export const MAX_LET_DOWN_AGE_DAYS = 30

export const checkLetDownAt = (letDownAt: Date, now: Date): void => {
  if (letDownAt.getTime() > now.getTime() + FUTURE_SKEW_MS) {
    throw new DomainError(
      'invalid_input',
      'The customer cannot have been let down in the future: give the moment it happened (or leave it empty for now).',
      { field: 'letDownAt' },
    )
  }
  if (now.getTime() - letDownAt.getTime() > MAX_LET_DOWN_AGE_DAYS * 86_400_000) {
    throw new DomainError(
      'invalid_input',
      `That is more than ${MAX_LET_DOWN_AGE_DAYS} days ago: the 24-hour window is long gone. Past cases belong in an import.`,
      { field: 'letDownAt' },
    )
  }
}

/**
 * An OOPS!: the screw-up, the plan terms it started with (a plan may change later, the promise made
 * to this customer does not), and how far the recovery has come. Stores map their rows to this.
 */
export interface Oops {
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

/** How far a just-reported OOPS! has come: nowhere yet. */
export const NOTHING_DONE_YET = {
  status: 'open',
  fixedAt: null,
  fixNote: null,
  surprisedAt: null,
  surpriseItemId: null,
  surpriseTitle: null,
  surpriseKind: null,
  surpriseCost: null,
  surpriseApprovedBy: null,
  surpriseSecretIds: [] as string[],
  resolvedAt: null,
  closedAt: null,
  npsBefore: null,
} as const satisfies Partial<Oops>

/** What reporting an OOPS! stores: the screw-up, who reported and owns it, its plan terms. */
export type NewOops = Omit<Oops, 'id' | keyof typeof NOTHING_DONE_YET | 'reportedBy' | 'ownerUserId'> & {
  reportedBy: string
  ownerUserId: string
}
