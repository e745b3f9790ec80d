/**
 * Live-feed latency: from recording a secret (POST /api/customers/:id/secrets) to a subscriber of
 * GET /api/secrets/feed/stream receiving it. Called by bench/secrets.ts after its own measurements;
 * records sequentially (one at a time, so no queueing is measured) against a running app.
 *
 * Two figures per record: from the moment the POST returns (what a colleague perceives: "I saved
 * it, when does marketing see it?"; 0 when the event came first — NOTIFY is delivered at commit,
 * which is before the answer is written), and from the moment the POST was sent.
 */
import { openSse, type SseEvent } from '../test/support/sse-client.ts'

export interface FeedBenchOptions {
  /** the app, e.g. http://127.0.0.1:4123 */
  base: string
  /** how to authenticate: { authorization: 'Bearer …' } or { cookie: '…' } (+ x-dazzle-workspace) */
  headers: Record<string, string>
  /** existing customers to record about; when empty, one organisation is created */
  customerIds?: string[]
  /** how many secrets to record (default 200) */
  records?: number
  /** how many subscribers listen at once (default 1); latency is to the last of them */
  subscribers?: number
  /** subscribe on another app instance on the same database (default: `base`) */
  streamBase?: string
  out?: (s: string) => void
}

export interface FeedBenchResult {
  records: number
  subscribers: number
  /** POST returned → event received, ms */
  p50: number
  p95: number
  max: number
  /** POST sent → event received, ms */
  sentP50: number
  sentP95: number
  /** events that arrived before the POST's answer */
  early: number
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN

const ORG_CATEGORIES = ['inventory_problems', 'cash_flow_margin', 'employment_equity', 'product_quality']
const PERSON_CATEGORIES = ['habit', 'dream', 'hope', 'recreation_preference', 'entertainment_choice']

export const benchFeed = async (o: FeedBenchOptions): Promise<FeedBenchResult> => {
  const records = o.records ?? 200
  const subscriberCount = o.subscribers ?? 1
  const json = { ...o.headers, 'content-type': 'application/json', origin: new URL(o.base).origin }

  // who to record about, and which categories fit them
  const targets: { id: string; categories: string[] }[] = []
  for (const id of (o.customerIds ?? []).slice(0, 50)) {
    const r = await fetch(`${o.base}/api/customers/${encodeURIComponent(id)}`, { headers: o.headers })
    if (r.status !== 200) continue
    const c = (await r.json()) as { kind: string }
    targets.push({ id, categories: c.kind === 'person' ? PERSON_CATEGORIES : ORG_CATEGORIES })
  }
  if (targets.length === 0) {
    const r = await fetch(`${o.base}/api/customers`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'Feed bench customer', kind: 'organisation' }),
    })
    if (r.status !== 201)
      throw new Error(`feed bench: creating a customer failed: ${r.status} ${await r.text()}`)
    targets.push({ id: ((await r.json()) as { id: string }).id, categories: ORG_CATEGORIES })
  }

  const streams = await Promise.all(
    Array.from({ length: subscriberCount }, () =>
      openSse(`${o.streamBase ?? o.base}/api/secrets/feed/stream`, o.headers),
    ),
  )
  try {
    for (const s of streams) {
      if (s.status !== 200) throw new Error(`feed bench: the stream answered ${s.status}`)
      await s.next((e) => e.event === 'ready', 10_000)
    }
    const afterReturn: number[] = []
    const afterSend: number[] = []
    let early = 0
    const isSecret = (id: string) => (e: SseEvent) =>
      e.event === 'secret' && (JSON.parse(e.data) as { id: string }).id === id
    for (let i = 0; i < records + 5; i++) {
      const target = targets[i % targets.length]!
      const sent = performance.now()
      const r = await fetch(`${o.base}/api/customers/${target.id}/secrets`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          category: target.categories[i % target.categories.length],
          text: `Feed bench secret ${i}: keeps bees in the garden`,
        }),
      })
      const returned = performance.now()
      if (r.status !== 201) throw new Error(`feed bench: recording failed: ${r.status} ${await r.text()}`)
      const { id } = (await r.json()) as { id: string }
      const events = await Promise.all(streams.map((s) => s.next(isSecret(id), 10_000)))
      const arrived = Math.max(...events.map((e) => e.at))
      // the first few warm up connections and caches
      if (i < 5) continue
      if (arrived < returned) early++
      afterReturn.push(Math.max(0, arrived - returned))
      afterSend.push(arrived - sent)
    }
    const result: FeedBenchResult = {
      records,
      subscribers: subscriberCount,
      p50: pct(afterReturn, 0.5),
      p95: pct(afterReturn, 0.95),
      max: Math.max(...afterReturn),
      sentP50: pct(afterSend, 0.5),
      sentP95: pct(afterSend, 0.95),
      early,
    }
    o.out?.(
      `\nLive feed: record → subscriber, ${records} sequential records, ${subscriberCount} subscriber(s)${o.streamBase ? ' on another instance' : ''}\n` +
        `  after the POST returns   p50 ${result.p50.toFixed(2)} ms   p95 ${result.p95.toFixed(2)} ms   max ${result.max.toFixed(2)} ms   (${early} arrived before the answer)\n` +
        `  after the POST is sent   p50 ${result.sentP50.toFixed(2)} ms   p95 ${result.sentP95.toFixed(2)} ms`,
    )
    return result
  } finally {
    for (const s of streams) s.close()
  }
}
