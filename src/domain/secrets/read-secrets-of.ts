import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { SecretsDeps } from './ports.ts'
import type { Secret } from './secret.ts'

/**
 * A customer's secrets, active ones by default and the outdated ones as their history. Every read
 * of a secrets manual is attributable: audited with its count, never the text.
 */
export const readSecretsOf = async (
  deps: Pick<SecretsDeps, 'audit'> & {
    secrets: SecretsDeps['secrets'] & {
      forCustomer(customerId: string, status: 'active' | 'outdated' | 'all'): Promise<Secret[]>
    }
  },
  actor: Actor,
  customerId: string,
  status: 'active' | 'outdated' | 'all',
): Promise<Secret[]> => {
  authorize(actor, 'secrets.read')
  const customer = await deps.secrets.customerFacts(customerId)
  if (!customer || customer.erasedAt)
    throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  const rows = await deps.secrets.forCustomer(customerId, status)
  await deps.audit.record(
    actedBy(
      actor,
      'secrets.read_manual',
      { type: 'customer', id: customerId },
      { view: 'list', status, count: rows.length },
    ),
  )
  return rows
}
