import type { Clock } from '../clock.ts'
import type { AuditLog, TokenMint } from '../workspaces/ports.ts'
import type { Role } from '../workspaces/roles.ts'
import type { StepKind } from './communication.ts'
import type { FeedbackDelivery } from './feedback.ts'
import type { NewOops, Oops, OopsType } from './oops.ts'
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
  /** the customer's people in the order they were recorded, with whether each has an email address */
  peopleOf(customerId: string): Promise<{ id: string; name: string; hasEmail: boolean }[]>
  memberRole(userId: string): Promise<Role | null>
  plans(): Promise<RecoveryPlan[]>
  insertOops(o: NewOops): Promise<string>
  getOops(id: string): Promise<Oops | undefined>
  updateOops(id: string, patch: Partial<Oops>): Promise<void>
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
  planById(id: string): Promise<RecoveryPlan | null>
  updatePlan(id: string, patch: Partial<PlanDraft>): Promise<boolean>
  removePlan(id: string): Promise<boolean>
  /** whom a message about this OOPS! is written to, and whose case it is (the owner's name, if any) */
  addresseeOf(oopsId: string): Promise<{
    customerName: string
    personName: string | null
    personEmail: string | null
    ownerName: string | null
  }>
  /**
   * keeps the hash of a one-time "did we blow you away?" link (a new one replaces the last) and how
   * it reached the customer
   */
  saveFeedbackLink(
    oopsId: string,
    link: {
      hash: string
      expiresAt: Date
      askedAt: Date
      delivery: FeedbackDelivery
      /** the address it was emailed (or tried) to; null for a link made only to copy */
      sentTo: string | null
    },
  ): Promise<void>
}

export interface RecoveryDeps {
  recovery: RecoveryPort
  audit: AuditLog
  clock: Clock
}

/** An email to a customer, sent now by the request that asks for it (never retried on its own). */
export interface Outbox {
  send(mail: { to: string; subject: string; text: string }): Promise<void>
}

/** What writing to the customer needs beyond the recovery: the mail, and the feedback link's token and address. */
export interface ContactDeps extends RecoveryDeps {
  mail: Outbox
  mint: TokenMint
  /** the address of a "did we blow you away?" link with this token */
  feedbackUrl(token: string): string
}

/** The customer's side of "did we blow you away?": the OOPS! behind a link, and its one answer. */
export interface FeedbackPort {
  feedbackCase(oopsId: string): Promise<{
    id: string
    type: OopsType
    ownerUserId: string | null
    expiresAt: Date | null
    usedAt: Date | null
    customerName: string
    personName: string | null
    companyName: string
  }>
  /** the answer and the "used" mark in one guarded write: false when it was answered already */
  recordAnswer(oopsId: string, answer: FeedbackAnswer, at: Date): Promise<boolean>
}

export interface FeedbackAnswer {
  wow: number
  fixed: boolean
  nps: number
  comment?: string | undefined
}
