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
  await deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'workspace.settings_changed',
    targetType: 'workspace',
    targetId: actor.workspaceId,
    details: { sensitiveCategories: patch.sensitiveCategories },
  })
}
