import { describe, expect, it } from 'vitest'
import { DomainError } from '../errors.ts'
import { coverage, coverageShare, nextQuestions } from './coverage.ts'
import { QUESTION_SEED } from './question-seed.ts'
import { assertMayEdit, checkCategory } from './secret.ts'
import {
  BUILTIN_CATEGORIES,
  categoriesFor,
  categoryKeyFromLabel,
  suggestCategory,
  suggestCategoryWithConfidence,
} from './taxonomy.ts'

const now = new Date('2026-11-24T12:00:00Z')
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000)

describe('taxonomy', () => {
  it('has questions for every non-sensitive builtin category a customer is judged on', () => {
    // a finer kind ("Pets and animals") is asked about through the category it is within
    for (const c of BUILTIN_CATEGORIES.filter((x) => !x.sensitive && !x.within)) {
      expect(QUESTION_SEED[c.key]?.length ?? 0, c.key).toBeGreaterThanOrEqual(3)
    }
  })

  it('suggests the category whose cues appear most, respecting whom it is about', () => {
    expect(suggestCategory('Loves sailing and golf at the weekend', BUILTIN_CATEGORIES)).toBe(
      'recreation_preference',
    )
    expect(
      suggestCategory('Their warehouse keeps running out of stock', BUILTIN_CATEGORIES, 'organisation'),
    ).toBe('inventory_problems')
    // the same words about a person cannot land in an organisation category
    expect(suggestCategory('out of stock', BUILTIN_CATEGORIES, 'person')).toBeNull()
    expect(suggestCategory('', BUILTIN_CATEGORIES)).toBeNull()
  })

  it('never suggests a special category of personal data: a person chooses it on purpose', () => {
    expect(suggestCategory('Prays at the mosque with his brother', BUILTIN_CATEGORIES)).toBeNull()
    expect(suggestCategory('Had surgery for cancer last spring', BUILTIN_CATEGORIES)).toBeNull()
    // words that also point elsewhere land there
    expect(suggestCategory('Prays, then goes sailing or plays golf', BUILTIN_CATEGORIES)).toBe(
      'recreation_preference',
    )
  })

  it('suggests from what the words mean, the kind of secret over its topic, with a confidence', () => {
    const s = (text: string) => suggestCategoryWithConfidence(text, BUILTIN_CATEGORIES)
    expect(s('Dotes on her spaniel')).toMatchObject({ category: 'pets_animals', because: ['spaniel'] })
    expect(s('Their favorite food is Mexican food.')?.category).toBe('food_drink')
    expect(s('Avoids red meat')?.category).toBe('food_drink')
    expect(s('Is a gold medalist olympian.')?.category).toBe('skill')
    // a dream about sailing is a dream; sailing alone is a pastime
    expect(s('Dreams of sailing around the Greek islands')?.category).toBe('dream')
    expect(s('Goes sailing every weekend')?.category).toBe('recreation_preference')
    // a family member named first is whom it is about
    expect(s('Their son Jake plays peewee hockey')?.category).toBe('family_priority')
    // clear words are surer than words that point two ways
    const clear = s('Has two cats, Miso and Tofu')!.confidence
    const torn = s('Goes fishing with his college roommates every August')!.confidence
    expect(clear).toBeGreaterThan(torn)
    // a workspace without the finer categories files them under the one they are within
    const noFiner = BUILTIN_CATEGORIES.filter((c) => !c.within)
    expect(suggestCategory('Dotes on her spaniel', noFiner)).toBe('lifestyle_choice')
  })

  it('counts a finer category as the one it is within, never as a gap of its own', () => {
    const cov = coverage(
      categoriesFor(BUILTIN_CATEGORIES, 'person', false),
      [{ category: 'pets_animals', lastConfirmedAt: daysAgo(3) }],
      now,
    )
    expect(cov.find((c) => c.category === 'lifestyle_choice')?.state).toBe('known')
    expect(cov.some((c) => c.category === 'pets_animals' || c.category === 'food_drink')).toBe(false)
  })

  it('leaves sensitive categories out unless allowed', () => {
    expect(categoriesFor(BUILTIN_CATEGORIES, 'person', false).some((c) => c.sensitive)).toBe(false)
    expect(categoriesFor(BUILTIN_CATEGORIES, 'person', true).some((c) => c.key === 'health')).toBe(true)
    expect(categoriesFor(BUILTIN_CATEGORIES, 'organisation', true).every((c) => c.scope !== 'person')).toBe(
      true,
    )
  })

  it('makes keys from labels', () => {
    expect(categoryKeyFromLabel('Favourite wine!')).toBe('favourite_wine')
    expect(categoryKeyFromLabel('  3 kids ')).toBe('c_3_kids')
  })
})

