import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { EngagementChange, EngagementsDeps } from './ports.ts'

/**
 * Engagements are where secrets are heard (ask > listen > record, seed 004): a meeting, call, visit
 * or message, with which of the customer's people and which colleagues took part.
 */

const liveCustomer = async (deps: EngagementsDeps, customerId: string) => {
  const c = await deps.engagements.customerFacts(customerId)
  if (!c || c.erasedAt) throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  return c
}

/** The people are the customer's own, the colleagues are members of this workspace. */
const checkPeople = async (
  deps: EngagementsDeps,
  customerId: string,
  personIds: readonly string[],
  userIds: readonly string[],
) => {
  for (const pid of personIds) {
    if (!(await deps.engagements.personOf(customerId, pid))) {
      throw new DomainError('person_not_found', 'One of the people is not this customer’s.', {
        field: 'personIds',
        id: pid,
      })
    }
  }
  for (const uid of userIds) {
    if (!(await deps.engagements.isMember(uid))) {
      throw new DomainError('member_not_found', 'One of the colleagues is not a member of this workspace.', {
        field: 'userIds',
        id: uid,
      })
    }
  }
}

export interface LogEngagementInput {
  occurredAt?: Date | undefined
  channel: string
  summary?: string | null | undefined
  notes?: string | null | undefined
  personIds: string[]
  userIds: string[]
}

/** Logs an engagement; whoever logs it took part. Returns its id. */
export const logEngagement = async (
  deps: EngagementsDeps,
  actor: Actor,
  customerId: string,
  input: LogEngagementInput,
): Promise<string> => {
  authorize(actor, 'secrets.write')
  await liveCustomer(deps, customerId)
  await checkPeople(deps, customerId, input.personIds, input.userIds)
  const userIds = input.userIds.includes(actor.userId) ? input.userIds : [actor.userId, ...input.userIds]
  const id = await deps.engagements.addEngagement({
    customerId,
    occurredAt: input.occurredAt ?? deps.clock.now(),
    channel: input.channel,
    summary: input.summary ?? null,
    notes: input.notes ?? null,
    personIds: input.personIds,
    userIds,
    createdBy: actor.userId,
  })
  await deps.audit.record(
    actedBy(actor, 'engagement.logged', { type: 'engagement', id }, { customerId, channel: input.channel }),
  )
  return id
}

const engagementNotFound = () =>
  new DomainError('engagement_not_found', 'No such engagement for this customer.')

export const changeEngagement = async (
  deps: EngagementsDeps,
  actor: Actor,
  customerId: string,
  id: string,
  input: EngagementChange,
): Promise<void> => {
  authorize(actor, 'secrets.write')
  await liveCustomer(deps, customerId)
  await checkPeople(deps, customerId, input.personIds ?? [], input.userIds ?? [])
  if (!(await deps.engagements.updateEngagement(customerId, id, input))) throw engagementNotFound()
  await deps.audit.record(
    actedBy(
      actor,
      'engagement.changed',
      { type: 'engagement', id },
      { customerId, fields: Object.keys(input) },
    ),
  )
}

/** Its secrets stay, unlinked. */
export const removeEngagement = async (
  deps: EngagementsDeps,
  actor: Actor,
  customerId: string,
  id: string,
): Promise<void> => {
  authorize(actor, 'secrets.write')
  if (!(await deps.engagements.removeEngagement(customerId, id))) throw engagementNotFound()
  await deps.audit.record(actedBy(actor, 'engagement.removed', { type: 'engagement', id }, { customerId }))
}
