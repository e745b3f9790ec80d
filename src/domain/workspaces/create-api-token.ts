import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import type { WorkspaceDeps } from './ports.ts'
import { type Actor, authorize, can, type Role, tokenRoleAllowed } from './roles.ts'

/** A token for scripts: bound to one workspace, one person and a role no wider than theirs. Shown once. */
export const createApiToken = async (
  deps: WorkspaceDeps,
  actor: Actor,
  input: { name: string; role?: Role | undefined; expiresInDays?: number | null | undefined },
) => {
  authorize(actor, 'tokens.create')
  const role = input.role ?? actor.role
  if (!tokenRoleAllowed(actor.role, role)) {
    throw new DomainError(
      'role_not_allowed',
      `A ${actor.role} can create tokens with the ${actor.role} role only; an admin can choose any role.`,
    )
  }
  const now = deps.clock.now()
  const { token, hash, display } = deps.mint.newToken('dzl')
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null
  const apiToken = await deps.store.insertApiToken({
    userId: actor.userId,
    name: input.name,
    role,
    followsMember: role === actor.role,
    tokenHash: hash,
    prefix: display,
    expiresAt,
  })
  await deps.audit.record(
    actedBy(
      actor,
      'api_token.created',
      { type: 'api_token', id: apiToken.id },
      { name: input.name, role, prefix: display },
    ),
  )
  return { apiToken, token }
}

export const revokeApiToken = async (deps: WorkspaceDeps, actor: Actor, id: string) => {
  const t = await deps.store.getApiToken(id)
  if (!t || (t.userId !== actor.userId && !can(actor, 'tokens.manage_all'))) {
    throw new DomainError('token_not_found', 'No such API token among those you can manage.')
  }
  if (t.revokedAt) return
  await deps.store.revokeApiToken(id, deps.clock.now())
  await deps.audit.record(
    actedBy(actor, 'api_token.revoked', { type: 'api_token', id }, { name: t.name, prefix: t.prefix }),
  )
}

/** Is a stored token usable now? */
export const tokenIsLive = (t: { revokedAt: Date | null; expiresAt: Date | null }, now: Date) =>
  !t.revokedAt && (!t.expiresAt || t.expiresAt > now)

/** Token use is audited, but at most once an hour per token, so a busy script doesn't drown the trail. */
export const TOKEN_USE_AUDIT_INTERVAL_MS = 3600_000
export const shouldAuditTokenUse = (lastUsedAt: Date | null, now: Date) =>
  !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= TOKEN_USE_AUDIT_INTERVAL_MS
