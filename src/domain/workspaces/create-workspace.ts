import { DomainError } from '../errors.ts'
import { assertSlug, slugify, type Workspace } from './workspace.ts'

export interface WorkspaceRegistry {
  slugTaken(slug: string): Promise<boolean>
  createWorkspace(ws: { id: string; slug: string; name: string }, adminUserId: string): Promise<void>
}

/** Anyone signed in may start a workspace; they become its first admin. */
export const createWorkspace = async (
  deps: { registry: WorkspaceRegistry; newId: () => string; clock: { now(): Date } },
  user: { id: string },
  input: { name: string; slug?: string | undefined },
): Promise<Workspace> => {
  const name = input.name.trim()
  const slug = assertSlug(input.slug?.trim() || slugify(name) || 'workspace')
  if (await deps.registry.slugTaken(slug)) {
    throw new DomainError('workspace_slug_taken', `The address "${slug}" is taken: choose another.`, { slug })
  }
  const ws = { id: deps.newId(), slug, name }
  await deps.registry.createWorkspace(ws, user.id)
  return { ...ws, createdAt: deps.clock.now() }
}
