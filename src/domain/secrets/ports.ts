import type { Clock } from '../clock.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type { Question } from './coverage.ts'
import type { Secret, SecretFacts } from './secret.ts'
import type { CategoryScope, SecretCategory } from './taxonomy.ts'

/**
 * What the words a recorder used stand for, beyond the words themselves ("only drinks red Burgundy"
 * → wine, alcohol, beverage), so a search by meaning finds it. Kept with the secret when recorded.
 */
export interface ConceptExpander {
  /** space-separated concept words for `text`; '' when none are known */
  expand(text: string): Promise<string>
  /** whether a dictionary knows `word` (lowercase): a known word is never "corrected" for spelling */
  knows?(word: string): Promise<boolean>
}

export const noConcepts: ConceptExpander = { expand: async () => '' }

/** A secret to record: its facts and the concepts its words stand for (`ConceptExpander`). */
export interface NewSecret extends SecretFacts {
  concepts: string
}

/** What recording a secret needs of the store; the db implements it, scoped to one workspace. */
export interface SecretsPort {
  categories(): Promise<SecretCategory[]>
  settings(): Promise<{ sensitiveCategories: boolean }>
  customerFacts(
    customerId: string,
  ): Promise<{ id: string; kind: string; sensitiveConsentAt: Date | null; erasedAt: Date | null } | undefined>
  personOf(customerId: string, personId: string): Promise<{ id: string; name: string } | undefined>
  engagementOf(customerId: string, engagementId: string): Promise<{ id: string } | undefined>
  get(id: string): Promise<Secret | undefined>
  record(s: NewSecret): Promise<string>
  supersede(oldId: string, newId: string, at: Date): Promise<void>
  /** tells every listener (live feed, webhooks) once the transaction commits */
  announce(secretId: string): Promise<void>
  update(id: string, patch: SecretChange): Promise<void>
  remove(id: string): Promise<void>
  recordConsent(customerId: string, at: Date | null, note: string | null): Promise<void>
  changeSettings(patch: { sensitiveCategories: boolean }): Promise<void>
}

/** The stored change of a secret, after its rules ran. */
export interface SecretChange {
  layer?: string | undefined
  category?: string | undefined
  text?: string | undefined
  certainty?: string | undefined
  status?: 'active' | 'outdated' | undefined
  concepts?: string
  lastConfirmedAt?: Date
  outdatedAt?: Date | null
  supersededBy?: null
}

/** The workspace's bank of categories and good questions. */
export interface SecretBankPort {
  categories(): Promise<SecretCategory[]>
  addCategory(c: { key: string; label: string; scope: CategoryScope; cues: string[] }): Promise<void>
  removeCategory(key: string): Promise<boolean>
  categoryInUse(key: string): Promise<boolean>
  questions(): Promise<Question[]>
  addQuestion(q: { category: string; text: string; position?: number | undefined }): Promise<Question>
  updateQuestion(
    id: string,
    patch: { text?: string | undefined; position?: number | undefined },
  ): Promise<Question | null | undefined>
  removeQuestion(id: string): Promise<boolean>
}

export interface SecretBankDeps {
  bank: SecretBankPort
  audit: AuditLog
}

/** A meeting, call, visit or message with a customer, and who took part. */
export interface EngagementsPort {
  customerFacts: SecretsPort['customerFacts']
  personOf: SecretsPort['personOf']
  /** is this user a member of the workspace? */
  isMember(userId: string): Promise<boolean>
  addEngagement(e: NewEngagement): Promise<string>
  updateEngagement(customerId: string, id: string, patch: EngagementChange): Promise<boolean>
  removeEngagement(customerId: string, id: string): Promise<boolean>
}

export interface NewEngagement {
  customerId: string
  occurredAt: Date
  channel: string
  summary: string | null
  notes: string | null
  personIds: string[]
  userIds: string[]
  createdBy: string
}

export interface EngagementChange {
  occurredAt?: Date | undefined
  channel?: string | undefined
  summary?: string | null | undefined
  notes?: string | null | undefined
  personIds?: string[] | undefined
  userIds?: string[] | undefined
}

export interface EngagementsDeps {
  engagements: EngagementsPort
  audit: AuditLog
  clock: Clock
}

export type { Question }

/** "What do we know?" as the store answers it in one call, auditing the read in the same call. */
export interface KnownFacts {
  customer: { id: string; name: string; kind: string; tier: string | null }
  highlights: Array<{
    id: string
    category: string
    layer: string
    text: string
    certainty: string
    lastConfirmedAt: Date
    recordedByName: string | null
    personId: string | null
    personName: string | null
  }>
  perCategory: Array<{ category: string; count: number; lastConfirmedAt: Date }>
  customCategories: Array<{ key: string; label: string; scope: CategoryScope }>
  people: Array<{ id: string; name: string; title: string | null }>
  family: Array<{ name: string; kind: string; of: string | null; birthday: string | null }>
  lastEngagementAt: Date | null
}

export interface SecretsDeps {
  secrets: SecretsPort
  audit: AuditLog
  clock: Clock
  concepts: ConceptExpander
}
