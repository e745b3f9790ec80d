import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { type WebhooksStore, webhooksStore } from '../../db/webhooks.store.ts'
import { inWorkspace } from '../../db/workspace-scope.ts'
import { DomainError } from '../../domain/errors.ts'
import {
  changeWebhook,
  createWebhook,
  redeliverWebhook,
  removeWebhook,
} from '../../domain/webhooks/manage-webhooks.ts'
import { WEBHOOK_EVENTS, type WebhookDeps } from '../../domain/webhooks/webhook-endpoint.ts'
import { authorize } from '../../domain/workspaces/roles.ts'
import { errorResponses, idParam, okSchema } from '../../schemas/common.schemas.ts'
import {
  createdWebhookSchema,
  createWebhookSchema,
  deliveryListQuerySchema,
  deliveryListSchema,
  pingResultSchema,
  webhookListSchema,
  webhookPatchSchema,
  webhookSchema,
} from '../../schemas/webhooks.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requireMember } from '../principal.ts'
import { attemptDelivery } from '../webhooks/deliver.ts'

const tags = ['webhooks']
const deliveryParams = z
  .object({ id: z.string().min(1).max(100), deliveryId: z.string().min(1).max(100) })
  .strict()

/** Outgoing webhooks, for admins: endpoints, their delivery log, a test ping, a redelivery. */
export const webhookRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const withWebhooks = async <T>(
      request: FastifyRequest,
      fn: (x: {
        store: WebhooksStore
        deps: WebhookDeps
        actor: Awaited<ReturnType<typeof requireMember>>['actor']
        workspaceId: string
      }) => Promise<T>,
    ) => {
      const m = await requireMember(deps, request)
      authorize(m.actor, 'webhooks.manage')
      return runInWorkspace(deps, request, m.workspace.id, (w) => {
        const store = webhooksStore(w.trx, m.workspace.id)
        return fn({
          store,
          deps: {
            webhooks: store,
            audit: w.audit,
            clock: deps.clock,
            newSecret: () => deps.mint.newToken('whsec').token,
          },
          actor: m.actor,
          workspaceId: m.workspace.id,
        })
      })
    }

    app.get(
      '/api/webhooks',
      {
        schema: {
          tags,
          summary: 'The webhook endpoints of this workspace, and the events they can subscribe to',
          response: { 200: webhookListSchema, ...errorResponses },
        },
      },
      (request) =>
        withWebhooks(request, async ({ store }) => ({
          webhooks: await store.list(),
          events: [...WEBHOOK_EVENTS],
        })),
    )

    app.post(
      '/api/webhooks',
      {
        schema: {
          tags,
          summary: 'Add an endpoint; its signing secret is in this answer only',
          body: createWebhookSchema,
          response: { 201: createdWebhookSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await withWebhooks(request, (x) => createWebhook(x.deps, x.actor, request.body))
        return reply.status(201).send({ ...created.endpoint, secret: created.secret })
      },
    )

    app.patch(
      '/api/webhooks/:id',
      {
        schema: {
          tags,
          summary: 'Change an endpoint: its URL, its events, on or off',
          params: idParam,
          body: webhookPatchSchema,
          response: { 200: webhookSchema, ...errorResponses },
        },
      },
      (request) =>
        withWebhooks(request, (x) => changeWebhook(x.deps, x.actor, request.params.id, request.body)),
    )

    app.delete(
      '/api/webhooks/:id',
      {
        schema: {
          tags,
          summary: 'Remove an endpoint and its delivery log',
          params: idParam,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      async (request) => {
        await withWebhooks(request, (x) => removeWebhook(x.deps, x.actor, request.params.id))
        return { ok: true as const }
      },
    )

    app.get(
      '/api/webhooks/:id/deliveries',
      {
        schema: {
          tags,
          summary: 'The delivery log of an endpoint: newest first, each attempt with its answer and time',
          params: idParam,
          querystring: deliveryListQuerySchema,
          response: { 200: deliveryListSchema, ...errorResponses },
        },
      },
      (request) =>
        withWebhooks(request, async ({ store }) => {
          if (!(await store.get(request.params.id)))
            throw new DomainError('webhook_not_found', 'No such webhook in this workspace.')
          return { deliveries: await store.deliveries(request.params.id, request.query.limit) }
        }),
    )

    app.post(
      '/api/webhooks/:id/test',
      {
        schema: {
          tags,
          summary: 'Send a signed `ping` to the endpoint now and report its answer (not retried)',
          params: idParam,
          response: { 200: pingResultSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { deliveryId, workspaceId } = await withWebhooks(request, async ({ store, workspaceId }) => {
          if (!(await store.get(request.params.id)))
            throw new DomainError('webhook_not_found', 'No such webhook in this workspace.')
          return { deliveryId: await store.createPing(request.params.id, deps.clock.now()), workspaceId }
        })
        // sent after the ping's row committed, outside any transaction: a slow endpoint holds nothing
        const out = await attemptDelivery(deps, workspaceId, deliveryId, {
          attempt: 1,
          retry: false,
          commit: (effects) => inWorkspace(deps.database.db, workspaceId, effects),
        })
        if (!out.sent)
          return { deliveryId, delivered: false, responseStatus: null, responseMs: 0, error: out.reason }
        return {
          deliveryId,
          delivered: out.delivered,
          responseStatus: out.result.status,
          responseMs: out.result.ms,
          error: out.result.error,
        }
      },
    )

    app.post(
      '/api/webhooks/:id/deliveries/:deliveryId/redeliver',
      {
        schema: {
          tags,
          summary: 'Send a failed (or delivered) delivery again, once, as soon as the job runner gets to it',
          params: deliveryParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      async (request) => {
        await withWebhooks(request, (x) =>
          redeliverWebhook(x.deps, x.actor, request.params.id, request.params.deliveryId),
        )
        return { ok: true as const }
      },
    )
  }
