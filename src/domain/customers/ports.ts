import type { Clock } from '../clock.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type {
  Customer,
  CustomerDetail,
  CustomerKind,
  Person,
  Relation,
  RelationKind,
  ValueTier,
} from './customer.ts'
import type { PurchaseLine } from './purchase-import.ts'

/** A customer as it is stored, after its rules ran. */
export interface NewCustomer {
  kind: CustomerKind
  name: string
  externalId?: string | null | undefined
  segment?: string | null | undefined
  country?: string | null | undefined
  ownerUserId?: string | null | undefined
  notes?: string | null | undefined
  estimatedCategorySpend?: number | null | undefined
  currency?: string | undefined
}
export type CustomerChange = Partial<Omit<NewCustomer, 'currency'>>

export interface NewPerson {
  name: string
  title?: string | null | undefined
  email?: string | null | undefined
  phone?: string | null | undefined
}
export type PersonChange = Partial<NewPerson>

export interface NewRelation {
  personId?: string | null | undefined
  kind: RelationKind
  name: string
  birthday?: string | null | undefined
  notes?: string | null | undefined
}

export type CustomerSort = 'lifetime' | 'trailing12m' | 'name' | 'lastPurchase' | 'orders'
/** A page of the customer list: search, filters, sort. */
export interface CustomerListQuery {
  q?: string | undefined
  tier?: ValueTier | undefined
  segment?: string | undefined
  /** an owner's user id, or "none" */
  owner?: string | undefined
  sort: CustomerSort
  dir: 'asc' | 'desc'
  page: number
  pageSize: number
}

export interface CustomerPage {
  customers: Customer[]
  total: number
  page: number
  pageSize: number
  /** all segments in use, for the filter */
  segments: string[]
}

/** One line of a customer's purchases, as stored. */
export interface StoredPurchase extends Omit<PurchaseLine, 'customerExternalId' | 'country'> {
  id: string
}

/** The customers of one workspace: implementations are scoped to it (code + row-level security). */
export interface CustomersPort {
  list(q: CustomerListQuery): Promise<CustomerPage>
  purchases(
    customerId: string,
    page: number,
    pageSize: number,
  ): Promise<{ purchases: StoredPurchase[]; total: number; page: number; pageSize: number }>
  revenueByMonth(
    customerId: string,
  ): Promise<{ months: Array<{ month: string; revenue: number; orders: number }> }>
  get(id: string): Promise<CustomerDetail | null>
  create(c: NewCustomer): Promise<string>
  update(id: string, patch: CustomerChange): Promise<boolean>
  /** is this user a member of the workspace? (a customer's owner must be) */
  isMember(userId: string): Promise<boolean>
  /** does another customer than `exceptId` have this external id? */
  externalIdTaken(externalId: string, exceptId?: string): Promise<boolean>
  addPerson(customerId: string, p: NewPerson): Promise<Person>
  updatePerson(customerId: string, personId: string, p: PersonChange): Promise<Person | null>
  removePerson(customerId: string, personId: string): Promise<boolean>
  personBelongs(customerId: string, personId: string): Promise<boolean>
  addRelation(customerId: string, r: NewRelation): Promise<Relation>
  removeRelation(customerId: string, relationId: string): Promise<boolean>
}

/** The figures of the value page, as the last recompute left them (value-tiers.ts, concentration). */
export interface ValueFigures {
  currency: string
  customers: number
  withPositiveRevenue: number
  totalRevenue: number
  tierShare: number
  tiers: Record<ValueTier, number>
  tierRevenue: Record<ValueTier, number>
  top10Share: number
  top20PercentShare: number
  hhi: number
  concentration: { level: 'low' | 'moderate' | 'high'; warning: string | null }
  pareto: Array<{ customerShare: number; revenueShare: number }>
}

/** The value figures (ranks, tiers, the value page's report), worked out again after a change. */
export interface ValuePort {
  /**
   * `changed`: whose purchases changed, summed again (none: a customer added or changed, nobody's
   * sums move); ranks, tiers and the report are always worked out for everyone.
   */
  recompute(now: Date, changed?: readonly string[]): Promise<void>
  /** the figures kept by the last recompute, if any */
  snapshot(): Promise<{ computedAt: Date; report: ValueFigures } | null>
  /** the figures worked out now, from the customers as they are */
  report(): Promise<ValueFigures>
  /** valuable customers (A, B) whose wallet share is below `below`, biggest gap first */
  growHere(below: number, limit: number): Promise<Customer[]>
}

export interface CustomersDeps {
  customers: CustomersPort
  value: ValuePort
  audit: AuditLog
  clock: Clock
}
