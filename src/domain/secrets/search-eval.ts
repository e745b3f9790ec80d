/**
 * How well search finds the right customers, over an evaluation set (`dazzle eval search`): for
 * each query, the customers it returned in rank order, scored against those that should come first
 * and those that must not come back at all.
 *
 * - precision@1: of the queries that should find someone, the share whose first customer is one of them;
 * - recall@5: of the same, the mean share of the expected customers (at most five) among the first five;
 * - false positives: customers returned that the set marks as wrong, plus anything returned for a
 *   query that should find nobody.
 */
export interface SearchEvalCase {
  q: string
  expect: readonly string[]
  wrong: readonly string[]
}

export interface SearchEvalOutcome {
  q: string
  /** the returned customers, best first */
  got: string[]
  hit1: boolean
  recall5: number
  falsePositives: string[]
}

export interface SearchEvalSummary {
  queries: number
  precisionAt1: number
  recallAt5: number
  falsePositives: number
}

export const scoreSearchCase = (c: SearchEvalCase, got: readonly string[]): SearchEvalOutcome => {
  const expected = new Set(c.expect)
  const wrong = new Set(c.wrong)
  const top5 = got.slice(0, 5)
  const recall5 =
    expected.size === 0 ? 1 : top5.filter((id) => expected.has(id)).length / Math.min(5, expected.size)
  return {
    q: c.q,
    got: [...got],
    hit1: expected.size === 0 ? got.length === 0 : expected.has(got[0] ?? ''),
    recall5,
    falsePositives: got.filter((id) => wrong.has(id) || expected.size === 0),
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000

export const summariseSearchEval = (
  outcomes: readonly SearchEvalOutcome[],
  cases: readonly SearchEvalCase[],
) => {
  const finding = outcomes.filter((_, i) => cases[i]!.expect.length > 0)
  const mean = (xs: number[]) => (xs.length === 0 ? 1 : xs.reduce((a, b) => a + b, 0) / xs.length)
  return {
    queries: outcomes.length,
    precisionAt1: round(mean(finding.map((o) => (o.hit1 ? 1 : 0)))),
    recallAt5: round(mean(finding.map((o) => o.recall5))),
    falsePositives: outcomes.reduce((a, o) => a + o.falsePositives.length, 0),
  } satisfies SearchEvalSummary
}
