import { DomainError } from '../domain/errors.ts'
import { createApiToken } from '../domain/workspaces/create-api-token.ts'
import { inviteMember } from '../domain/workspaces/invite-member.ts'
import type { Role } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runInWorkspace } from './in-workspace.ts'
import { createUserInWorkspace } from './tasks/tasks.ts'

export const DEMO_SLUG = 'demo'
export const DEMO_PASSWORD = 'dazzle-demo-2026'

const PEOPLE: Array<{ name: string; email: string; role: Role }> = [
  { name: 'Maya Chen', email: 'maya@northwind.demo', role: 'admin' },
  { name: 'Leo Okafor', email: 'leo@northwind.demo', role: 'leader' },
  { name: 'Sofia Ricci', email: 'sofia@northwind.demo', role: 'sales' },
  { name: 'Sam Patel', email: 'sam@northwind.demo', role: 'service' },
  { name: 'Nora Lind', email: 'nora@northwind.demo', role: 'marketing' },
]

/**
 * The demo workspace a newcomer explores: Northwind Outfitters with one person per role, a pending
 * invitation and an API token. Created once; later starts find it and leave it alone.
 */
export const ensureDemoWorkspace = async (deps: ServerDeps): Promise<string | null> => {
  if (await deps.identity.workspaceBySlug(DEMO_SLUG)) return null
  for (const p of PEOPLE) {
    await createUserInWorkspace(deps, { workspace: DEMO_SLUG, password: DEMO_PASSWORD, ...p }, 'demo setup')
  }
  const ws = (await deps.identity.workspaceBySlug(DEMO_SLUG))!
  await deps.database.db
    .updateTable('workspace')
    .set({ name: 'Northwind Outfitters (demo)' })
    .where('id', '=', ws.id)
    .execute()
  const maya = (await deps.identity.userByEmail('maya@northwind.demo'))!
  const actor = { userId: maya.id, role: 'admin' as const, label: maya.email }
  await runInWorkspace(deps, null, ws.id, async (w) => {
    await inviteMember(w, actor, { email: 'new.hire@northwind.demo', role: 'sales' }).catch((e) => {
      if (!(e instanceof DomainError)) throw e
    })
    await createApiToken(w, actor, { name: 'Nightly ERP export', role: 'marketing' })
  })
  return [
    `Demo workspace "Northwind Outfitters (demo)" created. Sign in at ${deps.config.baseUrl} as`,
    ...PEOPLE.map((p) => `  ${p.email.padEnd(24)} ${p.role.padEnd(10)} password: ${DEMO_PASSWORD}`),
  ].join('\n')
}
