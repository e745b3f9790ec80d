import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import { DomainError } from '../errors.ts'
import type { Actor } from '../workspaces/roles.ts'
import { concentrationByQuarter, hhiLevel, lastQuarters } from './concentration-over-time.ts'
import { memoryGrowth } from './memory-growth.ts'
import { readConcentration } from './read-growth.ts'

const NOW = new Date('2026-12-02T07:00:00Z')
const leader: Actor = { userId: 'u-leader', role: 'leader', label: 'Lee' }
const at = (iso: string) => new Date(`${iso}T12:00:00Z`)

describe('too much from too few: concentration by quarter', () => {
  it('the last 8 calendar quarters end with the one today is in', () => {
    const q = lastQuarters(NOW)
    expect(q.map((x) => x.label)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ])
    expect(q[0]!.start.toISOString()).toBe('2025-01-01T00:00:00.000Z')
    expect(lastQuarters(new Date('2026-01-01T00:00:00Z'), 2).map((x) => x.label)).toEqual([
      '2025-Q4',
      '2026-Q1',
    ])
  })

  it('the DoJ bands: below 1,500 unconcentrated, 1,500–2,500 moderate, above 2,500 high', () => {
    expect(hhiLevel(1499.9)).toBe('unconcentrated')
    expect(hhiLevel(1500)).toBe('moderate')
    expect(hhiLevel(2500)).toBe('moderate')
    expect(hhiLevel(2500.1)).toBe('high')
  })

  it('top-10 share and HHI by hand, returns left out, an empty quarter reads 0', () => {
    const rows = [
      // 2026-Q4: 600 / 300 / 100 and a customer of returns only → shares 60/30/10 %, HHI 3,600+900+100
      { year: 2026, quarter: 4, customerId: 'a', revenue: 500 },
      { year: 2026, quarter: 4, customerId: 'a', revenue: 100 },
      { year: 2026, quarter: 4, customerId: 'b', revenue: 300 },
      { year: 2026, quarter: 4, customerId: 'c', revenue: 100 },
      { year: 2026, quarter: 4, customerId: 'r', revenue: -50 },
      // 2026-Q3: 12 customers of 100 → top 10 = 10/12, HHI 12 × (100/12)² = 833.3
      ...Array.from({ length: 12 }, (_, i) => ({
        year: 2026,
        quarter: 3,
        customerId: `e${i}`,
        revenue: 100,
      })),
      // 2026-Q2: four customers of 250 → HHI 4 × 25² = 2,500, moderate at the edge
      ...['w', 'x', 'y', 'z'].map((customerId) => ({ year: 2026, quarter: 2, customerId, revenue: 250 })),
    ]
    const [q2, q3, q4] = concentrationByQuarter(rows, lastQuarters(NOW)).slice(5)
    expect(q4).toMatchObject({ label: '2026-Q4', revenue: 1000, customers: 3, top10Share: 1, hhi: 4600 })
    expect(q4!.level).toBe('high')
    expect(q3).toMatchObject({ revenue: 1200, customers: 12, top10Share: 0.8333, hhi: 833.3 })
    expect(q3!.level).toBe('unconcentrated')
    expect(q2).toMatchObject({ customers: 4, top10Share: 1, hhi: 2500, level: 'moderate' })
    const q1 = concentrationByQuarter(rows, lastQuarters(NOW))[4]!
    expect(q1).toMatchObject({ label: '2026-Q1', revenue: 0, customers: 0, top10Share: 0, hhi: 0 })
  })

  it('the use-case reads purchases from the first quarter on, for leaders only', async () => {
    const m = memoryGrowth()
    m.purchases.push(
      { customerId: 'a', at: at('2024-12-31'), amount: 9999 }, // before the 8 quarters
      { customerId: 'a', at: at('2025-02-10'), amount: 300 },
      { customerId: 'b', at: at('2025-03-31'), amount: 100 },
    )
    const deps = { growth: m.port, audit: m.auditLog, clock: fixedClock(NOW) }
    const c = await readConcentration(deps, leader)
    expect(c.quarters).toHaveLength(8)
    // 2025-Q1: 75 % and 25 % → HHI 5,625 + 625
    expect(c.quarters[0]).toMatchObject({ label: '2025-Q1', revenue: 400, hhi: 6250, level: 'high' })
    await expect(
      readConcentration(deps, { userId: 'u-s', role: 'sales', label: 'Sam' }),
    ).rejects.toBeInstanceOf(DomainError)
  })
})
