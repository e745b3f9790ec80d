import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  adjustStatement,
  changeBonusPlan,
  closeBonusPeriod,
  createBonusPlan,
  removeBonusPlan,
} from '../../domain/accountability/manage-bonus-plans.ts'
import {
  exportStatementsCsv,
  listBonusPlans,
  readMyAccountability,
  readPlanStatements,
  readStatement,
} from '../../domain/accountability/read-statements.ts'
import {
  adjustmentInputSchema,
  adjustmentSchema,
  bonusPlanInputSchema,
  bonusPlanListSchema,
  bonusPlanSchema,
  closedPlanSchema,
  myAccountabilitySchema,
  planStatementsSchema,
  planUserParams,
  statementViewSchema,
} from '../../schemas/accountability.schemas.ts'
import { errorResponses, idParam, okSchema } from '../../schemas/common.schemas.ts'
import { statementPdf } from '../accountability/statement-pdf.ts'
import type { ServerDeps } from '../deps.ts'
import { workspaceRoute } from '../workspace-route.ts'
import { accountabilityDeps, presentPlan, presentSummary, tags } from './accountability.context.ts'
import { sendFile } from './file-reply.ts'

/** Bonus plans (≥ 25 % on secret gathering), their statements, closing a period, adjustments, exports. */
export const bonusRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/bonus-plans',
      {
        schema: {
          tags,
          summary: 'Bonus plans: all for leaders and admins, the ones you are on for everyone else',
          response: { 200: bonusPlanListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'accountability.read_own', async (w) => ({
          plans: (await listBonusPlans(accountabilityDeps(w), w.actor)).map(presentPlan),
        })),
    )
    app.post(
      '/api/bonus-plans',
      {
        schema: {
          tags,
          summary:
            'Create a plan for a period (leaders): weighted components with payout tables and the people on it. Refused (422 bonus_plan_secret_weight) when secret gathering weighs less than the minimum (25 %)',
          body: bonusPlanInputSchema,
          response: { 201: bonusPlanSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const plan = await inWorkspace(request, 'bonus.manage', (w) =>
          createBonusPlan(accountabilityDeps(w), w.actor, request.body),
        )
        return reply.status(201).send(presentPlan(plan))
      },
    )
    app.get(
      '/api/bonus-plans/:id',
      {
        schema: {
          tags,
          summary: 'A plan with every person’s statement side by side (leaders); audited',
          params: idParam,
          response: { 200: planStatementsSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'accountability.read_team', async (w) => {
          const { plan, views } = await readPlanStatements(accountabilityDeps(w), w.actor, request.params.id)
          return { plan: presentPlan(plan), views: views.map(presentSummary) }
        }),
    )
    app.put(
      '/api/bonus-plans/:id',
      {
        schema: {
          tags,
          summary: 'Change an open plan whole (leaders); same checks as a new one',
          params: idParam,
          body: bonusPlanInputSchema,
          response: { 200: bonusPlanSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'bonus.manage', async (w) =>
          presentPlan(await changeBonusPlan(accountabilityDeps(w), w.actor, request.params.id, request.body)),
        ),
    )
    app.delete(
      '/api/bonus-plans/:id',
      {
        schema: {
          tags,
          summary: 'Remove an open plan (leaders)',
          params: idParam,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'bonus.manage', async (w) => {
          await removeBonusPlan(accountabilityDeps(w), w.actor, request.params.id)
          return { ok: true as const }
        }),
    )
    app.post(
      '/api/bonus-plans/:id/close',
      {
        schema: {
          tags,
          summary: 'Close the period (leaders): statements are frozen; a correction is an adjustment',
          params: idParam,
          response: { 200: closedPlanSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'bonus.manage', (w) =>
          closeBonusPeriod(accountabilityDeps(w), w.actor, request.params.id),
        ),
    )
    app.get(
      '/api/bonus-plans/:id/statements.csv',
      {
        schema: {
          tags,
          summary: 'Every statement of the plan as CSV for payroll (leaders); audited',
          params: idParam,
        },
      },
      async (request, reply) => {
        const { filename, csv } = await inWorkspace(request, 'accountability.read_team', (w) =>
          exportStatementsCsv(accountabilityDeps(w), w.actor, request.params.id),
        )
        return sendFile(reply, { name: filename, type: 'text/csv; charset=utf-8', body: csv })
      },
    )
    app.get(
      '/api/bonus-plans/:id/statements/:userId',
      {
        schema: {
          tags,
          summary:
            'One person’s statement with the figures behind it (their own, or leaders); accruing until the period closes, then frozen; audited',
          params: planUserParams,
          response: { 200: statementViewSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'accountability.read_own', (w) =>
          readStatement(accountabilityDeps(w), w.actor, request.params.id, request.params.userId),
        ),
    )
    app.get(
      '/api/bonus-plans/:id/statements/:userId.pdf',
      {
        schema: {
          tags,
          summary: 'The same statement as a PDF, for payroll and for the person; audited',
          params: planUserParams,
        },
      },
      async (request, reply) => {
        const { view, workspaceName } = await inWorkspace(request, 'accountability.read_own', async (w) => ({
          view: await readStatement(accountabilityDeps(w), w.actor, request.params.id, request.params.userId),
          workspaceName: w.member.workspace.name,
        }))
        const body = await statementPdf(view, workspaceName)
        return sendFile(reply, { name: `bonus-${view.plan.period.start}.pdf`, type: 'application/pdf', body })
      },
    )
    app.post(
      '/api/bonus-plans/:id/statements/:userId/adjustments',
      {
        schema: {
          tags,
          summary:
            'A correction to a frozen statement: an amount and its reason (leaders); audited, the statement itself never moves',
          params: planUserParams,
          body: adjustmentInputSchema,
          response: {
            201: adjustmentSchema.pick({ id: true, amount: true, reason: true }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await inWorkspace(request, 'bonus.manage', (w) =>
            adjustStatement(accountabilityDeps(w), w.actor, {
              planId: request.params.id,
              userId: request.params.userId,
              ...request.body,
            }),
          ),
        ),
    )
    app.get(
      '/api/me/accountability',
      {
        schema: {
          tags,
          summary: 'Your report card, your secret-gathering figures this period and your bonus so far',
          response: { 200: myAccountabilitySchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'accountability.read_own', (w) =>
          readMyAccountability(accountabilityDeps(w), w.actor),
        ),
    )
  }
