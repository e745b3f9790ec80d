import { DomainError } from '../errors.ts'
import { vocabulary } from '../vocabulary.ts'

/**
 * A bonus plan (seed 004: "build secret gathering into sales performance plans. And ensure Sales
 * compensation plans include it as well otherwise it won't get done"). Components are weighted; each
 * turns attainment into a payout through its own table, as Spiff and CaptivateIQ do: nothing below
 * the first threshold, straight lines between the steps, an accelerator above the last, a cap.
 */
const COMPONENTS = vocabulary({
  revenue: 'Revenue against quota',
  secret_effectiveness: 'Secret-gathering effectiveness',
  report_card: 'Customer report card',
  recovery: 'Recoveries that dazzled',
})
export const COMPONENT_KINDS = COMPONENTS.kinds
export type ComponentKind = (typeof COMPONENT_KINDS)[number]
export const COMPONENT_LABELS = COMPONENTS.labels

/** What the target of each kind is measured in. */
export const COMPONENT_TARGET_UNITS: Record<ComponentKind, string> = {
  revenue: 'revenue from their customers (each person’s quota)',
  secret_effectiveness: 'effectiveness points',
  report_card: 'average rating out of 5',
  recovery: '% of their recoveries dazzling (fixed and surprised inside 24 h)',
}

/** The components that measure secret gathering: together they carry at least the minimum weight. */
export const SECRET_GATHERING_KINDS: readonly ComponentKind[] = ['secret_effectiveness', 'report_card']

/** The source's floor: "at least 25% of the sales bonus should be based on secret gathering effectiveness". */
export const SOURCE_MIN_SECRET_WEIGHT = 25

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

export interface PayoutStep {
  /** attainment, % of target */
  attainment: number
  /** payout, % of the component's share of the target bonus */
  payout: number
}

export interface PlanComponent {
  kind: ComponentKind
  /** % of the target bonus, whole numbers adding up to 100 */
  weight: number
  /** what 100 % attainment is; for revenue, the default quota (a person's own quota wins) */
  target: number
  steps: PayoutStep[]
  /** above the last step, each point of attainment pays this many points */
  accelerator: number
  /** the most this component pays, % */
  cap: number
}

export const DEFAULT_STEPS: readonly PayoutStep[] = [
  { attainment: 50, payout: 25 },
  { attainment: 100, payout: 100 },
]
export const DEFAULT_ACCELERATOR = 2
export const DEFAULT_CAP = 200

/** A component with the default payout table: 50 % attainment pays 25 %, 100 % pays 100 %, ×2 above, capped at 200 %. */
export const planComponent = (
  kind: ComponentKind,
  weight: number,
  target: number = DEFAULT_TARGETS_OF(kind),
): PlanComponent => ({
  kind,
  weight,
  target,
  steps: DEFAULT_STEPS.map((s) => ({ ...s })),
  accelerator: DEFAULT_ACCELERATOR,
  cap: DEFAULT_CAP,
})
const DEFAULT_TARGETS_OF = (kind: ComponentKind) => DEFAULT_TARGETS[kind]

export const DEFAULT_TARGETS: Record<ComponentKind, number> = {
  revenue: 100_000,
  secret_effectiveness: 120,
  report_card: 4,
  recovery: 70,
}

const TARGET_MAX: Record<ComponentKind, number> = {
  revenue: 1_000_000_000,
  secret_effectiveness: 1_000_000,
  report_card: 5,
  recovery: 100,
}
export const TARGET_BONUS_MAX = 10_000_000

export interface PlanMemberInput {
  userId: string
  targetBonus: number
  quota: number | null
}

export interface BonusPlanInput {
  name: string
  periodKind: PeriodKind
  /** YYYY-MM-DD: the first day of a month, quarter or year */
  periodStart: string
  components: PlanComponent[]
  members: PlanMemberInput[]
}

export interface Period {
  start: string
  /** the day after the last day */
  end: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const ymd = (y: number, m: number) => `${y}-${pad(m)}-01`

/** The period that starts on `start`; refuses a start that is not the first day of one. */
export const periodOf = (kind: PeriodKind, start: string): Period => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start)
  const y = m ? Number(m[1]) : Number.NaN
  const mo = m ? Number(m[2]) : Number.NaN
  const d = m ? Number(m[3]) : Number.NaN
  if (!m || y < 2000 || y > 2100 || mo < 1 || mo > 12) {
    throw new DomainError('invalid_input', 'Give the period’s first day as YYYY-MM-DD, e.g. 2026-10-01.')
  }
  const first =
    d === 1 &&
    (kind === 'month' || (kind === 'quarter' && (mo - 1) % 3 === 0) || (kind === 'year' && mo === 1))
  if (!first) {
    const what =
      kind === 'month'
        ? 'a month (the 1st)'
        : kind === 'quarter'
          ? 'a quarter (1 January, April, July or October)'
          : 'a year (1 January)'
    throw new DomainError(
      'invalid_input',
      `A ${kind}ly plan starts on the first day of ${what}; ${start} is not one.`,
    )
  }
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12
  const endIndex = y * 12 + (mo - 1) + months
  return { start, end: ymd(Math.floor(endIndex / 12), (endIndex % 12) + 1) }
}

export const periodsOverlap = (a: Period, b: Period): boolean => a.start < b.end && b.start < a.end

