import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const call = (method: string, url: string, cookie: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...ORIGIN },
    ...(payload ? { payload } : {}),
  })

describe('invitations and roles', () => {
  it('invites a colleague by email, who joins with the invited role', async () => {
    const { cookie: admin, workspace } = await t.admin('ada@people.test', 'People Co')
    const inv = await call('POST', '/api/workspace/invitations', admin, {
      email: 'Bob@People.test',
      role: 'sales',
    })
    expect(inv.statusCode).toBe(201)
    const { link, invitation } = inv.json()
    expect(invitation).toMatchObject({ email: 'bob@people.test', role: 'sales', status: 'pending' })
    const mail = t.mailer.sent.at(-1)!
    expect(mail.to).toBe('bob@people.test')
    expect(mail.text).toContain(link)

    const token = link.split('/invite/')[1]
    const preview = await t.app.inject(`/api/invitations/${token}`)
    expect(preview.json()).toMatchObject({
      workspace: { slug: workspace.slug },
      role: 'sales',
      accountExists: false,
    })

    const bob = await t.signUp('bob@people.test')
    const accepted = await call('POST', `/api/invitations/${token}/accept`, bob)
    expect(accepted.statusCode).toBe(200)
    const me = await call('GET', '/api/me', bob)
    expect(me.json()).toMatchObject({ role: 'sales', workspace: { slug: workspace.slug } })

    // a used link cannot be used again
    const again = await call('POST', `/api/invitations/${token}/accept`, bob)
    expect(again.statusCode).toBe(409)
  })

  it('refuses an invitation accepted by someone signed in with another address', async () => {
    const { cookie: admin } = await t.admin('ada2@people.test', 'Mismatch Co')
    const inv = await call('POST', '/api/workspace/invitations', admin, {
      email: 'carol@people.test',
      role: 'service',
    })
    const token = inv.json().link.split('/invite/')[1]
    const mallory = await t.signUp('mallory@people.test')
    const res = await call('POST', `/api/invitations/${token}/accept`, mallory)
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('invitation_email_mismatch')
  })

  it('expires an invitation after seven days', async () => {
    const { cookie: admin } = await t.admin('ada3@people.test', 'Expiry Co')
    const inv = await call('POST', '/api/workspace/invitations', admin, {
      email: 'dan@people.test',
      role: 'leader',
    })
    const token = inv.json().link.split('/invite/')[1]
    t.clock.advance(7 * 24 * 3600 * 1000 + 1)
    const dan = await t.signUp('dan@people.test')
    const res = await call('POST', `/api/invitations/${token}/accept`, dan)
    expect(res.statusCode).toBe(410)
    expect(res.json().error.code).toBe('invitation_expired')
  })

  it('lets only admins manage people, and never removes the last admin', async () => {
    const { cookie: admin } = await t.admin('erin@people.test', 'Roles Co')
    const sales = await t.member(admin, 'frank@people.test', 'sales')
    const members = (await call('GET', '/api/workspace/members', sales)).json().members
    expect(members.map((m: { email: string }) => m.email).sort()).toEqual([
      'erin@people.test',
      'frank@people.test',
    ])

    const erin = members.find((m: { email: string }) => m.email === 'erin@people.test')
    const frank = members.find((m: { email: string }) => m.email === 'frank@people.test')
    const forbidden = await call('PATCH', `/api/workspace/members/${erin.userId}`, sales, { role: 'sales' })
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.json().error.code).toBe('forbidden')

    const lastAdmin = await call('PATCH', `/api/workspace/members/${erin.userId}`, admin, { role: 'leader' })
    expect(lastAdmin.statusCode).toBe(409)
    expect(lastAdmin.json().error.code).toBe('last_admin')

    const promoted = await call('PATCH', `/api/workspace/members/${frank.userId}`, admin, { role: 'leader' })
    expect(promoted.json()).toMatchObject({ role: 'leader' })
    expect((await call('GET', '/api/me', sales)).json().role).toBe('leader')

    const audit = (await call('GET', '/api/workspace/audit?action=member.role_changed', admin)).json()
    expect(audit.events[0]).toMatchObject({
      action: 'member.role_changed',
      actorLabel: 'erin@people.test',
      details: { from: 'sales', to: 'leader' },
    })
    const denied = await call('GET', '/api/workspace/audit', sales)
    expect(denied.statusCode).toBe(403)
  })

  it('lets a person belong to several workspaces and switch with the workspace header', async () => {
    const { cookie } = await t.admin('gina@people.test', 'First Co')
    await call('POST', '/api/workspaces', cookie, { name: 'Second Co' })
    const me = (await call('GET', '/api/me', cookie)).json()
    expect(me.workspaces.map((w: { slug: string }) => w.slug)).toEqual(['first-co', 'second-co'])
    const second = await t.app.inject({
      url: '/api/me',
      headers: { cookie, 'x-dazzle-workspace': 'second-co' },
    })
    expect(second.json().workspace.slug).toBe('second-co')
    const stranger = await t.app.inject({
      url: '/api/me',
      headers: { cookie, 'x-dazzle-workspace': 'people-co' },
    })
    expect(stranger.statusCode).toBe(404)
  })

  it('refuses a taken workspace address with 409', async () => {
    const { cookie } = await t.admin('hal@people.test', 'Taken Co')
    const res = await call('POST', '/api/workspaces', cookie, { name: 'Other', slug: 'taken-co' })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('workspace_slug_taken')
  })
})

