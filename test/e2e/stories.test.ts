import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe.ts'
import { cspViolations, demoJson, launchBrowser, login, startDazzle } from './support/browser.ts'

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

describe('recovery stories, end to end', () => {
  it('the leader publishes a closed recovery’s story from the draft, anonymised, and it tops the feed with its reactions', async () => {
    const errors: string[] = []
    const page = await (await browser.newContext()).newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    await login(page, dazzle.url, 'leo@northwind.demo', PASSWORD)

    // the demo's lantern recovery is closed and its story not yet told
    const closed = await demoJson<{
      oops: { id: string; description: string; customer: { name: string } }[]
    }>(page, '/oops?state=closed&limit=50')
    const lanterns = closed.oops.find((o) => o.description.includes('weatherproof'))!
    expect(lanterns).toBeDefined()
    await page.goto(`${dazzle.url}/w/demo/recoveries/${lanterns.id}`)
    const card = page.getByRole('region', { name: 'The story' })
    await card.waitFor()
    await expectAccessible(page, 'a closed recovery')
    await card.getByRole('button', { name: 'Write the story' }).click()

    const dialog = page.getByRole('dialog', { name: 'Write the story' })
    const title = dialog.getByLabel('Title')
    const body = dialog.getByLabel('The story', { exact: true })
    // Dazzle's draft, from the timeline, named
    await expect.poll(() => title.inputValue()).toContain(lanterns.customer.name)
    expect(await body.inputValue()).toContain('What went wrong for')
    expect(await body.inputValue()).toContain('Replaced all twelve lanterns')
    expect(await body.inputValue()).toContain('“You fixed it — as I’d expect”')

    // anonymised: the draft is told again without the name; the person adds a line of their own
    await dialog.getByText('Anonymised').click()
    await expect
      .poll(() => title.inputValue())
      .toBe('How we turned a product that was not as promised around')
    expect(await body.inputValue()).not.toContain(lanterns.customer.name)
    const label = dialog.getByLabel('How the story describes them')
    expect(await label.inputValue()).toMatch(/customer/)
    await body.fill(
      `${await body.inputValue()}\n\nNext time: test the finish before it goes in the catalogue.`,
    )
    await dialog.getByRole('button', { name: 'Publish the story' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await expect.poll(() => card.textContent()).toContain('Its story has been told')

    // the feed: newest first, the customer by their description only
    await page.getByRole('navigation').getByRole('link', { name: 'Stories' }).click()
    const first = page.getByRole('article').first()
    await expect
      .poll(() => first.getByRole('heading').textContent())
      .toBe('How we turned a product that was not as promised around')
    expect(await first.textContent()).toContain('Next time: test the finish')
    expect(await first.textContent()).toContain('Told by Leo')
    expect(await first.textContent()).not.toContain(lanterns.customer.name)
    expect(await page.getByRole('article').count()).toBeGreaterThanOrEqual(4)

    // one applause per member: on, then off again
    const applause = first.getByRole('button', { name: /^Applause/ })
    await expect.poll(() => applause.getAttribute('aria-label')).toBe('Applause: 0')
    await applause.click()
    await expect.poll(() => applause.getAttribute('aria-pressed')).toBe('true')
    expect(await applause.getAttribute('aria-label')).toBe('Applause: 1')
    await applause.click()
    await expect.poll(() => applause.getAttribute('aria-label')).toBe('Applause: 0')
    await expectAccessible(page, 'the stories feed')

    // on a phone the feed reads top to bottom without sideways scrolling
    await page.setViewportSize({ width: 390, height: 844 })
    // (once the "published" toast has slid away)
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
        timeout: 15_000,
      })
      .toBeLessThanOrEqual(0)
    expect(errors).toEqual([])
  }, 180_000)
})
