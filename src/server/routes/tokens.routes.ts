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
import { runInWorkspace } from '../in-workspace.ts'
import { requireMember } from '../principal.ts'

const tags = ['api tokens']

export const tokenRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/workspace/tokens',
      {
        schema: {
          tags,
          summary: "Your API tokens in this workspace (an admin sees everyone's)",
          response: { 200: z.object({ tokens: z.array(apiTokenSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const p = await requireMember(deps, request)
        const all = can(p.actor, 'tokens.manage_all')
        return runInWorkspace(deps, request, p.workspace.id, async ({ store }) => ({
          tokens: await store.listApiTokens(all ? undefined : p.user.id),
        }))
      },
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
        const p = await requireMember(deps, request)
        const created = await runInWorkspace(deps, request, p.workspace.id, (w) =>
          createApiToken(w, p.actor, request.body),
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
      async (request) => {
        const p = await requireMember(deps, request)
        await runInWorkspace(deps, request, p.workspace.id, (w) =>
          revokeApiToken(w, p.actor, request.params.id),
        )
        return { ok: true as const }
      },
    )
  }
