import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  changePerformancePlan,
  closePerformancePlan,
  readPerformancePlan,
  readPerformancePlans,
  setPerformancePlan,
} from '../../domain/accountability/manage-performance-plans.ts'
import { errorResponses, idParam } from '../../schemas/common.schemas.ts'
import {
  performancePlanInputSchema,
  performancePlanListSchema,
  performancePlanPatchSchema,
  performancePlanSchema,
} from '../../schemas/performance-plans.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'

const tags = ['performance plans']

export const planDeps = (w: Pick<WorkspaceContext, 'stores' | 'audit' | 'clock'>) => ({
  plans: w.stores.performancePlans,
  audit: w.audit,
  clock: w.clock,
})

/** Leaders' performance plans (issue 12, part 4): recovery expectations measured against the record. */
export const performancePlanRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/performance-plans',
      {
        schema: {
          tags,
          summary:
            'My performance plans (current and past) with the team’s actuals, the plans of the leaders below me (all, for an admin), and whom I may set one for',
          response: { 200: performancePlanListSchema, ...errorResponses },
        },
      },
      (request) => inWorkspace(request, 'plans.read', (w) => readPerformancePlans(planDeps(w), w.actor)),
    )

    app.post(
      '/api/performance-plans',
      {
        schema: {
          tags,
          summary:
            'Set a leader’s plan for a month or quarter (their own leader or an admin): expectations in 0–100 %, hours ≥ 0, now or ahead, one per period',
          body: performancePlanInputSchema,
          response: { 201: performancePlanSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const plan = await inWorkspace(request, 'plans.set', (w) =>
          setPerformancePlan(planDeps(w), w.actor, request.body),
        )
        return reply.status(201).send(plan)
      },
    )

    app.get(
      '/api/performance-plans/:id',
      {
        schema: {
          tags,
          summary: 'One plan with its actuals, each expectation’s state and its history',
          params: idParam,
          response: { 200: performancePlanSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'plans.read', (w) =>
          readPerformancePlan(planDeps(w), w.actor, request.params.id),
        ),
    )

    app.patch(
      '/api/performance-plans/:id',
      {
        schema: {
          tags,
          summary:
            'Change an open plan’s expectations (the leader’s own leader or an admin); kept in its history',
          params: idParam,
          body: performancePlanPatchSchema,
          response: { 200: performancePlanSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'plans.set', (w) =>
          changePerformancePlan(planDeps(w), w.actor, request.params.id, request.body),
        ),
    )

    app.post(
      '/api/performance-plans/:id/close',
      {
        schema: {
          tags,
          summary:
            'Close a plan by hand (whoever set it, or an admin): its actuals are frozen as they are now',
          params: idParam,
          response: { 200: performancePlanSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'plans.set', (w) =>
          closePerformancePlan(planDeps(w), w.actor, request.params.id),
        ),
    )
  }
