import { fromNodeHeaders } from 'better-auth/node'
import type { FastifyRequest } from 'fastify'
import { auditLog } from '../db/audit.store.ts'
import { inWorkspace } from '../db/workspace-scope.ts'
import { DomainError } from '../domain/errors.ts'
import { shouldAuditTokenUse, tokenIsLive } from '../domain/workspaces/create-api-token.ts'
import { type Actor, type Role, tokenActsAs } from '../domain/workspaces/roles.ts'
import type { Workspace } from '../domain/workspaces/workspace.ts'
import type { ServerDeps } from './deps.ts'

export const WORKSPACE_HEADER = 'x-dazzle-workspace'

export interface Principal {
  user: { id: string; name: string; email: string }
  via: 'session' | 'token'
  workspaces: Array<Workspace & { role: Role }>
  workspace: Workspace | null
  role: Role | null
}

export interface MemberPrincipal extends Principal {
  workspace: Workspace
  role: Role
  actor: Actor
}

const cache = new WeakMap<FastifyRequest, Promise<Principal | null>>()

export const requestContext = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
  requestId: request.id,
})

/** Who is calling: a bearer token (bound to one workspace) or a session cookie (any of the person's workspaces). */
export const getPrincipal = (deps: ServerDeps, request: FastifyRequest): Promise<Principal | null> => {
  let p = cache.get(request)
  if (!p) {
    p = resolve(deps, request)
    cache.set(request, p)
  }
  return p
}

const resolve = async (deps: ServerDeps, request: FastifyRequest): Promise<Principal | null> => {
  const authz = request.headers.authorization
  if (authz !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(authz)
    if (!m?.[1])
      throw new DomainError('unauthenticated', 'Send the API token as "Authorization: Bearer <token>".')
    return fromToken(deps, request, m[1])
  }
  const session = await deps.auth.api.getSession({ headers: fromNodeHeaders(request.headers) })
  if (!session) return null
  const user = { id: session.user.id, name: session.user.name, email: session.user.email }
  const workspaces = await deps.identity.membershipsOf(user.id)
  const wanted = request.headers[WORKSPACE_HEADER]
  const current =
    typeof wanted === 'string' && wanted ? workspaces.find((w) => w.slug === wanted) : workspaces[0]
  if (typeof wanted === 'string' && wanted && !current) {
    throw new DomainError('workspace_not_found', `You are not a member of a workspace called "${wanted}".`)
  }
  return {
    user,
    via: 'session',
    workspaces,
    workspace: current
      ? { id: current.id, slug: current.slug, name: current.name, createdAt: current.createdAt }
      : null,
    role: current?.role ?? null,
  }
}

const fromToken = async (deps: ServerDeps, request: FastifyRequest, token: string): Promise<Principal> => {
  const t = await deps.identity.apiTokenByHash(deps.mint.hash(token))
  const now = deps.clock.now()
  // A token stops working when revoked, expired, or when its owner left the workspace.
  if (!t || !tokenIsLive(t, now) || !t.memberRole) {
    throw new DomainError('unauthenticated', 'This API token is not valid (unknown, revoked or expired).')
  }
  // its power is checked against its owner's role as it is now, not as it was when it was made
  const role = tokenActsAs({ role: t.role as Role, followsMember: t.followsMember }, t.memberRole as Role)
  if (!role) {
    throw new DomainError(
      'unauthenticated',
      `This API token acts as ${t.role}, which its owner (now ${t.memberRole}) can no longer hand out: make a new token.`,
    )
  }
  if (shouldAuditTokenUse(t.lastUsedAt, now)) {
    await inWorkspace(deps.database.db, t.workspaceId, (trx) =>
      auditLog(trx, t.workspaceId, requestContext(request)).record({
        actorUserId: t.userId,
        actorLabel: `${t.userEmail} (token ${t.prefix})`,
        action: 'api_token.used',
        targetType: 'api_token',
        targetId: t.id,
      }),
    )
  }
  // "last used" to the minute is enough, and saves a write on every scripted request
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() >= 60_000)
    await deps.identity.touchApiToken(t.id, now)
  const workspace = {
    id: t.workspaceId,
    slug: t.workspaceSlug,
    name: t.workspaceName,
    createdAt: t.workspaceCreatedAt,
  }
  return {
    user: { id: t.userId, name: t.userName, email: t.userEmail },
    via: 'token',
    workspaces: [{ ...workspace, role }],
    workspace,
    role,
  }
}

/** The caller, signed in. */
export const requireUser = async (deps: ServerDeps, request: FastifyRequest): Promise<Principal> => {
  const p = await getPrincipal(deps, request)
  if (!p)
    throw new DomainError(
      'unauthenticated',
      'Sign in, or send an API token as "Authorization: Bearer <token>".',
    )
  return p
}

/** The caller, signed in and acting inside a workspace. */
export const requireMember = async (deps: ServerDeps, request: FastifyRequest): Promise<MemberPrincipal> => {
  const p = await requireUser(deps, request)
  if (!p.workspace || !p.role) {
    throw new DomainError(
      'no_workspace',
      'You are not a member of any workspace yet: create one or accept an invitation.',
    )
  }
  return {
    ...p,
    workspace: p.workspace,
    role: p.role,
    actor: {
      userId: p.user.id,
      role: p.role,
      label: p.via === 'token' ? `${p.user.email} (token)` : p.user.email,
    },
  }
}
