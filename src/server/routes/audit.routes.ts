import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { listAuditEvents } from '../../db/audit.store.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import { auditPageSchema, auditQuerySchema } from '../../schemas/workspaces.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { workspaceRoute } from '../workspace-route.ts'

export const auditRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** a read that may be a moment old: the replica's, when there is one (read-your-writes kept) */
    const inWorkspace = workspaceRoute(deps, { reads: 'replica' })
    app.get(
      '/api/workspace/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'The audit trail, newest first, keyset-paged (admin)',
          querystring: auditQuerySchema,
          response: { 200: auditPageSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'audit.read', (w) => listAuditEvents(w.trx, w.workspaceId, request.query)),
    )
  }
