import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  assignTiers,
  concentration,
  GROW_HERE_BELOW,
  growHeadroom,
  isGrowTarget,
  paretoCurve,
  walletShare,
} from './value-tiers.ts'

const desc = (xs: number[]) => [...xs].sort((a, b) => b - a)

describe('value tiers', () => {
  it('puts in A the smallest set of top customers reaching 80 % of revenue', () => {
    // 50 + 30 = 80 of 100: two customers reach 80 %
    expect(assignTiers([50, 30, 10, 5, 5])).toEqual(['A', 'A', 'B', 'B', 'C'])
    // 50 + 29 = 79 < 80: the third is needed
    expect(assignTiers([50, 29, 11, 10])).toEqual(['A', 'A', 'A', 'B'])
  })

  it('leaves customers without positive revenue in C', () => {
    expect(assignTiers([100, 0, -20])).toEqual(['A', 'C', 'C'])
    expect(assignTiers([0, 0])).toEqual(['C', 'C'])
  })

  it('always makes tier A reach the share, and no smaller set of top customers would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (raw) => {
          const revs = desc(raw)
          const tiers = assignTiers(revs)
          const total = revs.filter((r) => r > 0).reduce((t, r) => t + r, 0)
          const a = revs.filter((_, i) => tiers[i] === 'A')
          const aSum = a.reduce((t, r) => t + r, 0)
          if (total > 0) {
            expect(aSum).toBeGreaterThanOrEqual(0.8 * total - 1e-6 * total)
            expect(aSum - a[a.length - 1]!).toBeLessThan(0.8 * total)
          } else {
            expect(a).toEqual([])
          }
          // tiers never go back up: A… then B… then C…
          expect(tiers.join('')).toMatch(/^A*B*C*$/)
        },
      ),
    )
  })
})

describe('concentration', () => {
  it('warns in plain words when the top 10 bring more than half', () => {
    const c = concentration(desc([1000, 800, ...Array(30).fill(10)]))
    expect(c.level).toBe('high')
    expect(c.warning).toMatch(/top 10 customers bring \d+(\.\d)? % of revenue/)
  })

  it('stays quiet when revenue is spread', () => {
    const c = concentration(Array(1000).fill(5))
    expect(c.top10Share).toBeCloseTo(0.01)
    expect(c.hhi).toBeCloseTo(10)
    expect(c.level).toBe('low')
    expect(c.warning).toBeNull()
  })

  it('has an HHI of 10,000 for a single customer', () => {
    expect(concentration([42]).hhi).toBeCloseTo(10_000)
  })
})

describe('pareto curve and wallet share', () => {
  it('ends at 100 % of customers and revenue', () => {
    const curve = paretoCurve(desc([5, 4, 3, 2, 1]), 100)
    expect(curve[0]).toEqual({ customerShare: 0, revenueShare: 0 })
    expect(curve.at(-1)).toEqual({ customerShare: 1, revenueShare: 1 })
  })

  it('computes wallet share only where an estimate exists', () => {
    expect(walletShare(2500, 10_000)).toBe(0.25)
    expect(walletShare(2500, null)).toBeNull()
    expect(walletShare(-5, 100)).toBe(0)
  })
})

describe('grow here: the low-share targets', () => {
  const c = (tier: 'A' | 'B' | 'C' | null, trailing12m: number, estimatedCategorySpend: number | null) => ({
    tier,
    trailing12m,
    estimatedCategorySpend,
  })
  it('needs positive revenue in the last 12 months: returns (−£102.58) or nothing bought is no target', () => {
    expect(isGrowTarget(c('A', -102.58, 50_000))).toBe(false)
    expect(isGrowTarget(c('A', 0, 50_000))).toBe(false)
    expect(isGrowTarget(c('A', 0.01, 50_000))).toBe(true)
  })
  it('needs a wallet estimate above the revenue and a share below the bar, in tier A or B', () => {
    expect(isGrowTarget(c('B', 1000, null))).toBe(false)
    expect(isGrowTarget(c('B', 1000, 1000))).toBe(false)
    expect(isGrowTarget(c('B', 1000, 900))).toBe(false)
    // 1,000 of 2,000 is a 50 % share: at the bar, not below it
    expect(isGrowTarget(c('B', 1000, 2000))).toBe(false)
    expect(isGrowTarget(c('B', 999, 2000))).toBe(true)
    expect(isGrowTarget(c('C', 100, 20_000))).toBe(false)
    expect(isGrowTarget(c(null, 100, 20_000))).toBe(false)
    expect(GROW_HERE_BELOW).toBe(0.5)
  })
  it('targets are ordered by headroom, most first', () => {
    const targets = [c('A', 1000, 10_000), c('B', 100, 5000), c('A', 4000, 30_000)]
      .filter((x) => isGrowTarget(x))
      .sort((a, b) => growHeadroom(b) - growHeadroom(a))
    expect(targets.map(growHeadroom)).toEqual([26_000, 9000, 4900])
  })
})
