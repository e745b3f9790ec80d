import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { AudienceQuery, SearchFilters } from './search-query.ts'
import { audienceQuery } from './search-secrets.ts'

/** Saved searches: marketing's audiences ("who loves Pinot Noir?"), run again on what is known now. */
export interface AudiencesPort {
  /** null when the workspace already has an audience of that name */
  saveAudience(a: { name: string; query: AudienceQuery; createdBy: string | null }): Promise<string | null>
  removeAudience(id: string): Promise<boolean>
}

export const saveAudience = async (
  deps: { audiences: AudiencesPort; audit: AuditLog },
  actor: Actor,
  input: { name: string; q: string; filters: Partial<SearchFilters> },
): Promise<string> => {
  authorize(actor, 'audiences.manage')
  const query = audienceQuery(input.q, input.filters)
  const id = await deps.audiences.saveAudience({ name: input.name, query, createdBy: actor.userId })
  if (!id) {
    throw new DomainError('audience_name_taken', `There is already an audience called “${input.name}”.`, {
      field: 'name',
    })
  }
  await deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'audience.saved',
    targetType: 'audience',
    targetId: id,
    // the query's length and filters, not its words: they may name what a customer told us
    details: { name: input.name, queryLength: query.q.length },
  })
  return id
}

/** Its customers and secrets stay. */
export const removeAudience = async (
  deps: { audiences: AudiencesPort; audit: AuditLog },
  actor: Actor,
  id: string,
): Promise<void> => {
  authorize(actor, 'audiences.manage')
  if (!(await deps.audiences.removeAudience(id))) {
    throw new DomainError('audience_not_found', 'No such audience in this workspace.')
  }
  await deps.audit.record(actedBy(actor, 'audience.removed', { type: 'audience', id }))
}
