import { fromNodeHeaders } from 'better-auth/node'
import type { FastifyPluginAsync } from 'fastify'
import { CLIENT_IP_HEADER } from '../auth.ts'
import type { ServerDeps } from '../deps.ts'
import { errorBody } from '../errors.ts'

/**
 * The session token lives in an httpOnly cookie; the library also echoes it in JSON bodies, where
 * page scripts could read it. Dropped here so an injected script cannot lift a session.
 */
const withoutSessionToken = (text: string): string | null => {
  if (!text) return null
  try {
    const body = JSON.parse(text) as { token?: unknown; session?: { token?: unknown } } | null
    if (body && typeof body === 'object') {
      delete body.token
      if (body.session && typeof body.session === 'object') delete body.session.token
      return JSON.stringify(body)
    }
  } catch {}
  return text
}

/**
 * Hands /api/auth/* to better-auth as a web Request. The client address it rate-limits on is the
 * socket's (set here, replacing anything the client sent).
 */
export const authRoutes =
  (deps: ServerDeps): FastifyPluginAsync =>
  async (app) => {
    app.route({
      method: ['GET', 'POST'],
      url: '/api/auth/*',
      schema: { hide: true },
      async handler(request, reply) {
        const headers = fromNodeHeaders(request.headers)
        headers.set(CLIENT_IP_HEADER, request.ip)
        const url = new URL(request.url, deps.config.baseUrl)
        const hasBody = request.method !== 'GET' && request.body !== undefined
        const res = await deps.auth.handler(
          new Request(url, {
            method: request.method,
            headers,
            body: hasBody ? JSON.stringify(request.body) : undefined,
          }),
        )
        reply.status(res.status)
        res.headers.forEach((value, key) => {
          if (key !== 'set-cookie' && key !== 'content-length') reply.header(key, value)
        })
        const cookies = res.headers.getSetCookie()
        if (cookies.length) reply.header('set-cookie', cookies)
        const text = await res.text()
        if (res.status >= 400) {
          // one error shape everywhere, whatever the library says
          let message = res.statusText || 'The request was refused.'
          let code = 'auth_error'
          try {
            const parsed = JSON.parse(text) as { message?: string; code?: string }
            if (parsed.message) message = parsed.message
            if (parsed.code) code = parsed.code.toLowerCase()
          } catch {}
          if (res.status === 429) {
            code = 'too_many_requests'
            message = 'Too many attempts: wait a minute, then try again.'
          }
          reply.header('content-type', 'application/json; charset=utf-8')
          return reply.send(errorBody(code, message))
        }
        return reply.send(withoutSessionToken(text))
      },
    })
  }
