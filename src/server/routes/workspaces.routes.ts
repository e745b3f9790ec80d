import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { changeMemberRole, removeMember } from '../../domain/workspaces/change-member-role.ts'
import { createWorkspace } from '../../domain/workspaces/create-workspace.ts'
import { readMyTeam, setMemberLeader } from '../../domain/workspaces/reporting-lines.ts'
import { authorize } from '../../domain/workspaces/roles.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import {
  changeRoleSchema,
  createWorkspaceSchema,
  memberSchema,
  membershipSchema,
  meSchema,
  myTeamSchema,
  setLeaderSchema,
  userIdParam,
} from '../../schemas/workspaces.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { requestContext, requireUser } from '../principal.ts'
import { workspaceDeps, workspaceRoute } from '../workspace-route.ts'

const tags = ['workspaces']

export const workspaceRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
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
      (request) =>
        inWorkspace(request, 'members.read', async (w) => ({
          members: await w.stores.workspace.listMembers(),
        })),
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
      (request) =>
        inWorkspace(request, 'members.manage', (w) =>
          changeMemberRole(workspaceDeps(w), w.actor, {
            userId: request.params.userId,
            role: request.body.role,
          }),
        ),
    )

    app.put(
      '/api/workspace/members/:userId/leader',
      {
        schema: {
          tags,
          summary: 'Say who a person reports to, or that they report to nobody (admin)',
          params: userIdParam,
          body: setLeaderSchema,
          response: { 200: memberSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'members.manage', (w) =>
          setMemberLeader(workspaceDeps(w), w.actor, {
            userId: request.params.userId,
            leaderUserId: request.body.leaderUserId,
          }),
        ),
    )

    app.get(
      '/api/workspace/team',
      {
        schema: {
          tags,
          summary: 'My team: who I report to, and everyone who reports to me (directly or through others)',
          response: { 200: myTeamSchema, ...errorResponses },
        },
      },
      (request) => inWorkspace(request, 'members.read', (w) => readMyTeam(workspaceDeps(w), w.actor)),
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
      (request) =>
        // any member may leave; removing someone else is the use-case's to refuse
        inWorkspace(request, null, async (w) => {
          await removeMember(workspaceDeps(w), w.actor, request.params.userId)
          return { ok: true as const }
        }),
    )
  }
