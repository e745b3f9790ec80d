import { describe, expect, it } from 'vitest'
import { planTermsFor } from './plan-terms.ts'
import { DEFAULT_PLANS, type RecoveryPlan } from './recovery-plan.ts'

const plans: RecoveryPlan[] = DEFAULT_PLANS.map((p, i) => ({ ...p, id: `plan-${i}` }))

describe('the plan terms a new OOPS! keeps', () => {
  it("takes the customer's plan by tier, with its id and name", () => {
    const a = plans.find((p) => p.tier === 'A' && p.segment === null)!
    expect(planTermsFor(plans, { tier: 'A', segment: null })).toEqual({
      planId: a.id,
      planName: a.name,
      windowHours: a.windowHours,
      atRiskHours: a.atRiskHours,
      firstContactHours: a.firstContactHours,
      statusEveryHours: a.statusEveryHours,
      investmentCap: a.investmentCap,
    })
  })

  it('falls back to the last default plan, with no plan id, when the workspace has no plans', () => {
    const last = DEFAULT_PLANS[DEFAULT_PLANS.length - 1]!
    expect(planTermsFor([], { tier: 'A', segment: 'Retail' })).toMatchObject({
      planId: null,
      planName: last.name,
      windowHours: last.windowHours,
    })
  })
})
