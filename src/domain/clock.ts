/** Time is a port: rules that depend on "now" are tested by moving a fake clock, not by sleeping. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock tests can move by hand. */
export const fixedClock = (start: Date | string) => {
  let t = new Date(start).getTime()
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms
    },
  }
}

/** Month names as a person reads them, January first (dates in words: awards' periods, moments' days). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const
