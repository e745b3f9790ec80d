import { vocabulary } from '../vocabulary.ts'

/** "Crowds don't have secrets; individuals do": a customer is one person or one organisation. */
export type CustomerKind = 'person' | 'organisation'

/** The people a salesperson should know by name (seed 003: "their spouse, and their children"). */
// each with how it reads, on screen, in the secrets manual and in its PDF
const RELATIONS = vocabulary({
  spouse: 'Spouse',
  partner: 'Partner',
  child: 'Child',
  parent: 'Parent',
  sibling: 'Sibling',
  assistant: 'Assistant',
  friend: 'Friend',
  other: 'Other',
})
export const RELATION_KINDS = RELATIONS.kinds
export type RelationKind = (typeof RELATION_KINDS)[number]
export const RELATION_LABELS = RELATIONS.labels

/** How long each customer text may be, wherever it comes from (a form, the API, an import). */
export const CUSTOMER_LIMITS = {
  name: 200,
  externalId: 100,
  segment: 100,
  country: 80,
  notes: 5000,
  personName: 120,
  personTitle: 120,
  email: 254,
  phone: 40,
  relationName: 120,
} as const

export type ValueTier = 'A' | 'B' | 'C'

/** A customer's purchases summed, as the value recompute left them (value-tiers.ts). */
export interface PurchaseTotals {
  lifetimeRevenue: number
  trailing12mRevenue: number
  orderCount: number
  /** lifetime revenue per order, to the cent; null before the first order */
  averageOrder: number | null
  firstPurchaseAt: Date | null
  lastPurchaseAt: Date | null
}

/** What a customer is worth to us, as the value recompute left it (value-tiers.ts), with what follows from it. */
export interface CustomerValue extends PurchaseTotals {
  tier: ValueTier | null
  /** 1 = the most valuable customer */
  rank: number | null
  estimatedCategorySpend: number | null
  /** trailing-12-month revenue ÷ estimated category spend */
  walletShare: number | null
}

/** One person or one organisation we sell to: the customers area's entity. */
export interface Customer {
  id: string
  kind: CustomerKind
  name: string
  /** the key imports match on: one customer's only */
  externalId: string | null
  segment: string | null
  country: string | null
  ownerUserId: string | null
  ownerName: string | null
  currency: string
  notes: string | null
  createdAt: Date
  updatedAt: Date
  /** erased on request: kept, anonymised, for the revenue figures only */
  erasedAt: Date | null
  value: CustomerValue
}

/** A decision maker or contact at a customer. */
export interface Person {
  id: string
  name: string
  title: string | null
  email: string | null
  phone: string | null
}

/** Family or a key person of the customer (or of one of its people), known by name. */
export interface Relation {
  id: string
  /** whose relation: one of the customer's people; null = the customer's own */
  personId: string | null
  kind: RelationKind
  name: string
  /** a calendar day, "1984-06-30" */
  birthday: string | null
  notes: string | null
}

/** A customer with its people and family, as its page shows it. */
export interface CustomerDetail extends Customer {
  people: Person[]
  relations: Relation[]
}
