import { describe, expect, it } from 'vitest'
import { DomainError } from '../errors.ts'
import {
  checkWebhookEvents,
  checkWebhookUrl,
  isDelivered,
  nextWebhookAttempt,
  WEBHOOK_MAX_ATTEMPTS,
} from './webhook-endpoint.ts'

const MIN = 60_000
const now = new Date('2026-11-24T10:00:00Z')

describe('webhook endpoints', () => {
  it('retries after 1 min, 5 min, 30 min, 2 h and 6 h, then gives up', () => {
    const waits = [1, 2, 3, 4, 5].map((n) => nextWebhookAttempt(n, now)!.getTime() - now.getTime())
    expect(waits).toEqual([MIN, 5 * MIN, 30 * MIN, 120 * MIN, 360 * MIN])
    expect(nextWebhookAttempt(6, now)).toBeNull()
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(6)
  })

  it('counts only a 2xx answer as delivered', () => {
    expect([200, 202, 204, 299].every(isDelivered)).toBe(true)
    expect([null, 199, 301, 404, 500].some(isDelivered)).toBe(false)
  })

  it('takes http and https addresses and refuses the rest with a reason', () => {
    expect(checkWebhookUrl(' https://example.com/hooks/dazzle#x ')).toBe('https://example.com/hooks/dazzle')
    expect(checkWebhookUrl('http://127.0.0.1:8080/h?token=1')).toBe('http://127.0.0.1:8080/h?token=1')
    for (const bad of [
      '',
      'example.com/h',
      'ftp://example.com',
      'javascript:alert(1)',
      'https://u:p@example.com',
    ]) {
      expect(() => checkWebhookUrl(bad)).toThrow(DomainError)
    }
    expect(() => checkWebhookUrl('ftp://example.com')).toThrow(/http or https, not ftp/)
    expect(() => checkWebhookUrl(`https://example.com/${'a'.repeat(2_000)}`)).toThrow(/too long/)
  })

  it('keeps the events in their canonical order and refuses unknown ones', () => {
    expect(checkWebhookEvents(['oops.closed', 'oops.opened'])).toEqual(['oops.opened', 'oops.closed'])
    expect(() => checkWebhookEvents(['oops.opened', 'oops.exploded'])).toThrow(/"oops.exploded"/)
    expect(() => checkWebhookEvents([])).toThrow(/at least one/)
  })
})
