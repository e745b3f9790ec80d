import type { Clock } from '../clock.ts'
import type { ValueTier } from '../customers/customer.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type { ClueKind, ClueMark } from './relationship-depth.ts'

/** A customer as relationship depth needs it: whether it is a key account, and whose it is. */
export interface DepthAccount {
  customerId: string
  customerName: string
  tier: ValueTier | null
  ownerUserId: string | null
  ownerName: string | null
}

/** The four clues' marks of one workspace: append-only, never changed. */
export interface DepthPort {
  /** null when the customer is not in this workspace */
  account(customerId: string): Promise<DepthAccount | null>
  marks(customerId: string): Promise<ClueMark[]>
  addMark(
    customerId: string,
    m: { clue: ClueKind; holds: boolean; since: string; evidence: string; recordedBy: string; at: Date },
  ): Promise<string>
  /** the key accounts (tier A, not erased), each with its marks */
  keyAccounts(): Promise<(DepthAccount & { marks: ClueMark[] })[]>
}

export interface DepthDeps {
  depth: DepthPort
  audit: AuditLog
  clock: Clock
}
