import { type AuditAction, actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type { CustomerDetail } from './customer.ts'
import type { CustomersPort } from './ports.ts'

/**
 * A change to a customer, or to what hangs off it (people, relations, its export or erasure),
 * audited against the customer: by ids, kinds, field names and counts, never by a name, an email
 * or a phone number.
 */
export const auditCustomer = (
  audit: AuditLog,
  actor: { userId: string; label: string },
  action: AuditAction,
  customerId: string,
  details?: Record<string, unknown>,
) => audit.record(actedBy(actor, action, { type: 'customer', id: customerId }, details))

export const customerNotFound = () =>
  new DomainError('customer_not_found', 'No such customer in this workspace.')

/** The customer, or customer_not_found. */
export const customerOf = async (customers: CustomersPort, id: string): Promise<CustomerDetail> => {
  const c = await customers.get(id)
  if (!c) throw customerNotFound()
  return c
}

/** An erased customer is kept for its revenue figures only: nothing is added to it or changed on it. */
export const liveCustomerOf = async (customers: CustomersPort, id: string): Promise<CustomerDetail> => {
  const c = await customerOf(customers, id)
  if (c.erasedAt) {
    throw new DomainError(
      'invalid_input',
      'This customer was erased on request: it is kept, anonymised, for the revenue figures only and cannot be changed.',
    )
  }
  return c
}

/** A customer's external id (the key imports match on) belongs to one customer only. */
export const assertExternalIdFree = async (
  customers: CustomersPort,
  externalId: string | null | undefined,
  exceptId?: string,
) => {
  if (externalId && (await customers.externalIdTaken(externalId, exceptId))) {
    throw new DomainError('external_id_taken', `Another customer already has the id ${externalId}.`)
  }
}

/** A customer's owner is one of the workspace's people: nobody else may be shown as having them. */
export const assertOwnerIsMember = async (
  customers: CustomersPort,
  ownerUserId: string | null | undefined,
  current?: string | null,
) => {
  // the owner it already has may be sent back unchanged, even after they left the workspace
  if (ownerUserId && ownerUserId !== current && !(await customers.isMember(ownerUserId))) {
    throw new DomainError('member_not_found', 'The owner must be a member of this workspace.', {
      field: 'ownerUserId',
    })
  }
}
