import { MONTH_NAMES } from '../clock.ts'
import { DomainError } from '../errors.ts'
import { heroOrder } from '../recovery/recovery-hero.ts'
import { coverage, coverageShare, type KnownSecretFacts, STALE_AFTER_DAYS } from '../secrets/coverage.ts'
import { coverageCategoriesOf, type SecretCategory } from '../secrets/taxonomy.ts'

/**
 * The four recognitions of the source: a monthly secret agent for the coolest secret (seed 000), an
 * annual award for the best-kept, most-shared secrets manual (seed 000), recovery heroes (seed 003)
 * and recovery addicts (seed 001) of the month.
 */
export const AWARD_KINDS = ['secret_agent', 'secrets_manual', 'recovery_hero', 'recovery_addict'] as const
export type AwardKind = (typeof AWARD_KINDS)[number]

export const AWARD_LABELS: Record<AwardKind, string> = {
  secret_agent: 'Secret agent of the month',
  secrets_manual: 'Secrets manual of the year',
  recovery_hero: 'Recovery hero of the month',
  recovery_addict: 'Recovery addict of the month',
}

/** The secrets manual is judged over a year (seed 000: "annual recognition"); the rest per month. */
export const periodKindOf = (kind: AwardKind): 'month' | 'year' =>
  kind === 'secrets_manual' ? 'year' : 'month'

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const YEAR = /^(\d{4})$/

/** The period a moment falls in, for a kind (UTC, as the scoreboard's periods are). */
export const periodOf = (kind: AwardKind, at: Date): string => {
  const y = at.getUTCFullYear()
  return periodKindOf(kind) === 'year' ? String(y) : `${y}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`
}

/** From the first moment of the period up to (not including) the first of the next; refuses a malformed one. */
export const periodRange = (kind: AwardKind, period: string): { from: Date; to: Date } => {
  if (periodKindOf(kind) === 'year') {
    const m = YEAR.exec(period)
    if (!m) throw badPeriod(kind, period)
    const y = Number(m[1])
    return { from: new Date(Date.UTC(y, 0, 1)), to: new Date(Date.UTC(y + 1, 0, 1)) }
  }
  const m = MONTH.exec(period)
  if (!m) throw badPeriod(kind, period)
  const y = Number(m[1])
  const mo = Number(m[2]) - 1
  return { from: new Date(Date.UTC(y, mo, 1)), to: new Date(Date.UTC(y, mo + 1, 1)) }
}

const badPeriod = (kind: AwardKind, period: string) =>
  new DomainError(
    'invalid_input',
    periodKindOf(kind) === 'year'
      ? `“${period}” is not a year; give it as 2026.`
      : `“${period}” is not a month; give it as 2026-12.`,
    { field: 'period' },
  )

/** “December 2026” or “2026”. */
export const periodLabel = (period: string): string => {
  const m = MONTH.exec(period)
  return m ? `${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}` : period
}

/** A period not yet begun has nothing to judge. */
export const assertPeriodStarted = (kind: AwardKind, period: string, now: Date): void => {
  if (periodRange(kind, period).from > now) {
    throw new DomainError(
      'invalid_input',
      `${periodLabel(period)} has not begun yet; decide it once it has.`,
      {
        field: 'period',
      },
    )
  }
}

export interface Figures {
  [name: string]: number | null
}

/** One person (or manual, or secret) a leader may choose for one award, with what it rests on. */
export interface Candidate {
  rank: number
  winner: { userId: string; name: string }
  secretId: string | null
  customerId: string | null
  customerName: string | null
  figures: Figures
  /** the figures in a sentence, the default reason of an award */
  summary: string
  /** why colleagues nominated it (secret agent only) */
  nominations: readonly Nomination[]
}

export interface Nomination {
  by: { userId: string; name: string }
  reason: string
  at: Date
}

