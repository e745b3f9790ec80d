import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { allCategories, suggestCategory } from './taxonomy.ts'

interface Case {
  text: string
  about: 'person' | 'organisation'
  expected: (string | null)[]
}
const SET: { cases: Case[] } = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/category-eval.json'), 'utf8'),
)

/** The share of secrets whose suggested category is one a person would file them in. */
const accuracy = () => {
  const misses: string[] = []
  for (const c of SET.cases) {
    const got = suggestCategory(c.text, allCategories([]), c.about)
    if (!c.expected.includes(got)) misses.push(`${c.text} → ${got} (expected ${c.expected.join(' or ')})`)
  }
  return { accuracy: 1 - misses.length / SET.cases.length, misses }
}

/**
 * test/fixtures/category-eval.json: 54 secrets written before suggestion was changed for issue 14.
 * The keyword cues scored 0.352 on it (19 of 54); suggestion from the meaning layer 0.963 (52 of
 * 54: a band's name, "New Kids on the Block", reads as children, and "cilantro" is not in the lexicon). The floor catches a regression; it does not certify tuning to these cases.
 */
const FLOOR = 0.85

describe('category suggestion, evaluated', () => {
  it('files realistic secrets where a person would', () => {
    const r = accuracy()
    expect(SET.cases.length).toBeGreaterThanOrEqual(40)
    expect(r.accuracy, r.misses.join('\n')).toBeGreaterThanOrEqual(FLOOR)
  })
})
