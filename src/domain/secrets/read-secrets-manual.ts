import type { Clock } from '../clock.ts'
import { DomainError } from '../errors.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { type ManualFacts, type SecretsManual, secretsManual } from './secrets-manual.ts'

export interface ManualDeps {
  manual: {
    /** null when the customer is not in this workspace, or was erased */
    facts(customerId: string, now: Date): Promise<Omit<ManualFacts, 'members'> | null>
    members(): Promise<readonly { userId: string; name: string }[]>
  }
  audit: AuditLog
  clock: Clock
}

/** Reading the manual on screen, or taking it away as a file. */
export type ManualUse = 'read' | 'markdown' | 'pdf'

/**
 * The secrets manual of one customer. Every read is attributable (PRODUCT.md, "Privacy"): on screen
 * it is a `secrets.read_manual`, as a file a `secrets.exported` — with counts, never the text.
 */
export const readSecretsManual = async (
  deps: ManualDeps,
  actor: Actor,
  customerId: string,
  use: ManualUse,
): Promise<SecretsManual> => {
  authorize(actor, 'secrets.read')
  const now = deps.clock.now()
  const facts = await deps.manual.facts(customerId, now)
  if (!facts) throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  const manual = secretsManual({ ...facts, members: await deps.manual.members() })
  await deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: use === 'read' ? 'secrets.read_manual' : 'secrets.exported',
    targetType: 'customer',
    targetId: customerId,
    details: {
      view: 'manual',
      ...(use === 'read' ? {} : { format: use }),
      activeCount: manual.activeCount,
    },
  })
  return manual
}
