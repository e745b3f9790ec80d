import { DomainError } from '../errors.ts'
import type { Actor } from '../workspaces/roles.ts'
import type { Certainty, Layer, SecretCategory } from './taxonomy.ts'

export type SecretStatus = 'active' | 'outdated'

/** One thing heard about one customer or one of its people: the secrets layer's entity. */
export interface Secret {
  id: string
  customerId: string
  personId: string | null
  personName: string | null
  layer: Layer
  category: string
  text: string
  certainty: Certainty
  recordedBy: string | null
  recordedByName: string | null
  recordedAt: Date
  engagementId: string | null
  lastConfirmedAt: Date
  status: SecretStatus
  supersededBy: string | null
  outdatedAt: Date | null
}

/**
 * What a secret says and who recorded it, as a store holds it (its words as the strings on file):
 * what recording one gives, and what the manual and the feed read back.
 */
export interface SecretFacts {
  customerId: string
  personId: string | null
  layer: string
  category: string
  text: string
  certainty: string
  recordedBy: string | null
  recordedByName: string | null
  recordedAt: Date
  engagementId: string | null
}

/** Longest text a secret may hold: what was heard, not a document. */
export const SECRET_TEXT_MAX = 2000

export interface SensitivePolicy {
  /** the workspace turned sensitive categories on */
  workspaceAllows: boolean
  /** when the customer's consent to hold sensitive data was recorded, if it was */
  customerConsentAt: Date | null
}

/**
 * The category must exist, apply to whom the secret is about, and — for special categories of
 * personal data — the workspace must allow them and the customer must have consented.
 */
export const checkCategory = (
  categories: readonly SecretCategory[],
  key: string,
  about: 'person' | 'organisation',
  policy: SensitivePolicy,
): SecretCategory => {
  const category = categories.find((c) => c.key === key)
  if (!category) {
    throw new DomainError('invalid_input', `There is no category "${key}". Choose one from the list.`, {
      field: 'category',
      known: categories.filter((c) => !c.sensitive).map((c) => c.key),
    })
  }
  if (category.scope !== 'any' && category.scope !== about) {
    throw new DomainError(
      'invalid_input',
      `"${category.label}" is about ${category.scope === 'person' ? 'a person' : 'an organisation'}; this secret is about ${about === 'person' ? 'a person' : 'an organisation'}.`,
      { field: 'category' },
    )
  }
  if (category.sensitive) {
    if (!policy.workspaceAllows) {
      throw new DomainError(
        'sensitive_not_allowed',
        `"${category.label}" is a special category of personal data. This workspace does not record it; an admin can turn it on in settings, and the customer must consent.`,
        { field: 'category', category: key },
      )
    }
    if (!policy.customerConsentAt) {
      throw new DomainError(
        'sensitive_not_allowed',
        `"${category.label}" is a special category of personal data: record the customer's consent first.`,
        { field: 'category', category: key, consent: 'missing' },
      )
    }
  }
  return category
}

/** Only whoever recorded a secret, and admins, change or delete it. */
export const assertMayEdit = (actor: Actor, recordedBy: string | null): void => {
  if (actor.role === 'admin' || (recordedBy !== null && recordedBy === actor.userId)) return
  throw new DomainError(
    'forbidden',
    'Only the person who recorded this secret, or an admin, can change or delete it. Record a newer secret that supersedes it instead.',
  )
}
