import { instanceSecret, wallStore } from '../db/wall.store.ts'
import { createDemoWallLink } from '../domain/wall/manage-wall-links.ts'
import type { Actor } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runInWorkspace } from './in-workspace.ts'
import { wallMint } from './wall-mint.ts'

/**
 * The demo's wall link, "Office TV": its token is derived from the instance secret (decision 019),
 * so Maya finds it under Settings › Wall with Copy and Open, though only its hash is stored.
 * Returns the wall's address for the demo's welcome lines.
 */
export const seedDemoWall = async (deps: ServerDeps, workspaceId: string, maya: Actor): Promise<string> => {
  // read before the transaction: on PGlite a read outside it would wait for it to end
  const mint = wallMint(await instanceSecret(deps.database.db, deps.config.authSecret))
  const link = await runInWorkspace(deps, null, workspaceId, (w) =>
    createDemoWallLink(
      { links: wallStore(w.trx, workspaceId), mint, audit: w.audit, clock: deps.clock },
      maya,
      workspaceId,
      'Office TV',
    ),
  )
  return `${deps.config.baseUrl}/wall/${link.token}`
}
