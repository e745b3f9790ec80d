import { actedBy, actedOnWorkspace } from '../audit/audit-event.ts'
import type { Clock } from '../clock.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { WallManageDeps, WallMint } from './ports.ts'
import {
  checkWallLinkName,
  refuseWallLink,
  WALL_LIMITS,
  WALL_TOKEN_PREFIX,
  type WallLink,
  wallLinkStatus,
} from './wall-link.ts'

/**
 * Wall links (issue 12, part 6): made, listed and revoked by an admin; the token is in the answer
 * that creates it and nowhere else, except the demo's link, derived again on demand (decision 019).
 * Grouped in one file as decision 014 allows: one port, one guard. Audited without tokens.
 */

export interface WallLinkView extends WallLink {
  /** the token again, for the demo's link only; null for every other link (only its hash is kept) */
  token: string | null
}

const view = (deps: { mint: WallMint }, workspaceId: string, l: WallLink): WallLinkView => ({
  ...l,
  token: l.demo ? deps.mint.demoToken(workspaceId) : null,
})

const DAY = 86_400_000

/** A new wall link; the token is shown once. */
export const createWallLink = async (
  deps: WallManageDeps,
  actor: Actor,
  input: { name: string; expiresInDays?: number | null | undefined },
): Promise<{ link: WallLinkView; token: string }> => {
  authorize(actor, 'wall.manage')
  const name = checkWallLinkName(input.name)
  const days = input.expiresInDays ?? null
  if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= WALL_LIMITS.expiresInDays)) {
    throw new DomainError(
      'invalid_input',
      `Expiry is a whole number of days from 1 to ${WALL_LIMITS.expiresInDays}, or empty for never.`,
      { field: 'expiresInDays' },
    )
  }
  const now = deps.clock.now()
  const { token, hash, display } = deps.mint.newToken()
  const link = await deps.links.insert({
    name,
    tokenHash: hash,
    prefix: display,
    demo: false,
    createdBy: actor.userId,
    expiresAt: days ? new Date(now.getTime() + days * DAY) : null,
  })
  await deps.audit.record(
    actedBy(actor, 'wall_link.created', { type: 'wall_link', id: link.id }, { name, prefix: display }),
  )
  return { link: { ...link, token: null }, token }
}

/** The demo's wall link, made once at seeding with the derived token (decision 019). */
export const createDemoWallLink = async (
  deps: WallManageDeps,
  actor: Actor,
  workspaceId: string,
  name: string,
): Promise<WallLinkView> => {
  authorize(actor, 'wall.manage')
  const token = deps.mint.demoToken(workspaceId)
  const prefix = `${token.slice(0, WALL_TOKEN_PREFIX.length + 5)}…`
  const link = await deps.links.insert({
    name: checkWallLinkName(name),
    tokenHash: deps.mint.hash(token),
    prefix,
    demo: true,
    createdBy: actor.userId,
    expiresAt: null,
  })
  await deps.audit.record(
    actedBy(actor, 'wall_link.created', { type: 'wall_link', id: link.id }, { name, prefix, demo: true }),
  )
  return view(deps, workspaceId, link)
}

export const listWallLinks = async (
  deps: Pick<WallManageDeps, 'links' | 'mint'>,
  actor: Actor & { workspaceId: string },
): Promise<WallLinkView[]> => {
  authorize(actor, 'wall.manage')
  return (await deps.links.list()).map((l) => view(deps, actor.workspaceId, l))
}

/** Revokes a link: its next request is refused, and its open streams end (on every instance). */
export const revokeWallLink = async (deps: WallManageDeps, actor: Actor, id: string): Promise<void> => {
  authorize(actor, 'wall.manage')
  const l = await deps.links.get(id)
  if (!l) throw new DomainError('wall_link_not_found', 'No such wall link in this workspace.')
  if (l.revokedAt) return
  await deps.links.revoke(id, deps.clock.now())
  await deps.audit.record(
    actedBy(actor, 'wall_link.revoked', { type: 'wall_link', id }, { name: l.name, prefix: l.prefix }),
  )
}

/** Whether the wall shows secret text: off unless an admin turns it on, audited. */
export const changeWallSettings = async (
  deps: Pick<WallManageDeps, 'links' | 'audit'>,
  actor: Actor & { workspaceId: string },
  s: { showSecrets: boolean },
): Promise<{ showSecrets: boolean }> => {
  authorize(actor, 'wall.manage')
  await deps.links.changeSettings({ showSecrets: s.showSecrets })
  await deps.audit.record(actedOnWorkspace(actor, 'wall.settings_changed', { showSecrets: s.showSecrets }))
  return { showSecrets: s.showSecrets }
}

export const readWallSettings = async (
  deps: Pick<WallManageDeps, 'links'>,
  actor: Actor,
): Promise<{ showSecrets: boolean }> => {
  authorize(actor, 'wall.manage')
  return deps.links.settings()
}

/** A wall link found by its token's hash, in whichever workspace holds it. */
export interface FoundWallLink {
  workspaceId: string
  workspaceName: string
  link: WallLink
}

const TOKEN_SHAPE = new RegExp(`^${WALL_TOKEN_PREFIX}_[A-Za-z0-9_-]{20,100}$`)

/**
 * The live link a token opens, or a refusal a person can act on: a token of the wrong shape or
 * unknown hash (mistyped, tampered) is invalid; a revoked or expired one says so.
 */
export const openWallLink = async (
  deps: {
    find(hash: string): Promise<FoundWallLink | undefined>
    mint: Pick<WallMint, 'hash'>
    clock: Clock
  },
  token: string,
): Promise<FoundWallLink> => {
  if (!TOKEN_SHAPE.test(token)) throw refuseWallLink('unknown')
  const found = await deps.find(deps.mint.hash(token))
  if (!found) throw refuseWallLink('unknown')
  const status = wallLinkStatus(found.link, deps.clock.now())
  if (status !== 'active') throw refuseWallLink(status)
  return found
}
