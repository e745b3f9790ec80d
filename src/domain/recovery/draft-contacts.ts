import type { Actor } from '../workspaces/roles.ts'
import { draftsFor } from './contact-drafts.ts'
import { type RecoveryReadDeps, readOops } from './read-oops.ts'

/**
 * Every contact's draft for one OOPS!, filled from what it records (the summary, the fix note, the
 * affected person, the owner) for whoever asks to write it, under the company's name.
 */
export const draftContacts = async (
  deps: RecoveryReadDeps,
  actor: Actor & { name: string },
  input: { oopsId: string; company: string },
) => {
  const o = await readOops(deps, actor, input.oopsId)
  return draftsFor(o, { name: actor.name, company: input.company })
}
