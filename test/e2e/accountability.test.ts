import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
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
const PHONE = { width: 390, height: 844 }

/** JSON from the API in the page's own session, as the UI would ask for it. */

/** A number as the page writes it (the kit's formatNumber: at most one decimal, this browser's locale). */
const shown = (page: Page, n: number) =>
  page.evaluate((n) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(n), n)
const money = (page: Page, n: number, currency: string) =>
  page.evaluate(
    ({ n, currency }) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(n),
    { n, currency },
  )

interface Statement {
  plan: { currency: string; closedAt: string | null }
  frozen: boolean
  total: number
  statement: {
    name: string
    components: { kind: string; label: string; actual: number | null; payout: number }[]
    details: {
      reportCard: { shown: boolean; overall: number | null; answers: number }
      effectiveness: { points: number; recorded: { secretId: string; points: number; why: string }[] }
    }
  }
}

/** A CSV line split on commas outside quotes (the export quotes only what holds a comma or quote). */
const cells = (line: string): string[] =>
  [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)]
    .map((m) => m[1]!)
    .slice(0, -1)
    .map((c) => (c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c))

describe('salespeople as secret agents, end to end', () => {
  it('refuses a plan with 20 % on secret gathering, takes it at 30 %, and pays what the customer’s report card and the secrets say', async () => {
    const base = dazzle.url
    const errors: string[] = []
    const watch = (p: Page) => p.on('pageerror', (e) => errors.push(e.message))

    // 0. the admin lets one answered card show a score (the default waits for three)
    const admin = await (await browser.newContext()).newPage()
    watch(admin)
    await login(admin, base, 'maya@northwind.demo', PASSWORD)
    await admin.goto(`${base}/w/demo/settings/report-card`)
    await admin.getByText('Asks about me as a person, not only about the order').waitFor()
    const minAnswers = admin.getByLabel('Answers before a report card shows a score')
    await minAnswers.waitFor()
    await expectAccessible(admin)
    await minAnswers.fill('1')
    await admin.getByRole('button', { name: 'Save settings' }).click()
    await admin.getByText('New statements use these settings.').waitFor()

    // 1. the leader's plan: 20 % on secret gathering is refused with the source's words
    const leader = await (await browser.newContext()).newPage()
    watch(leader)
    await login(leader, base, 'leo@northwind.demo', PASSWORD)
    await leader.getByRole('link', { name: 'Bonus', exact: true }).click()
    await leader.getByRole('heading', { name: 'Bonus', exact: true }).waitFor()
    await leader.getByRole('link', { name: 'Secret agents', exact: true }).first().waitFor()
    await expectAccessible(leader)
    // the demo's plan for this quarter makes way: a person is on one plan per period
    const before = await demoApi<{ plans: { id: string; closedAt: string | null }[] }>(leader, '/bonus-plans')
    const accruing = before.body.plans.filter((p) => !p.closedAt)
    for (const p of accruing) {
      await leader.goto(`${base}/w/demo/bonus/${p.id}`)
      await leader.getByRole('button', { name: 'Remove' }).click()
      await leader.getByRole('dialog').getByRole('button', { name: 'Remove plan' }).click()
      await leader.waitForURL(/\/w\/demo\/bonus$/)
    }
    await leader.getByRole('button', { name: 'New plan' }).click()
    const form = leader.getByRole('dialog')
    await form.getByLabel('Name').fill('Secret agents this quarter')
    await form.getByLabel('Revenue against quota: weight (%)').fill('70')
    await form.getByLabel('Secret-gathering effectiveness: weight (%)').fill('10')
    await expect.poll(() => form.getByTestId('secret-weight').innerText()).toContain('20 %')
    await form.getByLabel('Add a person').selectOption({ label: 'Sofia Ricci' })
    await form.getByRole('button', { name: 'Add to the plan' }).click()
    await form.getByLabel('Target bonus for Sofia Ricci').fill('12000')
    await form.getByLabel('Revenue quota for Sofia Ricci').fill('150000')
    await expectAccessible(leader, 'new plan')
    await form.getByRole('button', { name: 'Save plan' }).click()
    const refusal = form.getByRole('alert').filter({ hasText: 'Not enough on secret gathering' })
    await refusal.waitFor()
    expect(await refusal.innerText()).toContain('it must carry at least 25 %')
    expect(await refusal.innerText()).toContain(
      'at least 25% of the sales bonus should be based on secret gathering',
    )
    await expectAccessible(leader, 'plan refused')

    // … raised to 30 %, it is saved
    await form.getByLabel('Secret-gathering effectiveness: weight (%)').fill('20')
    await form.getByLabel('Revenue against quota: weight (%)').fill('60')
    await expect.poll(() => form.getByTestId('secret-weight').innerText()).toContain('30 %')
    await form.getByRole('button', { name: 'Save plan' }).click()
    await form.waitFor({ state: 'detached' })
    await leader.getByRole('link', { name: 'Secret agents this quarter', exact: true }).waitFor()
    await leader.getByText('30 % on secret gathering').first().waitFor()
    const plans = await demoApi<{
      plans: {
        id: string
        name: string
        secretGatheringWeight: number
        members: { userId: string; name: string }[]
      }[]
    }>(leader, '/bonus-plans')
    const plan = plans.body.plans.find((p) => p.name === 'Secret agents this quarter')!
    expect(plan.secretGatheringWeight).toBe(30)
    const sofiaId = plan.members.find((m) => m.name === 'Sofia Ricci')!.userId

    // 2. the salesperson sends a report card to Eleanor at Hartley & Finch, as a link to copy
    const sales = await (await browser.newContext()).newPage()
    watch(sales)
    await login(sales, base, 'sofia@northwind.demo', PASSWORD)
    await sales.getByRole('link', { name: 'Report cards', exact: true }).click()
    await sales.getByRole('heading', { name: 'Report cards', exact: true }).waitFor()
    await sales.getByRole('button', { name: 'Send a report card' }).click()
    const send = sales.getByRole('dialog')
    await send.getByLabel('Customer', { exact: true }).fill('Hartley')
    await sales.getByRole('option', { name: /^Hartley & Finch Gifts/ }).click()
    await send.getByLabel('Person', { exact: true }).selectOption({ label: 'Eleanor Hartley · Owner' })
    await send.getByText('Copy a link').click()
    await expectAccessible(sales, 'send a report card')
    await send.getByRole('button', { name: 'Make the link' }).click()
    const link = (await sales.getByTestId('report-card-link').innerText()).trim()
    expect(link).toMatch(new RegExp(`^${base}/report-card/`))
    await expectAccessible(sales, 'link shown')
    await sales.getByRole('button', { name: 'Done' }).click()

    // 3. the customer, on her phone, no sign-in: rates each behaviour
    const eleanor = await (await browser.newContext({ viewport: PHONE })).newPage()
    watch(eleanor)
    await eleanor.goto(link)
    await eleanor.getByRole('heading', { name: 'How well does Sofia Ricci know you?' }).waitFor()
    await expectAccessible(eleanor)
    const questions = eleanor.getByRole('radiogroup')
    const n = await questions.count()
    expect(n).toBeGreaterThan(2)
    // a question left open is said so, and nothing is sent
    await eleanor.getByRole('button', { name: 'Send my report card' }).click()
    await eleanor.getByText(`${n} questions are still open.`).waitFor()
    for (let i = 0; i < n; i++) {
      const name = i === 0 ? 'Can’t say' : i === 1 ? '4 — Often' : '5 — Every time'
      await questions.nth(i).getByRole('radio', { name }).click()
    }
    // the page fits a phone: nothing wider than the screen
    expect(await eleanor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    )
    await eleanor
      .getByLabel('Anything you would like to tell us about Sofia?')
      .fill('She remembers my daughter’s name.')
    await eleanor.getByRole('button', { name: 'Send my report card' }).click()
    await eleanor.getByRole('heading', { name: 'Thank you' }).waitFor()
    await expectAccessible(eleanor, 'answered')
    // a link works once
    await eleanor.reload()
    await eleanor.getByRole('heading', { name: 'Already answered' }).waitFor()

    // 4. the salesperson records two secrets she heard from Eleanor
    const found = await demoApi<{ customers: { id: string; name: string }[] }>(
      sales,
      '/customers?q=Hartley%20%26%20Finch&pageSize=5',
    )
    const customer = found.body.customers.find((c) => c.name === 'Hartley & Finch Gifts')!
    const detail = await demoApi<{ people: { id: string; name: string }[] }>(
      sales,
      `/customers/${customer.id}`,
    )
    const person = detail.body.people.find((p) => p.name === 'Eleanor Hartley')!
    const secretIds: string[] = []
    for (const body of [
      { category: 'dream', text: 'Dreams of opening a shop in Lisbon', certainty: 'heard' },
      { category: 'recreation_preference', text: 'Sails every Sunday in summer', certainty: 'heard' },
    ]) {
      const r = await demoApi<{ id: string }>(sales, `/customers/${customer.id}/secrets`, {
        method: 'POST',
        body: { personId: person.id, ...body },
      })
      expect(r.status).toBe(201)
      secretIds.push(r.body.id)
    }
    // her home shows her report card and bonus so far, no longer a promise
    await sales.goto(`${base}/w/demo`)
    await sales.getByTestId('home-bonus').getByText('Open my statement').waitFor()
    expect(await sales.getByText('Your report card and bonus live here too').count()).toBe(0)
    await expectAccessible(sales)
    await sales.goto(`${base}/w/demo/report-cards`)
    await sales.getByTestId('report-card-person').waitFor()
    await expectAccessible(sales)

    // 5. the leader sees the team side by side, then closes the period
    await leader.goto(`${base}/w/demo/report-cards`)
    await leader.getByTestId('report-card-person').first().waitFor()
    await expectAccessible(leader)
    await leader.goto(`${base}/w/demo/bonus/${plan.id}`)
    await leader.getByRole('heading', { name: 'Attainment by component' }).waitFor()
    await expectAccessible(leader)
    await leader.getByRole('button', { name: 'Close period' }).click()
    const confirm = leader.getByRole('dialog')
    await confirm
      .getByText('later secrets, report cards, recoveries or purchases will not move it', { exact: false })
      .waitFor()
    await expectAccessible(leader, 'close the period')
    await confirm.getByRole('button', { name: 'Close the period' }).click()
    await expect.poll(() => leader.getByTestId('plan-as-of').innerText()).toMatch(/^Frozen on /)

    // the CSV for payroll
    const [download] = await Promise.all([
      leader.waitForEvent('download'),
      leader.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    const csv = (await readFile((await download.path())!, 'utf8')).trim().split(/\r?\n/).map(cells)
    const [head, ...rows] = csv
    const col = (name: string) => head!.indexOf(name)
    const row = (line: string) =>
      rows.find((r) => r[col('person')] === 'Sofia Ricci' && r[col('line')] === line)!

    // 6. the salesperson's statement: the score, the secrets behind the effectiveness figure, the payout
    await sales.goto(`${base}/w/demo/bonus/${plan.id}/${sofiaId}`)
    await expect.poll(() => sales.getByTestId('statement-state').innerText()).toMatch(/^Frozen on /)
    await expectAccessible(sales)
    const view = (await demoApi<Statement>(sales, `/bonus-plans/${plan.id}/statements/${sofiaId}`)).body
    expect(view.frozen).toBe(true)
    const rc = view.statement.details.reportCard
    expect(rc.shown).toBe(true)
    expect(rc.answers).toBeGreaterThanOrEqual(1)
    expect(await sales.getByTestId('report-card-score').innerText()).toBe(
      `${await shown(sales, rc.overall!)} / 5`,
    )
    const eff = view.statement.details.effectiveness
    for (const id of secretIds) {
      const recorded = eff.recorded.find((r) => r.secretId === id)!
      expect(recorded).toBeDefined()
      const line = sales.locator('tr', { has: sales.locator(`[data-secret-id="${id}"]`) })
      await expect.poll(() => line.innerText()).toContain(recorded.why)
      expect(await line.innerText()).toContain(await shown(sales, recorded.points))
    }
    expect(
      await sales
        .getByTestId('effectiveness')
        .getByText(`${await shown(sales, eff.points)} points`)
        .count(),
    ).toBe(1)
    expect(await sales.getByTestId('statement-total').innerText()).toBe(
      await money(sales, view.total, view.plan.currency),
    )

    // … and the CSV has the same figures
    const component = (kind: string) => view.statement.components.find((c) => c.kind === kind)!
    expect(Number(row('Customer report card')[col('actual')])).toBe(component('report_card').actual)
    expect(Number(row('Customer report card')[col('actual')])).toBe(rc.overall)
    expect(Number(row('Secret-gathering effectiveness')[col('actual')])).toBe(eff.points)
    expect(Number(row('Secret-gathering effectiveness')[col('amount')])).toBe(
      component('secret_effectiveness').payout,
    )
    expect(Number(row('Total')[col('amount')])).toBe(view.total)
    expect(row('Total')[col('status')]).toBe('closed')

    expect(errors).toEqual([])
  }, 240_000)
})
