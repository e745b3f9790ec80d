import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { auditLog } from '../db/audit.store.ts'
import type { DB } from '../db/schema.ts'
import { inWorkspace } from '../db/workspace-scope.ts'
import { workspaceStore } from '../db/workspaces.store.ts'
import type { WorkspaceDeps } from '../domain/workspaces/ports.ts'
import type { ServerDeps } from './deps.ts'
import { requestContext } from './principal.ts'

/** Opens the request's one transaction, scoped to the workspace (RLS on), and hands the use-case its ports. */
export const runInWorkspace = <T>(
  deps: ServerDeps,
  request: FastifyRequest | null,
  workspaceId: string,
  fn: (w: WorkspaceDeps & { trx: Transaction<DB> }) => Promise<T>,
): Promise<T> =>
  inWorkspace(deps.database.db, workspaceId, (trx) =>
    fn({
      trx,
      store: workspaceStore(trx, workspaceId),
      audit: auditLog(trx, workspaceId, request ? requestContext(request) : {}),
      clock: deps.clock,
      mint: deps.mint,
    }),
  )