/** The period a person would read: "Q4 2026", "October 2026", "2026". */
export const periodLabel = (kind: PeriodKind, start: string): string => {
  const [y, mo] = start.split('-').map(Number) as [number, number]
  if (kind === 'year') return String(y)
  if (kind === 'quarter') return `Q${Math.floor((mo - 1) / 3) + 1} ${y}`
  return new Date(Date.UTC(y, mo - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

/** % of the bonus that rests on secret gathering. */
export const secretGatheringWeight = (
  components: readonly Pick<PlanComponent, 'kind' | 'weight'>[],
): number =>
  components.filter((c) => SECRET_GATHERING_KINDS.includes(c.kind)).reduce((a, c) => a + c.weight, 0)

const refuse = (message: string) => new DomainError('invalid_input', message)

const checkComponent = (c: PlanComponent): void => {
  const label = COMPONENT_LABELS[c.kind]
  if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100) {
    throw refuse(`${label}: a weight is a whole number of percent from 1 to 100.`)
  }
  if (!(c.target > 0) || c.target > TARGET_MAX[c.kind]) {
    throw refuse(
      `${label}: the target must be above 0 and at most ${TARGET_MAX[c.kind].toLocaleString('en-GB')} (${COMPONENT_TARGET_UNITS[c.kind]}).`,
    )
  }
  if (c.steps.length === 0 || c.steps.length > 10) throw refuse(`${label}: give from 1 to 10 payout steps.`)
  c.steps.forEach((s, i) => {
    if (!(s.attainment >= 0 && s.attainment <= 1000) || !(s.payout >= 0 && s.payout <= 1000)) {
      throw refuse(`${label}: steps go from 0 % to 1,000 % attainment and payout.`)
    }
    const prev = c.steps[i - 1]
    if (prev && (s.attainment <= prev.attainment || s.payout < prev.payout)) {
      throw refuse(`${label}: each step needs more attainment than the one before and pays at least as much.`)
    }
  })
  if (!(c.accelerator >= 0 && c.accelerator <= 10))
    throw refuse(`${label}: the accelerator goes from 0 to 10.`)
  const last = c.steps[c.steps.length - 1]!
  if (!(c.cap >= last.payout && c.cap <= 1000)) {
    throw refuse(
      `${label}: the cap must be at least the last step’s payout (${last.payout} %) and at most 1,000 %.`,
    )
  }
}

/**
 * Refuses a plan a person could not run: weights that do not add up to 100 %, absurd targets, a
 * payout table that goes down — and a plan that puts less than the minimum on secret gathering.
 */
export const checkBonusPlan = (plan: BonusPlanInput, minSecretWeight: number): Period => {
  if (plan.name.trim().length < 2) throw refuse('Give the plan a name.')
  const period = periodOf(plan.periodKind, plan.periodStart)
  if (plan.components.length === 0) throw refuse('A plan needs at least one component.')
  const kinds = new Set(plan.components.map((c) => c.kind))
  if (kinds.size !== plan.components.length) throw refuse('Each kind of component appears once in a plan.')
  for (const c of plan.components) checkComponent(c)
  const total = plan.components.reduce((a, c) => a + c.weight, 0)
  if (total !== 100) {
    throw refuse(`The weights add up to ${total} %; they must add up to 100 %.`)
  }
  const secret = secretGatheringWeight(plan.components)
  if (secret < minSecretWeight) {
    throw new DomainError(
      'bonus_plan_secret_weight',
      `Secret gathering (effectiveness and the customer report card) carries ${secret} % of this bonus; it must carry at least ${minSecretWeight} %. “Sales bonuses should assign a material weight to this component to get sales attention — I suggest at least 25% of the sales bonus should be based on secret gathering effectiveness.”`,
      { minimum: minSecretWeight, secretGatheringWeight: secret },
    )
  }
  if (plan.members.length === 0) throw refuse('Put at least one person on the plan.')
  if (new Set(plan.members.map((m) => m.userId)).size !== plan.members.length) {
    throw refuse('A person appears once on a plan.')
  }
  for (const m of plan.members) {
    if (!(m.targetBonus > 0) || m.targetBonus > TARGET_BONUS_MAX) {
      throw refuse(`A target bonus is above 0 and at most ${TARGET_BONUS_MAX.toLocaleString('en-GB')}.`)
    }
    if (m.quota !== null && !(m.quota > 0 && m.quota <= TARGET_MAX.revenue)) {
      throw refuse('A quota is above 0 and at most 1,000,000,000.')
    }
  }
  return period
}

/** Attainment → payout %, by the component's table: 0 below the first step, linear between, accelerated above, capped. */
export const payoutPercent = (
  c: Pick<PlanComponent, 'steps' | 'accelerator' | 'cap'>,
  attainment: number,
): number => {
  const steps = c.steps
  const first = steps[0]!
  if (attainment < first.attainment) return 0
  for (let i = 1; i < steps.length; i++) {
    const a = steps[i - 1]!
    const b = steps[i]!
    if (attainment <= b.attainment) {
      const t = (attainment - a.attainment) / (b.attainment - a.attainment)
      return Math.min(c.cap, round1(a.payout + t * (b.payout - a.payout)))
    }
  }
  const last = steps[steps.length - 1]!
  return Math.min(c.cap, round1(last.payout + (attainment - last.attainment) * c.accelerator))
}

const round1 = (n: number) => Math.round(n * 10) / 10
