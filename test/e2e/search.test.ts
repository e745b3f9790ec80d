import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
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
// every page a journey visits: nothing refused by the Content-Security-Policy
afterEach(() => {
  expect(cspViolations(browser)).toEqual([])
})

/** a customer and its secrets, made through the API from a signed-in page */
const customerWith = (page: Page, name: string, secrets: { category: string; text: string }[]) =>
  page.evaluate(
    async ({ name, secrets }) => {
      const h = { 'x-dazzle-workspace': 'demo', 'content-type': 'application/json' }
      const c = await fetch('/api/customers', {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ name, kind: 'person' }),
      })
      if (c.status !== 201) throw new Error(`customer: ${c.status} ${await c.text()}`)
      const { id } = (await c.json()) as { id: string }
      for (const s of secrets) {
        const r = await fetch(`/api/customers/${id}/secrets`, {
          method: 'POST',
          headers: h,
          body: JSON.stringify(s),
        })
        if (r.status !== 201) throw new Error(`secret: ${r.status} ${await r.text()}`)
      }
      return id
    },
    { name, secrets },
  )

describe('search for marketing', () => {
  it('finds a red Burgundy by searching for wine, marks why, saves the audience and downloads its CSV', async () => {
    const page = await (await browser.newContext()).newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await login(page, dazzle.url, 'maya@northwind.demo', 'dazzle-demo-2026')
    await customerWith(page, 'Vineyard Club E2E', [
      { category: 'lifestyle_choice', text: 'Only drinks red Burgundy, never white.' },
      { category: 'habit', text: '<img src=x onerror="window.pwned=1"> hosts a wine tasting every Friday' },
    ])

    await page.goto(`${dazzle.url}/w/demo/secrets/search`)
    await page.getByRole('navigation', { name: 'Secrets' }).getByRole('link', { name: 'Search' }).waitFor()
    await page.getByLabel('What are you looking for?').fill('wine')
    await page.getByLabel('What are you looking for?').press('Enter')

    const result = page.getByRole('article', { name: 'Vineyard Club E2E' })
    await result.waitFor()
    // the secret that says "wine" is marked where it says it; markup in it stays text
    await result
      .locator('mark', { hasText: /^wine$/ })
      .first()
      .waitFor()
    await result.getByText('<img src=x onerror="window.pwned=1">', { exact: false }).waitFor()
    // the one that means wine is marked where it means it, and says why
    await result.locator('mark', { hasText: /^Burgundy$/ }).waitFor()
    await result.getByText('“Burgundy” means wine').waitFor()
    await expectAccessible(page)
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
    // the search is in the address fragment, never in what is sent to the server
    expect(new URL(page.url()).hash).toContain('q=wine')

    await page.getByRole('button', { name: 'Save as audience' }).click()
    const dialog = page.getByRole('dialog', { name: 'Save as audience' })
    await dialog.getByLabel('Name').fill('Wine lovers E2E')
    await dialog.getByRole('button', { name: 'Save audience' }).click()
    await page.waitForURL(/\/w\/demo\/secrets\/audiences$/)
    await page.getByRole('cell', { name: /^Wine lovers E2E/ }).waitFor()
    await expectAccessible(page)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Wine lovers E2E as CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^audience-Wine-lovers-E2E-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv).toContain('Customer,External id,Kind,Tier,Segment')
    expect(csv).toContain('Vineyard Club E2E')
    expect(csv).not.toContain('Burgundy')

    // the audience opens the same search again
    await page.getByRole('button', { name: 'Open Wine lovers E2E' }).click()
    await page.getByRole('article', { name: 'Vineyard Club E2E' }).waitFor()
    expect(errors).toEqual([])
  })
})
