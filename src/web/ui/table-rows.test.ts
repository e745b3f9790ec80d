import { describe, expect, it } from 'vitest'
import { compareValues, nextSort, pageCount, pageOf, sortRows } from './table-rows.ts'

describe('the data table’s rows', () => {
  const rows = [
    { name: 'item 10', spend: 5, last: '2026-01-02' },
    { name: 'Item 2', spend: null, last: '2026-03-01' },
    { name: 'item 1', spend: 12.5, last: null },
    { name: 'Apple', spend: 5, last: '2025-12-31' },
  ]

  it('sorts text as people do and numbers as numbers, keeping empty values last', () => {
    expect(sortRows(rows, (r) => r.name, 'asc').map((r) => r.name)).toEqual([
      'Apple',
      'item 1',
      'Item 2',
      'item 10',
    ])
    expect(sortRows(rows, (r) => r.spend, 'desc').map((r) => r.spend)).toEqual([12.5, 5, 5, null])
    expect(sortRows(rows, (r) => r.last, 'asc').map((r) => r.last)).toEqual([
      '2025-12-31',
      '2026-01-02',
      '2026-03-01',
      null,
    ])
  })

  it('is stable, and leaves the given rows alone', () => {
    const sorted = sortRows(rows, (r) => r.spend, 'asc')
    expect(sorted.filter((r) => r.spend === 5).map((r) => r.name)).toEqual(['item 10', 'Apple'])
    expect(rows[0]?.name).toBe('item 10')
    expect(compareValues(true, false)).toBeGreaterThan(0)
  })

  it('cycles a header through ascending, descending and unsorted', () => {
    const a = nextSort(null, 'name')
    expect(a).toEqual({ column: 'name', direction: 'asc' })
    const d = nextSort(a, 'name')
    expect(d).toEqual({ column: 'name', direction: 'desc' })
    expect(nextSort(d, 'name')).toBeNull()
    expect(nextSort(d, 'spend')).toEqual({ column: 'spend', direction: 'asc' })
  })

  it('pages, holding the page within range', () => {
    const many = Array.from({ length: 23 }, (_, i) => i)
    expect(pageCount(23, 10)).toBe(3)
    expect(pageCount(0, 10)).toBe(1)
    expect(pageOf(many, 3, 10)).toEqual({ rows: [20, 21, 22], page: 3 })
    expect(pageOf(many, 9, 10).page).toBe(3)
    expect(pageOf([], 2, 10)).toEqual({ rows: [], page: 1 })
  })
})