describe('sign-in, sign-out and password reset', () => {
  it('records sign-ins in the audit trail with the address they came from', async () => {
    const { cookie: admin } = await t.admin('ivy@people.test', 'Audit Co')
    const { res } = await t.signIn('ivy@people.test')
    expect(res.statusCode).toBe(200)
    const events = (await call('GET', '/api/workspace/audit?action=auth.sign_in', admin)).json().events
    expect(events.length).toBeGreaterThanOrEqual(1)
    expect(events[0]).toMatchObject({ actorLabel: 'ivy@people.test', ip: '127.0.0.1' })
  })

  it('keeps the session token in the httpOnly cookie, out of JSON bodies', async () => {
    await t.signUp('tina@people.test')
    const { res, cookie } = await t.signIn('tina@people.test')
    expect(res.headers['set-cookie']).toEqual(expect.arrayContaining([expect.stringMatching(/HttpOnly/i)]))
    expect(res.json().token).toBeUndefined()
    const session = await t.app.inject({ url: '/api/auth/get-session', headers: { cookie } })
    expect(session.json().user.email).toBe('tina@people.test')
    expect(session.json().session.token).toBeUndefined()
  })

  it('rejects a wrong password without saying which part was wrong', async () => {
    await t.signUp('jack@people.test')
    const { res } = await t.signIn('jack@people.test', 'wrong password!!')
    expect(res.statusCode).toBe(401)
    expect(res.json().error.message).toMatch(/invalid email or password/i)
  })

  it('signs out: the session cookie no longer works', async () => {
    const cookie = await t.signUp('kim@people.test')
    expect((await call('GET', '/api/me', cookie)).statusCode).toBe(200)
    const out = await call('POST', '/api/auth/sign-out', cookie, {})
    expect(out.statusCode).toBe(200)
    expect((await call('GET', '/api/me', cookie)).statusCode).toBe(401)
  })

  it('resets a forgotten password through the emailed link', async () => {
    await t.signUp('lee@people.test')
    const ask = await t.app.inject({
      method: 'POST',
      url: '/api/auth/request-password-reset',
      headers: ORIGIN,
      payload: { email: 'lee@people.test', redirectTo: 'http://localhost:3000/reset-password' },
    })
    expect(ask.statusCode).toBe(200)
    const mail = t.mailer.sent.find((m) => m.to === 'lee@people.test' && /reset/i.test(m.subject))!
    const url = /https?:\/\/\S+/.exec(mail.text)![0]
    const follow = await t.app.inject({ url: url.replace('http://localhost:3000', '') })
    expect(follow.statusCode).toBe(302)
    const token = new URL(follow.headers.location as string).searchParams.get('token')!
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      headers: ORIGIN,
      payload: { token, newPassword: 'a brand new passphrase' },
    })
    expect(reset.statusCode).toBe(200)
    expect((await t.signIn('lee@people.test')).res.statusCode).toBe(401)
    expect((await t.signIn('lee@people.test', 'a brand new passphrase')).res.statusCode).toBe(200)
  })

  it('rejects a cookie-authenticated change that comes from another site', async () => {
    const { cookie } = await t.admin('mo@people.test', 'Csrf Co')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workspace/invitations',
      headers: { cookie, origin: 'https://evil.example' },
      payload: { email: 'x@people.test', role: 'sales' },
    })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('csrf_rejected')
  })
})

describe('API tokens', () => {
  it('creates a token shown once, which then authenticates as its person, workspace and role', async () => {
    const { cookie: admin, workspace } = await t.admin('nat@people.test', 'Token Co')
    const created = await call('POST', '/api/workspace/tokens', admin, {
      name: 'ERP sync',
      role: 'marketing',
    })
    expect(created.statusCode).toBe(201)
    const { token, apiToken } = created.json()
    expect(token).toMatch(/^dzl_/)
    const listed = (await call('GET', '/api/workspace/tokens', admin)).json().tokens
    expect(JSON.stringify(listed)).not.toContain(token)

    const me = await t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } })
    expect(me.json()).toMatchObject({ via: 'token', role: 'marketing', workspace: { slug: workspace.slug } })
    // the token's narrower role holds: marketing cannot read the audit trail
    const audit = await t.app.inject({
      url: '/api/workspace/audit',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(audit.statusCode).toBe(403)

    const used = (await call('GET', '/api/workspace/audit?action=api_token.used', admin)).json().events
    expect(used[0]).toMatchObject({ targetId: apiToken.id })

    await call('DELETE', `/api/workspace/tokens/${apiToken.id}`, admin)
    const after = await t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } })
    expect(after.statusCode).toBe(401)
  })

  it('does not let a salesperson mint an admin token', async () => {
    const { cookie: admin } = await t.admin('oli@people.test', 'Mint Co')
    const sales = await t.member(admin, 'pat@people.test', 'sales')
    const res = await call('POST', '/api/workspace/tokens', sales, { name: 'x', role: 'admin' })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('role_not_allowed')
  })

  it('answers a malformed or unknown bearer token with 401', async () => {
    for (const authorization of ['Bearer dzl_nope', 'Basic abc', 'Bearer']) {
      const res = await t.app.inject({ url: '/api/me', headers: { authorization } })
      expect(res.statusCode).toBe(401)
      expect(res.json().error.code).toBe('unauthenticated')
    }
  })
})
