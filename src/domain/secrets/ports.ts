import type { Clock } from '../clock.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type { SecretCategory } from './taxonomy.ts'

/**
 * What the words a recorder used stand for, beyond the words themselves ("only drinks red Burgundy"
 * → wine, alcohol, beverage), so a search by meaning finds it. Kept with the secret when recorded.
 */
export interface ConceptExpander {
  /** space-separated concept words for `text`; '' when none are known */
  expand(text: string): Promise<string>
}

export const noConcepts: ConceptExpander = { expand: async () => '' }

/** What recording a secret needs of the store; the db implements it, scoped to one workspace. */
export interface SecretsPort {
  categories(): Promise<SecretCategory[]>
  settings(): Promise<{ sensitiveCategories: boolean }>
  customerFacts(
    customerId: string,
  ): Promise<{ id: string; kind: string; sensitiveConsentAt: Date | null; erasedAt: Date | null } | undefined>
  personOf(customerId: string, personId: string): Promise<{ id: string; name: string } | undefined>
  engagementOf(customerId: string, engagementId: string): Promise<{ id: string } | undefined>
  get(id: string): Promise<{ id: string; customerId: string } | undefined>
  record(s: {
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
    concepts: string
  }): Promise<string>
  supersede(oldId: string, newId: string, at: Date): Promise<void>
  /** tells every listener (live feed, webhooks) once the transaction commits */
  announce(secretId: string): Promise<void>
}

export interface SecretsDeps {
  secrets: SecretsPort
  audit: AuditLog
  clock: Clock
  concepts: ConceptExpander
}
