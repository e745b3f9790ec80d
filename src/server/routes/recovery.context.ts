import { z } from 'zod'
import { readOops } from '../../domain/recovery/read-oops.ts'
import type { WorkspaceContext } from '../workspace-route.ts'
import { presentOops } from './recovery.presenters.ts'

/** What the recovery routes share (the OOPS!, its steps, the plans). */
export const tags = ['recovery']
export const idParams = z.object({ id: z.string().min(1).max(100) }).strict()

/** The ports of the recovery use-cases, from a workspace route's context. */
export const recoveryDeps = (w: WorkspaceContext) => ({
  recovery: w.stores.recovery,
  reads: w.stores.recoveryReads,
  audit: w.audit,
  clock: w.clock,
})

/** The member as the timeline names them. */
export const namedActor = (w: WorkspaceContext) => ({
  ...w.actor,
  name: w.member.user.name || w.member.user.email,
})

/** The recovery screen's answer after a change: the OOPS! as it is now. */
export const presentedOops = async (w: WorkspaceContext, id: string, feedbackLink?: string) =>
  presentOops(await readOops(recoveryDeps(w), w.actor, id), feedbackLink)
