import { type Actor, authorize } from '../workspaces/roles.ts'
import type { CustomerDetail } from './customer.ts'
import {
  assertExternalIdFree,
  assertOwnerIsMember,
  auditCustomer,
  customerNotFound,
  customerOf,
  liveCustomerOf,
} from './customer-rules.ts'
import type { CustomerChange, CustomersDeps } from './ports.ts'

/**
 * A customer is changed (not one erased on request): a new external id must be no other customer's,
 * a new owner a member (the owner it has may be sent back, even after they left). Audited with the
 * fields changed, never their values.
 */
export const changeCustomer = async (
  deps: Pick<CustomersDeps, 'customers' | 'audit'>,
  actor: Actor,
  id: string,
  input: CustomerChange,
): Promise<CustomerDetail> => {
  authorize(actor, 'customers.write')
  const { customers } = deps
  const current = await liveCustomerOf(customers, id)
  await assertExternalIdFree(customers, input.externalId, current.id)
  await assertOwnerIsMember(customers, input.ownerUserId, current.ownerUserId)
  if (!(await customers.update(current.id, input))) throw customerNotFound()
  await auditCustomer(deps.audit, actor, 'customer.changed', current.id, { fields: Object.keys(input) })
  return customerOf(customers, current.id)
}
