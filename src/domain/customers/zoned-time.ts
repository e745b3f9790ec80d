/**
 * "2011-12-09 12:50:00" in a named time zone (UK local for the retail data) → the instant.
 * Uses the runtime's time-zone database (Intl); correct across daylight-saving changes.
 */
const offsetCache = new Map<string, Intl.DateTimeFormat>()
const formatter = (tz: string) => {
  let f = offsetCache.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    offsetCache.set(tz, f)
  }
  return f
}

/** milliseconds the zone is ahead of UTC at the instant `utcMs` (read from Intl: slow) */
const exactOffsetMs = (utcMs: number, tz: string) => {
  const parts = Object.fromEntries(
    formatter(tz)
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, p.value]),
  )
  const asUtc = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour!,
    +parts.minute!,
    +parts.second!,
  )
  return asUtc - (utcMs - (utcMs % 1000))
}

const HOUR = 3600_000
/**
 * Per zone, UTC hour → the zone's offset throughout that hour, or null when the offset changes
 * inside it (a daylight-saving switch: then each instant is read exactly). Zones never switch
 * twice within one hour, so an offset equal at both ends of the hour holds for all of it.
 */
const hourOffsets = new Map<string, Map<number, number | null>>()

const zoneOffsetMs = (utcMs: number, tz: string) => {
  let hours = hourOffsets.get(tz)
  if (!hours) {
    hours = new Map()
    hourOffsets.set(tz, hours)
  }
  const hour = Math.floor(utcMs / HOUR)
  let offset = hours.get(hour)
  if (offset === undefined) {
    const first = exactOffsetMs(hour * HOUR, tz)
    offset = first === exactOffsetMs(hour * HOUR + HOUR - 1000, tz) ? first : null
    if (hours.size >= 100_000) hours.clear()
    hours.set(hour, offset)
  }
  return offset ?? exactOffsetMs(utcMs, tz)
}

export const isTimeZone = (tz: string) => {
  try {
    formatter(tz)
    return true
  } catch {
    return false
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/
const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/

/** Parses a timestamp; one with its own offset (ISO) is taken as is, a local one is read in `tz`. */
export const parseTimestamp = (text: string, tz: string): Date | null => {
  // consecutive lines of a file mostly share their timestamp
  if (text === last.text && tz === last.tz) return last.utc === null ? null : new Date(last.utc)
  const d = parseTimestampUncached(text, tz)
  last.text = text
  last.tz = tz
  last.utc = d ? d.getTime() : null
  return d
}
const last: { text: string | null; tz: string; utc: number | null } = { text: null, tz: '', utc: null }

const parseTimestampUncached = (text: string, tz: string): Date | null => {
  const s = text.trim()
  if (WITH_OFFSET.test(s)) {
    const d = new Date(s)
    return Number.isNaN(d.getTime()) ? null : d
  }
  const m = LOCAL.exec(s)
  if (!m) return null
  const [y, mo, d, h, mi, se] = [+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)]
  return localToInstant(y, mo, d, h, mi, se, tz)
}

/** A wall-clock time in `tz` → the instant, or null for a day that does not exist (31 April). */
const localToInstant = (y: number, mo: number, d: number, h: number, mi: number, se: number, tz: string) => {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return null
  const guess = Date.UTC(y, mo - 1, d, h, mi, se)
  const check = new Date(guess)
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null
  // local = utc + offset → utc = local − offset; a second pass settles the offset at the true instant
  let utc = guess - zoneOffsetMs(guess, tz)
  utc = guess - zoneOffsetMs(utc, tz)
  return new Date(utc)
}

/**
 * Which part of a date written with slashes comes first: day (DD/MM/YYYY) or month (MM/DD/YYYY).
 * A file says it only where a part is above 12; `either` when both read (03/04/2021).
 */
export type DateOrder = 'dmy' | 'mdy'

const SLASHED = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[ T]?(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/
const SERIAL = /^\d{1,5}(\.\d+)?$/

/** What one date cell says of the column's order: `dmy`, `mdy`, `either`, or null (not a slashed date). */
export const dateOrderEvidence = (text: string): DateOrder | 'either' | null => {
  const m = SLASHED.exec(text.trim())
  if (!m) return null
  // dots are day-first wherever they are written (31.12.2021)
  if (m[2] === '.') return 'dmy'
  const a = +m[1]!
  const b = +m[3]!
  if (a > 12 && b <= 12) return 'dmy'
  if (b > 12 && a <= 12) return 'mdy'
  return a <= 12 && b <= 12 ? 'either' : null
}

/**
 * A date cell in the forms people's files have, read in `tz` when it carries no offset: ISO
 * (2011-12-09 12:50, with or without an offset), YYYYMMDD (19970101), DD/MM/YYYY or MM/DD/YYYY by
 * `order` (with slashes, dots or dashes, optionally a time), or an Excel serial day (35431 =
 * 1997-01-01, a fraction is the time of day). Null when it is none of these, or a day that
 * does not exist; a slashed date needs `order` unless it can only be read one way.
 */
export const parseDateCell = (text: string, tz: string, order: DateOrder | null): Date | null => {
  const s = text.trim()
  // ISO first (the common case, cached); "01-02-2021" must not reach Date's own guessing
  if (s.charCodeAt(4) === 45 /* - */) return parseTimestamp(s, tz)
  let m = COMPACT.exec(s)
  if (m) return localToInstant(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), tz)
  m = SLASHED.exec(s)
  if (m) {
    const evidence = dateOrderEvidence(s)
    // a date that can only be read one way, against the column's order, is not read at all
    if (order && evidence !== 'either' && evidence !== order) return null
    const o = evidence === 'dmy' || evidence === 'mdy' ? evidence : order
    if (!o) return null
    const [d, mo] = o === 'dmy' ? [+m[1]!, +m[3]!] : [+m[3]!, +m[1]!]
    return localToInstant(+m[4]!, mo, d, +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? 0), tz)
  }
  if (SERIAL.test(s)) {
    const serial = Number(s)
    if (serial < 1) return null
    // Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included); the wall clock of that day
    const wall = new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000))
    return localToInstant(
      wall.getUTCFullYear(),
      wall.getUTCMonth() + 1,
      wall.getUTCDate(),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
      tz,
    )
  }
  return null
}

/** An instant as a person in `tz` reads it: "2026-04-02 00:00" (the wizard's preview, messages). */
export const formatInZone = (at: Date, tz: string) => {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  )
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${p.second !== '00' ? `:${p.second}` : ''}`
}
