import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import {
  actOnMoment,
  dismissMoment,
  findMoments,
  type MomentView,
  momentScoreboard,
  readCustomerMoments,
  readMoments,
} from '../../domain/moments/manage-moments.ts'
import { errorResponses, idParam } from '../../schemas/common.schemas.ts'
import {
  customerMomentsSchema,
  momentActSchema,
  momentListQuerySchema,
  momentListSchema,
  momentSchema,
  momentScoreboardSchema,
  momentsFoundSchema,
} from '../../schemas/moments.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { surpriseCatalogueCache } from '../surprise-catalogue-cache.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'
import { momentsDeps } from './moments.context.ts'

const tags = ['moments']

/** A moment as the API gives it: the secret text only to who may read secrets. */
export const presentMoment = (m: MomentView): z.infer<typeof momentSchema> => ({
  id: m.id,
  kind: m.kind,
  onDate: m.onDate,
  title: m.title,
  customer: { id: m.customerId, name: m.customerName, tier: m.customerTier, currency: m.currency },
  owner: { id: m.ownerUserId, name: m.ownerName },
  dueAt: m.dueAt,
  remindAt: m.remindAt,
  remindedAt: m.remindedAt,
  status: m.status,
  state: m.state,
  note: m.note,
  closedAt: m.closedAt,
  closedBy: m.closedByName,
  secretText: m.secretText,
  secretHidden: m.secretHidden,
  suggestion: m.suggestion && {
    budget: m.suggestion.budget,
    planName: m.suggestion.planName,
    secretsConsidered: m.suggestion.secretsConsidered,
    act: m.suggestion.act && {
      itemId: m.suggestion.act.itemId,
      title: m.suggestion.act.title,
      cost: m.suggestion.act.cost,
      kind: m.suggestion.act.kind,
      reason: m.suggestion.act.reason,
      fit: m.suggestion.act.fit,
    },
  },
})

/** Proactive WOW moments (issue 13, part 5): found daily and on demand, listed per person, acted on once. */
export const momentRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    const catalogueFor = surpriseCatalogueCache()
    const ports = (w: WorkspaceContext) =>
      momentsDeps(w.trx, w.workspaceId, {
        clock: w.clock,
        audit: w.audit,
        concepts: w.concepts,
        catalogue: catalogueFor(w.workspaceId),
      })

    app.get(
      '/api/moments',
      {
        schema: {
          tags,
          summary:
            'My moments (owner=me), soonest first, with who acts, by when and a suggested act; leaders and admins may ask for the team or a colleague',
          querystring: momentListQuerySchema,
          response: { 200: momentListSchema, ...errorResponses },
        },
      },
      async (request) => {
        const r = await inWorkspace(request, 'customers.read', (w) =>
          readMoments(ports(w), w.actor, request.query),
        )
        return { moments: r.moments.map(presentMoment), counts: r.counts }
      },
    )

    app.get(
      '/api/moments/scoreboard',
      {
        schema: {
          tags,
          summary:
            'Moments due, acted on in time and missed over the last 90 days (no names, no secrets), for the scoreboard',
          response: { 200: momentScoreboardSchema, ...errorResponses },
        },
      },
      (request) => inWorkspace(request, 'recovery.read', (w) => momentScoreboard(ports(w), w.actor)),
    )

    app.post(
      '/api/moments/refresh',
      {
        schema: {
          tags,
          summary:
            'Look for moments now (the daily job does it too): new ones are stored once each with their one reminder; open ones get their act worked out again',
          response: { 200: momentsFoundSchema, ...errorResponses },
        },
      },
      (request) => inWorkspace(request, 'customers.write', (w) => findMoments(ports(w), w.actor)),
    )

    for (const [path, act, summary] of [
      [
        '/api/moments/:id/act',
        actOnMoment,
        'Record what was done for a moment, with a note (its owner, a leader or an admin; once)',
      ],
      [
        '/api/moments/:id/dismiss',
        dismissMoment,
        'Let a moment go, with a note why (its owner, a leader or an admin; once)',
      ],
    ] as const) {
      app.post(
        path,
        {
          schema: {
            tags,
            summary,
            params: idParam,
            body: momentActSchema,
            response: { 200: momentSchema, ...errorResponses },
          },
        },
        async (request) =>
          presentMoment(
            await inWorkspace(request, 'customers.write', (w) =>
              act(ports(w), w.actor, request.params.id, request.body.note ?? null),
            ),
          ),
      )
    }

    app.get(
      '/api/customers/:id/moments',
      {
        schema: {
          tags,
          summary: 'The moments of one customer, soonest first (open and closed, the last 90 days on)',
          params: idParam,
          response: { 200: customerMomentsSchema, ...errorResponses },
        },
      },
      async (request) => ({
        moments: (
          await inWorkspace(request, 'customers.read', (w) =>
            readCustomerMoments(ports(w), w.actor, request.params.id),
          )
        ).map(presentMoment),
      }),
    )
  }
