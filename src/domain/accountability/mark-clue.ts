import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { DepthDeps } from './depth-ports.ts'
import { type CustomerDepth, canMarkClues, customerDepth } from './read-relationship-depth.ts'
import { CLUE_LABELS, type ClueKind, cluesOn, latestToday } from './relationship-depth.ts'

/**
 * Marks one clue of a key account as holding or not from a day, with its evidence. A new mark is
 * added, never written over the last one, so the account's history stays whole. Refused, with
 * nothing stored: a customer of no key account (tier A), a day in the future or before the clue's
 * latest mark, someone other than the owner, a leader or an admin.
 */
export const markClue = async (
  deps: DepthDeps,
  actor: Actor,
  customerId: string,
  input: { clue: ClueKind; holds: boolean; since: string; evidence: string },
): Promise<CustomerDepth> => {
  authorize(actor, 'customers.read')
  const account = await deps.depth.account(customerId)
  if (!account) throw new DomainError('customer_not_found', 'There is no such customer in this workspace.')
  if (!canMarkClues(actor, account)) {
    throw new DomainError(
      'forbidden',
      `Only the account’s owner${account.ownerName ? ` (${account.ownerName})` : ''}, a leader or an admin can set ${account.customerName}’s relationship clues.`,
      { ownerUserId: account.ownerUserId },
    )
  }
  if (account.tier !== 'A') {
    throw new DomainError(
      'invalid_input',
      `${account.customerName} is not a key account (tier A), so its relationship depth is not tracked. Clues are kept for the customers who bring the most revenue.`,
      { tier: account.tier },
    )
  }
  const now = deps.clock.now()
  const today = latestToday(now)
  if (input.since > today) {
    throw new DomainError(
      'invalid_input',
      `${input.since} has not come yet. Give the day the clue became ${input.holds ? 'true' : 'false'}: today or earlier.`,
      { field: 'since', latest: today },
    )
  }
  const evidence = input.evidence.trim()
  if (!evidence) {
    throw new DomainError('invalid_input', 'Say what shows it: the evidence of the clue, in a sentence.', {
      field: 'evidence',
    })
  }
  const marks = await deps.depth.marks(customerId)
  const last = cluesOn(marks).find((s) => s.clue === input.clue)?.mark
  if (last && input.since < last.since) {
    throw new DomainError(
      'invalid_input',
      `“${CLUE_LABELS[input.clue]}” was last marked as of ${last.since}; a change can be dated that day or later, not before.`,
      { field: 'since', earliest: last.since },
    )
  }
  const id = await deps.depth.addMark(customerId, { ...input, evidence, recordedBy: actor.userId, at: now })
  // the evidence may name people: the trail keeps what changed, not what was written
  await deps.audit.record(
    actedBy(
      actor,
      'relationship_depth.clue_marked',
      { type: 'customer', id: customerId },
      { markId: id, clue: input.clue, holds: input.holds, since: input.since },
    ),
  )
  return customerDepth(account, await deps.depth.marks(customerId), now, actor)
}
