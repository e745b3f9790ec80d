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

/** minutes the zone is ahead of UTC at the instant `utcMs` */
const zoneOffsetMs = (utcMs: number, tz: string) => {
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
