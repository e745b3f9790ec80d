import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { createApiToken, revokeApiToken } from '../../domain/workspaces/create-api-token.ts'
import { can } from '../../domain/workspaces/roles.ts'
import { errorResponses, idParam, okSchema } from '../../schemas/common.schemas.ts'
import {
  apiTokenSchema,
  createApiTokenSchema,
  createdApiTokenSchema,
} from '../../schemas/workspaces.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { workspaceDeps, workspaceRoute } from '../workspace-route.ts'

const tags = ['api tokens']

export const tokenRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    app.get(
      '/api/workspace/tokens',
      {
        schema: {
          tags,
          summary: "Your API tokens in this workspace (an admin sees everyone's)",
          response: { 200: z.object({ tokens: z.array(apiTokenSchema) }), ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, null, async (w) => ({
          tokens: await w.stores.workspace.listApiTokens(
            can(w.actor, 'tokens.manage_all') ? undefined : w.actor.userId,
          ),
        })),
    )

    app.post(
      '/api/workspace/tokens',
      {
        schema: {
          tags,
          summary: 'Create an API token for scripts; the token is in this answer only',
          body: createApiTokenSchema,
          response: { 201: createdApiTokenSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await inWorkspace(request, 'tokens.create', (w) =>
          createApiToken(workspaceDeps(w), w.actor, request.body),
        )
        return reply.status(201).send(created)
      },
    )

    app.delete(
      '/api/workspace/tokens/:id',
      {
        schema: {
          tags,
          summary: 'Revoke an API token (yours; an admin may revoke any)',
          params: idParam,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, null, async (w) => {
          await revokeApiToken(workspaceDeps(w), w.actor, request.params.id)
          return { ok: true as const }
        }),
    )
  }
