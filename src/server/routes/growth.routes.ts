import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import type { OtherGroup } from '../../domain/growth/latent-potential.ts'
import {
  answerWhoToServe,
  goalFigures,
  readConcentration,
  readGrowthGoal,
  readGrowthGroups,
} from '../../domain/growth/read-growth.ts'
import { setGrowthGoal } from '../../domain/growth/set-growth-goal.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import {
  answerQuery,
  concentrationSchema,
  goalInputSchema,
  goalSchema,
  goalViewSchema,
  groupListSchema,
  growthAnswerSchema,
} from '../../schemas/growth.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'

const tags = ['growth']
/** the other groups the answer lists (the chart and the page show the first few) */
const OTHERS_SHOWN = 12

const growthDeps = (w: WorkspaceContext) => ({ growth: w.stores.growth, audit: w.audit, clock: w.clock })

type GoalView = z.infer<typeof goalSchema>
const presentGoal = (g: ReturnType<typeof goalFigures>): GoalView => ({
  id: g.id,
  kind: g.kind,
  percent: g.percent,
  amount: g.amount,
  months: g.months,
  baselineKind: g.baselineKind,
  baseline: g.baseline,
  targetRevenue: g.targetRevenue,
  needed: g.needed,
  currency: g.currency,
  setAt: g.setAt,
  deadline: g.deadline,
  setByName: g.setByName,
  replacedAt: g.replacedAt,
})
const presentGroup = ({ key, dimension, value, label }: Omit<OtherGroup, 'beyond'>) => ({
  key,
  dimension,
  value,
  label,
})
const presentOther = (g: OtherGroup) => ({ ...presentGroup(g), potential: g.beyond })

/** HOW BIG, then WHO TO SERVE (seed 001): the growth goal and whether a customer group can deliver it. */
export const growthRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/growth/goal',
      {
        schema: {
          tags,
          summary:
            'The growth goal (leaders and admins): the active one with the revenue it needs, the ones it replaced, and the last 12 months’ revenue',
          response: { 200: goalViewSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'growth.read', async (w) => {
          const v = await readGrowthGoal(growthDeps(w), w.actor)
          return {
            goal: v.goal ? presentGoal(v.goal) : null,
            history: v.history.map(presentGoal),
            trailing12m: v.trailing12m,
            currency: v.currency,
          }
        }),
    )
    app.put(
      '/api/growth/goal',
      {
        schema: {
          tags,
          summary:
            'Set the growth goal (leaders and admins): +x % (−50 % to +500 %) or an amount of yearly revenue, in 1 to 60 months, from the last 12 months’ revenue or a baseline given. It replaces the active goal, which is kept in the history; audited',
          body: goalInputSchema,
          response: { 200: goalSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'growth.manage', async (w) =>
          presentGoal(
            goalFigures(
              await setGrowthGoal(growthDeps(w), { ...w.actor, workspaceId: w.workspaceId }, request.body),
            ),
          ),
        ),
    )
    app.get(
      '/api/growth/groups',
      {
        schema: {
          tags,
          summary:
            'The customer groups to choose from: every segment, tier, country and owner with customers',
          response: { 200: groupListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'growth.read', async (w) => ({
          groups: (await readGrowthGroups(growthDeps(w), w.actor)).map((g) => ({
            ...presentGroup(g),
            customers: g.customers,
          })),
        })),
    )
    app.get(
      '/api/growth/answer',
      {
        schema: {
          tags,
          summary:
            'Can this group deliver the goal? Its latent potential (wallet headroom, else peer headroom, minus what is at risk) against the revenue needed, the gap, and the other groups that could close it. 404 without a goal, 422 for a group with no customers',
          querystring: answerQuery,
          response: { 200: growthAnswerSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'growth.read', async (w) => {
          const { goal, answer, verdict } = await answerWhoToServe(
            growthDeps(w),
            w.actor,
            request.query.group,
          )
          return {
            goal: presentGoal(goal),
            group: presentGroup(answer.group),
            potential: answer.potential,
            needed: answer.needed,
            canDeliver: answer.canDeliver,
            margin: answer.margin,
            verdict,
            closers: answer.closers.map(presentOther),
            closersClose: answer.closersClose,
            withClosers: answer.withClosers,
            others: answer.others.slice(0, OTHERS_SHOWN).map(presentOther),
          }
        }),
    )
    app.get(
      '/api/growth/concentration',
      {
        schema: {
          tags,
          summary:
            'Too much from too few? For each of the last 8 calendar quarters (UTC), the top 10 customers’ share of revenue and the Herfindahl–Hirschman index, read against the US DoJ bands (leaders and admins)',
          response: { 200: concentrationSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'growth.read', async (w) => {
          const c = await readConcentration(growthDeps(w), w.actor)
          return {
            currency: c.currency,
            quarters: c.quarters.map((q) => ({
              label: q.label,
              start: q.start,
              revenue: q.revenue,
              customers: q.customers,
              top10Share: q.top10Share,
              hhi: q.hhi,
              level: q.level,
            })),
          }
        }),
    )
  }
