import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
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

// the real CDNOW log's first 5,000 lines (test/data/cdnow/SOURCE.txt), as it comes: runs of spaces, CRLF
const CDNOW = gunzipSync(
  readFileSync(path.resolve(import.meta.dirname, '../data/cdnow/CDNOW_master-slice.txt.gz')),
)

describe('importing a purchase log as it comes', () => {
  it('reads the CDNOW log in dollars and New York time, shows it as stored, imports it and remembers how', {
    timeout: 240_000,
  }, async () => {
    // figures computed here from the bytes: customer 00020's two orders
    const lines = CDNOW.toString('latin1').split('\r\n').slice(1).filter(Boolean)
    const of20 = lines.map((l) => l.trim().split(/\s+/)).filter((r) => r[0] === '00020')
    const cents20 = of20.reduce((s, r) => s + Math.round(Number(r[3]) * 100), 0)
    expect(cents20).toBe(65301)
    const customers = new Set(lines.map((l) => l.trim().split(/\s+/)[0])).size

    const file = path.join(os.tmpdir(), `CDNOW_master-${Date.now()}.txt`)
    writeFileSync(file, CDNOW)
    const page = await (await browser.newContext()).newPage()
    await login(page, dazzle.url, 'maya@northwind.demo', 'dazzle-demo-2026')
    await page.getByRole('link', { name: 'Import data' }).click()
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByLabel('CSV file').click(),
    ])
    await chooser.setFiles(file)
    await page.getByRole('button', { name: 'Next' }).click()

    // read as it is: runs of spaces, no invoice number; the columns named as people read them
    const read = page.getByLabel('How Dazzle read the file')
    await read.getByText(/columns separated by runs of spaces/).waitFor()
    await read.getByText(/No invoice number column: each customer and time is counted as one order/).waitFor()
    expect(await page.getByLabel('Field for column dollar_value').inputValue()).toBe('amount')
    expect(
      await page.getByLabel('Field for column dollar_value').locator('option:checked').textContent(),
    ).toBe('Line total')

    // dollars, New York time
    await page
      .locator('input')
      .and(page.getByLabel('Currency', { exact: true }))
      .click()
    await page.getByRole('option', { name: 'USD', exact: true }).click()
    await page
      .locator('input')
      .and(page.getByLabel('Time zone', { exact: true }))
      .fill('America/New_Yo')
    await page.getByRole('option', { name: 'America/New_York', exact: true }).click()
    await expectAccessible(page, 'import columns and reading')
    await page.getByRole('button', { name: 'Next' }).click()

    // exactly as stored: to the cent, the day as New York reads it
    const rows = page.getByLabel('Rows as they will be stored')
    await rows.getByText('1997-01-01 00:00').first().waitFor()
    await rows.getByText('11.77', { exact: true }).first().waitFor()
    await rows.getByText('12.00', { exact: true }).first().waitFor()
    await page
      .getByText(/amounts in USD to the cent, dates and times as America\/New_York reads them/)
      .waitFor()
    await expectAccessible(page, 'import preview')
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const result = page.getByLabel('Import result')
    await result.getByText('Imported', { exact: true }).waitFor({ timeout: 120_000 })
    await result.getByText(/No invoice number column/).waitFor()

    const imports = await demoJson<{ imports: Array<Record<string, unknown>> }>(page, '/imports')
    expect(imports.imports[0]).toMatchObject({
      status: 'imported',
      rows: 5000,
      added: 5000,
      customersAdded: customers,
    })
    const found = await demoJson<{
      customers: Array<{ externalId: string; value: { lifetimeRevenue: number; orderCount: number } }>
    }>(page, '/customers?q=00020')
    const c20 = found.customers.find((c) => c.externalId === '00020')!
    expect(Math.round(c20.value.lifetimeRevenue * 100)).toBe(cents20)
    expect(c20.value.orderCount).toBe(of20.length)

    // the next file of this shape starts with the same reading
    await page.getByRole('button', { name: 'Start over with another file' }).click()
    const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByLabel('CSV file').click()])
    await again.setFiles(file)
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByText(/A file with these columns was imported before/).waitFor()
    expect(
      await page
        .locator('input')
        .and(page.getByLabel('Currency', { exact: true }))
        .inputValue(),
    ).toBe('USD')
    expect(
      await page
        .locator('input')
        .and(page.getByLabel('Time zone', { exact: true }))
        .inputValue(),
    ).toBe('America/New_York')
  })
})
