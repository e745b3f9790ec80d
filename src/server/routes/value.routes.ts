import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { customersStore } from '../../db/customers.store.ts'
import {
  buildValueReport,
  GROW_HERE_BELOW,
  GROW_HERE_SQL_LIMIT,
  readValueSnapshot,
} from '../../db/value.store.ts'
import { authorize } from '../../domain/workspaces/roles.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import { valueReportSchema } from '../../schemas/customers.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requireMember } from '../principal.ts'

export const valueRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
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
      async (request) => {
        const p = await requireMember(deps, request)
        authorize(p.actor, 'value.read')
        return runInWorkspace(deps, request, p.workspace.id, async ({ trx }) => {
          // the figures recomputed after the last import or change; computed now if there are none yet
          const snap = await readValueSnapshot(trx, p.workspace.id)
          const report = snap?.report ?? (await buildValueReport(trx, p.workspace.id))
          const growHere = await customersStore(trx, p.workspace.id).growHere(
            GROW_HERE_BELOW,
            GROW_HERE_SQL_LIMIT,
          )
          return { ...report, growHere, computedAt: snap?.computedAt ?? null }
        })
      },
    )
  }
