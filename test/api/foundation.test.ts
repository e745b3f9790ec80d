import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

describe('health and identity', () => {
  it('answers health with the database mode', async () => {
    const res = await t.app.inject('/api/health')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'ok', database: process.env.DAZZLE_TEST_DB })
  })

  it('refuses /api/me without credentials in the error shape', async () => {
    const res = await t.app.inject('/api/me')
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } })
  })

  it('signs up, creates a workspace and answers /api/me with the admin role', async () => {
    const { cookie, workspace } = await t.admin('grace@acme.test', 'Grace Ltd')
    const res = await t.app.inject({ url: '/api/me', headers: { cookie } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      user: { email: 'grace@acme.test' },
      workspace: { slug: 'grace-ltd', id: workspace.id },
      role: 'admin',
      via: 'session',
    })
  })
})
