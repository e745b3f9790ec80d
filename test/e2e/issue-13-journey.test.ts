import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cspViolations, launchBrowser, login, startDazzle } from './support/browser.ts'
import {
  familyBirthdayIsAMoment,
  leaderSetsGoalAndPicksSegment,
  PASSWORD,
  salespersonMarksClue,
  salespersonTurnsNotesIntoSecrets,
} from './support/issue-13-steps.ts'

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

describe('issue 13: how big, whom to serve, depth, moments, notes', () => {
  it('a leader sets the goal and reads the shortfall; the salesperson deepens an account, meets a birthday and turns notes into secrets', async () => {
    await leaderSetsGoalAndPicksSegment(browser, dazzle.url)
    await salespersonMarksClue(browser, dazzle.url)
    const page = await (await browser.newContext()).newPage()
    await login(page, dazzle.url, 'sofia@northwind.demo', PASSWORD)
    await familyBirthdayIsAMoment(page, dazzle.url)
    await salespersonTurnsNotesIntoSecrets(browser, dazzle.url)
  }, 300_000)
})
