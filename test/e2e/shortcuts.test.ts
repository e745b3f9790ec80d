import type { Browser, Locator } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
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

const hasFocus = (l: Locator) => l.evaluate((el) => el === document.activeElement)

describe('the keyboard habits people bring from other tools', () => {
  it('/ searches the page, ? lists the shortcuts, Ctrl-K jumps to a page or a customer', async () => {
    const page = await (await browser.newContext()).newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await login(page, dazzle.url, 'maya@northwind.demo', 'dazzle-demo-2026')
    await page.getByText('Welcome, Maya').first().waitFor()
    await expectAccessible(page)

    // ? : the list of shortcuts, closed with Escape
    await page.keyboard.press('Shift+?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await help.waitFor()
    for (const what of ['Search this page', 'Jump to a page or a customer', 'Record a secret']) {
      await help.getByText(what, { exact: false }).waitFor()
    }
    await expectAccessible(page, 'shortcuts')
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'hidden' })

    // / : the cursor in the page's own search, not a "/" typed into it
    await page.getByRole('link', { name: 'Customers', exact: true }).click()
    await page.getByRole('heading', { name: 'Customers' }).waitFor()
    await page.keyboard.press('/')
    await expect.poll(() => hasFocus(page.getByLabel('Search customers'))).toBe(true)
    expect(await page.getByLabel('Search customers').inputValue()).toBe('')
    // typing in a field is never a shortcut: "?" is a character there
    await page.keyboard.type('?')
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0)
    await page.getByLabel('Search customers').fill('')

    // Ctrl-K, from inside the field too: a page by its name
    await page.keyboard.press('Control+k')
    const palette = page.getByRole('dialog')
    const search = palette.getByLabel('Jump to a page or a customer')
    await search.waitFor()
    await expect.poll(() => hasFocus(search)).toBe(true)
    await expectAccessible(page, 'palette')
    await page.keyboard.type('value')
    await palette.getByRole('button', { name: /^Value/ }).click()
    await page.waitForURL(/\/w\/demo\/value$/)
    await page.getByText('The Pareto curve').waitFor()

    // … and a customer by name, through the customer search
    const [top] = await page.evaluate(async () => {
      const r = await fetch('/api/customers?pageSize=1', { headers: { 'x-dazzle-workspace': 'demo' } })
      return (await r.json()).customers as { id: string; name: string }[]
    })
    await page.keyboard.press('Control+k')
    await search.waitFor()
    await page.keyboard.type(top!.name)
    await palette
      .getByRole('button', { name: new RegExp(`^${top!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
      .click()
    await page.waitForURL(new RegExp(`/w/demo/customers/${top!.id}$`))
    await page.getByRole('heading', { name: top!.name }).first().waitFor()

    // on a page without a search of its own, / opens the palette
    await page.getByRole('link', { name: 'Scoreboard' }).click()
    await page.getByRole('heading', { name: 'Scoreboard' }).first().waitFor()
    await page.keyboard.press('/')
    await expect.poll(() => hasFocus(search)).toBe(true)
    await page.keyboard.press('Escape')
    expect(errors).toEqual([])
  })

  it('lets the recoveries tabs scroll at phone width instead of cutting the last one', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
    await login(page, dazzle.url, 'sam@northwind.demo', 'dazzle-demo-2026')
    await page.goto(`${dazzle.url}/w/demo/recoveries`)
    const tabs = page.getByRole('tablist', { name: 'Which recoveries' })
    await tabs.waitFor()
    const last = tabs.getByRole('tab').last()
    await last.scrollIntoViewIfNeeded()
    const [strip, tab] = [await tabs.boundingBox(), await last.boundingBox()]
    // the whole last tab is inside the strip once scrolled to
    expect(tab!.x).toBeGreaterThanOrEqual(strip!.x - 1)
    expect(tab!.x + tab!.width).toBeLessThanOrEqual(strip!.x + strip!.width + 1)
    // the workspace's name is readable: not cut to "No…"
    const name = page.getByText('Northwind Outfitters (demo)').first()
    expect(
      await name.evaluate(
        (el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
      ),
    ).toBe(true)
    await expectAccessible(page)
  })
})
