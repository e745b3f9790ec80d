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

const PASSWORD = 'dazzle-demo-2026'

/** The demo's customers, most valuable first, as the API gives them. */
const customers = (page: Page) =>
  page.evaluate(async () => {
    const r = await fetch('/api/customers?pageSize=5', { headers: { 'x-dazzle-workspace': 'demo' } })
    return (await r.json()).customers as { id: string; name: string; kind: string }[]
  })

const secretsOf = (page: Page, id: string) =>
  page.evaluate(async (customerId) => {
    const r = await fetch(`/api/customers/${customerId}/secrets`, {
      headers: { 'x-dazzle-workspace': 'demo' },
    })
    return (await r.json()).secrets as { text: string; category: string; recordedByName: string }[]
  }, id)

const currentQuestion = (page: Page) =>
  page.getByTestId('next-questions').locator('[aria-current="true"]').first().innerText()

describe('the gathering loop: ask, listen, record, ask again', () => {
  it('records a secret from the customer page with the keyboard alone, in two actions, and offers the next question', async () => {
    const page = await (await browser.newContext()).newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await login(page, dazzle.url, 'maya@northwind.demo', PASSWORD)
    const [customer] = await customers(page)
    await page.goto(`${dazzle.url}/w/demo/customers/${customer!.id}`)
    await page.getByRole('heading', { name: 'Ask, listen, record' }).waitFor()
    await page.getByTestId('next-questions').waitFor()
    const asked = await currentQuestion(page)
    await expectAccessible(page)

    // from the customer page to a recorded secret: count every click and key press but the typing
    let actions = 0
    const box = page.getByLabel('What did you hear?')
    await box.click()
    actions++
    await page.keyboard.type('Freight costs eat four points of their margin this year')
    await page.keyboard.press('Enter')
    actions++
    const recorded = page.getByLabel('Recorded just now')
    await recorded.getByText('Freight costs eat four points of their margin this year').waitFor()
    expect(actions).toBeLessThanOrEqual(4)

    const saved = await secretsOf(page, customer!.id)
    expect(saved.find((s) => s.text.startsWith('Freight costs'))).toMatchObject({
      recordedByName: 'Maya Chen',
    })
    // the box is empty and keeps the cursor; another question is offered at once
    expect(await box.inputValue()).toBe('')
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true)
    await expect.poll(() => currentQuestion(page)).not.toBe(asked)
    // what we know on the same page follows
    await page.getByTestId('what-we-know').getByText('Freight costs eat four points').waitFor()
    expect(errors).toEqual([])
  })

  it('shows HTML and script in a secret as text: nothing runs, no element is made', async () => {
    const page = await (await browser.newContext()).newPage()
    const dialogs: string[] = []
    page.on('dialog', async (d) => {
      dialogs.push(d.message())
      await d.dismiss()
    })
    await login(page, dazzle.url, 'maya@northwind.demo', PASSWORD)
    const [, customer] = await customers(page)
    await page.goto(`${dazzle.url}/w/demo/customers/${customer!.id}`)
    const evil =
      '<script>alert("script")</script><img src=x onerror="alert(\'img\')"> likes <b>bold</b> claims'
    const box = page.getByLabel('What did you hear?')
    await box.click()
    await box.fill(evil)
    await page.keyboard.press('Enter')
    await page.getByLabel('Recorded just now').getByText(evil).waitFor()
    // the list and what-we-know show it too, as text
    await page.getByRole('listitem').filter({ hasText: evil }).first().waitFor()
    await page.getByTestId('what-we-know').getByText(evil).waitFor()
    await page.waitForTimeout(300)
    expect(dialogs).toEqual([])
    expect(await page.locator('img[src="x"]').count()).toBe(0)
    expect(await page.locator('[data-slot="secrets"] b').count()).toBe(0)
    expect(await page.locator('[data-slot="secrets"] script').count()).toBe(0)

    // and in the manual
    await page.getByRole('link', { name: 'Open the secrets manual' }).click()
    await page.getByRole('heading', { name: `Secrets manual: ${customer!.name}` }).waitFor()
    await page.getByText(evil).first().waitFor()
    await expectAccessible(page)
    expect(await page.locator('img[src="x"]').count()).toBe(0)
    expect(dialogs).toEqual([])
  })

  it('opens the capture dialog from anywhere with "r" at phone width, and the manual shows and exports the secret', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true })
    const page = await context.newPage()
    await login(page, dazzle.url, 'sofia@northwind.demo', PASSWORD)
    const [, , customer] = await customers(page)
    await page.goto(`${dazzle.url}/w/demo/customers`)
    await page.getByRole('heading', { name: 'Customers' }).waitFor()

    let actions = 0
    await page.keyboard.press('r')
    actions++
    const dialog = page.getByRole('dialog', { name: 'Record a secret' })
    const search = dialog.getByRole('combobox', { name: 'Customer' })
    await search.waitFor()
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true)
    await expectAccessible(page, 'record a secret')
    await page.keyboard.type(customer!.name)
    // what a person sees before pressing Enter: the customer they typed, first in the list
    await expect.poll(() => dialog.getByRole('option').first().innerText()).toContain(customer!.name)
    await page.keyboard.press('Enter')
    actions++
    const box = dialog.getByLabel('What did you hear?')
    await box.waitFor()
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('Out of stock on lanterns every December')
    await page.keyboard.press('Enter')
    actions++
    await dialog
      .getByLabel('Recorded just now')
      .getByText('Out of stock on lanterns every December')
      .waitFor()
    expect(actions).toBeLessThanOrEqual(4)
    expect((await secretsOf(page, customer!.id)).map((s) => s.text)).toContain(
      'Out of stock on lanterns every December',
    )
    // the dialog stays open on the next question, ready for another answer
    expect(await box.inputValue()).toBe('')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })

    // on a customer's page, "r" opens the loop for that customer straight away
    await page.goto(`${dazzle.url}/w/demo/customers/${customer!.id}`)
    await page.getByRole('heading', { name: customer!.name }).waitFor()
    await page.keyboard.press('r')
    await expect
      .poll(() => dialog.getByLabel('What did you hear?').evaluate((el) => el === document.activeElement))
      .toBe(true)
    await page.keyboard.press('Escape')

    await page.goto(`${dazzle.url}/w/demo/customers/${customer!.id}/manual`)
    await page.getByRole('heading', { name: `Secrets manual: ${customer!.name}` }).waitFor()
    await page.getByText('Out of stock on lanterns every December').waitFor()
    await page.getByRole('region', { name: 'Who gathered what' }).getByText('Sofia Ricci').waitFor()
    await expectAccessible(page, 'phone')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Markdown' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^secrets-manual-.+\.md$/)
    const md = readFileSync((await download.path())!, 'utf8')
    expect(md).toContain(`# Secrets manual: `)
    expect(md).toContain('Out of stock on lanterns every December')
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PDF' }).click(),
    ])
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/)
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-')
  })

  it('gives marketing the peek at what we know in the list, but no recording', async () => {
    const page = await (await browser.newContext()).newPage()
    await login(page, dazzle.url, 'nora@northwind.demo', PASSWORD)
    const [customer] = await customers(page)
    await page.goto(`${dazzle.url}/w/demo/customers`)
    await page.getByRole('button', { name: `What we know about ${customer!.name}` }).focus()
    await page.keyboard.press('Enter')
    await page
      .getByRole('dialog', { name: `What we know about ${customer!.name}` })
      .getByTestId('what-we-know')
      .waitFor()
    await expectAccessible(page, 'what we know')
    expect(await page.getByRole('button', { name: 'Record a secret' }).count()).toBe(0)
    await page.keyboard.press('r')
    await page.waitForTimeout(200)
    expect(await page.getByRole('dialog', { name: 'Record a secret' }).count()).toBe(0)
  })
})
