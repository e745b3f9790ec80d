import type { Clock } from '../clock.ts'
import type { ConceptExpander } from '../secrets/ports.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type { RecoveryPort } from './ports.ts'
import type { PreparedCatalogue, SecretForSurprise } from './recommend-surprise.ts'
import type { SurpriseDraft, SurpriseItem } from './surprise-catalogue.ts'

/** What the surprise catalogue and its suggestions need of the store, scoped to one workspace. */
export interface SurprisesPort {
  list(opts: { includeInactive: boolean }): Promise<SurpriseItem[]>
  /** moves on every change to the catalogue's items (0 while it has never had any) */
  catalogueVersion(): Promise<number>
  get(id: string): Promise<SurpriseItem | undefined>
  /** the items known by any of these import keys */
  bySourceKeys(keys: readonly string[]): Promise<SurpriseItem[]>
  /** the new item's id; null when an item with the same source key is already there */
  insert(item: SurpriseDraft & { concepts: string; sourceKey: string | null }): Promise<string | null>
  update(
    id: string,
    patch: Partial<SurpriseDraft & { concepts: string; sourceKey: string | null }>,
  ): Promise<void>
  remove(id: string): Promise<void>
  /** how many OOPS! recorded it as their surprise */
  timesGiven(id: string): Promise<number>
  /** the customer's active secrets (and needs), with who they are about */
  secretsOf(customerId: string): Promise<SecretForSurprise[]>
  /** what this customer already received as a surprise, other than on `exceptOopsId` */
  givenTo(customerId: string, exceptOopsId: string): Promise<{ itemIds: string[]; titles: string[] }>
}

export interface SurpriseDeps {
  surprises: SurprisesPort
  recovery: Pick<RecoveryPort, 'getOops' | 'plans'>
  audit: AuditLog
  clock: Clock
  concepts: ConceptExpander
  /** the active catalogue, read and worked out once per version of it (default: every time) */
  catalogue?: CatalogueCache | undefined
}

/** The active items and their words and index for a catalogue version, loaded with `load` when new. */
export type CatalogueCache = (
  version: number,
  load: () => Promise<SurpriseItem[]>,
) => Promise<{ items: SurpriseItem[]; prepared: PreparedCatalogue<SurpriseItem> }>
