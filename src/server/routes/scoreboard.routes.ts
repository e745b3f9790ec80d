import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { readScoreboard } from '../../domain/recovery/read-scoreboard.ts'
import { errorResponses, timestamp } from '../../schemas/common.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { workspaceRoute } from '../workspace-route.ts'

const line = z.object({
  key: z.string().nullable(),
  label: z.string(),
  oops: z.number().int(),
  decided: z
    .number()
    .int()
    .meta({ description: 'OOPS! whose outcome is known: both done, or the window is over' }),
  dazzling: z.number().int(),
  dazzlingShare: z.number().nullable(),
  medianHoursToFix: z.number().nullable(),
  medianHoursToSurprise: z.number().nullable(),
  answers: z.number().int(),
  wowRate: z.number().nullable().meta({ description: 'share of answers "you blew me away"' }),
  npsBefore: z.number().nullable(),
  npsAfter: z.number().nullable(),
})
export const scoreboardSchema = z
  .object({ from: timestamp, to: timestamp, overall: line, byOwner: z.array(line), byTier: z.array(line) })
  .meta({ id: 'Scoreboard' })

export const scoreboardRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
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
