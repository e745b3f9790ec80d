import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { listAuditEvents } from '../../db/audit.store.ts'
import { authorize } from '../../domain/workspaces/roles.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import { auditPageSchema, auditQuerySchema } from '../../schemas/workspaces.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requireMember } from '../principal.ts'

export const auditRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
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
      async (request) => {
        const p = await requireMember(deps, request)
        authorize(p.actor, 'audit.read')
        return runInWorkspace(deps, request, p.workspace.id, ({ trx }) =>
          listAuditEvents(trx, p.workspace.id, request.query),
        )
      },
    )
  }
