import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { mainPersonOf } from './affected-person.ts'
import { checkLetDownAt, type OopsType, type Severity } from './oops.ts'
import { planTermsFor } from './plan-terms.ts'
import type { RecoveryDeps } from './ports.ts'
import { deadlineOf } from './recovery-clock.ts'
import { remindersFor } from './reminders.ts'

export interface OpenOopsInput {
  customerId: string
  /** who was let down: left out, the customer's main person; null, nobody in particular */
  personId?: string | null | undefined
  type: OopsType
  description: string
  severity: Severity
  /** when the customer was let down: the clock starts here (defaults to now) */
  letDownAt?: Date | undefined
  /** whoever has the customer in front of them; defaults to the reporter */
  ownerUserId?: string | undefined
}

/**
 * An OOPS! is reported, about the person who was let down (the customer's main person unless the
 * reporter says otherwise): the customer's recovery plan (by segment, else tier) sets the window, the
 * contact cadence and the investment cap; the reminders are stored; listeners hear `oops.opened`.
 */
export const openOops = async (deps: RecoveryDeps, actor: Actor, input: OpenOopsInput): Promise<string> => {
  authorize(actor, 'recovery.write')
  const { recovery } = deps
  const now = deps.clock.now()
  const letDownAt = input.letDownAt ?? now
  checkLetDownAt(letDownAt, now)
  const customer = await recovery.customerFacts(input.customerId)
  if (!customer || customer.erasedAt)
    throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  const person =
    input.personId === undefined
      ? (mainPersonOf(await recovery.peopleOf(customer.id)) ?? null)
      : input.personId
        ? await recovery.personOf(customer.id, input.personId)
        : null
  if (input.personId && !person) {
    throw new DomainError('person_not_found', 'That person is not one of this customer’s people.', {
      field: 'personId',
    })
  }
  const ownerUserId = input.ownerUserId ?? actor.userId
  if (ownerUserId !== actor.userId && !(await recovery.memberRole(ownerUserId))) {
    throw new DomainError('member_not_found', 'The owner must be a member of this workspace.', {
      field: 'ownerUserId',
    })
  }
  const { planName: _plan, ...terms } = planTermsFor(await recovery.plans(), customer)
  const draft = {
    customerId: customer.id,
    personId: person?.id ?? null,
    type: input.type,
    description: input.description,
    severity: input.severity,
    letDownAt,
    reportedAt: now,
    reportedBy: actor.userId,
    ownerUserId,
    ...terms,
    deadlineAt: deadlineOf({ letDownAt, windowHours: terms.windowHours }),
  }
  const id = await recovery.insertOops(draft)
  await recovery.schedule(
    remindersFor({ ...draft, id, fixedAt: null, surprisedAt: null, status: 'open' }, [], now),
  )
  await deps.audit.record(
    actedBy(
      actor,
      'oops.opened',
      { type: 'oops', id },
      { customerId: customer.id, type: input.type, severity: input.severity, ownerUserId },
    ),
  )
  await recovery.emit('oops.opened', {
    oopsId: id,
    customerId: customer.id,
    customerName: customer.name,
    type: input.type,
    severity: input.severity,
    letDownAt: letDownAt.toISOString(),
    deadlineAt: draft.deadlineAt.toISOString(),
    ownerUserId,
  })
  return id
}
