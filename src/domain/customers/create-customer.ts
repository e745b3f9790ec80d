import { type Actor, authorize } from '../workspaces/roles.ts'
import type { CustomerDetail, CustomerKind } from './customer.ts'
import { assertExternalIdFree, assertOwnerIsMember, auditCustomer, customerOf } from './customer-rules.ts'
import type { CustomersDeps, NewCustomer } from './ports.ts'

export interface CreateCustomerInput extends Omit<NewCustomer, 'currency' | 'kind'> {
  kind?: CustomerKind | undefined
}

/**
 * A customer is added (a person or an organisation): its external id is no other customer's, its
 * owner a member of the workspace. One more customer changes counts and shares, so ranks, tiers and
 * the value report are worked out again (a new customer has no purchases: nobody's sums change).
 * Audited with its kind and the fields given, never its name.
 */
export const createCustomer = async (
  deps: CustomersDeps,
  actor: Actor,
  input: CreateCustomerInput,
): Promise<CustomerDetail> => {
  authorize(actor, 'customers.write')
  const { customers } = deps
  await assertExternalIdFree(customers, input.externalId)
  await assertOwnerIsMember(customers, input.ownerUserId)
  const id = await customers.create({ ...input, kind: input.kind ?? 'organisation' })
  await deps.value.recompute(deps.clock.now(), [])
  const kind = input.kind ?? 'organisation'
  await auditCustomer(deps.audit, actor, 'customer.created', id, { kind, fields: Object.keys(input) })
  return customerOf(customers, id)
}
