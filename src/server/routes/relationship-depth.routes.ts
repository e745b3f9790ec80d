import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { relationshipDepthStore } from '../../db/relationship-depth.store.ts'
import type { DepthDeps } from '../../domain/accountability/depth-ports.ts'
import { markClue } from '../../domain/accountability/mark-clue.ts'
import { readCustomerDepth, readDepthOverview } from '../../domain/accountability/read-relationship-depth.ts'
import { errorResponses, idParam } from '../../schemas/common.schemas.ts'
import {
  customerDepthSchema,
  depthOverviewSchema,
  markClueSchema,
} from '../../schemas/relationship-depth.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'

const tags = ['accountability']

const depthDeps = (w: WorkspaceContext): DepthDeps => ({
  depth: relationshipDepthStore(w.trx, w.workspaceId),
  audit: w.audit,
  clock: w.clock,
})

/**
 * Relationship depth (seed 000): the four clues of each key account, its depth 0–4 and trend, and
 * the leader's view across tier A.
 */
export const relationshipDepthRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/customers/:id/depth',
      {
        schema: {
          tags,
          summary: 'A customer’s four clues, depth 0–4, its trend over 90 days, the next clue and every mark',
          params: idParam,
          response: { 200: customerDepthSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'customers.read', (w) =>
          readCustomerDepth(depthDeps(w), w.actor, request.params.id),
        ),
    )
    app.post(
      '/api/customers/:id/depth',
      {
        schema: {
          tags,
          summary:
            'Mark one clue of a key account (tier A) yes or no from a day, with its evidence (the owner, a leader or an admin); a new mark, the history kept',
          params: idParam,
          body: markClueSchema,
          response: { 201: customerDepthSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await inWorkspace(request, 'customers.read', (w) =>
              markClue(depthDeps(w), w.actor, request.params.id, request.body),
            ),
          ),
    )
    app.get(
      '/api/depth',
      {
        schema: {
          tags,
          summary:
            'The leader’s view across key accounts (tier A): how many at each depth, who is climbing and who is slipping against 90 days ago, and the next clue for each',
          response: { 200: depthOverviewSchema, ...errorResponses },
        },
      },
      (request) => inWorkspace(request, 'depth.read_team', (w) => readDepthOverview(depthDeps(w), w.actor)),
    )
  }
