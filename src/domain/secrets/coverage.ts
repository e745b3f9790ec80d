import { parentOf, type SecretCategory } from './taxonomy.ts'

/** What we know goes stale: a secret not confirmed for this long is worth asking about again. */
export const STALE_AFTER_DAYS = 180

export type CoverageState = 'known' | 'stale' | 'empty'

export interface CoverageEntry {
  category: string
  label: string
  state: CoverageState
  activeCount: number
  lastConfirmedAt: Date | null
}

export interface KnownSecretFacts {
  category: string
  /** when it was last heard or confirmed */
  lastConfirmedAt: Date
}

const DAY = 24 * 60 * 60 * 1000

/**
 * For each category that applies: known (fresh), stale (only old secrets) or empty. A finer kind of
 * a category ("Pets and animals") is no gap of its own: its secrets count for the one it is within.
 */
export const coverage = (
  categories: readonly SecretCategory[],
  activeSecrets: readonly KnownSecretFacts[],
  now: Date,
  staleAfterDays = STALE_AFTER_DAYS,
): CoverageEntry[] =>
  categories
    .filter((c) => !c.within)
    .map((c) => {
      const mine = activeSecrets.filter((s) => s.category === c.key || parentOf(s.category) === c.key)
      const last = mine.reduce<Date | null>(
        (acc, s) => (acc === null || s.lastConfirmedAt > acc ? s.lastConfirmedAt : acc),
        null,
      )
      const state: CoverageState =
        last === null ? 'empty' : now.getTime() - last.getTime() > staleAfterDays * DAY ? 'stale' : 'known'
      return { category: c.key, label: c.label, state, activeCount: mine.length, lastConfirmedAt: last }
    })

/** Share of categories with fresh knowledge, 0..1. */
export const coverageShare = (entries: readonly CoverageEntry[]): number =>
  entries.length === 0 ? 0 : entries.filter((e) => e.state === 'known').length / entries.length

export interface Question {
  id: string
  category: string
  text: string
  position: number
}

const ORDER: Record<CoverageState, number> = { empty: 0, stale: 1, known: 2 }

/**
 * The next questions to ask (seed 004: ask > listen > record > ask another): categories with nothing
 * known first, stale ones next, known ones last; within a state the source's order. One question per
 * category, rotating through a category's questions with `round` so a repeated ask is not the same.
 */
export const nextQuestions = (
  entries: readonly CoverageEntry[],
  questions: readonly Question[],
  options: { limit?: number; round?: number; skip?: readonly string[] } = {},
): (Question & { state: CoverageState })[] => {
  const { limit = 3, round = 0, skip = [] } = options
  const byCategory = new Map<string, Question[]>()
  for (const q of [...questions].sort((a, b) => a.position - b.position)) {
    const list = byCategory.get(q.category) ?? []
    list.push(q)
    byCategory.set(q.category, list)
  }
  const ordered = entries
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => !skip.includes(e.category) && (byCategory.get(e.category)?.length ?? 0) > 0)
    .sort((a, b) => ORDER[a.e.state] - ORDER[b.e.state] || a.i - b.i)
  return ordered.slice(0, limit).map(({ e }) => {
    const list = byCategory.get(e.category) as Question[]
    const q = list[round % list.length] as Question
    return { ...q, state: e.state }
  })
}
