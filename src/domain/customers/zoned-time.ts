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
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return null
  const guess = Date.UTC(y, mo - 1, d, h, mi, se)
  const check = new Date(guess)
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null
  // local = utc + offset → utc = local − offset; a second pass settles the offset at the true instant
  let utc = guess - zoneOffsetMs(guess, tz)
  utc = guess - zoneOffsetMs(utc, tz)
  return new Date(utc)
}
