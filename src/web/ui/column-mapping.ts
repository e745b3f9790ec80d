/**
 * The CSV column mapper's rules, without a DOM: which field each column of a file fills. The server
 * detects a first mapping from the headers; the person corrects it here. `IGNORE` marks a column
 * that is not stored.
 */

export const IGNORE = ''

/** Column header → field (or `IGNORE`), for every header of the file. */
export type ColumnMapping = Record<string, string>

/** Every header with the field detected for it, `IGNORE` where none was. */
export const mappingFor = (
  headers: readonly string[],
  detected: Readonly<Record<string, string>>,
): ColumnMapping => Object.fromEntries(headers.map((h) => [h, detected[h] ?? IGNORE]))

/** What the API is sent: only the columns that fill a field. */
export const chosenMapping = (mapping: ColumnMapping): Record<string, string> =>
  Object.fromEntries(Object.entries(mapping).filter(([, f]) => f !== IGNORE))

/**
 * `header` now fills `field`. With `exclusive`, a field is filled by one column only: another
 * column that filled it is set to `IGNORE`.
 */
export const assignColumn = (
  mapping: ColumnMapping,
  header: string,
  field: string,
  { exclusive = false }: { exclusive?: boolean } = {},
): ColumnMapping => {
  const next: ColumnMapping = { ...mapping }
  if (exclusive && field !== IGNORE)
    for (const [h, f] of Object.entries(next)) if (f === field) next[h] = IGNORE
  next[header] = field
  return next
}

/** The required fields that no column fills, in the order given. */
export const missingFields = (mapping: ColumnMapping, required: readonly string[]): string[] => {
  const filled = new Set(Object.values(mapping))
  return required.filter((f) => !filled.has(f))
}

/** The fields that more than one column fills, each once. */
export const fieldsFilledTwice = (mapping: ColumnMapping): string[] => {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const f of Object.values(mapping)) {
    if (f === IGNORE) continue
    if (seen.has(f)) twice.add(f)
    seen.add(f)
  }
  return [...twice]
}

/** Whether two mappings store the same columns as the same fields (ignored columns aside). */
export const sameMapping = (a: ColumnMapping, b: ColumnMapping): boolean => {
  const x = chosenMapping(a)
  const y = chosenMapping(b)
  const keys = Object.keys(x)
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k])
}
