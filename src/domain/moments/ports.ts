import type { Clock } from '../clock.ts'
import type { GrowthPort } from '../growth/ports.ts'
import type { Fit } from '../recovery/recommend-surprise.ts'
import type { RecoveryPlan } from '../recovery/recovery-plan.ts'
import type { SurpriseDeps } from '../recovery/surprise-ports.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type {
  FoundMoment,
  MomentCustomer,
  MomentOrder,
  MomentRelation,
  MomentSecret,
  MomentStatus,
} from './moment.ts'

/** The act Dazzle suggests for a moment: the surprise ranking's best within the tier's budget. */
export interface MomentSuggestion {
  /** the recovery plan's investment cap for the customer's tier: the budget of the act */
  budget: number
  planName: string
  secretsConsidered: number
  act: {
    itemId: string
    title: string
    cost: number
    kind: string | null
    /** the ranking's reason, quoting the secrets it draws on (shown only to who may read secrets) */
    reason: string
    fit: Fit
    drawsOn: { secretId: string; personName: string | null }[]
  } | null
}

/** A stored moment with the names its list shows. */
export interface StoredMoment extends Omit<FoundMoment, 'remindAt'> {
  id: string
  remindAt: Date
  customerName: string
  customerTier: string | null
  /** the customer's currency (the act's budget and cost are in it) */
  currency: string
  ownerName: string | null
  status: MomentStatus
  note: string | null
  closedAt: Date | null
  closedByName: string | null
  remindedAt: Date | null
  suggestion: MomentSuggestion | null
  /** the text of the secret a date was read from (active secrets only) */
  secretText: string | null
}

export interface MomentQuery {
  ownerUserId?: string | undefined
  customerId?: string | undefined
  statuses?: readonly MomentStatus[] | undefined
  /** moments due on or after this */
  dueFrom?: Date | undefined
  limit: number
}

/** The moments of one workspace and what finding them reads (scoped to it: code + row-level security). */
export interface MomentsPort {
  /** customers of these tiers, not erased */
  bestCustomers(tiers: readonly string[]): Promise<Omit<MomentCustomer, 'medianGapDays'>[]>
  /** their orders (one per invoice, cancellations left out), oldest first */
  orders(customerIds: readonly string[]): Promise<MomentOrder[]>
  relations(customerIds: readonly string[]): Promise<MomentRelation[]>
  /** their active secrets */
  secrets(customerIds: readonly string[]): Promise<MomentSecret[]>
  /** moments already stored for these customers, by `momentKey` */
  stored(customerIds: readonly string[]): Promise<Map<string, { id: string; status: MomentStatus }>>
  /** stores a new moment; null when one with the same customer, kind, date and subject is there */
  insert(m: FoundMoment & { suggestion: MomentSuggestion | null }): Promise<string | null>
  setSuggestion(id: string, suggestion: MomentSuggestion | null): Promise<void>
  list(q: MomentQuery): Promise<StoredMoment[]>
  get(id: string): Promise<StoredMoment | undefined>
  /** closes an open moment; false when it was no longer open */
  close(
    id: string,
    c: { status: 'done' | 'dismissed'; note: string | null; closedAt: Date; closedBy: string },
  ): Promise<boolean>
  markReminded(id: string, at: Date): Promise<void>
  /** the one reminder of a moment (a job keyed by the moment: queued twice, it runs once) */
  scheduleReminder(momentId: string, runAt: Date): Promise<void>
  /** the daily search for moments (one job per day) */
  scheduleFind(runAt: Date): Promise<void>
  /** an in-app notification, emailed too */
  notify(n: { userId: string; title: string; body: string }): Promise<void>
  /** the workspace's admins, told of a moment nobody owns */
  admins(): Promise<string[]>
  customerExists(id: string): Promise<boolean>
  /** every moment due in [from, to), for the scoreboard */
  dueBetween(from: Date, to: Date): Promise<{ status: MomentStatus; dueAt: Date; closedAt: Date | null }[]>
}

export interface MomentsDeps {
  moments: MomentsPort
  /** the customers' cadence, as growth works it out (one home for it) */
  cadence: Pick<GrowthPort, 'customers'>
  plans: () => Promise<RecoveryPlan[]>
  surprises: Pick<SurpriseDeps, 'surprises' | 'concepts' | 'catalogue'>
  audit: AuditLog
  clock: Clock
}

export const momentKey = (m: Pick<FoundMoment, 'customerId' | 'kind' | 'onDate' | 'subjectKey'>) =>
  `${m.customerId}|${m.kind}|${m.onDate}|${m.subjectKey}`
