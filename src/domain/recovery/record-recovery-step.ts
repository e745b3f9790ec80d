import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { closeOops } from './close-oops.ts'
import type { ContactKind } from './communication.ts'
import type { Oops, RecoveryKind } from './oops.ts'
import type { RecoveryDeps } from './ports.ts'
import { remindersFor } from './reminders.ts'

export const loadOopsOrThrow = async (deps: RecoveryDeps, oopsId: string): Promise<Oops> => {
  const o = await deps.recovery.getOops(oopsId)
  if (!o) throw new DomainError('oops_not_found', 'No such OOPS! in this workspace.')
  return o
}

export const loadOpenOops = async (deps: RecoveryDeps, oopsId: string): Promise<Oops> => {
  const o = await loadOopsOrThrow(deps, oopsId)
  if (o.status === 'closed') {
    throw new DomainError('oops_closed', 'This OOPS! is closed: the customer has had the final resolution.')
  }
  return o
}

/** After any change: the recovered state, the reminders still needed, the clock jobs no longer needed. */
export const afterChange = async (deps: RecoveryDeps, id: string) => {
  const o = await loadOopsOrThrow(deps, id)
  const now = deps.clock.now()
  if (o.status === 'open' && o.fixedAt && o.surprisedAt) {
    await deps.recovery.updateOops(id, { status: 'recovered' })
    o.status = 'recovered'
  }
  if (o.status !== 'open') {
    await deps.recovery.cancelJobs(`${id}:at_risk`)
    await deps.recovery.cancelJobs(`${id}:breached`)
  }
  await deps.recovery.cancelJobs(`${id}:step:`)
  await deps.recovery.schedule(remindersFor(o, await deps.recovery.steps(id), now))
  return o
}

const actorName = (actor: Actor & { name?: string }) => actor.name ?? actor.label

/** "Fix it fast" (seed 001): what was done to put the mistake right. Once. */
export const recordFix = async (
  deps: RecoveryDeps,
  actor: Actor & { name?: string },
  input: { oopsId: string; note: string },
) => {
  authorize(actor, 'recovery.write')
  const o = await loadOpenOops(deps, input.oopsId)
  if (o.fixedAt) throw new DomainError('already_done', 'The fix is already recorded for this OOPS!.')
  const now = deps.clock.now()
  await deps.recovery.updateOops(o.id, { fixedAt: now, fixNote: input.note })
  await deps.recovery.addStep({
    oopsId: o.id,
    kind: 'fix',
    channel: null,
    message: input.note,
    emailedTo: null,
    byUserId: actor.userId,
    byName: actorName(actor),
    at: now,
  })
  await deps.audit.record(
    actedBy(actor, 'oops.fixed', { type: 'oops', id: o.id }, { insideWindow: now <= o.deadlineAt }),
  )
  return afterChange(deps, o.id)
}

export interface SurpriseInput {
  oopsId: string
  /** from the catalogue … */
  itemId?: string | undefined
  /** … or a custom surprise: free text and cost */
  custom?: { title: string; cost: number; kind: RecoveryKind } | undefined
  /** the secrets it draws on */
  secretIds: string[]
  note?: string | undefined
}

/**
 * "Surprise them with what they don't expect" (seed 001): personal, drawn from what we know. Over
 * the plan's cap only the plan's approver (or an admin) may record it, and is named as approver.
 */
