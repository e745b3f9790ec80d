import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import {
  BEHAVIOUR_HINT_MAX,
  BEHAVIOURS_ON_A_CARD_MAX,
  type Behaviour,
  checkBehaviourLabel,
} from './behaviours.ts'
import type { AccountabilityDeps } from './ports.ts'

const cleanHint = (hint: string | null | undefined): string | null => {
  const h = hint?.trim().replace(/\s+/g, ' ') ?? ''
  if (h.length > BEHAVIOUR_HINT_MAX) {
    throw new DomainError('invalid_input', `Keep the hint under ${BEHAVIOUR_HINT_MAX} characters.`)
  }
  return h || null
}

/** Every behaviour, retired ones too (their answers stay on old cards); anyone may read the list. */
export const listBehaviours = async (deps: AccountabilityDeps, actor: Actor): Promise<Behaviour[]> => {
  authorize(actor, 'accountability.read_own')
  return (await deps.accountability.behaviours()).sort((a, b) => a.position - b.position)
}

/** A new behaviour goes at the end of the card; cards already sent keep the questions they asked. */
export const addBehaviour = async (
  deps: AccountabilityDeps,
  actor: Actor,
  input: { label: string; hint?: string | null | undefined },
): Promise<Behaviour> => {
  authorize(actor, 'behaviours.manage')
  const all = await deps.accountability.behaviours()
  const label = checkBehaviourLabel(input.label, all)
  if (all.filter((b) => b.retiredAt === null).length >= BEHAVIOURS_ON_A_CARD_MAX) {
    throw new DomainError(
      'invalid_input',
      `A card asks at most ${BEHAVIOURS_ON_A_CARD_MAX} things — a customer answers it on a phone. Retire one first.`,
    )
  }
  const position = all.reduce((m, b) => Math.max(m, b.position), 0) + 1
  const b = await deps.accountability.addBehaviour({ label, hint: cleanHint(input.hint), position })
  await deps.audit.record(actedBy(actor, 'behaviour.added', { type: 'behaviour', id: b.id }, { label }))
  return b
}

/** Reword, retire or bring back a behaviour; the old wording stays on the cards that asked it, and in the audit trail. */
export const changeBehaviour = async (
  deps: AccountabilityDeps,
  actor: Actor,
  id: string,
  input: { label?: string | undefined; hint?: string | null | undefined; retired?: boolean | undefined },
): Promise<Behaviour> => {
  authorize(actor, 'behaviours.manage')
  const all = await deps.accountability.behaviours()
  const before = all.find((b) => b.id === id)
  if (!before) throw new DomainError('behaviour_not_found', 'There is no such behaviour in this workspace.')
  const patch: Partial<Pick<Behaviour, 'label' | 'hint' | 'retiredAt'>> = {}
  if (input.label !== undefined) patch.label = checkBehaviourLabel(input.label, all, id)
  if (input.hint !== undefined) patch.hint = cleanHint(input.hint)
  if (input.retired !== undefined) {
    if (
      !input.retired &&
      before.retiredAt &&
      all.filter((b) => b.retiredAt === null).length >= BEHAVIOURS_ON_A_CARD_MAX
    ) {
      throw new DomainError(
        'invalid_input',
        `A card asks at most ${BEHAVIOURS_ON_A_CARD_MAX} things. Retire one first.`,
      )
    }
    if (input.retired && !before.retiredAt && all.filter((b) => b.retiredAt === null).length <= 1) {
      throw new DomainError('invalid_input', 'A report card needs at least one behaviour to ask about.')
    }
    patch.retiredAt = input.retired ? (before.retiredAt ?? deps.clock.now()) : null
  }
  const after = await deps.accountability.changeBehaviour(id, patch)
  if (!after) throw new DomainError('behaviour_not_found', 'There is no such behaviour in this workspace.')
  await deps.audit.record(
    actedBy(
      actor,
      'behaviour.changed',
      { type: 'behaviour', id },
      {
        ...(patch.label !== undefined && patch.label !== before.label
          ? { from: before.label, to: patch.label }
          : {}),
        ...(input.hint !== undefined ? { hintChanged: true } : {}),
        ...(input.retired !== undefined ? { retired: input.retired } : {}),
      },
    ),
  )
  return after
}

/** The order the card asks in: every active behaviour, once. */
export const reorderBehaviours = async (
  deps: AccountabilityDeps,
  actor: Actor,
  ids: readonly string[],
): Promise<Behaviour[]> => {
  authorize(actor, 'behaviours.manage')
  const all = await deps.accountability.behaviours()
  const active = all.filter((b) => b.retiredAt === null)
  const known = new Set(active.map((b) => b.id))
  if (ids.length !== active.length || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
    throw new DomainError('invalid_input', 'Send every active behaviour once, in the new order.')
  }
  for (const [i, id] of ids.entries()) await deps.accountability.changeBehaviour(id, { position: i + 1 })
  // retired ones keep their place after the active ones
  let next = ids.length
  for (const b of all.filter((x) => x.retiredAt !== null).sort((a, b) => a.position - b.position)) {
    await deps.accountability.changeBehaviour(b.id, { position: ++next })
  }
  await deps.audit.record(actedBy(actor, 'behaviours.reordered', { type: 'behaviour' }, { order: ids }))
  return listBehaviours(deps, actor)
}
