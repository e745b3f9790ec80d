import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/test-app.ts'

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
