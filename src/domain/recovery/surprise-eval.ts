import type { ConceptExpander } from '../secrets/ports.ts'
import { LATE_WINDOW_HOURS, recommendSurprises, type SurpriseCandidate } from './recommend-surprise.ts'
import { conceptsByWord } from './recommend-surprise-concepts.ts'

/** An evaluation set: a catalogue and scenarios, each with the items a person would accept. */
export interface SurpriseEvalSet {
  catalogue: Array<{
    id: string
    title: string
    cost: number
    leadTimeHours: number
    tags: string[]
    description?: string | undefined
    kind?: string | undefined
  }>
  scenarios: Array<{
    id: string
    secrets: Array<{ category: string; text: string }>
    oops: string
    budget: number
    hoursLeft: number
    alreadyGiven?: string[] | undefined
    acceptable: string[]
    allowedKinds?: string[] | undefined
  }>
}

export interface SurpriseEvalViolation {
  scenario: string
  item: string
  rule: 'over_budget' | 'over_time' | 'repeat'
  detail: string
}

export interface SurpriseEvalResult {
  scenario: string
  top: string[]
  acceptable: string[]
  hit1: boolean
  hit3: boolean
}

const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000)

/**
 * Runs the real ranking over an evaluation set: the catalogue's and the secrets' concepts come
 * from `concepts` (the server's WordNet expander in the CLI), as they would in the app. hit1 is
 * the share of scenarios whose top suggestion is acceptable, hit3 whose top three hold one; a
 * scenario whose acceptable list is empty expects no suggestion at all. Every suggestion (not
 * only the top three) is checked against the hard limits.
 */
export const evaluateSurprises = async (
  set: SurpriseEvalSet,
  concepts: ConceptExpander,
  now = new Date(),
) => {
  const catalogue: SurpriseCandidate[] = []
  for (const i of set.catalogue) {
    catalogue.push({
      ...i,
      concepts: await concepts.expand([i.title, i.description ?? '', ...i.tags].join(' ')),
    })
  }
  const results: SurpriseEvalResult[] = []
  const violations: SurpriseEvalViolation[] = []
  for (const sc of set.scenarios) {
    const secrets = []
    for (const [n, s] of sc.secrets.entries()) {
      secrets.push({
        id: `${sc.id}#${n + 1}`,
        category: s.category,
        text: s.text,
        concepts: await concepts.expand(s.text),
        wordConcepts: await conceptsByWord(concepts, s.text),
      })
    }
    const { suggestions } = recommendSurprises(catalogue, secrets, {
      budget: sc.budget,
      hoursLeft: sc.hoursLeft,
      alreadyGiven: sc.alreadyGiven ?? [],
      allowedKinds: sc.allowedKinds ?? null,
      now,
      oopsText: sc.oops,
    })
    for (const s of suggestions) {
      if (s.item.cost > sc.budget) {
        violations.push({
          scenario: sc.id,
          item: s.item.id,
          rule: 'over_budget',
          detail: `costs ${s.item.cost}, budget ${sc.budget}`,
        })
      }
      // after a breach a late act is allowed, said to be late, and only what can be ready within hours
      const allowed = sc.hoursLeft <= 0 && s.late ? LATE_WINDOW_HOURS : sc.hoursLeft
      if (s.item.leadTimeHours > allowed || (sc.hoursLeft <= 0 && !s.late)) {
        violations.push({
          scenario: sc.id,
          item: s.item.id,
          rule: 'over_time',
          detail: `needs ${s.item.leadTimeHours} h, ${sc.hoursLeft} h left`,
        })
      }
      if ((sc.alreadyGiven ?? []).includes(s.item.id)) {
        violations.push({ scenario: sc.id, item: s.item.id, rule: 'repeat', detail: 'already given' })
      }
    }
    const top = suggestions.slice(0, 3).map((s) => s.item.id)
    const ok = new Set(sc.acceptable)
    const nothingExpected = ok.size === 0
    results.push({
      scenario: sc.id,
      top,
      acceptable: sc.acceptable,
      hit1: nothingExpected ? top.length === 0 : ok.has(top[0] ?? ''),
      hit3: nothingExpected ? top.length === 0 : top.some((id) => ok.has(id)),
    })
  }
  return {
    scenarios: results.length,
    hit1: share(results.filter((r) => r.hit1).length, results.length),
    hit3: share(results.filter((r) => r.hit3).length, results.length),
    violations,
    results,
  }
}
