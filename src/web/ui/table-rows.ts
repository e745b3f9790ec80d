/** The data table's logic, without a DOM: sorting and paging of the rows it is given. */

export type SortValue = string | number | boolean | null | undefined
export type SortDirection = 'asc' | 'desc'
export interface SortState {
  column: string
  direction: SortDirection
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Compares two sort values: numbers as numbers, text as people sort it ("a2" before "a10"), empties last. */
export const compareValues = (a: SortValue, b: SortValue): number => {
  const emptyA = a === null || a === undefined || a === ''
  const emptyB = b === null || b === undefined || b === ''
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  return collator.compare(String(a), String(b))
}

/** A sorted copy (stable: equal rows keep their order); empty values stay last either way. */
export const sortRows = <T>(
  rows: readonly T[],
  value: (row: T) => SortValue,
  direction: SortDirection,
): T[] =>
  rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((x, y) => {
      const empty = (v: SortValue) => v === null || v === undefined || v === ''
      if (empty(x.v) !== empty(y.v)) return empty(x.v) ? 1 : -1
      const c = compareValues(x.v, y.v)
      return (direction === 'asc' ? c : -c) || x.i - y.i
    })
    .map((x) => x.row)

/** Clicking a column's header: sorts by it ascending, then descending, then back to the given order. */
export const nextSort = (current: SortState | null, column: string): SortState | null => {
  if (current?.column !== column) return { column, direction: 'asc' }
  return current.direction === 'asc' ? { column, direction: 'desc' } : null
}

/** How many pages of `size` rows (at least one, so an empty table still has page 1). */
export const pageCount = (total: number, size: number): number => Math.max(1, Math.ceil(total / size))

/** The rows of page `page` (1-based), the page held within range. */
export const pageOf = <T>(rows: readonly T[], page: number, size: number): { rows: T[]; page: number } => {
  const p = Math.min(Math.max(1, page), pageCount(rows.length, size))
  return { rows: rows.slice((p - 1) * size, p * size), page: p }
}
