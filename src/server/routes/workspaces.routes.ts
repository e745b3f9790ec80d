import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { changeMemberRole, removeMember } from '../../domain/workspaces/change-member-role.ts'
import { createWorkspace } from '../../domain/workspaces/create-workspace.ts'
import { authorize } from '../../domain/workspaces/roles.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import {
  changeRoleSchema,
  createWorkspaceSchema,
  memberSchema,
  membershipSchema,
  meSchema,
  userIdParam,
} from '../../schemas/workspaces.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requestContext, requireMember, requireUser } from '../principal.ts'

const tags = ['workspaces']

export const workspaceRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/me',
      {
        schema: {
          tags,
          summary: 'The person calling, their current workspace and role, and all their workspaces',
          response: { 200: meSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = await requireUser(deps, request)
        return { user: p.user, workspace: p.workspace, role: p.role, via: p.via, workspaces: p.workspaces }
      },
    )

    app.post(
      '/api/workspaces',
      {
        schema: {
          tags,
          summary: 'Start a new workspace; the caller becomes its admin',
          body: createWorkspaceSchema,
          response: { 201: membershipSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = await requireUser(deps, request)
        if (p.via === 'token') {
          authorize(
            { userId: p.user.id, role: p.role ?? 'marketing', label: p.user.email },
            'workspace.settings',
          )
        }
        const registry = {
          slugTaken: deps.identity.slugTaken,
          createWorkspace: (...a: Parameters<typeof deps.identity.createWorkspace>) =>
            deps.identity.createWorkspace(a[0], a[1], a[2], requestContext(request)),
        }
        const ws = await createWorkspace(
          { registry, newId: randomUUID, clock: deps.clock },
          p.user,
          request.body,
          {
            actorUserId: p.user.id,
            actorLabel: p.user.email,
          },
        )
        return reply.status(201).send({ id: ws.id, slug: ws.slug, name: ws.name, role: 'admin' as const })
      },
    )

    app.get(
      '/api/workspace/members',
      {
        schema: {
          tags,
          summary: 'People of the current workspace with their roles',
          response: { 200: z.object({ members: z.array(memberSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const p = await requireMember(deps, request)
        authorize(p.actor, 'members.read')
        return runInWorkspace(deps, request, p.workspace.id, async ({ store }) => ({
          members: await store.listMembers(),
        }))
      },
    )

    app.patch(
      '/api/workspace/members/:userId',
      {
        schema: {
          tags,
          summary: "Change a person's role (admin)",
          params: userIdParam,
          body: changeRoleSchema,
          response: { 200: memberSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = await requireMember(deps, request)
        return runInWorkspace(deps, request, p.workspace.id, (w) =>
          changeMemberRole(w, p.actor, { userId: request.params.userId, role: request.body.role }),
        )
      },
    )

    app.delete(
      '/api/workspace/members/:userId',
      {
        schema: {
          tags,
          summary: 'Remove a person from the workspace (admin), or leave it yourself',
          params: userIdParam,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = await requireMember(deps, request)
        await runInWorkspace(deps, request, p.workspace.id, (w) =>
          removeMember(w, p.actor, request.params.userId),
        )
        return { ok: true as const }
      },
    )
  }
