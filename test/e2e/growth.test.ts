import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe.ts'
import { cspViolations, demoApi, launchBrowser, login, startDazzle } from './support/browser.ts'

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

/** JSON from the API in the page's own session, as the UI would ask for it. */

interface Answer {
  canDeliver: boolean
  margin: number
  verdict: string
  closers: { label: string }[]
}

describe('HOW BIG, then WHO TO SERVE', () => {
  it('a leader sets +25 % in 12 months, picks a segment, and reads that it falls short and by how much', async () => {
    const page = await (await browser.newContext()).newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await login(page, dazzle.url, 'leo@northwind.demo', PASSWORD)

    // a small segment of the leader's own making: three of the smaller customers are gift shops
    const small = await demoApi<{ customers: { id: string }[] }>(page, '/customers?tier=C&pageSize=3')
    expect(small.body.customers).toHaveLength(3)
    for (const c of small.body.customers) {
      const r = await demoApi(page, `/customers/${c.id}`, {
        method: 'PATCH',
        body: { segment: 'Gift shops' },
      })
      expect(r.status).toBe(200)
    }
    const before = await demoApi<{ history: unknown[] }>(page, '/growth/goal')

    await page.getByRole('link', { name: 'Growth' }).click()
    await page.getByRole('heading', { name: 'Growth', level: 1 }).waitFor()
    await page.getByRole('heading', { name: /Goal: \+25 % in 12 months/ }).waitFor()

    // a goal of 10,000 % is refused in the browser with the API's own words, and nothing is sent
    const percent = page.getByLabel('Grow revenue by')
    await percent.fill('10000')
    await page.getByRole('button', { name: 'Change goal' }).click()
    await page.getByText('A growth goal is between -50 % and +500 %.').waitFor()
    expect((await demoApi<{ history: unknown[] }>(page, '/growth/goal')).body.history).toHaveLength(
      before.body.history.length,
    )

    // +25 % in 12 months
    await percent.fill('25')
    await page.getByLabel('Within (months)').fill('12')
    await page.getByRole('button', { name: 'Change goal' }).click()
    await page.getByText('Growth goal set').waitFor()
    const view = await demoApi<{
      goal: { percent: number; months: number; needed: number }
      history: unknown[]
    }>(page, '/growth/goal')
    expect(view.body.goal).toMatchObject({ percent: 25, months: 12 })
    expect(view.body.history).toHaveLength(before.body.history.length + 1)

    // the segment: can it deliver?
    await page.getByRole('combobox', { name: 'Customer group' }).click()
    await page.getByRole('option', { name: /^Segment Gift shops \(3 customers\)/ }).click()
    const answer = await demoApi<Answer>(
      page,
      `/growth/answer?group=${encodeURIComponent('segment:Gift shops')}`,
    )
    expect(answer.body.canDeliver).toBe(false)
    const short = new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: 'GBP',
      maximumFractionDigits: 0,
    }).format(Math.round(-answer.body.margin))
    const verdict = page.getByRole('status').filter({ hasText: 'This group falls short by' })
    await verdict.waitFor()
    expect(await verdict.innerText()).toContain(`This group falls short by ${short}`)
    expect(await verdict.innerText()).toContain(answer.body.verdict)
    // and names the groups that could close the gap, in the sentence and under the chart
    expect(answer.body.closers.length).toBeGreaterThan(0)
    expect(await verdict.innerText()).toContain(answer.body.closers[0]!.label)
    await page.getByRole('img', { name: /Potential of Segment Gift shops and the other groups/ }).waitFor()
    await page.getByText('To close the gap, also serve').waitFor()
    await expectAccessible(page, 'growth answer')

    // a salesperson is not offered the page, and the API refuses them
    const sales = await (await browser.newContext()).newPage()
    await login(sales, dazzle.url, 'sofia@northwind.demo', PASSWORD)
    expect(await sales.getByRole('link', { name: 'Growth' }).count()).toBe(0)
    expect((await demoApi(sales, '/growth/answer?group=segment:Gift%20shops')).status).toBe(403)
    expect(errors).toEqual([])
  }, 180_000)
})
