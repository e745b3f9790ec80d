import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { periodLabel } from '../../src/domain/accountability/bonus-plan.ts'
import { expectAccessible } from './support/axe.ts'
import { cspViolations, launchBrowser, login, startDazzle } from './support/browser.ts'

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

const PASSWORD = 'dazzle-demo-2026'

describe('leaders’ performance plans', () => {
  it('Leo sees his plan against his team’s actuals; Maya, whom he reports to, sets next quarter’s from the form', async () => {
    const base = dazzle.url
    const leo = await (await browser.newContext()).newPage()
    await login(leo, base, 'leo@northwind.demo', PASSWORD)
    await leo.getByRole('link', { name: 'Performance plans' }).first().click()
    await expect
      .poll(() => leo.getByRole('heading', { name: 'Performance plans', level: 1 }).isVisible(), {
        timeout: 20_000,
      })
      .toBe(true)
    const plan = leo.getByRole('region', { name: /Leo Okafor · Q\d \d{4}/ })
    await expect.poll(() => plan.getByText('Running').isVisible(), { timeout: 20_000 }).toBe(true)
    // the demo's plan is mid-period: some expectations met or on track, some behind
    const states = await plan.locator('[data-testid^="plan-line-"]').allTextContents()
    expect(states).toHaveLength(5)
    expect(states.some((s) => s.includes('Behind'))).toBe(true)
    expect(states.some((s) => s.includes('Met') || s.includes('On track'))).toBe(true)
    expect(await plan.getByRole('row', { name: /Stories told/ }).textContent()).toContain('Met')
    // the leader sees it; he cannot change his own plan
    expect(await plan.getByRole('button', { name: 'Change expectations' }).count()).toBe(0)
    await expectAccessible(leo, 'leader’s plan')

    const maya = await (await browser.newContext()).newPage()
    await login(maya, base, 'maya@northwind.demo', PASSWORD)
    await maya.goto(`${base}/w/demo/performance-plans`)
    await maya.getByRole('button', { name: 'Set a plan' }).click()
    const dialog = maya.getByRole('dialog', { name: 'Set a performance plan' })
    const now = new Date()
    // the next quarter: it overlaps no plan of the demo's (which is this quarter's)
    const m = now.getUTCMonth()
    const next = new Date(Date.UTC(now.getUTCFullYear(), m - (m % 3) + 3, 1)).toISOString().slice(0, 10)
    const label = periodLabel('quarter', next)
    await dialog.getByLabel('Period').selectOption(`quarter:${next}`)
    await dialog.getByRole('textbox', { name: 'Dazzling share' }).fill('120')
    await dialog.getByRole('textbox', { name: 'Stories told' }).fill('2')
    await dialog.getByRole('button', { name: 'Set the plan' }).click()
    // the shared schema's words, in the browser, before anything is sent
    await expect
      .poll(() =>
        dialog.getByText('Dazzling share is a percentage: give a number from 0 to 100.').isVisible(),
      )
      .toBe(true)
    await dialog.getByRole('textbox', { name: 'Dazzling share' }).fill('70')
    await dialog.getByRole('textbox', { name: 'Median time to fix' }).fill('12')
    await dialog.getByRole('button', { name: 'Set the plan' }).click()
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0)
    const upcoming = maya.getByRole('region', { name: `Leo Okafor · ${label}` })
    await expect.poll(() => upcoming.getByText('Starts later').isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await upcoming.textContent()).toContain('Dazzling share ≥ 70 %')
    await expectAccessible(maya, 'a plan set')

    // a second plan for the same quarter is refused, with the reason
    await maya.getByRole('button', { name: 'Set a plan' }).click()
    const again = maya.getByRole('dialog', { name: 'Set a performance plan' })
    await again.getByLabel('Period').selectOption(`quarter:${next}`)
    await again.getByRole('textbox', { name: 'WOW rate' }).fill('40')
    await again.getByRole('button', { name: 'Set the plan' }).click()
    await expect
      .poll(
        () => again.getByText(`Leo Okafor already has a plan for ${label}`, { exact: false }).isVisible(),
        {
          timeout: 20_000,
        },
      )
      .toBe(true)
    await again.getByRole('button', { name: 'Cancel' }).click()

    // Leo sees the new plan on his page, and the page fits a phone
    await leo.reload()
    await expect
      .poll(() => leo.getByRole('region', { name: `Leo Okafor · ${label}` }).isVisible(), { timeout: 20_000 })
      .toBe(true)
    await leo.setViewportSize({ width: 390, height: 844 })
    await expect
      .poll(() => leo.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
      .toBeLessThanOrEqual(0)
  })
})
