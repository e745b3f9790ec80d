/**
 * Too much from too few? (seed 001: diversify where too much comes from too few.) Per calendar
 * quarter (UTC), the top-10 customers' share of that quarter's revenue and the Herfindahl–Hirschman
 * index: the sum of each customer's squared percentage share, 0 (spread thin) to 10,000 (one
 * customer has it all). Only customers with positive revenue in the quarter count (a quarter of
 * returns is no share of the market), as on the value page.
 */

/** How many quarters the Growth page shows, the current one last. */
export const CONCENTRATION_QUARTERS = 8

/**
 * The bands of the US Department of Justice and FTC Horizontal Merger Guidelines (2010): below
 * 1,500 unconcentrated, 1,500–2,500 moderately concentrated, above 2,500 highly concentrated.
 */
export const HHI_MODERATE = 1500
export const HHI_HIGH = 2500

export type HhiLevel = 'unconcentrated' | 'moderate' | 'high'

export const hhiLevel = (hhi: number): HhiLevel =>
  hhi > HHI_HIGH ? 'high' : hhi >= HHI_MODERATE ? 'moderate' : 'unconcentrated'

/** One customer's revenue in one quarter (quarter 1–4). */
export interface QuarterRevenue {
  year: number
  quarter: number
  customerId: string
  revenue: number
}

export interface Quarter {
  year: number
  quarter: number
  /** 2026-Q4 */
  label: string
  start: Date
}

export interface QuarterConcentration extends Quarter {
  revenue: number
  customers: number
  top10Share: number
  hhi: number
  level: HhiLevel
}

const quarterOf = (year: number, quarter: number): Quarter => ({
  year,
  quarter,
  label: `${year}-Q${quarter}`,
  start: new Date(Date.UTC(year, (quarter - 1) * 3, 1)),
})

/** The last `n` calendar quarters (UTC) up to and including the one `now` is in, oldest first. */
export const lastQuarters = (now: Date, n = CONCENTRATION_QUARTERS): Quarter[] => {
  const index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3)
  return Array.from({ length: n }, (_, i) => {
    const k = index - (n - 1) + i
    return quarterOf(Math.floor(k / 4), (k % 4) + 1)
  })
}

/** Each quarter's concentration from the customers' revenue in it; a quarter without revenue reads 0. */
export const concentrationByQuarter = (
  rows: readonly QuarterRevenue[],
  quarters: readonly Quarter[],
): QuarterConcentration[] =>
  quarters.map((q) => {
    const byCustomer = new Map<string, number>()
    for (const r of rows)
      if (r.year === q.year && r.quarter === q.quarter)
        byCustomer.set(r.customerId, (byCustomer.get(r.customerId) ?? 0) + r.revenue)
    const positive = [...byCustomer.values()].filter((v) => v > 0).sort((a, b) => b - a)
    const total = positive.reduce((t, v) => t + v, 0)
    if (total === 0) return { ...q, revenue: 0, customers: 0, top10Share: 0, hhi: 0, level: hhiLevel(0) }
    const top10 = positive.slice(0, 10).reduce((t, v) => t + v, 0)
    const hhi = positive.reduce((t, v) => t + (100 * (v / total)) ** 2, 0)
    return {
      ...q,
      revenue: Math.round(total * 100) / 100,
      customers: positive.length,
      top10Share: Math.round((top10 / total) * 10000) / 10000,
      hhi: Math.round(hhi * 10) / 10,
      level: hhiLevel(hhi),
    }
  })