describe('checkCategory', () => {
  const open = { workspaceAllows: true, customerConsentAt: daysAgo(1) }
  it('refuses unknown, mis-scoped and unconsented sensitive categories', () => {
    const code = (f: () => unknown) => {
      try {
        f()
        return 'ok'
      } catch (e) {
        return (e as DomainError).code
      }
    }
    expect(code(() => checkCategory(BUILTIN_CATEGORIES, 'nope', 'person', open))).toBe('invalid_input')
    expect(code(() => checkCategory(BUILTIN_CATEGORIES, 'inventory_problems', 'person', open))).toBe(
      'invalid_input',
    )
    expect(
      code(() => checkCategory(BUILTIN_CATEGORIES, 'health', 'person', { ...open, workspaceAllows: false })),
    ).toBe('sensitive_not_allowed')
    expect(
      code(() => checkCategory(BUILTIN_CATEGORIES, 'health', 'person', { ...open, customerConsentAt: null })),
    ).toBe('sensitive_not_allowed')
    expect(code(() => checkCategory(BUILTIN_CATEGORIES, 'health', 'person', open))).toBe('ok')
  })

  it('lets the recorder and admins edit, nobody else', () => {
    expect(() => assertMayEdit({ userId: 'u1', role: 'sales', label: 'x' }, 'u1')).not.toThrow()
    expect(() => assertMayEdit({ userId: 'u2', role: 'admin', label: 'x' }, 'u1')).not.toThrow()
    expect(() => assertMayEdit({ userId: 'u2', role: 'leader', label: 'x' }, 'u1')).toThrow(DomainError)
    expect(() => assertMayEdit({ userId: 'u2', role: 'sales', label: 'x' }, null)).toThrow(DomainError)
  })
})

describe('coverage and next questions', () => {
  const cats = BUILTIN_CATEGORIES.filter((c) => ['habit', 'bias', 'dream', 'hope'].includes(c.key))
  const entries = coverage(
    cats,
    [
      { category: 'habit', lastConfirmedAt: daysAgo(10) },
      { category: 'bias', lastConfirmedAt: daysAgo(400) },
      { category: 'bias', lastConfirmedAt: daysAgo(300) },
    ],
    now,
  )

  it('tells known, stale and empty apart', () => {
    expect(entries.map((e) => [e.category, e.state, e.activeCount])).toEqual([
      ['habit', 'known', 1],
      ['bias', 'stale', 2],
      ['dream', 'empty', 0],
      ['hope', 'empty', 0],
    ])
    expect(entries[1]?.lastConfirmedAt).toEqual(daysAgo(300))
    expect(coverageShare(entries)).toBe(0.25)
  })

  const bank = Object.entries(QUESTION_SEED)
    .filter(([k]) => cats.some((c) => c.key === k))
    .flatMap(([category, texts]) =>
      texts.map((text, i) => ({ id: `${category}-${i}`, category, text, position: i })),
    )

  it('asks empty categories first, stale next, known last, rotating by round', () => {
    const next = nextQuestions(entries, bank, { limit: 4 })
    expect(next.map((q) => q.category)).toEqual(['dream', 'hope', 'bias', 'habit'])
    expect(nextQuestions(entries, bank, { limit: 1, round: 1 })[0]?.id).toBe('dream-1')
    expect(nextQuestions(entries, bank, { limit: 1, round: 3 })[0]?.id).toBe('dream-0')
    expect(nextQuestions(entries, bank, { limit: 2, skip: ['dream'] }).map((q) => q.category)).toEqual([
      'hope',
      'bias',
    ])
  })
})
