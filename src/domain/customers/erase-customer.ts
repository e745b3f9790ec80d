import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { auditCustomer } from './customer-rules.ts'
import { confirmationMatches, type PrivacyDeps } from './privacy.ts'

/**
 * Erases a customer on request (admins only, confirmed by typing the customer's name): secrets,
 * people, family, engagements and notes are deleted; the customer row and its purchases stay,
 * anonymised, so revenue figures and tiers are unchanged. Audited with counts, never with what was
 * erased. The caller runs it in one transaction: a failure leaves everything as it was.
 */
export const eraseCustomer = async (
  deps: PrivacyDeps,
  actor: Actor,
  input: { customerId: string; confirm: string },
) => {
  authorize(actor, 'privacy.manage')
  const customer = await deps.privacy.customerFacts(input.customerId)
  if (!customer) throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  if (customer.erasedAt) {
    throw new DomainError(
      'invalid_input',
      `This customer was already erased on ${customer.erasedAt.toISOString().slice(0, 10)}.`,
      { erasedAt: customer.erasedAt.toISOString() },
    )
  }
  if (!confirmationMatches(customer.name, input.confirm)) {
    throw new DomainError(
      'invalid_input',
      `To erase this customer, type its name exactly: "${customer.name}". Erasing cannot be undone.`,
      { field: 'confirm' },
    )
  }
  const at = deps.clock.now()
  const counts = await deps.privacy.erase(customer.id, at)
  // counts only: the name and everything erased stay erased, here too
  await auditCustomer(deps.audit, actor, 'customer.erased', customer.id, { ...counts })
  return { erasedAt: at, counts }
}
