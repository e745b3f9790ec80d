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

describe('secrets in, a customer out', () => {
  it('imports secrets through the wizard, then erases a customer after its name is typed', async () => {
    const file = path.join(os.tmpdir(), `dazzle-e2e-secrets-${Date.now()}.csv`)
    writeFileSync(
      file,
      [
        'Customer,Person,Category,What we heard,Recorded by,Date',
        'Bluebell Boutique,Grace Bell,Entertainment choice,Goes to the Proms every summer,sofia@northwind.demo,12/09/2026',
        'Bluebell Boutique,Tom Finch,Dream,"<img src=x onerror=alert(1)> wants to sail to Norway",sam@northwind.demo,2026-10-02',
      ].join('\n'),
    )
    const page = await (await browser.newContext()).newPage()
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await login(page, dazzle.url, 'maya@northwind.demo', 'dazzle-demo-2026')
    await page.getByRole('link', { name: 'Import data' }).click()
    await page.getByRole('radio', { name: 'Secrets' }).check()
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByLabel('CSV file').click(),
    ])
    await chooser.setFiles(file)
    await page.getByRole('button', { name: 'Next' }).click()
    // the columns are recognised without help
    await expect.poll(() => page.getByLabel('Field for column What we heard').inputValue()).toBe('text')
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByText('Tom Finch (new: will be added)').waitFor()
    await expectAccessible(page, 'secrets import preview')
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const result = page.getByRole('status', { name: 'Import result' })
    await result.getByText('Every row is stored.').waitFor()

    // the imported secret is on the customer's page, its markup shown as text
    await page.getByRole('link', { name: 'Customers' }).first().click()
    await page.getByRole('link', { name: 'Bluebell Boutique' }).click()
    await page.getByText('Goes to the Proms every summer').first().waitFor()
    expect(dialogs).toEqual([])

    await page.getByRole('button', { name: 'Privacy' }).click()
    await page.getByRole('menuitem', { name: 'Erase customer…' }).click()
    const modal = page.getByRole('dialog')
    const erase = modal.getByRole('button', { name: 'Erase customer' })
    await modal.getByLabel(/to confirm/).waitFor()
    await expectAccessible(page, 'erase dialog')
    await modal.getByLabel(/to confirm/).fill('Bluebell')
    expect(await erase.isDisabled()).toBe(true)
    await modal.getByLabel(/to confirm/).fill('bluebell boutique')
    await erase.click()
    await page.getByText(/Erased on request/).waitFor()
    await page.getByRole('heading', { name: 'Erased customer' }).waitFor()
    expect(await page.getByText('Goes to the Proms every summer').count()).toBe(0)
    await expectAccessible(page, 'erased')
  })
})
