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
