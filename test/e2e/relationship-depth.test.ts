import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe.ts'
import { cspViolations, launchBrowser, login, startDazzle } from './support/browser.ts'
import { PASSWORD, salespersonMarksClue } from './support/issue-13-steps.ts'

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

describe('relationship depth', () => {
  it('the salesperson marks a clue on a tier-A account and sees the depth move; the leader sees the accounts by depth', async () => {
    const base = dazzle.url
    await salespersonMarksClue(browser, base)

    // the leader's page, from the nav
    const leader = await (await browser.newContext()).newPage()
    await login(leader, base, 'leo@northwind.demo', PASSWORD)
    await leader.getByRole('link', { name: 'Relationship depth', exact: true }).click()
    await leader.getByRole('heading', { name: 'Relationship depth', exact: true }).waitFor()
    await leader.getByRole('region', { name: 'Climbing' }).waitFor()
    await leader.getByRole('region', { name: 'Slipping' }).getByRole('link').first().waitFor()
    await expectAccessible(leader, 'relationship depth page')
  })
})
