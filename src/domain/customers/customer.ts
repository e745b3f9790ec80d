/** "Crowds don't have secrets; individuals do": a customer is one person or one organisation. */
export type CustomerKind = 'person' | 'organisation'

/** The people a salesperson should know by name (seed 003: "their spouse, and their children"). */
export const RELATION_KINDS = [
  'spouse',
  'partner',
  'child',
  'parent',
  'sibling',
  'assistant',
  'friend',
  'other',
] as const
export type RelationKind = (typeof RELATION_KINDS)[number]

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
