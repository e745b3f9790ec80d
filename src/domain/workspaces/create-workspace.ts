import type { AuditEventInput } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { assertSlug, slugify, type Workspace } from './workspace.ts'

export interface WorkspaceRegistry {
  slugTaken(slug: string): Promise<boolean>
  /** the workspace, its first admin and `created` in its audit trail, in one transaction */
  createWorkspace(
    ws: { id: string; slug: string; name: string },
    adminUserId: string,
    created: AuditEventInput,
  ): Promise<void>
}

/** Anyone signed in may start a workspace; they become its first admin. */
export const createWorkspace = async (
  deps: { registry: WorkspaceRegistry; newId: () => string; clock: { now(): Date } },
  user: { id: string },
  input: { name: string; slug?: string | undefined },
  /** who is recorded as having started it (a person, or the CLI), and anything else worth keeping */
  by: { actorUserId: string | null; actorLabel: string; details?: Record<string, unknown> },
): Promise<Workspace> => {
  const name = input.name.trim()
  const slug = assertSlug(input.slug?.trim() || slugify(name) || 'workspace')
  if (await deps.registry.slugTaken(slug)) {
    throw new DomainError('workspace_slug_taken', `The address "${slug}" is taken: choose another.`, { slug })
  }
  const ws = { id: deps.newId(), slug, name }
  await deps.registry.createWorkspace(ws, user.id, {
    actorUserId: by.actorUserId,
    actorLabel: by.actorLabel,
    action: 'workspace.created',
    targetType: 'workspace',
    targetId: ws.id,
    details: { name, slug, ...by.details },
  })
  return { ...ws, createdAt: deps.clock.now() }
}
