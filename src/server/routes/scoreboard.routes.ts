import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { scoreboard } from '../../db/scoreboard.store.ts'
import { DomainError } from '../../domain/errors.ts'
import { authorize } from '../../domain/workspaces/roles.ts'
import { errorResponses, timestamp } from '../../schemas/common.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requireMember } from '../principal.ts'

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

const DAY = 86_400_000

export const scoreboardRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
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
      async (request) => {
        const m = await requireMember(deps, request)
        authorize(m.actor, 'recovery.read')
        const now = deps.clock.now()
        const to = request.query.to ?? now
        const from = request.query.from ?? new Date(to.getTime() - 90 * DAY)
        if (from >= to)
          throw new DomainError('invalid_input', 'The period must start before it ends.', { field: 'from' })
        if (to.getTime() - from.getTime() > 3660 * DAY) {
          throw new DomainError('invalid_input', 'Choose a period of at most ten years.', { field: 'from' })
        }
        const board = await runInWorkspace(deps, request, m.workspace.id, ({ trx }) =>
          scoreboard(trx, m.workspace.id, from, to, now),
        )
        return { from, to, ...board }
      },
    )
  }
