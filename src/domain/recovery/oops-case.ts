import type { StepKind } from './communication.ts'
import type { FeedbackDelivery } from './feedback.ts'
import type { Oops } from './oops.ts'
import type { RecoveryPlan } from './recovery-plan.ts'

/** An OOPS! as the recoveries list shows it: who it is for and who owns it. */
export interface OopsListing extends Oops {
  customerName: string
  customerTier: 'A' | 'B' | 'C' | null
  customerSegment: string | null
  personName: string | null
  /** null: no owner, or the owner's account is gone */
  ownerName: string | null
  /** the customer's answer to "did we blow you away?", 1–5 */
  wow: number | null
}

/** One entry of the recovery's timeline. */
export interface OopsStep {
  id: string
  kind: StepKind
  channel: string | null
  message: string | null
  emailedTo: string | null
  byName: string | null
  at: Date
}

export interface OopsHandoff {
  fromName: string | null
  toName: string | null
  reason: string
  at: Date
}

/** How the "did we blow you away?" link went out, and what the customer answered on it. */
export interface OopsFeedback {
  /** when the link was made (the OOPS! closed) */
  askedAt: Date | null
  /** null for a link made before Dazzle kept how it went out */
  delivery: FeedbackDelivery | null
  /** the address it was emailed (or tried) to */
  sentTo: string | null
  /** when it was emailed; null when it was not (or it is not known) */
  sentAt: Date | null
  answeredAt: Date | null
  wow: number | null
  fixed: boolean | null
  npsAfter: number | null
  comment: string | null
}

/** The recovery screen's OOPS!: the customer's value, the plan, the timeline and the hand-overs. */
export interface OopsCase extends OopsListing {
  customerKind: 'person' | 'organisation'
  lifetimeRevenue: number
  trailing12mRevenue: number
  valueRank: number | null
  personEmail: string | null
  reporterName: string | null
  plan: RecoveryPlan | null
  steps: OopsStep[]
  handoffs: OopsHandoff[]
  feedback: OopsFeedback | null
}

export type ClockFilter = 'open' | 'at_risk' | 'breached' | 'recovered' | 'closed' | 'all'

export interface OopsListQuery {
  state: ClockFilter
  /** a user id, or "me" */
  owner?: string | undefined
  tier?: 'A' | 'B' | 'C' | undefined
  customerId?: string | undefined
  limit: number
  before?: string | undefined
}

/** What the recoveries list and the recovery screen read, scoped to one workspace. */
export interface RecoveryReadsPort {
  list(q: OopsListQuery, now: Date): Promise<{ rows: OopsListing[]; nextBefore: string | null }>
  detail(id: string): Promise<OopsCase | null>
}
