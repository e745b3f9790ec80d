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
afterEach(() => {
  expect(cspViolations(browser)).toEqual([])
})

/** A demo customer with people, and its first person. */
const customerWithPeople = (page: Page) =>
  page.evaluate(async () => {
    const h = { headers: { 'x-dazzle-workspace': 'demo' } }
    const list = (await (await fetch('/api/customers?pageSize=20', h)).json()).customers as { id: string }[]
    for (const c of list) {
      const d = await (await fetch(`/api/customers/${c.id}`, h)).json()
      if (d.people?.length) return { id: d.id as string, person: d.people[0].name as string }
    }
    throw new Error('no demo customer has people')
  })

const secretTexts = (page: Page, id: string) =>
  page.evaluate(async (customerId) => {
    const r = await fetch(`/api/customers/${customerId}/secrets`, {
      headers: { 'x-dazzle-workspace': 'demo' },
    })
    return ((await r.json()).secrets as { text: string }[]).map((s) => s.text)
  }, id)

describe('notes turn into secrets', () => {
  it('pastes a transcript, accepts two proposals with the keyboard, edits one, and the three secrets appear', async () => {
    const page = await (await browser.newContext()).newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await login(page, dazzle.url, 'sofia@northwind.demo', 'dazzle-demo-2026')
    const c = await customerWithPeople(page)
    const first = c.person.split(' ')[0]
    const before = await secretTexts(page, c.id)
    await page.goto(`${dazzle.url}/w/demo/customers/${c.id}`)
    await page.getByRole('button', { name: 'Paste notes' }).click()
    await page
      .getByLabel('Notes or transcript')
      .fill(
        [
          'Sofia: Thanks for making time today.',
          `${first}: I am afraid of flying. I play golf every Sunday with my brother. I dream of sailing around Greece one day.`,
          'Sofia: Noted, I will send the brochure.',
        ].join('\n'),
      )
    await page.getByRole('button', { name: 'Propose secrets' }).click()
    const list = page.getByRole('list', { name: 'Proposals' })
    const items = list.getByRole('listitem')
    await expect.poll(() => items.count()).toBe(3)
    // our own remarks are not proposed
    expect(await list.innerText()).not.toMatch(/brochure/)
    await expectAccessible(page, 'proposals')

    // the first proposal has the focus: A, A, then E on the third
    await expect.poll(() => items.nth(0).evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('a')
    await items.nth(0).getByText('Recorded').waitFor()
    await expect.poll(() => items.nth(1).evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('a')
    await items.nth(1).getByText('Recorded').waitFor()
    await expect.poll(() => items.nth(2).evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('e')
    const edit = items.nth(2).getByLabel('Secret')
    await edit.fill('Dreams of sailing the Greek islands in a wooden yacht')
    await page.keyboard.press('Enter')
    await items.nth(2).getByText('Recorded').waitFor()
    await page.getByRole('button', { name: 'Done' }).click()

    const secrets = page.getByRole('region', { name: 'Secrets' })
    for (const text of [
      'Is afraid of flying',
      'Plays golf every Sunday with their brother',
      'Dreams of sailing the Greek islands in a wooden yacht',
    ]) {
      await secrets.getByText(text).first().waitFor()
    }
    const after = await secretTexts(page, c.id)
    expect(after.length - before.length).toBe(3)
    expect(errors).toEqual([])
  })
})
