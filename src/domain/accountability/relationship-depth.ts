import { vocabulary } from '../vocabulary.ts'

/**
 * Relationship depth (seed 000, "4 easy ways to know if you have a great customer relationship"):
 * four clues tell whether a key account trusts us deeply. Each is marked yes or no with the day it
 * became so and the evidence; marks are never changed, only added, so the history is the list of
 * marks and a clue's state on any day is its latest mark dated on or before it.
 */
const CLUES = vocabulary({
  strategic_planning: 'Invited to their strategic planning',
  office_on_premises: 'An office on their premises',
  no_rfp: 'They never issue an RFP for what we sell',
  not_a_salesperson: 'They never call our person a salesperson',
})
export const CLUE_KINDS = CLUES.kinds
export type ClueKind = (typeof CLUE_KINDS)[number]
export const CLUE_LABELS = CLUES.labels

/** The source's own words for each clue, shown beside it. */
export const CLUE_SOURCE: Record<ClueKind, string> = {
  strategic_planning:
    'You are always invited to your customer’s strategic planning meetings: they value your opinions on the issues facing their organization.',
  office_on_premises:
    'You have “an office” on their premises: a physical office, or a virtual presence where you are listed as one of their team members.',
  no_rfp:
    'Your customer never issues a Request for Proposal when they need a solution: when they need something, you are already on it.',
  not_a_salesperson:
    'You are never referred to as a salesperson by the client: you are their trusted colleague, their partner, their friend.',
}

/** What to do next to earn a clue that does not hold yet. */
export const CLUE_NEXT_STEP: Record<ClueKind, string> = {
  strategic_planning:
    'Bring them a view on an issue facing their organisation and ask to join their next planning session.',
  office_on_premises:
    'Ask for a desk, a badge or a place on their team list so you are at hand to bounce ideas off.',
  no_rfp: 'Be on their next need before they write it down, so going out to bid looks like a waste of time.',
  not_a_salesperson:
    'Work alongside their leadership on their problems, not on our products, until the label stops fitting.',
}

/** The depth ladder runs from 0 (no clue holds) to 4 (all four). */
export const DEPTH_MAX = CLUE_KINDS.length
/** A trend compares the depth now with the depth this many days ago. */
export const TREND_DAYS = 90
export const EVIDENCE_MAX = 1000

/** One mark of one clue: it held (or stopped holding) from `since`, and why we say so. */
export interface ClueMark {
  id: string
  clue: ClueKind
  holds: boolean
  /** the calendar day it became so, "2026-11-03" */
  since: string
  evidence: string
  recordedBy: string | null
  recordedByName: string | null
  recordedAt: Date
}

export interface ClueState {
  clue: ClueKind
  holds: boolean
  /** the mark that says so; null when the clue has never been marked (it does not hold) */
  mark: ClueMark | null
}

export type Trend = 'climbing' | 'slipping' | 'steady'

export interface NextClue {
  clue: ClueKind
  /** why this one: 'win_back' (held until lately) or 'ladder' (the next one up, in the source's order) */
  reason: 'win_back' | 'ladder'
  step: string
}

// newer first: the later day, and on the same day the later recording
const newer = (a: ClueMark, b: ClueMark) =>
  a.since !== b.since ? (a.since > b.since ? a : b) : a.recordedAt >= b.recordedAt ? a : b

/** The day `days` before a calendar day. */
export const daysBefore = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10)

/**
 * The last calendar day anyone on earth has reached at `now` (UTC+14): a mark dated after it is in
 * the future wherever its author is, and is refused.
 */
export const latestToday = (now: Date): string =>
  new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10)

/** Each clue's state on `day` (default: as the latest marks say): its latest mark dated on or before it. */
export const cluesOn = (marks: readonly ClueMark[], day?: string): ClueState[] =>
  CLUE_KINDS.map((clue) => {
    let mark: ClueMark | null = null
    for (const m of marks) {
      if (m.clue !== clue || (day !== undefined && m.since > day)) continue
      mark = mark ? newer(mark, m) : m
    }
    return { clue, holds: mark?.holds ?? false, mark }
  })

/** How many of the four clues hold on `day` (default: now). */
export const depthOn = (marks: readonly ClueMark[], day?: string): number =>
  cluesOn(marks, day).filter((s) => s.holds).length

/** The depth after each day a mark changed it, oldest first: the account's trend line. */
export const depthHistory = (marks: readonly ClueMark[]): { day: string; depth: number }[] => {
  const days = [...new Set(marks.map((m) => m.since))].sort()
  const out: { day: string; depth: number }[] = []
  for (const day of days) {
    const depth = depthOn(marks, day)
    if (out.at(-1)?.depth !== depth) out.push({ day, depth })
  }
  return out
}

