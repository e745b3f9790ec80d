import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import { DomainError } from '../errors.ts'
import type { Actor } from '../workspaces/roles.ts'
import { GOAL_LIMITS, goalDeadline, goalProblem, revenueNeeded } from './growth-goal.ts'
import {
  customerPotentials,
  type GrowthCustomer,
  hasStopped,
  listGroups,
  parseGroupKey,
  quantile,
  sumPotential,
  verdictSentence,
  whoToServe,
} from './latent-potential.ts'
import { memoryGrowth } from './memory-growth.ts'
import { answerWhoToServe, moneyWords, readGrowthGoal } from './read-growth.ts'
import { setGrowthGoal } from './set-growth-goal.ts'

const NOW = new Date('2026-12-01T12:00:00Z')
const DAY = 86_400_000
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY)

let seq = 0
const customer = (c: Partial<GrowthCustomer> = {}): GrowthCustomer => ({
  id: `c${++seq}`,
  segment: 'Retail',
  country: 'United Kingdom',
  tier: 'B',
  ownerUserId: null,
  ownerName: null,
  trailing12m: 1000,
  estimatedCategorySpend: null,
  orderCount: 10,
  lastPurchaseAt: daysAgo(5),
  medianGapDays: 30,
  ...c,
})

describe('how big: the revenue a goal needs', () => {
  it('is the baseline times the percentage, on top of the baseline', () => {
    expect(revenueNeeded({ kind: 'percent', percent: 25, baseline: 400_000 })).toEqual({
      target: 500_000,
      needed: 100_000,
    })
    expect(revenueNeeded({ kind: 'percent', percent: -10, baseline: 1000 })).toEqual({
      target: 900,
      needed: -100,
    })
  })

  it('is the amount itself when the goal is an amount', () => {
    expect(revenueNeeded({ kind: 'amount', amount: 75_000, baseline: 400_000 })).toEqual({
      target: 475_000,
      needed: 75_000,
    })
  })

  it('is due the same day n months later, or that month’s last day', () => {
    expect(goalDeadline(new Date('2026-12-01T00:00:00Z'), 12).toISOString()).toBe('2027-12-01T00:00:00.000Z')
    expect(goalDeadline(new Date('2026-01-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z')
  })

  it('refuses a goal of −100 % or 10,000 %, months outside 1 to 60, and a percentage of nothing', () => {
    expect(goalProblem({ kind: 'percent', percent: -100, months: 12 }, 1000)).toMatch(
      /between -50 % and \+500 %/,
    )
    expect(goalProblem({ kind: 'percent', percent: 10_000, months: 12 }, 1000)).toMatch(/between -50 %/)
    expect(goalProblem({ kind: 'percent', percent: 25, months: 0 }, 1000)).toMatch(/between 1 and 60 months/)
    expect(goalProblem({ kind: 'percent', percent: 25, months: 61 }, 1000)).toMatch(/between 1 and 60 months/)
    expect(goalProblem({ kind: 'percent', percent: 25, months: 12 }, 0)).toMatch(
      /no revenue in the last 12 months/,
    )
    expect(goalProblem({ kind: 'percent', percent: 25, months: 12, baseline: 5000 }, 0)).toBeNull()
    expect(goalProblem({ kind: 'amount', amount: 7000, months: 12 }, 1000)).toMatch(/more than \+500 %/)
    expect(goalProblem({ kind: 'amount', amount: -600, months: 12 }, 1000)).toMatch(/shrinks the revenue/)
    expect(goalProblem({ kind: 'percent', percent: GOAL_LIMITS.percentMax, months: 60 }, 1)).toBeNull()
  })
})

describe('who to serve: latent potential', () => {
  it('takes the upper quartile between ranks, like a spreadsheet', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.75)).toBe(4)
    expect(quantile([10, 20], 0.75)).toBe(17.5)
    expect(quantile([], 0.75)).toBeNull()
  })

  it('counts wallet headroom where an estimate exists: estimated spend less our last 12 months', () => {
    const c = customer({ trailing12m: 3000, estimatedCategorySpend: 10_000 })
    expect(customerPotentials([c], NOW).get(c.id)).toEqual({
      headroom: 7000,
      method: 'wallet',
      atRisk: 0,
      stopped: false,
    })
    // we already have more than the estimate: no headroom, never negative
    const over = customer({ trailing12m: 12_000, estimatedCategorySpend: 10_000 })
    expect(customerPotentials([over], NOW).get(over.id)!.headroom).toBe(0)
  })

  it('brings a customer without an estimate up to the upper quartile of its tier and segment', () => {
    const peers = [100, 200, 300, 400, 500].map((t) => customer({ trailing12m: t }))
    const p = customerPotentials(peers, NOW)
    // upper quartile of 100…500 is 400: the 100 customer has 300 of headroom, the 500 one none
    expect(p.get(peers[0]!.id)).toMatchObject({ headroom: 300, method: 'peer' })
    expect(p.get(peers[4]!.id)).toMatchObject({ headroom: 0, method: 'peer' })
  })

  it('compares with the whole tier when too few share the segment, and not at all when the tier is too small', () => {
    const retail = [100, 200, 300, 400].map((t) => customer({ trailing12m: t }))
    const lone = customer({ segment: 'Hotels', trailing12m: 50 })
    const p = customerPotentials([...retail, lone], NOW)
    // tier B: 50, 100, 200, 300, 400 → upper quartile 300
    expect(p.get(lone.id)).toMatchObject({ headroom: 250, method: 'peer' })
    const tierA = customer({ tier: 'A', trailing12m: 10 })
    expect(customerPotentials([tierA], NOW).get(tierA.id)).toMatchObject({ headroom: 0, method: 'none' })
  })

  it('puts at risk the revenue of a customer quiet for over twice their own gap, and counts no headroom for them', () => {
    const weekly = customer({
      medianGapDays: 7,
      lastPurchaseAt: daysAgo(15),
      trailing12m: 5000,
      estimatedCategorySpend: 9000,
    })
    const monthly = customer({ medianGapDays: 30, lastPurchaseAt: daysAgo(45) })
    const oneOrder = customer({ medianGapDays: null, orderCount: 1, lastPurchaseAt: daysAgo(300) })
    const daily = customer({ medianGapDays: 1, lastPurchaseAt: daysAgo(10) })
    expect(hasStopped(weekly, NOW)).toBe(true)
    expect(hasStopped(monthly, NOW)).toBe(false)
    expect(hasStopped(oneOrder, NOW)).toBe(false)
    // a daily buyer quiet for ten days is not lost yet: at least two weeks
    expect(hasStopped(daily, NOW)).toBe(false)
    expect(customerPotentials([weekly], NOW).get(weekly.id)).toEqual({
      headroom: 0,
      method: 'none',
      atRisk: 5000,
      stopped: true,
    })
  })

  it('sums a group as headroom less what is at risk', () => {
    const a = customer({ trailing12m: 2000, estimatedCategorySpend: 6000 })
    const b = customer({ trailing12m: 1500, medianGapDays: 10, lastPurchaseAt: daysAgo(60) })
    const s = sumPotential([a, b], customerPotentials([a, b], NOW))
    expect(s).toMatchObject({
      customers: 2,
      walletHeadroom: 4000,
      peerHeadroom: 0,
      headroom: 4000,
      atRisk: 1500,
      atRiskCustomers: 1,
      potential: 2500,
    })
  })

  it('reads a group key and lists every group with its customers', () => {
    expect(parseGroupKey('segment:UK wholesale')).toEqual({ dimension: 'segment', value: 'UK wholesale' })
    expect(parseGroupKey('owner:')).toEqual({ dimension: 'owner', value: '' })
    expect(parseGroupKey('colour:red')).toBeNull()
    expect(parseGroupKey('segment')).toBeNull()
    const groups = listGroups([
      customer({ ownerUserId: 'u1', ownerName: 'Sofia' }),
      customer({ segment: null, country: 'France' }),
    ])
    expect(groups.map((g) => `${g.label} (${g.customers})`)).toEqual([
      'Segment Retail (1)',
      'No segment (1)',
      'Tier B (2)',
      'Country France (1)',
      'Country United Kingdom (1)',
      'Owner Sofia (1)',
      'No owner (1)',
    ])
  })
})

