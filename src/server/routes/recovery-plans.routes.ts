import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  addRecoveryPlan,
  changeRecoveryPlan,
  removeRecoveryPlan,
} from '../../domain/recovery/manage-recovery-plans.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import {
  planInputSchema,
  planListSchema,
  planPatchSchema,
  planSchema,
} from '../../schemas/recovery.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { workspaceRoute } from '../workspace-route.ts'
import { idParams, recoveryDeps, tags } from './recovery.context.ts'

/** Recovery plans per value tier or segment; leaders and admins change them. */
export const recoveryPlanRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/recovery-plans',
      {
        schema: {
          tags,
          summary:
            'Recovery plans per value tier or segment: window, cadence, investment cap, allowed actions, approver',
          response: { 200: planListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.read', async (w) => ({ plans: await w.stores.recovery.plans() })),
    )

    app.post(
      '/api/recovery-plans',
      {
        schema: {
          tags,
          summary: 'Add a recovery plan (leaders, admins)',
          body: planInputSchema,
          response: { 201: planSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const plan = await inWorkspace(request, 'recovery.manage_plans', (w) =>
          addRecoveryPlan(recoveryDeps(w), w.actor, request.body),
        )
        return reply.status(201).send(plan)
      },
    )

    app.patch(
      '/api/recovery-plans/:id',
      {
        schema: {
          tags,
          summary: 'Change a recovery plan (leaders, admins); open OOPS! keep the terms they started with',
          params: idParams,
          body: planPatchSchema,
          response: { 200: planSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.manage_plans', (w) =>
          changeRecoveryPlan(recoveryDeps(w), w.actor, request.params.id, request.body),
        ),
    )

    app.delete(
      '/api/recovery-plans/:id',
      {
        schema: {
          tags,
          summary: 'Remove a recovery plan (leaders, admins)',
          params: idParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.manage_plans', async (w) => {
          await removeRecoveryPlan(recoveryDeps(w), w.actor, request.params.id)
          return { ok: true as const }
        }),
    )
  }
