import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { readValueReport } from '../../domain/customers/read-value-report.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import { valueReportSchema } from '../../schemas/customers.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { workspaceRoute } from '../workspace-route.ts'
import { presentValueReport } from './customers.presenters.ts'

export const valueRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** a read that may be a moment old: the replica's, when there is one (read-your-writes kept) */
    const inWorkspace = workspaceRoute(deps, { reads: 'replica' })
    app.get(
      '/api/value',
      {
        schema: {
          tags: ['customers'],
          summary:
            'The value page: tiers, the Pareto curve, concentration and where to grow (leaders and admins)',
          response: { 200: valueReportSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'value.read', async (w) =>
          presentValueReport(await readValueReport({ value: w.stores.value }, w.actor)),
        ),
    )
  }
