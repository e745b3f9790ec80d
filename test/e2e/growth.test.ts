import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cspViolations, demoApi, launchBrowser, login, startDazzle } from './support/browser.ts'
import { leaderSetsGoalAndPicksSegment, PASSWORD } from './support/issue-13-steps.ts'

let browser: Browser
let dazzle: Awaited<ReturnType<typeof startDazzle>>
beforeAll(async () => {
  ;[browser, dazzle] = await Promise.all([launchBrowser(), startDazzle()])
})
afterAll(async () => {
  await browser?.close()
  await dazzle?.stop()
})
afterEach(() => {
  expect(cspViolations(browser)).toEqual([])
})

describe('HOW BIG, then WHO TO SERVE', () => {
  it('a leader sets +25 % in 12 months, picks a segment, and reads that it falls short and by how much', async () => {
    await leaderSetsGoalAndPicksSegment(browser, dazzle.url)

    // a salesperson is not offered the page, and the API refuses them
    const sales = await (await browser.newContext()).newPage()
    await login(sales, dazzle.url, 'sofia@northwind.demo', PASSWORD)
    expect(await sales.getByRole('link', { name: 'Growth' }).count()).toBe(0)
    expect((await demoApi(sales, '/growth/answer?group=segment:Gift%20shops')).status).toBe(403)
  }, 180_000)
})
