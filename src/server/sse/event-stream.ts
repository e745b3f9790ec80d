import type { FastifyReply, FastifyRequest } from 'fastify'

export interface EventStreamOptions {
  /** a comment line this often, so proxies and browsers keep an idle stream open */
  heartbeatMs: number
  /**
   * the stream ends after this long; the browser reconnects with Last-Event-ID, which checks the
   * caller's session and membership again (a removed member stops receiving within this time)
   */
  maxAgeMs: number
  /** how long EventSource waits before reconnecting */
  retryMs: number
}

export interface EventStream {
  readonly closed: boolean
  send(event: { id?: string; event?: string; data: string }): void
  close(): void
  onClose(fn: () => void): void
}

/** a client that reads slower than this many bytes behind is dropped; it reconnects and catches up */
const MAX_BUFFERED = 1024 * 1024

/**
 * Answers `request` with a text/event-stream that stays open. Fastify steps aside (hijack), so the
 * headers its onSend hook would add are set here. Ends when the client goes away, on close(), or
 * after `maxAgeMs`.
 */
export const openEventStream = (
  request: FastifyRequest,
  reply: FastifyReply,
  opts: EventStreamOptions,
): EventStream => {
  reply.hijack()
  const res = reply.raw
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx and friends would otherwise hold events back in a buffer
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  })
  res.socket?.setNoDelay(true)
  let closed = false
  const closers: Array<() => void> = []
  const write = (chunk: string) => {
    if (closed) return
    res.write(chunk)
    if (res.writableLength > MAX_BUFFERED) stream.close()
  }
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), opts.heartbeatMs)
  const maxAge = setTimeout(() => stream.close(), opts.maxAgeMs)
  const finish = () => {
    if (closed) return
    closed = true
    clearInterval(heartbeat)
    clearTimeout(maxAge)
    for (const fn of closers.splice(0)) fn()
  }
  res.on('close', finish)
  res.on('error', finish)
  // the client may have gone while the subscription was being set up: its 'close' has fired already
  if (res.destroyed || !res.socket || res.socket.destroyed) finish()

  const stream: EventStream = {
    get closed() {
      return closed
    },
    send({ id, event, data }) {
      // a field value never holds a line break (JSON.stringify escapes them); ids and names are ours
      let chunk = ''
      if (event) chunk += `event: ${event}\n`
      if (id) chunk += `id: ${id}\n`
      write(`${chunk}data: ${data}\n\n`)
    },
    close() {
      if (closed) return
      res.end()
      finish()
    },
    onClose(fn) {
      if (closed) fn()
      else closers.push(fn)
    },
  }
  write(`retry: ${opts.retryMs}\n\n`)
  return stream
}
