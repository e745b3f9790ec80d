import type { Clock } from '../clock.ts'
import { DomainError } from '../errors.ts'
import { RECOVERY_EVENTS, type RecoveryEvent } from '../recovery/ports.ts'
import type { AuditLog } from '../workspaces/ports.ts'

/** What an endpoint can subscribe to: the outgoing events of the recovery engine. */
export const WEBHOOK_EVENTS = RECOVERY_EVENTS
export type WebhookEvent = RecoveryEvent
/** Sent by "Send a test": proves the URL and the signature check, never retried. */
export const PING_EVENT = 'ping'

/** A hanging endpoint is given up on after this long, so it never holds anything else up. */
export const WEBHOOK_TIMEOUT_MS = 5_000
/** Waits before the 2nd, 3rd … attempt: 1 min, 5 min, 30 min, 2 h, 6 h; then the delivery fails. */
export const WEBHOOK_RETRY_DELAYS_MS = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  6 * 3_600_000,
] as const
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1
export const WEBHOOK_URL_MAX = 2_000

/** When to try again after `attemptsMade` failed attempts; null once the retries are spent. */
export const nextWebhookAttempt = (attemptsMade: number, now: Date): Date | null => {
  const wait = WEBHOOK_RETRY_DELAYS_MS[attemptsMade - 1]
  return wait === undefined ? null : new Date(now.getTime() + wait)
}

/** A delivery counts as received when the endpoint answers 2xx; anything else is retried. */
export const isDelivered = (status: number | null) => status !== null && status >= 200 && status < 300

/** http or https, a host, no credentials in it; returns the URL as it will be called. */
export const checkWebhookUrl = (input: string): string => {
  const text = input.trim()
  const refuse = (message: string) => {
    throw new DomainError('invalid_input', message, { field: 'url' })
  }
  if (!text) refuse('Give the address Dazzle should send events to.')
  if (text.length > WEBHOOK_URL_MAX)
    refuse(`That address is too long (at most ${WEBHOOK_URL_MAX} characters).`)
  let url: URL | null = null
  try {
    url = new URL(text)
  } catch {
    refuse(
      `"${text.slice(0, 80)}" is not a web address: it should look like https://example.com/hooks/dazzle.`,
    )
  }
  const u = url as URL
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    refuse(`Webhooks are sent over http or https, not ${u.protocol.replace(/:$/, '')}.`)
  }
  if (!u.hostname) refuse('The address needs a host name.')
  if (u.username || u.password) {
    refuse(
      'Leave the user name and password out of the address: check the X-Dazzle-Signature header instead.',
    )
  }
  u.hash = ''
  return u.toString()
}

export const checkWebhookEvents = (events: readonly string[]): WebhookEvent[] => {
  const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e))
  if (unknown.length) {
    throw new DomainError(
      'invalid_input',
      `Unknown event ${unknown.map((e) => `"${e}"`).join(', ')}: choose from ${WEBHOOK_EVENTS.join(', ')}.`,
      { field: 'events' },
    )
  }
  if (events.length === 0) {
    throw new DomainError('invalid_input', 'Choose at least one event to send.', { field: 'events' })
  }
  return WEBHOOK_EVENTS.filter((e) => events.includes(e))
}

export interface WebhookEndpoint {
  id: string
  url: string
  events: WebhookEvent[]
  active: boolean
  createdAt: Date
}

export interface WebhookPort {
  get(id: string): Promise<WebhookEndpoint | undefined>
  insert(e: {
    url: string
    events: WebhookEvent[]
    active: boolean
    secret: string
    createdBy: string
  }): Promise<string>
  update(id: string, patch: Partial<Pick<WebhookEndpoint, 'url' | 'events' | 'active'>>): Promise<void>
  remove(id: string): Promise<void>
  delivery(
    endpointId: string,
    deliveryId: string,
  ): Promise<{ id: string; status: 'pending' | 'delivered' | 'failed'; attempts: number } | undefined>
  /** a new attempt of a delivery, sent by the job runner at `at` */
  retry(deliveryId: string, attempt: number, at: Date): Promise<void>
  /** a ping to an endpoint: a delivery of its own, sent at once by the caller, never retried */
  createPing(endpointId: string, now: Date): Promise<string>
}

export interface WebhookDeps {
  webhooks: WebhookPort
  audit: AuditLog
  clock: Clock
  /** a new signing secret: random, shown once */
  newSecret(): string
}
