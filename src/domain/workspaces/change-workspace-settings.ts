import { actedOnWorkspace } from '../audit/audit-event.ts'
import type { AuditLog } from './ports.ts'
import { type Actor, authorize } from './roles.ts'

export interface WorkspaceSettingsPort {
  changeSettings(patch: { sensitiveCategories: boolean }): Promise<void>
}

/**
 * Turn special categories of personal data (health, religion …) on or off for the workspace:
 * admins only, audited. Each customer must still consent before such a secret is recorded.
 */
export const changeWorkspaceSettings = async (
  deps: { settings: WorkspaceSettingsPort; audit: AuditLog },
  actor: Actor & { workspaceId: string },
  patch: { sensitiveCategories: boolean },
): Promise<void> => {
  authorize(actor, 'privacy.manage')
  await deps.settings.changeSettings(patch)
  const { sensitiveCategories } = patch
  await deps.audit.record(actedOnWorkspace(actor, 'workspace.settings_changed', { sensitiveCategories }))
}
