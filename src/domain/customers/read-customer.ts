import { type Actor, authorize } from '../workspaces/roles.ts'
import type { CustomerDetail } from './customer.ts'
import { customerOf } from './customer-rules.ts'
import type { CustomerListQuery, CustomerPage, CustomersPort } from './ports.ts'

type Deps = { customers: CustomersPort }

/** A page of the workspace's customers: everyone sees all of them (secrets are shared, not hoarded). */
export const listCustomers = (deps: Deps, actor: Actor, q: CustomerListQuery): Promise<CustomerPage> => {
  authorize(actor, 'customers.read')
  return deps.customers.list(q)
}

/** A customer with value figures, people and family. */
export const readCustomer = (deps: Deps, actor: Actor, id: string): Promise<CustomerDetail> => {
  authorize(actor, 'customers.read')
  return customerOf(deps.customers, id)
}

/** A customer's purchase lines, newest first, a page at a time. */
export const readPurchases = async (
  deps: Deps,
  actor: Actor,
  id: string,
  page: { page: number; pageSize: number },
) => {
  const c = await readCustomer(deps, actor, id)
  return deps.customers.purchases(c.id, page.page, page.pageSize)
}

/** A customer's revenue and orders per month. */
export const readRevenueByMonth = async (deps: Deps, actor: Actor, id: string) => {
  const c = await readCustomer(deps, actor, id)
  return deps.customers.revenueByMonth(c.id)
}
