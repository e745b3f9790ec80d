import type { AuditLog } from '../workspaces/ports.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'

/** Which new secrets a reader follows: marketing by tier or category, a leader by recorder. */
export interface FeedFilters {
  tier?: string | undefined
  category?: string | undefined
  recordedBy?: string | undefined
}

/**
 * Reading the live feed shows secrets, so it is audited like every other read of them: each page
 * or catch-up that shows any (how many, with which filters; never the text), and each live
 * subscription when it opens.
 */
export const readFeedPage = async <Row, Page>(
  deps: { feed: { page(filters: FeedFilters, page: Page): Promise<Row[]> }; audit: AuditLog },
  actor: Actor & { workspaceId: string },
  filters: FeedFilters,
  page: Page,
  view: 'page' | 'catch_up',
): Promise<Row[]> => {
  authorize(actor, 'secrets.read')
  const rows = await deps.feed.page(filters, page)
  if (rows.length) await auditFeedRead(deps, actor, { view, items: rows.length, ...filters })
  return rows
}

/** A live subscription opens: what streams live is read under this one audited event. */
export const subscribeToFeed = async (
  deps: { audit: AuditLog },
  actor: Actor & { workspaceId: string },
  filters: FeedFilters,
): Promise<void> => {
  authorize(actor, 'secrets.read')
  await auditFeedRead(deps, actor, { view: 'stream', ...filters })
}

const auditFeedRead = (
  deps: { audit: AuditLog },
  actor: Actor & { workspaceId: string },
  details: Record<string, unknown>,
) =>
  deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'secrets.read_feed',
    targetType: 'workspace',
    targetId: actor.workspaceId,
    details,
  })
