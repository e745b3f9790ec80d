import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { DomainError } from '../../domain/errors.ts'
import { changeEngagement, logEngagement, removeEngagement } from '../../domain/secrets/log-engagement.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import {
  engagementInputSchema,
  engagementListSchema,
  engagementPatchSchema,
  engagementSchema,
} from '../../schemas/secrets.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'
import { presentEngagement } from './secrets.presenters.ts'

const tags = ['secrets']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()
const engagementParams = idParams.extend({ engagementId: z.string().min(1).max(100) }).strict()

const engagementDeps = (w: WorkspaceContext) => ({
  engagements: w.stores.secrets,
  audit: w.audit,
  clock: w.clock,
})

/** Meetings, calls, visits and messages with a customer: where secrets are heard. */
export const engagementRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/customers/:id/engagements',
      {
        schema: {
          tags,
          summary: "The customer's engagements (meetings, calls, visits, messages), newest first",
          params: idParams,
          response: { 200: engagementListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'customers.read', async (w) => {
          const s = w.stores.secrets
          const c = await s.customerFacts(request.params.id)
          if (!c || c.erasedAt)
            throw new DomainError('customer_not_found', 'No such customer in this workspace.')
          const [rows, counts] = await Promise.all([
            s.engagements(request.params.id),
            s.secretsPerEngagement(request.params.id),
          ])
          return { engagements: rows.map((e) => presentEngagement(e, counts.get(e.id) ?? 0)) }
        }),
    )

    app.post(
      '/api/customers/:id/engagements',
      {
        schema: {
          tags,
          summary: 'Log an engagement; secrets heard in it link to it',
          params: idParams,
          body: engagementInputSchema,
          response: { 201: engagementSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const e = await inWorkspace(request, 'secrets.write', async (w) => {
          const id = await logEngagement(engagementDeps(w), w.actor, request.params.id, request.body)
          const all = await w.stores.secrets.engagements(request.params.id)
          return all.find((x) => x.id === id) as (typeof all)[number]
        })
        return reply.status(201).send(presentEngagement(e, 0))
      },
    )

    app.patch(
      '/api/customers/:id/engagements/:engagementId',
      {
        schema: {
          tags,
          summary: 'Change an engagement',
          params: engagementParams,
          body: engagementPatchSchema,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.write', async (w) => {
          await changeEngagement(
            engagementDeps(w),
            w.actor,
            request.params.id,
            request.params.engagementId,
            request.body,
          )
          return { ok: true as const }
        }),
    )

    app.delete(
      '/api/customers/:id/engagements/:engagementId',
      {
        schema: {
          tags,
          summary: 'Remove an engagement (its secrets stay, unlinked)',
          params: engagementParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.write', async (w) => {
          await removeEngagement(engagementDeps(w), w.actor, request.params.id, request.params.engagementId)
          return { ok: true as const }
        }),
    )
  }