describe('who to serve: can this group deliver the goal?', () => {
  // two segments; the UK has little headroom, France and Germany a lot
  const sofia = { ownerUserId: 'u-sofia', ownerName: 'Sofia' }
  const maya = { ownerUserId: 'u-maya', ownerName: 'Maya' }
  const uk = [1, 2].map(() =>
    customer({ ...sofia, segment: 'Retail', trailing12m: 9000, estimatedCategorySpend: 10_000 }),
  )
  const fr = [1, 2].map(() =>
    customer({
      ...maya,
      segment: 'Export',
      country: 'France',
      trailing12m: 1000,
      estimatedCategorySpend: 21_000,
    }),
  )
  const de = customer({
    ...maya,
    segment: 'Export',
    country: 'Germany',
    tier: 'A',
    trailing12m: 500,
    estimatedCategorySpend: 8500,
  })
  const all = [...uk, ...fr, de]

  it('delivers with the potential to spare', () => {
    const a = whoToServe(all, 'segment:Export', 30_000, NOW)!
    expect(a.potential.potential).toBe(48_000)
    expect(a).toMatchObject({ canDeliver: true, margin: 18_000, closers: [] })
    expect(verdictSentence(a, moneyWords('GBP'))).toBe(
      'This group can deliver the goal with £18,000 to spare.',
    )
  })

  it('falls short by the gap and names the fewest other groups that close it, counting overlaps once', () => {
    const a = whoToServe(all, 'segment:Retail', 30_000, NOW)!
    expect(a).toMatchObject({ canDeliver: false, margin: -28_000 })
    // Segment Export and Tier B (France) overlap: France is counted once, and one group closes the gap
    expect(a.closers.map((g) => g.label)).toEqual(['Segment Export'])
    expect(a.closersClose).toBe(true)
    expect(a.withClosers).toBe(50_000)
    // the others are ranked by what they add beyond the chosen group
    expect(a.others.slice(0, 3).map((g) => [g.label, g.beyond.potential])).toEqual([
      ['Segment Export', 48_000],
      ['Owner Maya', 48_000],
      ['Tier B', 40_000],
    ])
    expect(verdictSentence(a, moneyWords('GBP'))).toBe(
      'This group falls short by £28,000; Segment Export could close it.',
    )
  })

  it('says when even the best other groups cannot close the gap', () => {
    const a = whoToServe(all, 'segment:Retail', 100_000, NOW)!
    expect(a.closersClose).toBe(false)
    expect(verdictSentence(a, moneyWords('EUR'))).toMatch(
      /^This group falls short by €98,000; even with .+ it would still be €50,000 short/,
    )
  })

  it('adds a second group when one is not enough, each by what it adds to those already counted', () => {
    const a = whoToServe(all, 'country:France', 50_000, NOW)!
    // France gives 40,000; Germany (8,000, in Segment Export) and then the UK (2,000) close the 10,000
    expect(a.margin).toBe(-10_000)
    expect(a.closers.map((g) => g.label)).toEqual(['Segment Export', 'Segment Retail'])
    expect(a).toMatchObject({ closersClose: true, withClosers: 50_000 })
    expect(verdictSentence(a, moneyWords('GBP'))).toBe(
      'This group falls short by £10,000; Segment Export and Segment Retail could close it.',
    )
  })

  it('has no answer for a group with no customers', () => {
    expect(whoToServe(all, 'segment:Hotels', 1000, NOW)).toBeNull()
  })
})

