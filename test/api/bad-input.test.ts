import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
let routes: Array<{ method: string; path: string }>
/** Server-sent event routes: a valid signed-in request stays open by design, so they are fuzzed signed out. */
let streams: Array<{ method: string; path: string }>
beforeAll(async () => {
  t = await buildTestApp()
  cookie = (await t.admin('fuzz@bad.test', 'Fuzz Co')).cookie
  const doc = (await t.app.inject('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, unknown>>
  }
  const all = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method,
      path,
      stream: String((op as { description?: string }).description ?? '').startsWith('text/event-stream'),
    })),
  )
  routes = all.filter((r) => !r.stream)
  streams = all.filter((r) => r.stream)
})
afterAll(() => t.close())

const expectErrorShape = (res: { statusCode: number; body: string }, what: string) => {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body}`).toBeLessThan(500)
  if (res.statusCode >= 400) {
    const body = JSON.parse(res.body)
    expect(body.error.code, what).toEqual(expect.any(String))
    expect(body.error.message, what).toEqual(expect.any(String))
    expect(res.body, what).not.toMatch(/\bat .+\.ts:\d+/) // no stack traces
  }
}

const segment = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('0', '-1', '%00', '..', 'null', 'a'.repeat(300), "' or 1=1 --", '😀'),
)
const garbage = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })),
  fc.record({ email: fc.string(), role: fc.string(), name: fc.jsonValue(), extra: fc.anything() }),
)

describe('bad input never makes a 5xx', () => {
  it('lists the routes of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(12)
    expect(streams.map((r) => r.path).sort()).toEqual([
      '/api/notifications/stream',
      '/api/secrets/feed/stream',
    ])
  })

  it('answers garbage on the event-stream routes, signed out, with a 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...streams),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
        async (route, query) => {
          const res = await t.app.inject({ method: 'GET', url: route.path, query, headers: ORIGIN })
          expect([401, 422]).toContain(res.statusCode)
          expectErrorShape(res, `${route.method} ${route.path}`)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('answers generated garbage on every route with a 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        segment,
        garbage,
        fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
        fc.boolean(),
        async (i, seg, body, query, signedIn) => {
          const route = routes[i % routes.length]!
          const url = route.path.replace(/\{[^}]+\}/g, encodeURIComponent(seg) || 'x')
          const res = await t.app.inject({
            method: route.method.toUpperCase() as 'POST',
            url,
            query,
            headers: signedIn ? { cookie, ...ORIGIN } : ORIGIN,
            ...(route.method === 'get' || route.method === 'delete' ? {} : { payload: body as object }),
          })
          expectErrorShape(res, `${route.method} ${url}`)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('answers malformed JSON, wrong media types, oversize bodies and unknown fields clearly', async () => {
    const post = (payload: string, headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/workspaces',
        payload,
        headers: { cookie, ...ORIGIN, ...headers },
      })
    const malformed = await post('{"name": ', { 'content-type': 'application/json' })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error.code).toBe('malformed_json')

    const text = await post('name=x', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(text.statusCode).toBe(415)
    expect(text.json().error.code).toBe('unsupported_media_type')

    const huge = await post(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), {
      'content-type': 'application/json',
    })
    expect(huge.statusCode).toBe(413)
    expect(huge.json().error.code).toBe('payload_too_large')

    const unknown = await post(JSON.stringify({ name: 'Valid name', colour: 'red' }), {
      'content-type': 'application/json',
    })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().error).toMatchObject({ code: 'validation_failed' })
    expect(unknown.json().error.message).toMatch(/colour/)

    const wrongType = await post(JSON.stringify({ name: 42 }), { 'content-type': 'application/json' })
    expect(wrongType.statusCode).toBe(422)
    expect(wrongType.json().error.message).toMatch(/^body\.name: /)
  })

  it('throws garbage at the auth endpoints without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'sign-in/email',
          'sign-up/email',
          'request-password-reset',
          'reset-password',
          'sign-out',
        ),
        garbage,
        async (path, body) => {
          const res = await t.app.inject({
            method: 'POST',
            url: `/api/auth/${path}`,
            headers: ORIGIN,
            payload: body as object,
            remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
          })
          expectErrorShape(res, path)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('leaves the data as it was after refused requests', async () => {
    const before = (await t.app.inject({ url: '/api/me', headers: { cookie } })).json()
    await t.app.inject({
      method: 'POST',
      url: '/api/workspace/invitations',
      headers: { cookie, ...ORIGIN },
      payload: { email: 'not-an-email', role: 'sales' },
    })
    const inv = (await t.app.inject({ url: '/api/workspace/invitations', headers: { cookie } })).json()
    expect(inv.invitations).toEqual([])
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).json()).toEqual(before)
  })
})
