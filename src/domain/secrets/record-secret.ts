import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { SecretsDeps } from './ports.ts'
import { checkCategory } from './secret.ts'
import type { Certainty, Layer } from './taxonomy.ts'

export interface RecordSecretInput {
  customerId: string
  personId?: string | null | undefined
  layer: Layer
  category: string
  text: string
  certainty: Certainty
  engagementId?: string | null | undefined
  /** an older secret of the same customer this one replaces; it is kept, marked outdated */
  supersedes?: string | undefined
}

/**
 * Ask > listen > record (seed 004): what was heard is stored about the customer or one of its people,
 * in a category that applies to them — special categories only where the workspace allows them and
 * the customer consented —, audited without its text, and announced to the live feed on commit.
 */
export const recordSecret = async (
  deps: SecretsDeps,
  actor: Actor & { name: string },
  input: RecordSecretInput,
): Promise<string> => {
  authorize(actor, 'secrets.write')
  const { secrets } = deps
  const customer = await secrets.customerFacts(input.customerId)
  if (!customer || customer.erasedAt)
    throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  const person = input.personId ? await secrets.personOf(customer.id, input.personId) : null
  if (input.personId && !person) {
    throw new DomainError('person_not_found', 'That person is not one of this customer’s people.', {
      field: 'personId',
    })
  }
  if (input.engagementId && !(await secrets.engagementOf(customer.id, input.engagementId))) {
    throw new DomainError('engagement_not_found', 'That engagement is not one of this customer’s.', {
      field: 'engagementId',
    })
  }
  const about = person || customer.kind === 'person' ? 'person' : 'organisation'
  checkCategory(await secrets.categories(), input.category, about, {
    workspaceAllows: (await secrets.settings()).sensitiveCategories,
    customerConsentAt: customer.sensitiveConsentAt,
  })
  const older = input.supersedes ? await secrets.get(input.supersedes) : null
  if (input.supersedes && (!older || older.customerId !== customer.id)) {
    throw new DomainError('secret_not_found', 'The secret to supersede is not one of this customer’s.', {
      field: 'supersedes',
    })
  }
  const now = deps.clock.now()
  const id = await secrets.record({
    customerId: customer.id,
    personId: person?.id ?? null,
    layer: input.layer,
    category: input.category,
    text: input.text,
    certainty: input.certainty,
    recordedBy: actor.userId,
    recordedByName: actor.name,
    recordedAt: now,
    engagementId: input.engagementId ?? null,
    concepts: await deps.concepts.expand(input.text),
  })
  if (older) await secrets.supersede(older.id, id, now)
  await deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'secret.recorded',
    targetType: 'secret',
    targetId: id,
    // never the text: the category and whom it is about only
    details: { customerId: customer.id, category: input.category, supersedes: older?.id ?? null },
  })
  await secrets.announce(id)
  return id
}
