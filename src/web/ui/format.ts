const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
]

/** "3 minutes ago", "in 6 days". */
export const fromNow = (iso: string, now = Date.now()): string => {
  let value = (new Date(iso).getTime() - now) / 1000
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) {
      if (unit === 'second' && Math.abs(value) < 45) return 'just now'
      return relative.format(Math.round(value), unit)
    }
    value /= size
  }
  return absolute.format(new Date(iso))
}

export const formatDateTime = (iso: string): string => absolute.format(new Date(iso))
export const formatDate = (iso: string): string => dateOnly.format(new Date(iso))

export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('') || '?'

export const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? name

const moneyFormats = new Map<string, Intl.NumberFormat>()
const moneyFormat = (currency: string, compact: boolean): Intl.NumberFormat => {
  const key = `${currency}:${compact}`
  let f = moneyFormats.get(key)
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
      })
    } catch {
      // an unknown currency code: show the number and the code
      f = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })
    }
    moneyFormats.set(key, f)
  }
  return f
}

/** "£12,345.60" in the workspace currency; `compact` gives "£12K" for tight places (charts). */
export const formatMoney = (amount: number, currency: string, compact = false): string =>
  moneyFormat(currency, compact).format(amount)

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })

/** "4,322". */
export const formatCount = (n: number): string => integer.format(n)
/** "1,234.5". */
export const formatNumber = (n: number): string => decimal.format(n)

/** A fraction 0..1 as "37.5 %" (the source writes "80 %"). */
export const formatShare = (fraction: number, digits = 1): string =>
  `${new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(fraction * 100)}\u00a0%`
