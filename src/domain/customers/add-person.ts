import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { Person } from './customer.ts'
import { auditCustomer, liveCustomerOf } from './customer-rules.ts'
import type { CustomersDeps, NewPerson, PersonChange } from './ports.ts'

type Deps = Pick<CustomersDeps, 'customers' | 'audit'>

const personNotFound = () => new DomainError('person_not_found', 'No such person in this workspace.')

/** The people of a customer are audited by id and the fields given: never a name, email or phone. */
const audited = (
  deps: Deps,
  actor: Actor,
  action: 'customer.person_added' | 'customer.person_changed' | 'customer.person_removed',
  customerId: string,
  details: Record<string, unknown>,
) => auditCustomer(deps.audit, actor, action, customerId, details)

/** A decision maker or contact is added to a customer (not to one erased on request). */
export const addPerson = async (
  deps: Deps,
  actor: Actor,
  customerId: string,
  input: NewPerson,
): Promise<Person> => {
  authorize(actor, 'customers.write')
  const customer = await liveCustomerOf(deps.customers, customerId)
  const person = await deps.customers.addPerson(customer.id, input)
  await audited(deps, actor, 'customer.person_added', customer.id, {
    personId: person.id,
    fields: Object.keys(input),
  })
  return person
}

/** A person of the customer is changed. */
export const changePerson = async (
  deps: Deps,
  actor: Actor,
  customerId: string,
  personId: string,
  input: PersonChange,
): Promise<Person> => {
  authorize(actor, 'customers.write')
  const person = await deps.customers.updatePerson(customerId, personId, input)
  if (!person) throw personNotFound()
  await audited(deps, actor, 'customer.person_changed', customerId, { personId, fields: Object.keys(input) })
  return person
}

/** A person is removed from the customer. */
export const removePerson = async (
  deps: Deps,
  actor: Actor,
  customerId: string,
  personId: string,
): Promise<void> => {
  authorize(actor, 'customers.write')
  if (!(await deps.customers.removePerson(customerId, personId))) throw personNotFound()
  await audited(deps, actor, 'customer.person_removed', customerId, { personId })
}
