import type { Tier } from '../customers/value-tiers.ts'
import type { Certainty, Layer } from '../secrets/taxonomy.ts'
import type { ReportCardScore } from './report-card.ts'

/**
 * Secret-gathering effectiveness (seed 004): not "how many notes", but how much of what matters was
 * learnt, about the customers who matter, and whether the rest of the company could use it — with
 * the customer's own report card on top. Every input is listed with the points it earned, so a
 * salesperson can see exactly why the figure is what it is.
 */
export interface EffectivenessWeights {
  /** points for a secret-layer item (what they want, covet, dream of) */
  secret: number
  /** points for a needs-layer item: useful, but what every competitor hears too */
  need: number
  /** multiplier by the customer's value tier (the precious few count most) */
  tier: Record<Tier | 'none', number>
  /** multiplier by how sure we are */
  certainty: Record<Certainty, number>
  /** a category of a high-value (tier A or B) customer of theirs, known for the first time */
  coverage: number
  /** a secret of theirs that a surprise cited as its reason */
  usedBySurprise: number
  /** a secret of theirs that a colleague read ("what do we know?", the manual, the list) */
  usedByRead: number
  /** a customer of their secrets that a colleague's search or audience found */
  usedBySearch: number
  /** a stale secret (not confirmed for 180 days) they heard again and confirmed */
  confirmedStale: number
  /** points per point of the report-card score (1–5), once enough customers have answered */
  reportCard: number
}

export const DEFAULT_EFFECTIVENESS_WEIGHTS: EffectivenessWeights = {
  secret: 3,
  need: 1,
  tier: { A: 3, B: 2, C: 1, none: 1 },
  certainty: { heard: 1, inferred: 0.6, second_hand: 0.4 },
  coverage: 5,
  usedBySurprise: 4,
  usedByRead: 1,
  usedBySearch: 1,
  confirmedStale: 2,
  reportCard: 4,
}

/** What the weights mean, for the settings page and the API document. */
export const EFFECTIVENESS_WEIGHT_HELP: Record<keyof EffectivenessWeights, string> = {
  secret: 'Points for each secret recorded (wants, dreams, what they covet)',
  need: 'Points for each need recorded (what every competitor hears too)',
  tier: 'Multiplier by the customer’s value tier: A (the few who give 80 % of revenue), B, C, none',
  certainty: 'Multiplier by how sure: heard directly, inferred, second-hand',
  coverage: 'Points for each category of a tier A or B customer of theirs known for the first time',
  usedBySurprise: 'Points for each of their secrets a surprise cited as its reason',
  usedByRead: 'Points for each of their secrets a colleague read',
  usedBySearch: 'Points for each of their customers a colleague’s search or audience found',
  confirmedStale: 'Points for each stale secret heard again and confirmed',
  reportCard: 'Points per point of the customers’ report-card score (1–5)',
}

export interface RecordedSecretInput {
  secretId: string
  customerId: string
  category: string
  layer: Layer
  certainty: Certainty
  tier: Tier | null
  recordedAt: Date
}
export interface CoverageInput {
  customerId: string
  category: string
  secretId: string
}
export interface UsedInput {
  secretId: string | null
  customerId: string
  how: 'surprise' | 'read' | 'search'
  /** who used it (never the salesperson themself) */
  byLabel: string
  at: Date
}
export interface ConfirmedInput {
  secretId: string
  customerId: string
  at: Date
}

export interface EffectivenessInputs {
  recorded: readonly RecordedSecretInput[]
  coverage: readonly CoverageInput[]
  used: readonly UsedInput[]
  confirmed: readonly ConfirmedInput[]
  reportCard: ReportCardScore
}

export type EffectivenessLineKey = 'recorded' | 'coverage' | 'used' | 'confirmed' | 'report_card'

export interface EffectivenessLine {
  key: EffectivenessLineKey
  label: string
  count: number
  points: number
}

export interface Effectiveness {
  points: number
  lines: EffectivenessLine[]
  /** the secrets behind the figure, each with its points and why */
  recorded: (RecordedSecretInput & { points: number; why: string })[]
  coverage: CoverageInput[]
  used: UsedInput[]
  confirmed: ConfirmedInput[]
}

const round2 = (n: number) => Math.round(n * 100) / 100

const usedPoints = (w: EffectivenessWeights, how: UsedInput['how']) =>
  how === 'surprise' ? w.usedBySurprise : how === 'read' ? w.usedByRead : w.usedBySearch

export const computeEffectiveness = (
  inputs: EffectivenessInputs,
  w: EffectivenessWeights = DEFAULT_EFFECTIVENESS_WEIGHTS,
): Effectiveness => {
  const recorded = inputs.recorded.map((s) => {
    const base = s.layer === 'secret' ? w.secret : w.need
    const tier = w.tier[s.tier ?? 'none']
    const sure = w.certainty[s.certainty]
    return {
      ...s,
      points: round2(base * tier * sure),
      why: `${s.layer === 'secret' ? 'secret' : 'need'} ${base} × tier ${s.tier ?? '–'} ${tier} × ${s.certainty.replace('_', '-')} ${sure}`,
    }
  })
  // one use of a secret per kind counts once, however often it was read
  const seen = new Set<string>()
  const used = inputs.used.filter((u) => {
    const key = `${u.how}:${u.secretId ?? u.customerId}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  const sum = (xs: readonly number[]) => round2(xs.reduce((a, b) => a + b, 0))
  const lines: EffectivenessLine[] = [
    {
      key: 'recorded',
      label: 'Secrets and needs recorded',
      count: recorded.length,
      points: sum(recorded.map((r) => r.points)),
    },
    {
      key: 'coverage',
      label: 'Categories first known on high-value customers',
      count: inputs.coverage.length,
      points: round2(inputs.coverage.length * w.coverage),
    },
    {
      key: 'used',
      label: 'Used by colleagues',
      count: used.length,
      points: sum(used.map((u) => usedPoints(w, u.how))),
    },
    {
      key: 'confirmed',
      label: 'Stale secrets confirmed',
      count: inputs.confirmed.length,
      points: round2(inputs.confirmed.length * w.confirmedStale),
    },
    {
      key: 'report_card',
      label: inputs.reportCard.shown
        ? `Report card ${inputs.reportCard.overall} / 5`
        : `Report card (needs ${inputs.reportCard.minAnswers} answers, has ${inputs.reportCard.answers})`,
      count: inputs.reportCard.answers,
      points:
        inputs.reportCard.shown && inputs.reportCard.overall !== null
          ? round2(inputs.reportCard.overall * w.reportCard)
          : 0,
    },
  ]
  return {
    points: sum(lines.map((l) => l.points)),
    lines,
    recorded,
    coverage: [...inputs.coverage],
    used,
    confirmed: [...inputs.confirmed],
  }
}