export const recordSurprise = async (
  deps: RecoveryDeps,
  actor: Actor & { name?: string },
  input: SurpriseInput,
) => {
  authorize(actor, 'recovery.write')
  const o = await loadOpenOops(deps, input.oopsId)
  if (o.surprisedAt) throw new DomainError('already_done', 'The surprise is already recorded for this OOPS!.')
  // the plan's kinds and approver as the plan stands now; the cap is the one the OOPS! started with
  const plan = o.planId ? await deps.recovery.planById(o.planId) : null
  let chosen: { itemId: string | null; title: string; cost: number; kind: string; leadTimeHours: number }
  if (input.itemId) {
    const item = await deps.recovery.surpriseItem(input.itemId)
    if (!item)
      throw new DomainError('surprise_not_found', 'No such surprise in the catalogue.', { field: 'itemId' })
    chosen = {
      itemId: item.id,
      title: item.title,
      cost: item.cost,
      kind: item.kind,
      leadTimeHours: item.leadTimeHours,
    }
  } else if (input.custom) {
    chosen = { itemId: null, ...input.custom, leadTimeHours: 0 }
  } else {
    throw new DomainError('invalid_input', 'Choose a surprise from the suggestions or write a custom one.', {
      field: 'itemId',
    })
  }
  if (plan && !(plan.allowedKinds as readonly string[]).includes(chosen.kind)) {
    throw new DomainError(
      'invalid_input',
      `This customer's recovery plan does not allow a ${chosen.kind}; it allows ${plan.allowedKinds.join(', ')}.`,
      { field: 'kind' },
    )
  }
  let approvedBy: string | null = null
  if (chosen.cost > o.investmentCap) {
    const approver = plan?.approverRole ?? 'leader'
    if (actor.role !== approver && actor.role !== 'admin') {
      throw new DomainError(
        'approval_required',
        `${chosen.title} costs ${chosen.cost}, above this plan's cap of ${o.investmentCap}: a ${approver} (or an admin) must approve it — ask them to record it, or choose within the cap.`,
        { cap: o.investmentCap, cost: chosen.cost, approverRole: approver },
      )
    }
    approvedBy = actor.userId
  }
  const known = await deps.recovery.secretsOf(o.customerId, input.secretIds)
  if (known.length !== new Set(input.secretIds).size) {
    throw new DomainError('secret_not_found', 'One of the secrets it draws on is not this customer’s.', {
      field: 'secretIds',
    })
  }
  const now = deps.clock.now()
  await deps.recovery.updateOops(o.id, {
    surprisedAt: now,
    surpriseItemId: chosen.itemId,
    surpriseTitle: chosen.title,
    surpriseKind: chosen.kind,
    surpriseCost: chosen.cost,
    surpriseApprovedBy: approvedBy,
    surpriseSecretIds: known,
  })
  await deps.recovery.addStep({
    oopsId: o.id,
    kind: 'surprise',
    channel: null,
    message: input.note ? `${chosen.title} — ${input.note}` : chosen.title,
    emailedTo: null,
    byUserId: actor.userId,
    byName: actorName(actor),
    at: now,
  })
  await deps.audit.record(
    actedBy(
      actor,
      'oops.surprised',
      { type: 'oops', id: o.id },
      { itemId: chosen.itemId, cost: chosen.cost, approvedBy, insideWindow: now <= o.deadlineAt },
    ),
  )
  return afterChange(deps, o.id)
}

export interface ContactInput {
  oopsId: string
  kind: ContactKind | 'note'
  channel: string
  message: string
  emailedTo?: string | null | undefined
  /** at first contact: how likely they are to recommend us now, 0–10 */
  npsBefore?: number | undefined
}

/**
 * Hyper-communication (seed 003): a contact with the customer, or a note, on the timeline. The
 * final resolution closes the OOPS! — only once the fix is recorded. Sends nothing: what a person
 * writes from the recovery screen goes through recordContact, which also emails it.
 */
export const logContact = async (
  deps: RecoveryDeps,
  actor: Actor & { name?: string },
  input: ContactInput,
) => {
  authorize(actor, 'recovery.write')
  // after the final resolution the owner still checks in ("did it stay fixed?") and keeps notes
  const o =
    input.kind === 'follow_up' || input.kind === 'note'
      ? await loadOopsOrThrow(deps, input.oopsId)
      : await loadOpenOops(deps, input.oopsId)
  const steps = await deps.recovery.steps(o.id)
  if (input.kind === 'first_contact' && steps.some((s) => s.kind === 'first_contact')) {
    throw new DomainError(
      'already_done',
      'The first contact is already recorded; record a status report instead.',
    )
  }
  if (input.kind === 'final_resolution' && !o.fixedAt) {
    throw new DomainError(
      'invalid_input',
      'Record the fix before telling the customer the final resolution.',
      {
        field: 'kind',
      },
    )
  }
  const now = deps.clock.now()
  await deps.recovery.addStep({
    oopsId: o.id,
    kind: input.kind,
    channel: input.channel,
    message: input.message,
    emailedTo: input.emailedTo ?? null,
    byUserId: actor.userId,
    byName: actorName(actor),
    at: now,
  })
  if (input.kind === 'first_contact' && input.npsBefore !== undefined) {
    await deps.recovery.updateOops(o.id, { npsBefore: input.npsBefore })
  }
  await deps.audit.record(
    actedBy(
      actor,
      'oops.step_recorded',
      { type: 'oops', id: o.id },
      { kind: input.kind, channel: input.channel, emailed: !!input.emailedTo },
    ),
  )
  if (input.kind === 'final_resolution') return { ...(await closeOops(deps, actor, o)), closed: true }
  const after = await afterChange(deps, o.id)
  return { ...after, closed: false }
}
