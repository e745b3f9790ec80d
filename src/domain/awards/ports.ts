import type { Clock } from '../clock.ts'
import type { KnownSecretFacts } from '../secrets/coverage.ts'
import type { SecretCategory } from '../secrets/taxonomy.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type { Role } from '../workspaces/roles.ts'
import type { AddictFigures, AwardKind, Figures, HeroFigures, ManualFigures } from './award.ts'

export interface AwardMember {
  userId: string
  name: string
  role: Role
}

/** A secret as an award sees it: whose it is, what it says, about which customer. */
export interface AwardSecret {
  id: string
  customerId: string
  customerName: string
  category: string
  text: string
  recordedBy: string | null
  recordedByName: string | null
}

export interface StoredNomination {
  id: string
  period: string
  secret: AwardSecret
  by: { userId: string; name: string }
  reason: string
  at: Date
}

export interface NewAward {
  kind: AwardKind
  period: string
  winnerUserId: string
  secretId: string | null
  customerId: string | null
  reason: string
  figures: Figures
  decidedBy: string
  decidedAt: Date
}

/** An award as the history holds it; the secret and the customer are gone once erased. */
export interface Award {
  id: string
  kind: AwardKind
  period: string
  winner: { userId: string; name: string }
  secret: AwardSecret | null
  customer: { id: string; name: string } | null
  reason: string
  figures: Figures
  decidedBy: { userId: string; name: string } | null
  decidedAt: Date
}

/** What the awards of one workspace are read from and written to. */
export interface AwardsPort {
  /** a member of this workspace as they are now, or null */
  member(userId: string): Promise<AwardMember | null>
  /** a secret of this workspace (its customer not erased), or null */
  secret(secretId: string): Promise<AwardSecret | null>
  /** whether the customer is in this workspace (and not erased) */
  customerExists(customerId: string): Promise<boolean>
  nominations(period: string): Promise<StoredNomination[]>
  hasNominated(period: string, secretId: string, userId: string): Promise<boolean>
  addNomination(n: { period: string; secretId: string; userId: string; reason: string }): Promise<string>
  award(kind: AwardKind, period: string): Promise<Award | null>
  addAward(a: NewAward): Promise<string>
  /** newest first; only one person's when `winnerUserId` is given */
  awards(filter: { winnerUserId?: string | undefined }): Promise<Award[]>
  heroFigures(from: Date, to: Date, now: Date): Promise<HeroFigures[]>
  addictFigures(from: Date, to: Date): Promise<AddictFigures[]>
  manualFigures(from: Date, to: Date): Promise<ManualFigures[]>
  categories(): Promise<SecretCategory[]>
  /** a line on the winner's bell */
  notify(n: { userId: string; title: string; body: string }): Promise<void>
}

export interface AwardsDeps {
  awards: AwardsPort
  audit: AuditLog
  clock: Clock
}

export type { KnownSecretFacts }
