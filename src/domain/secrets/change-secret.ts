import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { STALE_AFTER_DAYS } from './coverage.ts'
import type { SecretChange, SecretsDeps } from './ports.ts'
import { assertMayEdit, checkCategory, type Secret } from './secret.ts'
import type { Certainty, Layer } from './taxonomy.ts'

export interface ChangeSecretInput {
  layer?: Layer | undefined
  category?: string | undefined
  text?: string | undefined
  certainty?: Certainty | undefined
  status?: 'active' | 'outdated' | undefined
  /** heard again today: refreshes "last confirmed" */
  confirm?: true | undefined
}

const secretNotFound = () => new DomainError('secret_not_found', 'No such secret in this workspace.')

/**
 * Change, confirm or mark outdated what was heard. Confirming is open to every colleague (they heard
 * it again); changing it is for whoever recorded it, or an admin. A new category must still apply
 * and respect the sensitive-data rules; new words get new meanings for search. Audited, no text.
 */
export const changeSecret = async (
  deps: SecretsDeps,
  actor: Actor,
  id: string,
  input: ChangeSecretInput,
): Promise<Secret> => {
  authorize(actor, 'secrets.write')
  const { secrets } = deps
  const existing = await secrets.get(id)
  if (!existing) throw secretNotFound()
  const { confirm, ...rest } = input
  const changes = Object.keys(rest).filter((k) => rest[k as keyof typeof rest] !== undefined)
  if (changes.length > 0) assertMayEdit(actor, existing.recordedBy)
  if (rest.category && rest.category !== existing.category) {
    const customer = await secrets.customerFacts(existing.customerId)
    if (!customer || customer.erasedAt)
      throw new DomainError('customer_not_found', 'No such customer in this workspace.')
    checkCategory(
      await secrets.categories(),
      rest.category,
      existing.personId || customer.kind === 'person' ? 'person' : 'organisation',
      {
        workspaceAllows: (await secrets.settings()).sensitiveCategories,
        customerConsentAt: customer.sensitiveConsentAt,
      },
    )
  }
  const now = deps.clock.now()
  const patch: SecretChange = { ...rest }
  if (rest.text) patch.concepts = await deps.concepts.expand(rest.text)
  if (confirm) patch.lastConfirmedAt = now
  if (rest.status === 'outdated' && existing.status !== 'outdated') patch.outdatedAt = now
  if (rest.status === 'active') {
    patch.outdatedAt = null
    patch.supersededBy = null
  }
  await secrets.update(existing.id, patch)
  await deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'secret.changed',
    targetType: 'secret',
    targetId: existing.id,
    details: {
      customerId: existing.customerId,
      fields: Object.keys(input),
      // confirming what had gone stale counts towards the recorder's freshness (accountability)
      ...(confirm
        ? { wasStale: now.getTime() - existing.lastConfirmedAt.getTime() > STALE_AFTER_DAYS * 86_400_000 }
        : {}),
    },
  })
  return (await secrets.get(existing.id)) as Secret
}

/** Delete what was recorded: whoever recorded it, or an admin. Audited with its category, no text. */
export const removeSecret = async (deps: SecretsDeps, actor: Actor, id: string): Promise<void> => {
  authorize(actor, 'secrets.write')
  const existing = await deps.secrets.get(id)
  if (!existing) throw secretNotFound()
  assertMayEdit(actor, existing.recordedBy)
  await deps.secrets.remove(existing.id)
  await deps.audit.record(
    actedBy(
      actor,
      'secret.deleted',
      { type: 'secret', id: existing.id },
      { customerId: existing.customerId, category: existing.category },
    ),
  )
}