/** Depth now against depth `TREND_DAYS` before `today`. */
export const depthTrend = (
  marks: readonly ClueMark[],
  today: string,
): { now: number; before: number; change: number; trend: Trend } => {
  const now = depthOn(marks, today)
  const before = depthOn(marks, daysBefore(today, TREND_DAYS))
  const change = now - before
  return { now, before, change, trend: change > 0 ? 'climbing' : change < 0 ? 'slipping' : 'steady' }
}

/**
 * The clue to work on next, by one rule:
 * 1. **Win back first.** A clue that held and was lost within the last `TREND_DAYS` days is the one
 *    to work on (the most recently lost first): the trust was there lately, and it is cheaper to
 *    regain than a new clue is to earn.
 * 2. **Otherwise climb the ladder** in the source's order — strategic planning, an office on their
 *    premises, no RFP, never called a salesperson — the first that does not hold. Each builds the
 *    trust the next one needs: the planning table comes before a desk among them, and both before
 *    they stop going out to bid or stop seeing us as a seller.
 * 3. All four hold: nothing to suggest (null) — keep them.
 */
export const nextClue = (marks: readonly ClueMark[], today: string): NextClue | null => {
  const states = cluesOn(marks, today)
  const since = daysBefore(today, TREND_DAYS)
  const lost = states
    .filter((s) => !s.holds && s.mark && s.mark.since >= since)
    .filter((s) => cluesOn(marks, daysBefore(s.mark!.since, 1)).find((b) => b.clue === s.clue)?.holds)
    .sort((a, b) => (a.mark!.since < b.mark!.since ? 1 : a.mark!.since > b.mark!.since ? -1 : 0))
  const pick = lost[0]
    ? { clue: lost[0].clue, reason: 'win_back' as const }
    : (() => {
        const first = states.find((s) => !s.holds)
        return first ? { clue: first.clue, reason: 'ladder' as const } : null
      })()
  return pick ? { ...pick, step: CLUE_NEXT_STEP[pick.clue] } : null
}

/** One key account as the leader's view lists it. */
export interface AccountDepth {
  customerId: string
  customerName: string
  ownerUserId: string | null
  ownerName: string | null
  depth: number
  before: number
  change: number
  trend: Trend
  next: NextClue | null
  lastMarkedAt: string | null
}

/** The leader's view across key accounts: how many at each depth, who climbs, who slips. */
export interface DepthOverview {
  today: string
  since: string
  accounts: number
  /** index = depth 0…4 */
  byDepth: number[]
  climbing: AccountDepth[]
  slipping: AccountDepth[]
  all: AccountDepth[]
}

export const accountDepth = (
  account: {
    customerId: string
    customerName: string
    ownerUserId: string | null
    ownerName: string | null
    marks: readonly ClueMark[]
  },
  today: string,
): AccountDepth => {
  const t = depthTrend(account.marks, today)
  const last = account.marks.reduce<string | null>((a, m) => (a === null || m.since > a ? m.since : a), null)
  return {
    customerId: account.customerId,
    customerName: account.customerName,
    ownerUserId: account.ownerUserId,
    ownerName: account.ownerName,
    depth: t.now,
    before: t.before,
    change: t.change,
    trend: t.trend,
    next: nextClue(account.marks, today),
    lastMarkedAt: last,
  }
}

/** Climbing: biggest gain first; slipping: biggest loss first; ties by name. */
export const depthOverview = (
  accounts: readonly Parameters<typeof accountDepth>[0][],
  today: string,
): DepthOverview => {
  const all = accounts
    .map((a) => accountDepth(a, today))
    .sort((a, b) => b.depth - a.depth || a.customerName.localeCompare(b.customerName))
  const byDepth = Array.from({ length: DEPTH_MAX + 1 }, () => 0)
  for (const a of all) byDepth[a.depth] = (byDepth[a.depth] ?? 0) + 1
  const byName = (a: AccountDepth, b: AccountDepth) => a.customerName.localeCompare(b.customerName)
  return {
    today,
    since: daysBefore(today, TREND_DAYS),
    accounts: all.length,
    byDepth,
    climbing: all.filter((a) => a.change > 0).sort((a, b) => b.change - a.change || byName(a, b)),
    slipping: all.filter((a) => a.change < 0).sort((a, b) => a.change - b.change || byName(a, b)),
    all,
  }
}
