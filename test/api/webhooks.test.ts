import { createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

interface Received {
  path: string
  headers: http.IncomingHttpHeaders
  body: string
  /** performance.now() when it arrived */
  at: number
}

/** A real HTTP endpoint on a loopback port: /ok answers 204, /fail 500, /hang never answers. */
const startReceiver = async () => {
  const received: Received[] = []
  const hanging = new Set<http.ServerResponse>()
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (d) => {
      body += d
    })
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body, at: performance.now() })
      if (req.url?.startsWith('/hang')) {
        hanging.add(res)
        return
      }
      res.statusCode = req.url?.startsWith('/fail') ? 500 : 204
      res.end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    received,
    async close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}

/** What a receiver does: recompute the signature over "<timestamp>.<raw body>" and compare in constant time. */
const verify = (secret: string, r: Received) => {
  const ts = String(r.headers['x-dazzle-timestamp'])
  const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex')}`
  const given = String(r.headers['x-dazzle-signature'])
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
}

let t: TestApp
let receiver: Awaited<ReturnType<typeof startReceiver>>
beforeAll(async () => {
  t = await buildTestApp()
  receiver = await startReceiver()
})
afterAll(async () => {
  await t.close()
  await receiver.close()
})

const call = (method: string, url: string, cookie: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })

const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const service = await t.member(admin, `sue@${tag}.test`, 'service')
  const customer = (
    await call('POST', '/api/customers', admin, { name: 'Harbour Wines', kind: 'organisation' })
  ).json()
  const addHook = async (path: string, events: string[]) => {
    const res = await call('POST', '/api/webhooks', admin, { url: `${receiver.base}${path}`, events })
    expect(res.statusCode).toBe(201)
    return res.json() as { id: string; url: string; secret: string; events: string[] }
  }
  const openOops = async () => {
    const res = await call('POST', '/api/oops', service, {
      customerId: customer.id,
      type: 'billing_mistake',
      description: 'Charged twice for the December order',
    })
    expect(res.statusCode).toBe(201)
    return res.json() as { id: string }
  }
  const log = async (hookId: string) => {
    const res = await call('GET', `/api/webhooks/${hookId}/deliveries`, admin)
    expect(res.statusCode).toBe(200)
    return res.json().deliveries as {
      id: string
      event: string
      status: string
      attempts: number
      responseStatus: number | null
      responseMs: number | null
      error: string | null
      nextAttemptAt: string | null
      attemptLog: { attempt: number; at: string; responseStatus: number | null; error: string | null }[]
    }[]
  }
  return { admin, service, workspace, customer, addHook, openOops, log }
}

const at = (path: string) => receiver.received.filter((r) => r.path === path)

