import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
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

describe('knowing the customers that matter', () => {
  it('lets an admin import purchases through the wizard, then find and enrich a customer', async () => {
    const file = path.join(os.tmpdir(), `dazzle-e2e-${Date.now()}.csv`)
    writeFileSync(
      file,
      [
        'Order,Client,When,Qty,Price,Item',
        'A-1,C-77,2026-01-10 10:00:00,3,20.00,Walnut desk lamp',
        'A-2,C-77,2026-03-02 11:30:00,1,180.00,Oak reading chair',
        'A-3,C-88,2026-03-05 09:15:00,2,12.50,Linen cushion',
      ].join('\n'),
    )
    const page = await (await browser.newContext()).newPage()
    await login(page, dazzle.url, 'maya@northwind.demo', 'dazzle-demo-2026')
    await page.getByRole('link', { name: 'Import data' }).click()
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByLabel('CSV file').click(),
    ])
    await chooser.setFiles(file)
    await page.getByRole('button', { name: 'Next' }).click()
    // headers the importer cannot guess are mapped by hand
    await page.getByLabel('Field for column Order').selectOption('invoiceId')
    await page.getByLabel('Field for column Client').selectOption('customerExternalId')
    await page.getByLabel('Field for column When').selectOption('purchasedAt')
    await page.getByLabel('Field for column Qty').selectOption('quantity')
    await page.getByLabel('Field for column Price').selectOption('unitPrice')
    await page.getByLabel('Field for column Item').selectOption('description')
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByText('Oak reading chair').first().waitFor()
    await expectAccessible(page, 'import preview')
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const result = page.getByLabel('Import result')
    await result
      .getByText(/imported/i)
      .first()
      .waitFor()
    const imports = await page.evaluate(async () =>
      (await fetch('/api/imports', { headers: { 'x-dazzle-workspace': 'demo' } })).json(),
    )
    expect(imports.imports[0]).toMatchObject({ status: 'imported', rows: 3, added: 3, customersAdded: 2 })
    await expectAccessible(page, 'import result')

    await page.getByRole('link', { name: 'Customers', exact: true }).click()
    await page.getByLabel('Search customers').fill('C-77')
    await page.getByRole('link', { name: 'Customer C-77' }).click()
    await page.getByRole('heading', { name: 'Customer C-77' }).waitFor()
    await page.getByText('£240.00').first().waitFor()
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Add family or key person' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Kind').selectOption('spouse')
    await dialog.getByLabel('Name').fill('Ingrid')
    await dialog.getByRole('button', { name: 'Add to record' }).click()
    await page.getByRole('cell', { name: 'Ingrid' }).first().waitFor()
    await page.getByRole('link', { name: 'Customers', exact: true }).click()
    await page.getByLabel('Search customers').waitFor()
    await expectAccessible(page)
  })

  it('shows a leader the value page: tiers, Pareto curve and concentration', async () => {
    const page = await (await browser.newContext()).newPage()
    await login(page, dazzle.url, 'leo@northwind.demo', 'dazzle-demo-2026')
    await page.getByRole('link', { name: 'Value' }).click()
    await page.getByText('The Pareto curve').waitFor()
    await page
      .getByText(/Tier A/)
      .first()
      .waitFor()
    await page.getByText('Grow here').waitFor()
    await expectAccessible(page)
    expect(await page.getByText('Leaders and admins only').count()).toBe(0)
  })
})
