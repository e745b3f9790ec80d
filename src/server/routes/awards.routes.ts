import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { awardsStore } from '../../db/awards.store.ts'
import { AWARD_LABELS, periodLabel, periodOf } from '../../domain/awards/award.ts'
import { decideAward } from '../../domain/awards/decide-award.ts'
import { nominateSecret } from '../../domain/awards/nominate-secret.ts'
import type { Award, AwardsDeps } from '../../domain/awards/ports.ts'
import {
  type CandidateView,
  listAwards,
  readCandidates,
  secretTextFor,
} from '../../domain/awards/read-awards.ts'
import type { Actor } from '../../domain/workspaces/roles.ts'
import {
  awardListSchema,
  type awardSchema,
  awardsQuerySchema,
  type candidateSchema,
  candidatesQuerySchema,
  candidatesSchema,
  decideAwardInputSchema,
  nominationInputSchema,
  nominationSchema,
} from '../../schemas/awards.schemas.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'

const tags = ['awards']

const awardsDeps = (w: WorkspaceContext): AwardsDeps => ({
  awards: awardsStore(w.trx, w.workspaceId, () => w.clock.now()),
  audit: w.audit,
  clock: w.clock,
})

/** An award on the wire: the secret's words only for a role that may read them (decided in the domain). */
export const presentAward = (
  a: Award & { secretText?: string | null },
  actor: Actor,
): z.infer<typeof awardSchema> => ({
  id: a.id,
  kind: a.kind,
  kindLabel: AWARD_LABELS[a.kind],
  period: a.period,
  periodLabel: periodLabel(a.period),
  winner: a.winner,
  secret: a.secret
    ? {
        id: a.secret.id,
        text: a.secretText !== undefined ? a.secretText : secretTextFor(actor, a.secret),
        customerId: a.secret.customerId,
        customerName: a.secret.customerName,
      }
    : null,
  customer: a.customer,
  reason: a.reason,
  figures: a.figures,
  decidedBy: a.decidedBy,
  decidedAt: a.decidedAt,
})

const presentCandidate = (c: CandidateView): z.infer<typeof candidateSchema> => ({
  rank: c.rank,
  winner: c.winner,
  secret:
    c.secretId && c.customerId && c.customerName
      ? { id: c.secretId, text: c.secretText, customerId: c.customerId, customerName: c.customerName }
      : null,
  customer: c.customerId && c.customerName ? { id: c.customerId, name: c.customerName } : null,
  figures: c.figures,
  summary: c.summary,
  nominations: [...c.nominations],
})

/**
 * Awards (issue 12, part 3): nominations of a secret for secret agent of the month, the computed
 * candidates of each award with their figures, a leader's decision, and the history.
 */
export const awardRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/awards',
      {
        schema: {
          tags,
          summary:
            'The history of awards, newest first (one person’s with ?userId=); secret text only for roles that may read secrets',
          querystring: awardsQuerySchema,
          response: { 200: awardListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'awards.read', async (w) => {
          const awards = await listAwards(awardsDeps(w), w.actor, {
            winnerUserId: request.query.userId,
            kind: request.query.kind,
          })
          const now = w.clock.now()
          return {
            awards: awards.map((a) => presentAward(a, w.actor)),
            current: { month: periodOf('secret_agent', now), year: periodOf('secrets_manual', now) },
          }
        }),
    )
    app.get(
      '/api/awards/candidates',
      {
        schema: {
          tags,
          summary:
            'The candidates of one award and period, ranked, with the figures behind each: the month’s nominated secrets (secret_agent), manuals by coverage, freshness, colleagues who read them and secrets used in recoveries (secrets_manual), dazzling recoveries and WOW (recovery_hero), recoveries taken on — hand-overs included — and finished (recovery_addict)',
          querystring: candidatesQuerySchema,
          response: { 200: candidatesSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'awards.read', async (w) => {
          const { kind, period } = request.query
          const r = await readCandidates(awardsDeps(w), w.actor, kind, period)
          return {
            kind,
            kindLabel: AWARD_LABELS[kind],
            period,
            periodLabel: periodLabel(period),
            decided: r.decided ? presentAward(r.decided, w.actor) : null,
            candidates: r.candidates.map(presentCandidate),
          }
        }),
    )
    app.post(
      '/api/awards/nominations',
      {
        schema: {
          tags,
          summary:
            'Nominate a colleague’s secret for this month’s secret agent, with why it is cool: one per member per secret per month, not your own (422 nomination_own_secret), not a sensitive one; audited without the text',
          body: nominationInputSchema,
          response: { 201: nominationSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await inWorkspace(request, 'awards.nominate', (w) =>
              nominateSecret(awardsDeps(w), w.actor, request.body),
            ),
          ),
    )
    app.post(
      '/api/awards',
      {
        schema: {
          tags,
          summary:
            'Decide an award for a period from its candidates (leaders): one winner per kind and period (409 award_taken), a member of this workspace; the winner is told on the bell; audited',
          body: decideAwardInputSchema,
          response: { 201: candidatesSchema.shape.decided.unwrap(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const award = await inWorkspace(request, 'awards.decide', async (w) =>
          presentAward(await decideAward(awardsDeps(w), w.actor, request.body), w.actor),
        )
        return reply.status(201).send(award)
      },
    )
  }
