import { setMemberLeader } from '../domain/workspaces/reporting-lines.ts'
import type { Actor } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runInWorkspace } from './in-workspace.ts'

/** Who reports to whom at Northwind: Sofia and Sam to Leo, Leo and Nora to Maya. */
const LINES: ReadonlyArray<[member: string, leader: string]> = [
  ['leo@northwind.demo', 'maya@northwind.demo'],
  ['nora@northwind.demo', 'maya@northwind.demo'],
  ['sofia@northwind.demo', 'leo@northwind.demo'],
  ['sam@northwind.demo', 'leo@northwind.demo'],
]

/**
 * The demo's reporting lines, drawn through the same use-case an admin's change takes (audited),
 * so an at-risk OOPS! of Sam's escalates to Leo, and a breach on to Maya.
 */
export const seedDemoReportingLines = async (deps: ServerDeps, workspaceId: string, actor: Actor) => {
  const id = async (email: string) => (await deps.identity.userByEmail(email))!.id
  // the ids first: a read outside the workspace's transaction waits forever for it on PGlite's one connection
  const lines = await Promise.all(
    LINES.map(async ([member, leader]) => ({ userId: await id(member), leaderUserId: await id(leader) })),
  )
  await runInWorkspace(deps, null, workspaceId, async (w) => {
    for (const line of lines) await setMemberLeader(w, actor, line)
  })
}
