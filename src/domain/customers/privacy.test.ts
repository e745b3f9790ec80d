import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import { eraseCustomer } from './erase-customer.ts'
import { exportCustomer } from './export-customer.ts'
import { confirmationMatches, type ErasureCounts, type PrivacyDeps } from './privacy.ts'

const counts: ErasureCounts = {
  secrets: 2,
  engagements: 1,
  people: 1,
  relations: 2,
  purchasesAnonymised: 9,
  oopsAnonymised: 1,
}

/** an in-memory customer and trail: what the use-cases ask of their ports */
const fake = (erasedAt: Date | null = null) => {
  const trail: Array<Record<string, unknown>> = []
  let erased = 0
  const deps: PrivacyDeps = {
    clock: fixedClock(new Date('2026-11-24T12:00:00Z')),
    audit: { record: async (e) => void trail.push(e as unknown as Record<string, unknown>) },
    privacy: {
      customerFacts: async (id) => (id === 'c1' ? { id, name: 'Hartley & Finch', erasedAt } : undefined),
      exportCustomer: async () => ({
        sections: { customer: { name: 'Hartley & Finch' }, secrets: [{ text: 'Loves sailing' }] },
        counts: { secrets: 1 },
      }),
      erase: async () => {
        erased++
        return counts
      },
    },
  }
  return { deps, trail, erased: () => erased }
}
const admin = { userId: 'u1', role: 'admin' as const, label: 'ada@x.test' }

describe('privacy', () => {
  it('confirms by the name, spaces and case aside, never by an empty answer', () => {
    expect(confirmationMatches('Hartley & Finch', ' hartley  &  FINCH ')).toBe(true)
    expect(confirmationMatches('Hartley & Finch', 'Hartley')).toBe(false)
    expect(confirmationMatches('', '')).toBe(false)
    expect(confirmationMatches('Hartley & Finch', undefined)).toBe(false)
  })

  it('erases only for an admin who typed the name, and audits counts without the name', async () => {
    const f = fake()
    await expect(
      eraseCustomer(f.deps, { ...admin, role: 'leader' }, { customerId: 'c1', confirm: 'Hartley & Finch' }),
    ).rejects.toMatchObject({ code: 'forbidden' })
    await expect(
      eraseCustomer(f.deps, admin, { customerId: 'c1', confirm: 'Hartley' }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(eraseCustomer(f.deps, admin, { customerId: 'zz', confirm: 'x' })).rejects.toMatchObject({
      code: 'customer_not_found',
    })
    expect(f.erased()).toBe(0)
    const r = await eraseCustomer(f.deps, admin, { customerId: 'c1', confirm: 'hartley & finch' })
    expect(r).toEqual({ erasedAt: new Date('2026-11-24T12:00:00Z'), counts })
    expect(f.trail).toEqual([
      {
        actorUserId: 'u1',
        actorLabel: 'ada@x.test',
        action: 'customer.erased',
        targetType: 'customer',
        targetId: 'c1',
        details: counts,
      },
    ])
    expect(JSON.stringify(f.trail)).not.toContain('Hartley')
  })

  it('does not erase twice', async () => {
    const f = fake(new Date('2026-10-01T00:00:00Z'))
    await expect(
      eraseCustomer(f.deps, admin, { customerId: 'c1', confirm: 'Hartley & Finch' }),
    ).rejects.toThrow(/already erased on 2026-10-01/)
    expect(f.erased()).toBe(0)
  })

  it('exports for admins only and audits how much, never what', async () => {
    const f = fake()
    await expect(
      exportCustomer(f.deps, { ...admin, role: 'marketing' }, { customerId: 'c1' }),
    ).rejects.toMatchObject({ code: 'forbidden' })
    const x = await exportCustomer(f.deps, admin, { customerId: 'c1' })
    expect(x).toMatchObject({
      format: 'dazzle.customer-export/1',
      exportedBy: 'ada@x.test',
      secrets: [{ text: 'Loves sailing' }],
    })
    expect(f.trail[0]).toMatchObject({
      action: 'customer.exported',
      targetId: 'c1',
      details: { counts: { secrets: 1 } },
    })
    expect(JSON.stringify(f.trail)).not.toContain('sailing')
  })
})
