import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp({ signInPerMinute: 3 })
})
afterAll(() => t.close())

it('slows down repeated sign-in attempts from one address with 429', async () => {
  await t.signUp('rita@limit.test')
  const statuses: number[] = []
  for (let i = 0; i < 5; i++)
    statuses.push((await t.signIn('rita@limit.test', 'wrong password!!')).res.statusCode)
  expect(statuses.slice(0, 3)).toEqual([401, 401, 401])
  expect(statuses.slice(3)).toEqual([429, 429])
  const last = await t.signIn('rita@limit.test')
  expect(last.res.statusCode).toBe(429)
  expect(last.res.json().error.code).toBe('too_many_requests')
})

describe('wrong passwords counted by account as well as by address', () => {
  let g: TestApp
  beforeAll(async () => {
    g = await buildTestApp({ signInPerMinute: 5, signInLockAfter: 10 })
  })
  afterAll(() => g.close())

  const attempt = (email: string, password: string, ip: string) =>
    g.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: ORIGIN,
      payload: { email, password },
      remoteAddress: ip,
    })

  it('pauses an account guessed at from many addresses, tells its owner once, and lets them in from where they signed in before', async () => {
    await g.signUp('owner@lock.test')
    // the owner signed in from home before
    expect((await attempt('owner@lock.test', 'correct horse battery', '198.51.100.7')).statusCode).toBe(200)
    const statuses: number[] = []
    for (let i = 0; i < 30; i++)
      statuses.push((await attempt('owner@lock.test', 'wrong password!!', `203.0.113.${i + 1}`)).statusCode)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401))
    expect(statuses.slice(10)).toEqual(Array(20).fill(429))
    // even the right password from a new place waits, with a message that says why and how long
    const fromNew = await attempt('owner@lock.test', 'correct horse battery', '203.0.113.200')
    expect(fromNew.statusCode).toBe(429)
    expect(fromNew.json().error).toMatchObject({ code: 'too_many_requests' })
    expect(fromNew.json().error.message).toMatch(/paused for 15 minutes/)
    expect(fromNew.headers['retry-after']).toBe('900')
    const told = g.mailer.sent.filter((m) => m.to === 'owner@lock.test' && /paused/.test(m.subject))
    expect(told).toHaveLength(1)
    expect(told[0]!.text).toMatch(/10 times in 15 minutes/)
    // the owner at home is not locked out by a stranger
    expect((await attempt('owner@lock.test', 'correct horse battery', '198.51.100.7')).statusCode).toBe(200)
    // and the pause ends after its window
    g.clock.advance(16 * 60_000)
    expect((await attempt('owner@lock.test', 'correct horse battery', '203.0.113.200')).statusCode).toBe(200)
  })

  it('does not refuse a colleague behind the same address because of one person’s typos', async () => {
    await g.signUp('typo@lock.test')
    await g.signUp('colleague@lock.test')
    const office = '192.0.2.10'
    const statuses: number[] = []
    for (let i = 0; i < 7; i++)
      statuses.push((await attempt('typo@lock.test', 'wrong password!!', office)).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429])
    expect((await attempt('colleague@lock.test', 'correct horse battery', office)).statusCode).toBe(200)
  })

  it('stops one address spraying many accounts from trying those it never signed in to', async () => {
    const sprayer = '192.0.2.99'
    let refused = 0
    for (let i = 0; i < 55; i++) {
      const s = (await attempt(`nobody${i}@lock.test`, 'wrong password!!', sprayer)).statusCode
      if (s === 429) refused++
      else expect(s).toBe(401)
    }
    expect(refused).toBe(5)
    await g.signUp('fresh@lock.test')
    expect((await attempt('fresh@lock.test', 'correct horse battery', sprayer)).statusCode).toBe(429)
    expect((await attempt('fresh@lock.test', 'correct horse battery', '192.0.2.100')).statusCode).toBe(200)
  })
})
