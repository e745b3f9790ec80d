import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatMoney, formatShare, fromNow, initials } from './format.ts'

describe('the kit’s formatting', () => {
  it('writes money with its currency, and an unknown code as a plain number', () => {
    expect(formatMoney(1234.5, 'GBP')).toMatch(/£1,234\.50/)
    expect(formatMoney(1234.5, 'EUR')).toMatch(/€/)
    expect(formatMoney(12_345, 'GBP', true)).toMatch(/£12(\.3)?K/)
    expect(formatMoney(10, 'NOPE!')).toBe('10')
  })

  it('shows one instant in the zone it is given', () => {
    const iso = '2026-03-01T23:30:00Z'
    expect(formatDate(iso, 'Europe/London')).toMatch(/1/)
    expect(formatDate(iso, 'Asia/Tokyo')).toMatch(/2/)
    expect(formatDateTime(iso, 'UTC')).toMatch(/23:30|11:30/)
    // an unknown zone falls back to the browser's rather than throwing
    expect(formatDateTime(iso, 'Not/AZone')).toBe(formatDateTime(iso))
  })

  it('says how long ago, in words', () => {
    const now = Date.parse('2026-03-01T12:00:00Z')
    expect(fromNow('2026-03-01T11:59:50Z', now)).toBe('just now')
    expect(fromNow('2026-03-01T11:57:00Z', now)).toBe('3 minutes ago')
    expect(fromNow('2026-03-07T12:00:00Z', now)).toBe('in 6 days')
  })

  it('keeps a share and initials short', () => {
    expect(formatShare(0.375)).toBe('37.5\u00a0%')
    expect(initials('Maya  King Smith')).toBe('MK')
    expect(initials('  ')).toBe('?')
  })
})
