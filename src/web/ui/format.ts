/**
 * Money and time as people read them: money always with its currency, dates and times in one zone.
 * The workspace has no zone of its own yet, so dates show in the browser's zone; `timeZone` is the
 * one place to pass the workspace's when it has one.
 */
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
const dateFormats = new Map<string, Intl.DateTimeFormat>()
/** One cached formatter per style and zone; an unknown zone falls back to the browser's. */
const dateFormat = (withTime: boolean, timeZone: string | undefined): Intl.DateTimeFormat => {
  const key = `${withTime}:${timeZone ?? ''}`
  let f = dateFormats.get(key)
  if (!f) {
    const style: Intl.DateTimeFormatOptions = withTime
      ? { dateStyle: 'medium', timeStyle: 'short' }
      : { dateStyle: 'medium' }
    try {
      f = new Intl.DateTimeFormat(undefined, { ...style, timeZone })
    } catch {
      f = new Intl.DateTimeFormat(undefined, style)
    }
    dateFormats.set(key, f)
  }
  return f
}

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
  return formatDateTime(iso)
}

/** "12 Mar 2026, 14:05" in `timeZone` (default: the browser's). */
export const formatDateTime = (iso: string, timeZone?: string): string =>
  dateFormat(true, timeZone).format(new Date(iso))
/** "12 Mar 2026" in `timeZone` (default: the browser's). */
export const formatDate = (iso: string, timeZone?: string): string =>
  dateFormat(false, timeZone).format(new Date(iso))

/** "MK" for "Maya King": at most two letters, "?" for an empty name. */
export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('') || '?'

/** "Maya" for "Maya King". */
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
