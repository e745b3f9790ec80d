/**
 * "Focus on the precious few that give you 80 % of revenue" (seed 003). Tier A is the smallest set
 * of top customers whose positive revenue reaches `share` of the total; B the next 15 %; C the rest
 * (including customers with no or negative revenue).
 */
export interface TierSettings {
  /** tier A reaches this share of revenue; default 0.8 */
  aShare: number
  /** tiers A+B reach this share; default 0.95 */
  bShare: number
}
export const DEFAULT_TIERS: TierSettings = { aShare: 0.8, bShare: 0.95 }

export type Tier = 'A' | 'B' | 'C'

/**
 * Tier of each customer given revenues sorted from highest to lowest. A customer is in A while the
 * revenue of those ranked above them is still short of the A threshold.
 */
export const assignTiers = (
  sortedRevenueDesc: readonly number[],
  s: TierSettings = DEFAULT_TIERS,
): Tier[] => {
  const total = sortedRevenueDesc.reduce((t, r) => (r > 0 ? t + r : t), 0)
  const tiers: Tier[] = []
  let before = 0
  for (const r of sortedRevenueDesc) {
    if (r <= 0 || total === 0) tiers.push('C')
    else if (before < s.aShare * total) tiers.push('A')
    else if (before < s.bShare * total) tiers.push('B')
    else tiers.push('C')
    if (r > 0) before += r
  }
  return tiers
}

export type ConcentrationLevel = 'low' | 'moderate' | 'high'

export interface Concentration {
  top10Share: number
  top20PercentShare: number
  /** Herfindahl–Hirschman index over revenue shares in percent: 0–10,000 */
  hhi: number
  level: ConcentrationLevel
  warning: string | null
}

/**
 * How much comes from how few (seed 001, "diversify"). Thresholds: the top 10 customers above 50 %
 * of revenue, or an HHI above 2,500, is high; above 25 % or 1,500 is moderate.
 */
export const concentration = (sortedRevenueDesc: readonly number[]): Concentration => {
  const positive = sortedRevenueDesc.filter((r) => r > 0)
  const total = positive.reduce((t, r) => t + r, 0)
  if (total === 0) return { top10Share: 0, top20PercentShare: 0, hhi: 0, level: 'low', warning: null }
  const sum = (xs: number[]) => xs.reduce((t, r) => t + r, 0)
  const top10Share = sum(positive.slice(0, 10)) / total
  const top20PercentShare = sum(positive.slice(0, Math.max(1, Math.ceil(positive.length * 0.2)))) / total
  const hhi = positive.reduce((t, r) => t + (100 * (r / total)) ** 2, 0)
  const pct = (x: number) => `${Math.round(x * 1000) / 10} %`
  const level: ConcentrationLevel =
    top10Share > 0.5 || hhi > 2500 ? 'high' : top10Share > 0.25 || hhi > 1500 ? 'moderate' : 'low'
  const warning =
    level === 'low'
      ? null
      : `Your top 10 customers bring ${pct(top10Share)} of revenue${
          level === 'high' ? ': losing one of them would hurt badly' : ''
        }. Grow customers outside the top 10 so that no few can sink the year.`
  return { top10Share, top20PercentShare, hhi, level, warning }
}

/** The Pareto curve in about `points` steps: cumulative share of revenue against share of customers. */
export const paretoCurve = (sortedRevenueDesc: readonly number[], points = 100) => {
  const positive = sortedRevenueDesc.filter((r) => r > 0)
  const total = positive.reduce((t, r) => t + r, 0)
  const curve = [{ customerShare: 0, revenueShare: 0 }]
  if (total === 0) return curve
  const step = Math.max(1, Math.floor(positive.length / points))
  let cum = 0
  positive.forEach((r, i) => {
    cum += r
    if ((i + 1) % step === 0 || i === positive.length - 1) {
      curve.push({ customerShare: (i + 1) / positive.length, revenueShare: cum / total })
    }
  })
  return curve
}

/** Wallet share: what we got in the last 12 months of what the customer spends in our category. */
export const walletShare = (trailing12m: number, estimatedCategorySpend: number | null) =>
  estimatedCategorySpend && estimatedCategorySpend > 0
    ? Math.max(0, trailing12m) / estimatedCategorySpend
    : null

/** Lifetime revenue per order, to the cent; null before the first order. */
export const averageOrder = (lifetimeRevenue: number, orderCount: number) =>
  orderCount > 0 ? Math.round((lifetimeRevenue / orderCount) * 100) / 100 : null

/** "Grow here": valuable customers (tier A or B) where our wallet share is below this. */
export const GROW_HERE_BELOW = 0.5
/** … at most this many of them, on the value page. */
export const GROW_HERE_LIMIT = 25

/**
 * A low-share target ("grow here"): a tier A or B customer who bought from us in the last 12 months
 * (positive revenue: a customer whose returns outweigh their purchases is not one to grow, it is one
 * to recover), with an estimated category spend above that revenue, and a wallet share below
 * `below`. The store's query applies the same rule; a test keeps the two in agreement.
 */
export const isGrowTarget = (
  c: { tier: 'A' | 'B' | 'C' | null; trailing12m: number; estimatedCategorySpend: number | null },
  below = GROW_HERE_BELOW,
) =>
  (c.tier === 'A' || c.tier === 'B') &&
  c.trailing12m > 0 &&
  c.estimatedCategorySpend !== null &&
  c.estimatedCategorySpend > c.trailing12m &&
  c.trailing12m < below * c.estimatedCategorySpend

/** A target's headroom: what it spends in the category and not with us. Targets are listed by it, most first. */
export const growHeadroom = (c: { trailing12m: number; estimatedCategorySpend: number | null }) =>
  (c.estimatedCategorySpend ?? 0) - c.trailing12m
