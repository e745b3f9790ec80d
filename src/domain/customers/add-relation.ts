import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { Relation } from './customer.ts'
import { auditCustomer, liveCustomerOf } from './customer-rules.ts'
import type { CustomersDeps, NewRelation } from './ports.ts'

type Deps = Pick<CustomersDeps, 'customers' | 'audit'>

/**
 * Family or a key person is added (spouse, children by name, assistant …), of the customer or of
 * one of its own people; not to a customer erased on request. Audited by kind, never by name.
 */
export const addRelation = async (
  deps: Deps,
  actor: Actor,
  customerId: string,
  input: NewRelation,
): Promise<Relation> => {
  authorize(actor, 'customers.write')
  const customer = await liveCustomerOf(deps.customers, customerId)
  if (input.personId && !(await deps.customers.personBelongs(customer.id, input.personId))) {
    throw new DomainError('person_not_found', 'That person does not belong to this customer.')
  }
  const relation = await deps.customers.addRelation(customer.id, input)
  const { id: relationId, kind } = relation
  await auditCustomer(deps.audit, actor, 'customer.relation_added', customer.id, { relationId, kind })
  return relation
}

/** A relation is removed. */
export const removeRelation = async (
  deps: Deps,
  actor: Actor,
  customerId: string,
  relationId: string,
): Promise<void> => {
  authorize(actor, 'customers.write')
  if (!(await deps.customers.removeRelation(customerId, relationId))) {
    throw new DomainError('relation_not_found', 'No such relation in this workspace.')
  }
  await auditCustomer(deps.audit, actor, 'customer.relation_removed', customerId, { relationId })
}
