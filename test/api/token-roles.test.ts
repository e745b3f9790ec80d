import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { can, ROLES, type Role, type WorkspaceAction } from '../../src/domain/workspaces/roles.ts'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
let admin: { cookie: string }
let customerId: string
beforeAll(async () => {
  t = await buildTestApp()
  admin = await t.admin('boss@roles.test', 'Roles Ltd')
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/customers',
    headers: { cookie: admin.cookie, ...ORIGIN },
    payload: { name: 'Probe Customer', kind: 'person' },
  })
  expect(c.statusCode, c.body).toBe(201)
  customerId = c.json().id
})
afterAll(() => t.close())

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** One request per power that differs between roles, and the action that grants it. */
const probes: Array<{ action: WorkspaceAction; send: (token: string, me: string) => Promise<number> }> = [
  {
    action: 'audit.read',
    send: async (tok) =>
      (await t.app.inject({ url: '/api/workspace/audit', headers: bearer(tok) })).statusCode,
  },
  {
    action: 'customers.write',
    send: async (tok) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/customers',
          headers: bearer(tok),
          payload: { name: 'Made by a token', kind: 'person' },
        })
      ).statusCode,
  },
  {
    action: 'value.read',
    send: async (tok) => (await t.app.inject({ url: '/api/value', headers: bearer(tok) })).statusCode,
  },
  {
    action: 'privacy.manage',
    send: async (tok) =>
      (await t.app.inject({ url: `/api/customers/${customerId}/export`, headers: bearer(tok) })).statusCode,
  },
  {
    action: 'members.manage',
    // promoting oneself back to admin
    send: async (tok, me) =>
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/workspace/members/${me}`,
          headers: bearer(tok),
          payload: { role: 'admin' },
        })
      ).statusCode,
  },
]

const ok = (status: number) => status >= 200 && status < 300

describe('an API token after its owner’s role changes', () => {
  it('can do exactly what the owner’s new role allows, for every pair of old and new role', {
    timeout: 180_000,
  }, async () => {
    const seen: string[] = []
    const expected: string[] = []
    let n = 0
    for (const before of ROLES) {
      for (const after of ROLES) {
        n++
        // invited as a leader, then given the role the token is made with
        const c = await t.member(admin.cookie, `m${n}@roles.test`, 'leader')
        const userId = (await t.app.inject({ url: '/api/me', headers: { cookie: c } })).json().user
          .id as string
        const set = await t.app.inject({
          method: 'PATCH',
          url: `/api/workspace/members/${userId}`,
          headers: { cookie: admin.cookie, ...ORIGIN },
          payload: { role: before },
        })
        expect(set.statusCode, set.body).toBe(200)
        const minted = await t.app.inject({
          method: 'POST',
          url: '/api/workspace/tokens',
          headers: { cookie: c, ...ORIGIN },
          payload: { name: `token of a ${before}` },
        })
        expect(minted.statusCode, minted.body).toBe(201)
        const token = minted.json().token as string
        const change = await t.app.inject({
          method: 'PATCH',
          url: `/api/workspace/members/${userId}`,
          headers: { cookie: admin.cookie, ...ORIGIN },
          payload: { role: after },
        })
        expect(change.statusCode, change.body).toBe(200)
        const whoAmI = await t.app.inject({ url: '/api/me', headers: bearer(token) })
        expect(whoAmI.json().role).toBe(after)
        for (const p of probes) {
          const status = await p.send(token, userId)
          seen.push(`${before}→${after} ${p.action}: ${ok(status) ? 'allowed' : status}`)
          expected.push(
            `${before}→${after} ${p.action}: ${can({ userId, label: '', role: after }, p.action) ? 'allowed' : 403}`,
          )
        }
      }
    }
    expect(seen).toEqual(expected)
  })

  it('keeps a token an admin narrowed on purpose narrow, and stops it when its owner can no longer hand it out', async () => {
    const c = await t.member(admin.cookie, 'narrow@roles.test', 'leader')
    const userId = (await t.app.inject({ url: '/api/me', headers: { cookie: c } })).json().user.id as string
    const promote = (role: Role) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/workspace/members/${userId}`,
        headers: { cookie: admin.cookie, ...ORIGIN },
        payload: { role },
      })
    expect((await promote('admin')).statusCode).toBe(200)
    const minted = await t.app.inject({
      method: 'POST',
      url: '/api/workspace/tokens',
      headers: { cookie: c, ...ORIGIN },
      payload: { name: 'marketing script', role: 'marketing' },
    })
    const token = minted.json().token as string
    expect((await t.app.inject({ url: '/api/me', headers: bearer(token) })).json().role).toBe('marketing')
    expect((await promote('sales')).statusCode).toBe(200)
    const refused = await t.app.inject({ url: '/api/me', headers: bearer(token) })
    expect(refused.statusCode).toBe(401)
    expect(refused.json().error.message).toMatch(/make a new token/)
    expect((await promote('marketing')).statusCode).toBe(200)
    expect((await t.app.inject({ url: '/api/me', headers: bearer(token) })).json().role).toBe('marketing')
  })
})
