/**
 * Numbers as people's files write them: "£1,234.50", "1.234,50 €", "$ 12", "-3", "(12.00)",
 * "1 234,5", "12,5" (a decimal comma). Which of "." and "," is the decimal separator is the
 * file's (a European export uses commas throughout); it settles the one case a cell alone
 * cannot: "1,234" is 1234 with decimal points and 1.234 with decimal commas.
 */
export type DecimalMark = '.' | ','

const SIGNS = /^[\s\u00a0]*(?:[A-Za-z]{3}|[$£€¥₹]|US\$|C\$|A\$)?[\s\u00a0]*/
const TRAILING = /[\s\u00a0]*(?:[A-Za-z]{3}|[$£€¥₹])?[\s\u00a0]*$/
const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const GROUPED_COMMA = /^\d{1,3}(,\d{3})+$/
const GROUPED_DOT = /^\d{1,3}(\.\d{3})+$/

/** What one cell says of the file's decimal mark, or null when it says nothing. */
export const decimalEvidence = (text: string): DecimalMark | null => {
  const s = text.replace(SIGNS, '').replace(TRAILING, '')
  const dot = s.lastIndexOf('.')
  const comma = s.lastIndexOf(',')
  if (dot >= 0 && comma >= 0) return dot > comma ? '.' : ','
  if (comma >= 0) return GROUPED_COMMA.test(s.replace(/^[+-]/, '')) ? null : ','
  if (dot >= 0) return GROUPED_DOT.test(s.replace(/^[+-]/, '')) ? null : '.'
  return null
}

/** The decimal mark most cells of a sample say ("." when none says). */
export const decimalMarkOf = (cells: Iterable<string>): DecimalMark => {
  let dots = 0
  let commas = 0
  for (const c of cells) {
    const e = decimalEvidence(c)
    if (e === '.') dots++
    else if (e === ',') commas++
  }
  return commas > dots ? ',' : '.'
}

/**
 * A cell as a number, or null when it is not one. Currency signs and codes around it, spaces and
 * apostrophes between thousands, a sign in front or parentheses (accounting negatives) are
 * allowed; plain numbers ("12.5", "-3", "1e3") take the fast path.
 */
export const parseWrittenNumber = (text: string, mark: DecimalMark = '.'): number | null => {
  if (PLAIN.test(text))
    return mark === ',' && GROUPED_DOT.test(text) ? Number(text.replace(/\./g, '')) : Number(text)
  let s = text.trim()
  let negative = false
  if (/^\(.*\)$/.test(s)) {
    negative = true
    s = s.slice(1, -1)
  }
  if (/^[+-]/.test(s)) {
    negative = s[0] === '-' ? !negative : negative
    s = s.slice(1)
  }
  s = s.replace(SIGNS, '').replace(TRAILING, '')
  if (/^[+-]/.test(s)) {
    negative = s[0] === '-' ? !negative : negative
    s = s.slice(1)
  }
  // thousands written with spaces or apostrophes (1 234,50; 1'234.50)
  s = s.replace(/(\d)[\s\u00a0\u202f']+(?=\d{3}(\D|$))/g, '$1')
  const dot = s.lastIndexOf('.')
  const comma = s.lastIndexOf(',')
  let decimal: DecimalMark | null = null
  if (dot >= 0 && comma >= 0) decimal = dot > comma ? '.' : ','
  else if (comma >= 0) decimal = GROUPED_COMMA.test(s) && mark === '.' ? '.' : ','
  else if (dot >= 0) decimal = GROUPED_DOT.test(s) && mark === ',' ? ',' : '.'
  if (decimal === ',') s = s.replace(/\./g, '').replace(',', '.')
  else s = s.replace(/,/g, '')
  if (!PLAIN.test(s) || /^[+-]/.test(s)) return null
  const n = Number(s)
  return negative ? -n : n
}