describe('the use-cases', () => {
  const leader: Actor & { workspaceId: string } = {
    userId: 'u1',
    label: 'lee@x.test',
    role: 'leader',
    workspaceId: 'w1',
  }
  const sales: Actor & { workspaceId: string } = { ...leader, role: 'sales' }

  it('keeps one active goal, the one it replaced in the history, and audits each', async () => {
    const m = memoryGrowth({ trailing12m: 400_000 })
    const clock = fixedClock(NOW)
    const deps = { growth: m.port, audit: m.auditLog, clock }
    await setGrowthGoal(deps, leader, { kind: 'percent', percent: 10, months: 6 })
    clock.advance(DAY)
    const second = await setGrowthGoal(deps, leader, { kind: 'percent', percent: 25, months: 12 })
    expect(second).toMatchObject({ baseline: 400_000, baselineKind: 'trailing12m', targetRevenue: 500_000 })
    const view = await readGrowthGoal(deps, leader)
    expect(view.goal).toMatchObject({ percent: 25, needed: 100_000 })
    expect(view.history.map((g) => g.percent)).toEqual([10])
    expect(view.history[0]!.replacedAt).toEqual(second.setAt)
    expect(m.audit.map((e) => e.action)).toEqual(['growth_goal.set', 'growth_goal.set'])
    expect(m.audit[1]!.details).toMatchObject({ replaced: view.history[0]!.id, targetRevenue: 500_000 })
  })

  it('stores nothing for a goal out of bounds, or for a salesperson', async () => {
    const m = memoryGrowth({ trailing12m: 1000 })
    const deps = { growth: m.port, audit: m.auditLog, clock: fixedClock(NOW) }
    await expect(
      setGrowthGoal(deps, leader, { kind: 'percent', percent: -100, months: 12 }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(
      setGrowthGoal(deps, sales, { kind: 'percent', percent: 5, months: 12 }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    })
    expect(m.goals).toHaveLength(0)
    expect(m.audit).toHaveLength(0)
  })

  it('answers for a group against the active goal; refuses without a goal or for an empty group', async () => {
    const m = memoryGrowth()
    m.customers.push(customer({ segment: 'Retail', trailing12m: 4000, estimatedCategorySpend: 10_000 }))
    const deps = { growth: m.port, audit: m.auditLog, clock: fixedClock(NOW) }
    await expect(answerWhoToServe(deps, leader, 'segment:Retail')).rejects.toMatchObject({
      code: 'growth_goal_not_found',
    })
    await setGrowthGoal(deps, leader, { kind: 'percent', percent: 25, months: 12 })
    const r = await answerWhoToServe(deps, leader, 'segment:Retail')
    expect(r.answer).toMatchObject({ needed: 1000, canDeliver: true, margin: 5000 })
    expect(r.verdict).toBe('This group can deliver the goal with £5,000 to spare.')
    const empty = await answerWhoToServe(deps, leader, 'segment:Hotels').catch((e: unknown) => e)
    expect(empty).toBeInstanceOf(DomainError)
    expect((empty as DomainError).code).toBe('growth_group_empty')
    await expect(answerWhoToServe(deps, leader, 'colour:red')).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })
})
