import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { inWorkspace as inWorkspaceScope } from '../../db/workspace-scope.ts'
import {
  changeWebhook,
  createWebhook,
  pingWebhook,
  readDeliveries,
  redeliverWebhook,
  removeWebhook,
} from '../../domain/webhooks/manage-webhooks.ts'
import { WEBHOOK_EVENTS } from '../../domain/webhooks/webhook-endpoint.ts'
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
import { attemptDelivery } from '../webhooks/deliver.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'

const tags = ['webhooks']
const deliveryParams = z
  .object({ id: z.string().min(1).max(100), deliveryId: z.string().min(1).max(100) })
  .strict()

/** Outgoing webhooks, for admins: endpoints, their delivery log, a test ping, a redelivery. */
export const webhookRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    const webhookDeps = (w: WorkspaceContext) => ({
      webhooks: w.stores.webhooks,
      audit: w.audit,
      clock: w.clock,
      newSecret: () => w.mint.newToken('whsec').token,
    })
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
        inWorkspace(request, 'webhooks.manage', async (w) => ({
          webhooks: await w.stores.webhooks.list(),
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
        const created = await inWorkspace(request, 'webhooks.manage', (w) =>
          createWebhook(webhookDeps(w), w.actor, request.body),
        )
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
        inWorkspace(request, 'webhooks.manage', (w) =>
          changeWebhook(webhookDeps(w), w.actor, request.params.id, request.body),
        ),
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
        await inWorkspace(request, 'webhooks.manage', (w) =>
          removeWebhook(webhookDeps(w), w.actor, request.params.id),
        )
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
        inWorkspace(request, 'webhooks.manage', async (w) => ({
          deliveries: await readDeliveries(webhookDeps(w), w.actor, request.params.id, request.query.limit),
        })),
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
        const { deliveryId, workspaceId } = await inWorkspace(request, 'webhooks.manage', async (w) => ({
          deliveryId: await pingWebhook(webhookDeps(w), w.actor, request.params.id),
          workspaceId: w.workspaceId,
        }))
        // sent after the ping's row committed, outside any transaction: a slow endpoint holds nothing
        const out = await attemptDelivery(deps, workspaceId, deliveryId, {
          attempt: 1,
          retry: false,
          commit: (effects) => inWorkspaceScope(deps.database.db, workspaceId, effects),
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
        await inWorkspace(request, 'webhooks.manage', (w) =>
          redeliverWebhook(webhookDeps(w), w.actor, request.params.id, request.params.deliveryId),
        )
        return { ok: true as const }
      },
    )
  }
