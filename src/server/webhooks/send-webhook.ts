import { createHmac } from 'node:crypto'
import type { AttemptResult } from '../../db/webhooks.store.ts'
import { WEBHOOK_TIMEOUT_MS } from '../../domain/webhooks/webhook-endpoint.ts'

/**
 * `sha256=` + hex HMAC-SHA256 of "<timestamp>.<body>" under the endpoint's secret. The timestamp is
 * signed too, so a receiver can refuse a replayed old delivery (compare X-Dazzle-Timestamp to now).
 */
export const signWebhook = (secret: string, timestamp: number, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`

export interface WebhookRequest {
  url: string
  secret: string
  deliveryId: string
  event: string
  body: string
  /** seconds since the epoch, from the app's clock */
  timestamp: number
  timeoutMs?: number
}

const describe = (e: unknown): string => {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out'
    const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause
    return cause?.code ? `${cause.code}${cause.message ? `: ${cause.message}` : ''}` : e.message
  }
  return String(e)
}

/**
 * One POST, never longer than the timeout (a hanging endpoint is given up on, not waited for).
 * Redirects are not followed: the address that was configured is the one that is called.
 */
export const sendWebhook = async (r: WebhookRequest): Promise<AttemptResult> => {
  const t0 = performance.now()
  const ms = () => Math.round(performance.now() - t0)
  try {
    const res = await fetch(r.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Dazzle-Webhooks/1',
        'x-dazzle-event': r.event,
        'x-dazzle-delivery': r.deliveryId,
        'x-dazzle-timestamp': String(r.timestamp),
        'x-dazzle-signature': signWebhook(r.secret, r.timestamp, r.body),
      },
      body: r.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(r.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
    })
    // the answer's body is not needed: release the connection without reading it
    await res.body?.cancel().catch(() => undefined)
    const ok = res.status >= 200 && res.status < 300
    return {
      status: res.status,
      ms: ms(),
      error: ok ? null : `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
    }
  } catch (e) {
    return { status: null, ms: ms(), error: describe(e).slice(0, 500) }
  }
}