const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`)
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)
const ranked = <T>(xs: T[]): (T & { rank: number })[] => xs.map((x, i) => ({ ...x, rank: i + 1 }))

/** A candidate for an award a person earns by their own figures: no secret, customer or nominations. */
const personCandidate = (
  r: { rank: number; userId: string; name: string },
  figures: Figures,
  summary: string,
): Candidate => ({
  rank: r.rank,
  winner: { userId: r.userId, name: r.name },
  secretId: null,
  customerId: null,
  customerName: null,
  nominations: [],
  figures,
  summary,
})

// ---------- recovery hero ----------

export interface HeroFigures {
  userId: string
  name: string
  /** recoveries whose outcome is known: fixed and surprised, or past their window */
  decided: number
  /** fixed and surprised inside the window */
  dazzling: number
  /** customers who answered the feedback, and of them those who said WOW */
  answers: number
  wows: number
}

/**
 * Recovery heroes (seed 003): the most dazzling recoveries first, then the higher dazzling share
 * (1 of 1 beats 1 of 3), then the better WOW rate; only people with at least one dazzling recovery.
 */
export const heroCandidates = (rows: readonly HeroFigures[]): Candidate[] =>
  ranked(
    rows
      .filter((r) => r.dazzling > 0)
      .map((r) => ({
        ...r,
        share: r.decided > 0 ? r.dazzling / r.decided : 0,
        wowRate: r.answers > 0 ? r.wows / r.answers : null,
      }))
      // the scoreboard's rule, so the hero it shows and the award's first candidate agree
      .sort((a, b) =>
        heroOrder(
          { key: a.userId, label: a.name, dazzling: a.dazzling, dazzlingShare: a.share, wowRate: a.wowRate },
          { key: b.userId, label: b.name, dazzling: b.dazzling, dazzlingShare: b.share, wowRate: b.wowRate },
        ),
      ),
  ).map((r) =>
    personCandidate(
      r,
      {
        dazzling: r.dazzling,
        decided: r.decided,
        dazzlingShare: r.share,
        answers: r.answers,
        wows: r.wows,
        wowRate: r.wowRate,
      },
      `${plural(r.dazzling, 'dazzling recovery', 'dazzling recoveries')} of ${r.decided} (${pct(r.share)}), WOW rate ${pct(r.wowRate)}${r.answers ? ` of ${plural(r.answers, 'answer')}` : ''}`,
    ),
  )

// ---------- recovery addict ----------

export interface AddictFigures {
  userId: string
  name: string
  /** recoveries first given to them in the period */
  openedForThem: number
  /** recoveries handed over to them in the period */
  handoversTaken: number
  /** recoveries they owned when they closed in the period */
  finished: number
}

/**
 * Recovery addicts (seed 001): who takes on and finishes the most — finished first, then taken on
 * (hand-overs taken count as taken on: picking up a colleague's OOPS! is the habit we want).
 */
export const addictCandidates = (rows: readonly AddictFigures[]): Candidate[] =>
  ranked(
    rows
      .map((r) => ({ ...r, takenOn: r.openedForThem + r.handoversTaken }))
      .filter((r) => r.takenOn + r.finished > 0)
      .sort(
        (a, b) =>
          b.finished - a.finished ||
          b.takenOn - a.takenOn ||
          b.handoversTaken - a.handoversTaken ||
          byName(a, b),
      ),
  ).map((r) =>
    personCandidate(
      r,
      { finished: r.finished, takenOn: r.takenOn, handoversTaken: r.handoversTaken },
      `${plural(r.finished, 'recovery', 'recoveries')} finished, ${r.takenOn} taken on (${plural(r.handoversTaken, 'hand-over')} taken)`,
    ),
  )

// ---------- secrets manual of the year ----------

export interface ManualFigures {
  customerId: string
  customerName: string
  customerKind: string
  /** who keeps the manual: the customer's owner when a member, else whoever recorded most of it */
  keeper: { userId: string; name: string } | null
  activeSecrets: readonly KnownSecretFacts[]
  /** colleagues (not the keeper) who read the manual or “what we know” in the period (audit trail) */
  readers: number
  /** its secrets behind surprises chosen in the period's recoveries */
  usedInRecoveries: number
}

/** How the manual's score weighs what it is judged on; caps keep one busy customer from swamping it. */
export const MANUAL_WEIGHTS = { coverage: 0.35, freshness: 0.15, readers: 0.3, used: 0.2 } as const
export const MANUAL_CAPS = { readers: 5, used: 3 } as const

/**
 * Best kept (coverage of its categories, fresh, seed 000's "continually maintaining") and most shared
 * (colleagues who read it, secrets from it used in recoveries): a score 0–100 from the four, ranked.
 */
export const manualCandidates = (
  rows: readonly ManualFigures[],
  categories: readonly SecretCategory[],
  at: Date,
): Candidate[] => {
  const staleBefore = at.getTime() - STALE_AFTER_DAYS * 24 * 60 * 60 * 1000
  return ranked(
    rows
      .filter((r) => r.keeper !== null && r.activeSecrets.length > 0)
      .map((r) => {
        const cov = coverageShare(
          coverage(coverageCategoriesOf(categories, r.customerKind, r.activeSecrets), r.activeSecrets, at),
        )
        const fresh =
          r.activeSecrets.filter((s) => s.lastConfirmedAt.getTime() >= staleBefore).length /
          r.activeSecrets.length
        const score = Math.round(
          100 *
            (MANUAL_WEIGHTS.coverage * cov +
              MANUAL_WEIGHTS.freshness * fresh +
              (MANUAL_WEIGHTS.readers * Math.min(r.readers, MANUAL_CAPS.readers)) / MANUAL_CAPS.readers +
              (MANUAL_WEIGHTS.used * Math.min(r.usedInRecoveries, MANUAL_CAPS.used)) / MANUAL_CAPS.used),
        )
        return { ...r, cov, fresh, score, name: r.customerName }
      })
      .sort((a, b) => b.score - a.score || b.readers - a.readers || byName(a, b)),
  ).map((r) => ({
    rank: r.rank,
    winner: r.keeper!,
    secretId: null,
    customerId: r.customerId,
    customerName: r.customerName,
    nominations: [],
    figures: {
      score: r.score,
      coverageShare: r.cov,
      freshShare: r.fresh,
      activeSecrets: r.activeSecrets.length,
      readers: r.readers,
      usedInRecoveries: r.usedInRecoveries,
    },
    summary: `${r.customerName}: ${pct(r.cov)} of categories known, ${pct(r.fresh)} fresh, read by ${plural(r.readers, 'colleague')}, ${plural(r.usedInRecoveries, 'secret')} used in recoveries`,
  }))
}

// ---------- secret agent of the month ----------

export interface NominatedSecret {
  secretId: string
  customerId: string
  customerName: string
  recordedBy: { userId: string; name: string } | null
  nominations: readonly Nomination[]
}

/** The coolest secret of the month as colleagues see it: most nominations first, then the earliest. */
export const secretAgentCandidates = (secrets: readonly NominatedSecret[]): Candidate[] =>
  ranked(
    secrets
      .filter((s) => s.recordedBy !== null && s.nominations.length > 0)
      .map((s) => ({ ...s, first: Math.min(...s.nominations.map((n) => n.at.getTime())) }))
      .sort((a, b) => b.nominations.length - a.nominations.length || a.first - b.first),
  ).map((s) => ({
    rank: s.rank,
    winner: s.recordedBy!,
    secretId: s.secretId,
    customerId: s.customerId,
    customerName: s.customerName,
    nominations: s.nominations,
    figures: { nominations: s.nominations.length },
    summary: s.nominations.map((n) => n.reason).join(' · '),
  }))
