import { fromNodeHeaders } from 'better-auth/node'
import type { FastifyPluginAsync } from 'fastify'
import { signInStore } from '../../db/sign-in.store.ts'
import {
  DEFAULT_SIGN_IN_LIMITS,
  judgeSignIn,
  locksAccountNow,
  type SignInHistory,
  type SignInLimits,
  signInPausedEmail,
} from '../../domain/workspaces/sign-in-guard.ts'
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
const emailOf = (body: unknown): string | null => {
  const e = body && typeof body === 'object' ? (body as { email?: unknown }).email : undefined
  return typeof e === 'string' && e.trim() ? e.trim().toLowerCase().slice(0, 320) : null
}

export const authRoutes =
  (deps: ServerDeps): FastifyPluginAsync =>
  async (app) => {
    const guard = signInStore(deps.database.raw)
    const limits: SignInLimits = {
      ...DEFAULT_SIGN_IN_LIMITS,
      perMinute: deps.config.signInPerMinute,
      accountLockAfter: deps.config.signInLockAfter,
      lockMinutes: deps.config.signInLockMinutes,
    }
    /** the account's owner hears that it was paused, once, with what to do if it was not them */
    const tellOwner = async (email: string, ip: string) => {
      const user = await deps.identity.userByEmail(email)
      if (!user) return
      try {
        await deps.mailer.send(
          signInPausedEmail({
            to: user.email,
            name: user.name,
            fromAddress: ip,
            limits,
            resetUrl: `${deps.config.baseUrl}/forgot-password`,
          }),
        )
      } catch (e) {
        app.log.warn({ err: e }, 'the sign-in pause email could not be sent')
      }
    }
    app.route({
      method: ['GET', 'POST'],
      url: '/api/auth/*',
      schema: { hide: true },
      async handler(request, reply) {
        const signIn = request.method === 'POST' && request.url.split('?')[0] === '/api/auth/sign-in/email'
        const email = signIn ? emailOf(request.body) : null
        const now = deps.clock.now()
        let history: SignInHistory | null = null
        if (email) {
          history = await guard.history(email, request.ip, now, limits.lockMinutes)
          const verdict = judgeSignIn(history, limits)
          if (!verdict.allowed) {
            return reply
              .status(429)
              .header('retry-after', String(verdict.retryAfterSeconds))
              .send(errorBody('too_many_requests', verdict.message))
          }
        }
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
        if (email && history) {
          if (res.status === 401) {
            await guard.failed(email, request.ip, now)
            if (locksAccountNow(history.account, limits)) await tellOwner(email, request.ip)
          } else if (res.status === 200) await guard.succeeded(email, request.ip, now)
        }
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
