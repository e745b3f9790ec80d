import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { DomainError } from '../../domain/errors.ts'
import {
  acceptInvitation,
  invitationEmail,
  inviteMember,
  revokeInvitation,
} from '../../domain/workspaces/invite-member.ts'
import { type Invitation, invitationStatus } from '../../domain/workspaces/workspace.ts'
import { errorResponses, idParam, okSchema } from '../../schemas/common.schemas.ts'
import {
  createdInvitationSchema,
  createInvitationSchema,
  invitationPreviewSchema,
  invitationSchema,
  invitationTokenParam,
  membershipSchema,
} from '../../schemas/workspaces.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requireUser } from '../principal.ts'
import { workspaceDeps, workspaceRoute } from '../workspace-route.ts'

const tags = ['invitations']

export const invitationRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    const present = (inv: Invitation) => ({ ...inv, status: invitationStatus(inv, deps.clock.now()) })
    const linkFor = (token: string) => `${deps.config.baseUrl}/invite/${token}`

    app.get(
      '/api/workspace/invitations',
      {
        schema: {
          tags,
          summary: 'Invitations of the current workspace (admin)',
          response: { 200: z.object({ invitations: z.array(invitationSchema) }), ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'invitations.manage', async (w) => ({
          invitations: (await w.stores.workspace.listInvitations()).map(present),
        })),
    )

    app.post(
      '/api/workspace/invitations',
      {
        schema: {
          tags,
          summary: 'Invite a colleague by email with a role (admin); the link is emailed and returned once',
          body: createInvitationSchema,
          response: { 201: createdInvitationSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { invitation, token, member } = await inWorkspace(request, 'invitations.manage', async (w) => ({
          ...(await inviteMember(workspaceDeps(w), w.actor, request.body)),
          member: w.member,
        }))
        const link = linkFor(token)
        // sent once the invitation is committed: never an email for a rolled-back one
        await deps.mailer.send(
          invitationEmail({
            to: invitation.email,
            inviterName: member.user.name,
            workspaceName: member.workspace.name,
            role: invitation.role,
            link,
          }),
        )
        return reply
          .status(201)
          .send({ invitation: present(invitation), link, emailed: deps.mailer.delivers })
      },
    )

    app.delete(
      '/api/workspace/invitations/:id',
      {
        schema: {
          tags,
          summary: 'Revoke a pending invitation (admin)',
          params: idParam,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'invitations.manage', async (w) => {
          await revokeInvitation(workspaceDeps(w), w.actor, request.params.id)
          return { ok: true as const }
        }),
    )

    const findByToken = async (token: string) => {
      const inv = await deps.identity.invitationByTokenHash(deps.mint.hash(token))
      if (!inv)
        throw new DomainError('invitation_not_found', 'This invitation link is not valid: ask for a new one.')
      return inv
    }

    app.get(
      '/api/invitations/:token',
      {
        schema: {
          tags,
          summary: 'What an invitation link is for (no sign-in needed)',
          params: invitationTokenParam,
          response: { 200: invitationPreviewSchema, ...errorResponses },
        },
      },
      async (request) => {
        const inv = await findByToken(request.params.token)
        return {
          workspace: { name: inv.workspaceName, slug: inv.workspaceSlug },
          email: inv.email,
          role: inv.role as Invitation['role'],
          invitedByName: inv.invitedByName,
          status: invitationStatus(inv, deps.clock.now()),
          expiresAt: inv.expiresAt,
          accountExists: !!(await deps.identity.userByEmail(inv.email)),
        }
      },
    )

    app.post(
      '/api/invitations/:token/accept',
      {
        schema: {
          tags,
          summary: 'Accept an invitation as the signed-in person',
          params: invitationTokenParam,
          response: { 200: membershipSchema, ...errorResponses },
        },
      },
      async (request) => {
        const p = await requireUser(deps, request)
        if (p.via === 'token')
          throw new DomainError('forbidden', 'Accept invitations while signed in, not with an API token.')
        const inv = await findByToken(request.params.token)
        const { role } = await runInWorkspace(deps, request, inv.workspaceId, (w) =>
          acceptInvitation(w, p.user, { ...inv, role: inv.role as Invitation['role'] }),
        )
        return { id: inv.workspaceId, slug: inv.workspaceSlug, name: inv.workspaceName, role }
      },
    )
  }
