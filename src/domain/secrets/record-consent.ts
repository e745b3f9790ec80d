import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { SecretsDeps } from './ports.ts'

/**
 * The customer's consent to special categories of personal data (health, religion …), or its
 * withdrawal: without it no such secret can be recorded about them. Audited.
 */
export const recordConsent = async (
  deps: Pick<SecretsDeps, 'secrets' | 'audit' | 'clock'>,
  actor: Actor,
  customerId: string,
  input: { consented: boolean; note?: string | null | undefined },
): Promise<{ consentAt: Date | null; note: string | null }> => {
  authorize(actor, 'secrets.write')
  const customer = await deps.secrets.customerFacts(customerId)
  if (!customer || customer.erasedAt)
    throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  const at = input.consented ? deps.clock.now() : null
  const note = input.consented ? (input.note ?? null) : null
  await deps.secrets.recordConsent(customerId, at, note)
  await deps.audit.record(
    actedBy(
      actor,
      'customer.consent_recorded',
      { type: 'customer', id: customerId },
      { consented: input.consented },
    ),
  )
  return { consentAt: at, note }
}
