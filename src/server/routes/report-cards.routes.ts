import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { reportCardByHash } from '../../db/accountability.store.ts'
import { auditLog } from '../../db/audit.store.ts'
import { inWorkspace as inWorkspaceScope } from '../../db/workspace-scope.ts'
import { answerReportCard, reportCardQuestions } from '../../domain/accountability/answer-report-card.ts'
import {
  changeAccountabilitySettings,
  readAccountabilitySettings,
} from '../../domain/accountability/change-accountability-settings.ts'
import {
  addBehaviour,
  changeBehaviour,
  listBehaviours,
  reorderBehaviours,
} from '../../domain/accountability/manage-behaviours.ts'
import type { ReportCardDeps } from '../../domain/accountability/ports.ts'
import { readReportCards } from '../../domain/accountability/read-statements.ts'
import { sendReportCard } from '../../domain/accountability/send-report-card.ts'
import { DomainError } from '../../domain/errors.ts'
import {
  accountabilitySettingsPatchSchema,
  accountabilitySettingsSchema,
  behaviourInputSchema,
  behaviourListSchema,
  behaviourOrderSchema,
  behaviourPatchSchema,
  behaviourSchema,
  reportCardAnswerSchema,
  reportCardPreviewSchema,
  reportCardResultsSchema,
  reportCardsQuerySchema,
  sendReportCardSchema,
  sentReportCardSchema,
} from '../../schemas/accountability.schemas.ts'
import { errorResponses, idParam, okSchema } from '../../schemas/common.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { requestContext } from '../principal.ts'
import { workspaceRoute } from '../workspace-route.ts'
import { accountabilityDeps, reportCardDeps, tags } from './accountability.context.ts'

const tokenParams = z.object({ token: z.string().min(10).max(200) }).strict()

/**
 * The customer report card (seed 004): the behaviours it asks about, the settings that weigh it,
 * sending cards, reading results — and the customer's side, a one-time link with no sign-in.
 */
export const reportCardRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/behaviours',
      {
        schema: {
          tags,
          summary: 'The behaviours a report card asks customers to rate, retired ones too',
          response: { 200: behaviourListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, null, async (w) => ({
          behaviours: await listBehaviours(accountabilityDeps(w), w.actor),
        })),
    )
    app.post(
      '/api/behaviours',
      {
        schema: {
          tags,
          summary: 'Add a behaviour at the end of the card (admins)',
          body: behaviourInputSchema,
          response: { 201: behaviourSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await inWorkspace(request, 'behaviours.manage', (w) =>
              addBehaviour(accountabilityDeps(w), w.actor, request.body),
            ),
          ),
    )
    app.patch(
      '/api/behaviours/:id',
      {
        schema: {
          tags,
          summary: 'Reword, retire or bring back a behaviour (admins); cards already sent keep their wording',
          params: idParam,
          body: behaviourPatchSchema,
          response: { 200: behaviourSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'behaviours.manage', (w) =>
          changeBehaviour(accountabilityDeps(w), w.actor, request.params.id, request.body),
        ),
    )
    app.put(
      '/api/behaviours/order',
      {
        schema: {
          tags,
          summary: 'The order the card asks in: every active behaviour once (admins)',
          body: behaviourOrderSchema,
          response: { 200: behaviourListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'behaviours.manage', async (w) => ({
          behaviours: await reorderBehaviours(accountabilityDeps(w), w.actor, request.body.ids),
        })),
    )

    app.get(
      '/api/accountability/settings',
      {
        schema: {
          tags,
          summary:
            'How effectiveness is weighed, the minimum weight on secret gathering, answers before a score shows',
          response: { 200: accountabilitySettingsSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, null, (w) => readAccountabilitySettings(accountabilityDeps(w), w.actor)),
    )
    app.patch(
      '/api/accountability/settings',
      {
        schema: {
          tags,
          summary: 'Change them (admins); the minimum weight on secret gathering is never below 25 %',
          body: accountabilitySettingsPatchSchema,
          response: { 200: accountabilitySettingsSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'accountability.settings', (w) =>
          changeAccountabilitySettings(
            accountabilityDeps(w),
            { ...w.actor, workspaceId: w.workspaceId },
            request.body,
          ),
        ),
    )

    app.post(
      '/api/report-cards',
      {
        schema: {
          tags,
          summary:
            'Send a report card about a salesperson to a customer’s person: a one-time link, emailed or copied',
          body: sendReportCardSchema,
          response: { 201: sentReportCardSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const sent = await inWorkspace(request, 'report_cards.send', (w) =>
          sendReportCard(
            reportCardDeps(deps, w.trx, w.workspaceId, w.audit),
            { ...w.actor, name: w.member.user.name || undefined },
            request.body,
          ),
        )
        return reply.status(201).send(sent)
      },
    )
    app.get(
      '/api/report-cards',
      {
        schema: {
          tags,
          summary:
            'Report-card results: per salesperson, per behaviour and overall, the trend and the cards (sales: their own)',
          querystring: reportCardsQuerySchema,
          response: { 200: reportCardResultsSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'accountability.read_own', (w) =>
          readReportCards(accountabilityDeps(w), w.actor, request.query),
        ),
    )

    /** the link's card and, in its workspace's transaction, the ports of the report-card use-cases */
    const viaLink = async <T>(
      request: FastifyRequest,
      token: string,
      fn: (d: ReportCardDeps, cardId: string) => Promise<T>,
    ) => {
      const found = await reportCardByHash(deps.database.db, deps.mint.hash(token))
      if (!found) {
        throw new DomainError(
          'report_card_invalid',
          'This link is not valid. Please use the link exactly as it was sent to you.',
        )
      }
      return inWorkspaceScope(deps.database.db, found.workspaceId, (trx) =>
        fn(
          reportCardDeps(
            deps,
            trx,
            found.workspaceId,
            auditLog(trx, found.workspaceId, requestContext(request)),
          ),
          found.id,
        ),
      )
    }

    app.get(
      '/api/report-cards/:token',
      {
        schema: {
          tags,
          summary: 'What a report-card link asks (no sign-in)',
          params: tokenParams,
          response: { 200: reportCardPreviewSchema, 410: errorResponses[404], ...errorResponses },
        },
      },
      (request) => viaLink(request, request.params.token, (d, id) => reportCardQuestions(d, id)),
    )
    app.post(
      '/api/report-cards/:token',
      {
        schema: {
          tags,
          summary: 'The customer rates each behaviour 1–5 or "can’t say", and may comment (no sign-in, once)',
          params: tokenParams,
          body: reportCardAnswerSchema,
          response: { 200: okSchema, 410: errorResponses[404], ...errorResponses },
        },
      },
      async (request) => {
        await viaLink(request, request.params.token, (d, id) => answerReportCard(d, id, request.body))
        return { ok: true as const }
      },
    )
  }
