import { choosePlan, DEFAULT_PLANS, type RecoveryPlan } from './recovery-plan.ts'

/**
 * What an OOPS! keeps of its recovery plan when it is opened: the plan may change later, the
 * promise made to this customer does not.
 */
export interface PlanTerms {
  /** null: the workspace has no plan for this customer, the last default's terms apply */
  planId: string | null
  planName: string
  windowHours: number
  atRiskHours: number
  firstContactHours: number
  statusEveryHours: number
  investmentCap: number
}

/**
 * The plan-terms snapshot of a new OOPS! — reported today (openOops) or imported from the past
 * (the OOPS! import): the customer's plan by segment, else tier, else the catch-all; without one,
 * the last default plan's terms.
 */
export const planTermsFor = (
  plans: readonly RecoveryPlan[],
  customer: { tier: string | null; segment: string | null },
): PlanTerms => {
  const plan = choosePlan(plans, customer)
  const terms = plan ?? DEFAULT_PLANS[DEFAULT_PLANS.length - 1]!
  return {
    planId: plan?.id ?? null,
    planName: terms.name,
    windowHours: terms.windowHours,
    atRiskHours: terms.atRiskHours,
    firstContactHours: terms.firstContactHours,
    statusEveryHours: terms.statusEveryHours,
    investmentCap: terms.investmentCap,
  }
}
