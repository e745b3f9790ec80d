/**
 * Dates heard in what customers say ("running the Boston marathon in April", "daughter's wedding on
 * 12 June", "our anniversary is March 3rd"): the month, and the day when one is said. Rules, not a
 * library: the domain imports no package (decision 014), and only a month and a day are ever needed
 * — a year in a secret is history, and "next week" is gone by the time anyone reads it.
 *
 * "May" and "March" are also a verb: alone they count only capitalised and after a word that puts a
 * date after it (in, on, by, until, next, early, late, mid, end of …); with a day number they always
 * count.
 */

export interface DateInText {
  month: number
  /** null: only the month was said */
  day: number | null
  /** the words that said it, as written */
  phrase: string
}

const MONTHS: [string, number][] = [
  ['january', 1],
  ['february', 2],
  ['march', 3],
  ['april', 4],
  ['may', 5],
  ['june', 6],
  ['july', 7],
  ['august', 8],
  ['september', 9],
  ['october', 10],
  ['november', 11],
  ['december', 12],
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
]
const MONTH_OF = new Map(MONTHS)
const MONTH = `(${MONTHS.map(([m]) => m)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`
const DAY = '([0-3]?\\d)(?:st|nd|rd|th)?'
/** a month alone is a date only after one of these */
const LEAD =
  '(?:in|on|by|until|till|before|after|during|since|from|next|this|every|each|early|late|mid|mid-|end of|start of|beginning of|middle of)'
const FULL_MONTHS = new Set(MONTHS.slice(0, 12).map(([m]) => m))
/** months that are verbs too */
const VERBS = new Set(['may', 'march'])

const DAYS_IN: Record<number, number> = {
  1: 31,
  2: 29,
  3: 31,
  4: 30,
  5: 31,
  6: 30,
  7: 31,
  8: 31,
  9: 30,
  10: 31,
  11: 30,
  12: 31,
}

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => { month: string; day?: string } }[] = [
  // 12 June, 12th of June, the 3rd of May
  {
    re: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?![a-z])`, 'gi'),
    read: (m) => ({ day: m[1]!, month: m[2]! }),
  },
  // June 12, June 12th, May the 3rd
  {
    re: new RegExp(
      `\\b${MONTH}\\s+(?:the\\s+)?${DAY}(?![\\d:a-z])(?!\\s*(?:%|am\\b|pm\\b|h\\b|km\\b|miles?\\b|years?\\b|people\\b))`,
      'gi',
    ),
    read: (m) => ({ month: m[1]!, day: m[2]! }),
  },
  // in April, next March, early September, end of May
  { re: new RegExp(`\\b${LEAD}\\s+(?:the\\s+)?${MONTH}(?![a-z])`, 'gi'), read: (m) => ({ month: m[1]! }) },
]

/** The dates said in `text`, in the order they appear; a day-and-month wins over the month alone. */
export const datesIn = (text: string): DateInText[] => {
  const found: (DateInText & { at: number; end: number })[] = []
  const overlaps = (at: number, end: number) => found.some((f) => at < f.end && end > f.at)
  for (const p of PATTERNS) {
    for (const m of text.matchAll(p.re)) {
      const r = p.read(m as RegExpExecArray)
      const key = r.month.toLowerCase().replace(/\.$/, '')
      const month = MONTH_OF.get(key)
      if (!month) continue
      const at = m.index ?? 0
      const end = at + m[0].length
      if (overlaps(at, end)) continue
      let day: number | null = null
      if (r.day !== undefined) {
        day = Number(r.day)
        if (day < 1 || day > DAYS_IN[month]!) continue
      } else {
        // the month alone: a short form is too often another word, "may"/"march" only capitalised
        const written = m[0].slice(m[0].length - r.month.length)
        if (!FULL_MONTHS.has(key)) continue
        if (VERBS.has(key) && written[0] === written[0]!.toLowerCase()) continue
      }
      found.push({ month, day, phrase: m[0].trim(), at, end })
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ month, day, phrase }) => ({ month, day, phrase }))
}
