import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { concentrationByQuarter, lastQuarters } from './concentration-over-time.ts'
import { type GrowthGoal, goalDeadline, revenueNeeded } from './growth-goal.ts'
import {
  listGroups,
  parseGroupKey,
  verdictSentence,
  type WhoToServe,
  whoToServe,
} from './latent-potential.ts'
import type { GrowthDeps } from './ports.ts'

/** How many earlier goals the page shows. */
export const GOAL_HISTORY_LIMIT = 20

/** A goal with what it means now: the revenue needed and the day it is due. */
export const goalFigures = (g: GrowthGoal) => ({
  ...g,
  needed: revenueNeeded(g).needed,
  deadline: goalDeadline(g.setAt, g.months),
})

/** HOW BIG, as it stands: the active goal, the ones before it, and today's trailing-12-month revenue. */
export const readGrowthGoal = async (deps: GrowthDeps, actor: Actor) => {
  authorize(actor, 'growth.read')
  const [revenue, goals] = await Promise.all([deps.growth.revenue(), deps.growth.goals(GOAL_HISTORY_LIMIT)])
  const active = goals.find((g) => g.replacedAt === null) ?? null
  return {
    goal: active ? goalFigures(active) : null,
    history: goals.filter((g) => g !== active).map(goalFigures),
    trailing12m: revenue.trailing12m,
    currency: revenue.currency,
  }
}

/** The groups a leader can choose from: every segment, tier, country and owner with customers. */
export const readGrowthGroups = async (deps: GrowthDeps, actor: Actor) => {
  authorize(actor, 'growth.read')
  return listGroups(await deps.growth.customers(deps.clock.now(), false))
}

/** Money as the answer's sentence says it: the currency's symbol, whole units (en-GB, like the pages). */
export const moneyWords = (currency: string) => {
  const f = new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 })
  return (n: number) => f.format(Math.round(n))
}

/**
 * WHO TO SERVE: can the chosen group deliver the active goal? Its latent potential against the
 * revenue needed, the gap, and the other groups that could close it.
 */
export const answerWhoToServe = async (
  deps: GrowthDeps,
  actor: Actor,
  group: string,
): Promise<{ goal: ReturnType<typeof goalFigures>; answer: WhoToServe; verdict: string }> => {
  authorize(actor, 'growth.read')
  const key = parseGroupKey(group)
  if (!key)
    throw new DomainError(
      'invalid_input',
      'Choose a group as segment:…, tier:…, country:… or owner:… (owner:<user id>).',
      { group },
    )
  const goal = await deps.growth.activeGoal()
  if (!goal)
    throw new DomainError(
      'growth_goal_not_found',
      'Set a growth goal first: how big you want to grow decides whom to serve.',
    )
  const figures = goalFigures(goal)
  const now = deps.clock.now()
  const answer = whoToServe(
    await deps.growth.customers(now),
    `${key.dimension}:${key.value}`,
    figures.needed,
    now,
  )
  if (!answer)
    throw new DomainError(
      'growth_group_empty',
      `No customers are in that group (${group}): choose a segment, tier, country or owner that has customers.`,
      { group },
    )
  return { goal: figures, answer, verdict: verdictSentence(answer, moneyWords(goal.currency)) }
}

/** Too much from too few? The top-10 share and the HHI of each of the last 8 quarters, oldest first. */
export const readConcentration = async (deps: GrowthDeps, actor: Actor) => {
  authorize(actor, 'growth.read')
  const quarters = lastQuarters(deps.clock.now())
  const [rows, revenue] = await Promise.all([
    deps.growth.quarterRevenue(quarters[0]!.start),
    deps.growth.revenue(),
  ])
  return { quarters: concentrationByQuarter(rows, quarters), currency: revenue.currency }
}
