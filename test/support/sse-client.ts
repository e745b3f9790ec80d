/** One server-sent event as a reader sees it. */
export interface SseEvent {
  event: string
  id: string | undefined
  data: string
  /** performance.now() when it arrived */
  at: number
}

export interface SseStream {
  status: number
  /** every event so far, in order */
  events: SseEvent[]
  /** comment lines (heartbeats) so far */
  comments: number
  /** the next event not yet taken that satisfies `match`; rejects after `timeoutMs` */
  next(match?: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>
  /** resolves when the server ends the stream */
  ended: Promise<void>
  close(): void
}

/**
 * A streaming client for text/event-stream on Node's fetch, reading the wire format itself (like a
 * browser's EventSource, without its automatic reconnect). A non-200 answer comes back with its
 * status and an empty stream.
 */
export const openSse = async (url: string, headers: Record<string, string> = {}): Promise<SseStream> => {
  const abort = new AbortController()
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal })
  const events: SseEvent[] = []
  let taken = 0
  const waiters = new Set<() => void>()
  const stream: SseStream = {
    status: res.status,
    events,
    comments: 0,
    ended: Promise.resolve(),
    next(match = () => true, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          for (let i = taken; i < events.length; i++) {
            const e = events[i]!
            if (match(e)) {
              taken = i + 1
              cleanup()
              resolve(e)
              return true
            }
          }
          return false
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(
            new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.slice(taken))}`),
          )
        }, timeoutMs)
        const cleanup = () => {
          clearTimeout(timer)
          waiters.delete(check)
        }
        const check = () => void look()
        if (!look()) waiters.add(check)
      })
    },
    close: () => abort.abort(),
  }
  if (res.status !== 200 || !res.body) {
    await res.arrayBuffer().catch(() => undefined)
    return stream
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
  stream.ended = (async () => {
    let buffer = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += value
        let cut = buffer.search(/\r?\n\r?\n/)
        while (cut >= 0) {
          const block = buffer.slice(0, cut)
          buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '')
          const e: SseEvent = { event: 'message', id: undefined, data: '', at: performance.now() }
          let hasData = false
          for (const line of block.split(/\r?\n/)) {
            if (line.startsWith(':')) {
              stream.comments++
              continue
            }
            const colon = line.indexOf(':')
            const field = colon < 0 ? line : line.slice(0, colon)
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
            if (field === 'event') e.event = value
            else if (field === 'id') e.id = value
            else if (field === 'data') {
              e.data = hasData ? `${e.data}\n${value}` : value
              hasData = true
            }
          }
          if (hasData) {
            events.push(e)
            for (const w of [...waiters]) w()
          }
          cut = buffer.search(/\r?\n\r?\n/)
        }
      }
    } catch {
      // aborted by close()
    }
  })()
  return stream
}
