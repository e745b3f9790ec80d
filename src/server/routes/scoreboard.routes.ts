import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { readScoreboard } from '../../domain/recovery/read-scoreboard.ts'
import { errorResponses, timestamp } from '../../schemas/common.schemas.ts'
import { scoreboardSchema } from '../../schemas/scoreboard.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { workspaceRoute } from '../workspace-route.ts'

export const scoreboardRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** a read that may be a moment old: the replica's, when there is one (read-your-writes kept) */
    const inWorkspace = workspaceRoute(deps, { reads: 'replica' })
    app.get(
      '/api/scoreboard',
      {
        schema: {
          tags: ['recovery'],
          summary:
            'Recovery scoreboard over a period (by let-down time): dazzling share, time to fix and surprise, WOW rate, loyalty before vs after — overall, per owner, per tier',
          querystring: z
            .object({
              from: timestamp.optional().meta({ description: 'default: 90 days ago' }),
              to: timestamp.optional().meta({ description: 'default: now' }),
            })
            .strict(),
          response: { 200: scoreboardSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.read', (w) =>
          readScoreboard({ scoreboard: w.stores.scoreboard, clock: w.clock }, w.actor, request.query),
        ),
    )
  }
