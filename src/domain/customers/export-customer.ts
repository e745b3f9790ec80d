import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { auditCustomer } from './customer-rules.ts'
import type { PrivacyDeps } from './privacy.ts'

/** The format tag of an export, so a reader knows what it holds. */
export const CUSTOMER_EXPORT_FORMAT = 'dazzle.customer-export/1' as const

/**
 * Everything held about one customer, for the customer's request to see their data (admins only):
 * the customer record, people and family, every secret (active and outdated), engagements,
 * purchases, consent and the audit events about them. The export itself is audited, by counts.
 */
export const exportCustomer = async (deps: PrivacyDeps, actor: Actor, input: { customerId: string }) => {
  authorize(actor, 'privacy.manage')
  const customer = await deps.privacy.customerFacts(input.customerId)
  if (!customer) throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  const data = await deps.privacy.exportCustomer(customer.id)
  const exportedAt = deps.clock.now()
  // how much left the building, never what
  const details = { format: CUSTOMER_EXPORT_FORMAT, counts: data.counts }
  await auditCustomer(deps.audit, actor, 'customer.exported', customer.id, details)
  return {
    format: CUSTOMER_EXPORT_FORMAT,
    exportedAt,
    exportedBy: actor.label,
    counts: data.counts,
    ...data.sections,
  }
}