describe('outgoing webhooks', () => {
  it('signs each delivery with the endpoint secret and logs it as delivered', async () => {
    const s = await setup('signed')
    const hook = await s.addHook('/ok/signed', ['oops.opened', 'oops.closed', 'secret.recorded'])
    expect(hook.secret).toMatch(/^whsec_/)
    expect(hook.events).toEqual(['oops.opened', 'oops.closed', 'secret.recorded'])
    // the secret is shown once: never in the list
    const list = await call('GET', '/api/webhooks', s.admin)
    expect(list.json().webhooks).toEqual([
      expect.objectContaining({ id: hook.id, url: `${receiver.base}/ok/signed` }),
    ])
    expect(list.body).not.toContain(hook.secret)

    const o = await s.openOops()
    await t.jobs.runDueJobs()
    const [got] = at('/ok/signed')
    expect(got).toBeDefined()
    expect(got!.headers['content-type']).toBe('application/json')
    expect(got!.headers['x-dazzle-event']).toBe('oops.opened')
    expect(verify(hook.secret, got!)).toBe(true)
    expect(verify('whsec_someone-else', got!)).toBe(false)
    expect(Number(got!.headers['x-dazzle-timestamp'])).toBe(Math.floor(t.clock.now().getTime() / 1000))
    const body = JSON.parse(got!.body)
    expect(body).toMatchObject({
      id: got!.headers['x-dazzle-delivery'],
      event: 'oops.opened',
      workspaceId: s.workspace.id,
      data: { oopsId: o.id, customerId: s.customer.id, type: 'billing_mistake' },
    })

    const [d] = await s.log(hook.id)
    expect(d).toMatchObject({
      id: body.id,
      event: 'oops.opened',
      status: 'delivered',
      attempts: 1,
      responseStatus: 204,
    })
    expect(d!.attemptLog).toEqual([expect.objectContaining({ attempt: 1, responseStatus: 204, error: null })])
    // delivered once: running again sends nothing
    await t.jobs.runDueJobs()
    expect(at('/ok/signed')).toHaveLength(1)
  })

  it('sends secret.recorded with whom and which category, never the text', async () => {
    const s = await setup('secret')
    const hook = await s.addHook('/ok/secret', ['secret.recorded'])
    const rec = await call('POST', `/api/customers/${s.customer.id}/secrets`, s.service, {
      category: 'inventory_problems',
      text: 'Out of stock on Solent charts every December',
    })
    expect(rec.statusCode).toBe(201)
    await t.jobs.runDueJobs()
    const [got] = at('/ok/secret')
    expect(verify(hook.secret, got!)).toBe(true)
    expect(JSON.parse(got!.body)).toMatchObject({
      event: 'secret.recorded',
      data: { secretId: rec.json().id, customerId: s.customer.id, category: 'inventory_problems' },
    })
    expect(got!.body).not.toContain('Solent')
  })

  it('retries an endpoint that answers 500 with backoff, logs each attempt, and fails after the last', async () => {
    const s = await setup('retry')
    const hook = await s.addHook('/fail/retry', ['oops.opened'])
    await s.openOops()
    await t.jobs.runDueJobs()
    let [d] = await s.log(hook.id)
    expect(d).toMatchObject({
      status: 'pending',
      attempts: 1,
      responseStatus: 500,
      error: 'HTTP 500 Internal Server Error',
    })
    expect(new Date(d!.nextAttemptAt!).getTime()).toBe(t.clock.now().getTime() + MINUTE)

    // not before its time
    t.clock.advance(MINUTE - 1_000)
    await t.jobs.runDueJobs()
    expect(at('/fail/retry')).toHaveLength(1)
    // then 1 min, 5 min, 30 min, 2 h, 6 h after each failure
    const waits = [1_000, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR]
    for (const [i, wait] of waits.entries()) {
      t.clock.advance(wait)
      await t.jobs.runDueJobs()
      expect(at('/fail/retry')).toHaveLength(i + 2)
    }
    ;[d] = await s.log(hook.id)
    expect(d).toMatchObject({ status: 'failed', attempts: 6, nextAttemptAt: null })
    expect(d!.attemptLog.map((a) => [a.attempt, a.responseStatus])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => [n, 500]),
    )
    const gaps = d!.attemptLog
      .slice(1)
      .map((a, i) => new Date(a.at).getTime() - new Date(d!.attemptLog[i]!.at).getTime())
    expect(gaps).toEqual([MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR])
    // nothing more on its own
    t.clock.advance(24 * HOUR)
    await t.jobs.runDueJobs()
    expect(at('/fail/retry')).toHaveLength(6)

    // fixed on their side: point it elsewhere and send the failed delivery again, once
    expect(
      (await call('PATCH', `/api/webhooks/${hook.id}`, s.admin, { url: `${receiver.base}/ok/retry` }))
        .statusCode,
    ).toBe(200)
    const again = await call('POST', `/api/webhooks/${hook.id}/deliveries/${d!.id}/redeliver`, s.admin)
    expect(again.statusCode).toBe(200)
    // a second click while it is queued is refused, not doubled
    expect(
      (await call('POST', `/api/webhooks/${hook.id}/deliveries/${d!.id}/redeliver`, s.admin)).statusCode,
    ).toBe(409)
    await t.jobs.runDueJobs()
    expect(at('/ok/retry')).toHaveLength(1)
    ;[d] = await s.log(hook.id)
    expect(d).toMatchObject({ status: 'delivered', attempts: 7, responseStatus: 204 })
  })

  it('gives up on an endpoint that hangs after the timeout, without holding up other deliveries', async () => {
    const s = await setup('hang')
    const hanging = await s.addHook('/hang/x', ['oops.opened'])
    const fine = await s.addHook('/ok/hang', ['oops.opened'])
    await s.openOops()
    const t0 = performance.now()
    const run = t.jobs.runDueJobs()
    // the API answers meanwhile: no transaction (on PGlite: no connection) is held while waiting
    await new Promise((r) => setTimeout(r, 300))
    const during = performance.now()
    expect((await call('GET', '/api/webhooks', s.admin)).statusCode).toBe(200)
    const apiMs = performance.now() - during
    await run
    const total = performance.now() - t0
    const ok = at('/ok/hang')[0]
    expect(ok).toBeDefined()
    expect(ok!.at - t0).toBeLessThan(3_000)
    expect(apiMs).toBeLessThan(3_000)
    expect(total).toBeGreaterThanOrEqual(4_900)
    expect(total).toBeLessThan(15_000)
    expect((await s.log(fine.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 })
    const [h] = await s.log(hanging.id)
    expect(h).toMatchObject({ status: 'pending', attempts: 1, responseStatus: null, error: 'timed out' })
    expect(h!.responseMs).toBeGreaterThanOrEqual(4_900)
  }, 30_000)

  it('sends a signed ping on request and reports the answer', async () => {
    const s = await setup('ping')
    const hook = await s.addHook('/ok/ping', ['oops.breached'])
    const res = await call('POST', `/api/webhooks/${hook.id}/test`, s.admin)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ delivered: true, responseStatus: 204, error: null })
    const [got] = at('/ok/ping')
    expect(got!.headers['x-dazzle-event']).toBe('ping')
    expect(verify(hook.secret, got!)).toBe(true)
    const failing = await s.addHook('/fail/ping', ['oops.breached'])
    const bad = (await call('POST', `/api/webhooks/${failing.id}/test`, s.admin)).json()
    expect(bad).toMatchObject({ delivered: false, responseStatus: 500 })
    // a ping is not retried
    t.clock.advance(HOUR)
    await t.jobs.runDueJobs()
    expect(at('/fail/ping')).toHaveLength(1)
    expect((await s.log(failing.id))[0]).toMatchObject({ event: 'ping', status: 'failed', attempts: 1 })
  })

  it('sends nothing to an endpoint that is switched off or not subscribed, and forgets a removed one', async () => {
    const s = await setup('off')
    const off = await s.addHook('/ok/off', ['oops.opened'])
    const other = await s.addHook('/ok/other', ['oops.breached'])
    const patched = await call('PATCH', `/api/webhooks/${off.id}`, s.admin, { active: false })
    expect(patched.json()).toMatchObject({ active: false })
    await s.openOops()
    await t.jobs.runDueJobs()
    expect(at('/ok/off')).toHaveLength(0)
    expect(at('/ok/other')).toHaveLength(0)
    expect((await call('DELETE', `/api/webhooks/${other.id}`, s.admin)).statusCode).toBe(200)
    expect((await call('GET', `/api/webhooks/${other.id}/deliveries`, s.admin)).statusCode).toBe(404)
    const audit = (await call('GET', '/api/workspace/audit', s.admin)).json()
    const changes = audit.events.filter((e: { action: string }) => e.action === 'webhook.changed')
    expect(changes.map((e: { details: { change: string } }) => e.details.change).sort()).toEqual([
      'created',
      'created',
      'removed',
      'updated',
    ])
    expect(JSON.stringify(audit)).not.toContain(off.secret)
  })

  it('refuses addresses that are not http or https, and unknown events, with a clear 422', async () => {
    const s = await setup('bad')
    for (const url of [
      'ftp://example.com/hook',
      'not a url',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pass@example.com/hook',
      '',
    ]) {
      const res = await call('POST', '/api/webhooks', s.admin, { url, events: ['oops.opened'] })
      expect(res.statusCode, url).toBe(422)
      expect(res.json().error.code).toBe('invalid_input')
      expect(res.json().error.message.length).toBeGreaterThan(10)
    }
    const ev = await call('POST', '/api/webhooks', s.admin, {
      url: 'https://example.com/h',
      events: ['oops.exploded'],
    })
    expect(ev.statusCode).toBe(422)
    expect(ev.json().error.message).toContain('oops.exploded')
    expect(
      (await call('POST', '/api/webhooks', s.admin, { url: 'https://example.com/h', events: [] })).statusCode,
    ).toBe(422)
    const hook = await s.addHook('/ok/bad', ['oops.opened'])
    expect((await call('PATCH', `/api/webhooks/${hook.id}`, s.admin, { url: 'gopher://x' })).statusCode).toBe(
      422,
    )
    expect((await call('PATCH', `/api/webhooks/nope`, s.admin, { active: false })).statusCode).toBe(404)
  })

  it('is for admins only: others get 403', async () => {
    const s = await setup('roles')
    const leader = await t.member(s.admin, 'lee@roles.test', 'leader')
    const hook = await s.addHook('/ok/roles', ['oops.opened'])
    for (const cookie of [leader, s.service]) {
      expect((await call('GET', '/api/webhooks', cookie)).statusCode).toBe(403)
      expect(
        (
          await call('POST', '/api/webhooks', cookie, {
            url: 'https://example.com/h',
            events: ['oops.opened'],
          })
        ).statusCode,
      ).toBe(403)
      expect((await call('PATCH', `/api/webhooks/${hook.id}`, cookie, { active: false })).statusCode).toBe(
        403,
      )
      expect((await call('DELETE', `/api/webhooks/${hook.id}`, cookie)).statusCode).toBe(403)
      expect((await call('GET', `/api/webhooks/${hook.id}/deliveries`, cookie)).statusCode).toBe(403)
      expect((await call('POST', `/api/webhooks/${hook.id}/test`, cookie)).statusCode).toBe(403)
    }
    // and another workspace's admin cannot see it
    const { cookie: stranger } = await t.admin('eve@elsewhere.test', 'Elsewhere')
    expect((await call('GET', `/api/webhooks/${hook.id}/deliveries`, stranger)).statusCode).toBe(404)
    expect((await call('GET', '/api/webhooks', stranger)).json().webhooks).toEqual([])
  })
})
