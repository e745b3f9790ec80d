import type { Clock } from '../clock.ts'
import type { AuditLog } from '../workspaces/ports.ts'

/**
 * Privacy is part of the product (PRODUCT.md): an admin can export everything held about a customer
 * and erase a customer on request. What erasing keeps is the money: the customer row stays, under
 * this name, with its value figures, tier, segment and purchase lines (amounts, quantities, dates,
 * products), so revenue, tiers and concentration read exactly as before.
 */
export const ERASED_NAME = 'Erased customer'
/** what stands where free text about an erased customer was */
export const ERASED_TEXT = '(erased)'

/** What an erasure removed or anonymised, for the audit trail and the answer. */
export interface ErasureCounts {
  secrets: number
  engagements: number
  people: number
  relations: number
  purchasesAnonymised: number
  /** OOPS! cases kept for the scoreboard, their free text gone */
  oopsAnonymised: number
}

/** A customer's data as exported: sections of rows, and how many rows each holds. */
export interface CustomerExportData {
  sections: Record<string, unknown>
  counts: Record<string, number>
}

/** What the privacy use-cases need of the store, scoped to one workspace. */
export interface PrivacyPort {
  customerFacts(customerId: string): Promise<{ id: string; name: string; erasedAt: Date | null } | undefined>
  exportCustomer(customerId: string): Promise<CustomerExportData>
  /** everything personal removed, the rest anonymised; one transaction with the caller's audit */
  erase(customerId: string, at: Date): Promise<ErasureCounts>
}

export interface PrivacyDeps {
  privacy: PrivacyPort
  audit: AuditLog
  clock: Clock
}

const squash = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()

/**
 * Erasing is confirmed by typing the customer's name (spaces and case aside): a slip of the mouse,
 * a replayed request or a script pointed at the wrong id cannot erase anyone.
 */
export const confirmationMatches = (customerName: string, typed: string | null | undefined): boolean =>
  typeof typed === 'string' && squash(typed) !== '' && squash(typed) === squash(customerName)
