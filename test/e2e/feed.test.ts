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

/** records a secret through the API from a signed-in page, as the capture screens do */
const recordVia = (page: Page, body: Record<string, unknown>) =>
  page.evaluate(async (body) => {
    const h = { 'x-dazzle-workspace': 'demo', 'content-type': 'application/json' }
    const list = await (await fetch('/api/customers?pageSize=1&tier=A', { headers: h })).json()
    const customer = list.customers[0] as { id: string; name: string }
    const res = await fetch(`/api/customers/${customer.id}/secrets`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify(body),
    })
    if (res.status !== 201) throw new Error(`record: ${res.status} ${await res.text()}`)
    return customer
  }, body)

describe('the live feed', () => {
  it('shows a secret a colleague records, without a reload, as inert text, filtered as asked', async () => {
    const base = dazzle.url
    const reader = await (await browser.newContext()).newPage()
    const errors: string[] = []
    reader.on('pageerror', (e) => errors.push(e.message))
    await login(reader, base, 'nora@northwind.demo', 'dazzle-demo-2026')
    await reader.getByRole('link', { name: 'Secrets', exact: true }).click()
    await reader.waitForURL(/\/w\/demo\/secrets$/)
    await reader.getByRole('status').getByText('Live').waitFor()
    expect(await reader.getByRole('navigation', { name: 'Secrets' }).getByRole('link').count()).toBe(3)
    await expectAccessible(reader)
    // a reload would lose this
    await reader.evaluate(() => {
      ;(window as unknown as { stayed: boolean }).stayed = true
    })

    const recorder = await (await browser.newContext()).newPage()
    await login(recorder, base, 'sam@northwind.demo', 'dazzle-demo-2026')
    const text = 'Runs out of stock every December <img src=x onerror="window.pwned=1">'
    const customer = await recordVia(recorder, { category: 'inventory_problems', text })

    const item = reader.getByRole('article').filter({ hasText: 'Runs out of stock every December' })
    await item.waitFor({ timeout: 15_000 })
    expect(await item.getByText(text, { exact: true }).count()).toBe(1)
    expect(await item.getByText('Inventory problems').count()).toBe(1)
    expect(await reader.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)
    expect(await reader.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
    expect(await item.locator('img').count()).toBe(0)

    // a filter reconnects the stream: only what matches arrives
    await reader.getByLabel('Category').selectOption('cash_flow_margin')
    await reader.waitForURL(/category=cash_flow_margin/)
    await reader.getByRole('status').getByText('Live').waitFor()
    await recordVia(recorder, { category: 'product_quality', text: 'Returns up because of faulty zips' })
    await recordVia(recorder, { category: 'cash_flow_margin', text: 'Margins squeezed by freight costs' })
    await reader.getByRole('article').filter({ hasText: 'Margins squeezed by freight costs' }).waitFor()
    expect(await reader.getByRole('article').filter({ hasText: 'faulty zips' }).count()).toBe(0)

    // each item leads to its customer
    await reader
      .getByRole('article')
      .filter({ hasText: 'Margins squeezed' })
      .getByRole('link', { name: customer.name })
      .click()
    await reader.getByRole('heading', { name: customer.name }).first().waitFor()
    expect(errors).toEqual([])
  })
})
