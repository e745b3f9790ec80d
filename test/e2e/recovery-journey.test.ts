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
// every page a journey visits: nothing refused by the Content-Security-Policy
afterEach(() => {
  expect(cspViolations(browser)).toEqual([])
})

const PASSWORD = 'dazzle-demo-2026'
const PHONE = { width: 390, height: 844 }

/** JSON from the API in the page's own session, as the UI would ask for it. */

describe('a dazzling recovery, end to end', () => {
  it('turns an OOPS! into a WOW: the secret, the clock, the wine, the timeline, the customer’s answer, the scoreboard', async () => {
    const base = dazzle.url
    const errors: string[] = []
    const watch = (p: Page) => p.on('pageerror', (e) => errors.push(e.message))

    // 0. the leader's scoreboard before: the demo has past recoveries of its own
    const leader = await (await browser.newContext()).newPage()
    watch(leader)
    await login(leader, base, 'leo@northwind.demo', PASSWORD)
    await leader.getByRole('link', { name: 'Scoreboard' }).click()
    const counted = async () => {
      const m = /^(\d+) of (\d+) decided/.exec(await leader.getByTestId('dazzling-count').innerText())
      return m ? [Number(m[1]), Number(m[2])] : null
    }
    await expect.poll(counted).not.toBeNull()
    const [dazzlingBefore, decidedBefore] = (await counted())!
    await expectAccessible(leader)

    // 1. the salesperson records what she heard: Eleanor only drinks Pinot Noir
    const sales = await (await browser.newContext()).newPage()
    watch(sales)
    await login(sales, base, 'sofia@northwind.demo', PASSWORD)
    const found = await demoApi<{ customers: { id: string; name: string }[] }>(
      sales,
      '/customers?q=Hartley%20%26%20Finch&pageSize=5',
    )
    const customer = found.body.customers.find((c) => c.name === 'Hartley & Finch Gifts')!
    expect(customer).toBeDefined()
    const detail = await demoApi<{ people: { id: string; name: string }[] }>(
      sales,
      `/customers/${customer.id}`,
    )
    const eleanor = detail.body.people.find((p) => p.name === 'Eleanor Hartley')!
    const secret = await demoApi<{ id: string }>(sales, `/customers/${customer.id}/secrets`, {
      method: 'POST',
      body: { personId: eleanor.id, category: 'habit', text: 'Only drinks Pinot Noir', certainty: 'heard' },
    })
    expect(secret.status).toBe(201)

    // 2. the service rep, on a phone, reports the OOPS! from the customer's page
    const rep = await (await browser.newContext({ viewport: PHONE })).newPage()
    watch(rep)
    await login(rep, base, 'sam@northwind.demo', PASSWORD)
    await rep.goto(`${base}/w/demo/customers/${customer.id}`)
    await rep.getByRole('button', { name: 'Report an OOPS!' }).click()
    const report = rep.getByRole('dialog')
    await report.getByLabel('Affected person').selectOption({ label: 'Eleanor Hartley · Owner' })
    await report.getByLabel('What kind of OOPS!').waitFor()
    await expectAccessible(rep, 'report an OOPS!')
    await report.getByLabel('What kind of OOPS!').selectOption('late_delivery')
    await report.getByLabel('What happened').fill('The spring order for the new shop arrived three days late')
    await report.getByText('High', { exact: true }).click()
    await report.getByRole('button', { name: 'Report and start the clock' }).click()
    await rep.waitForURL(/\/w\/demo\/recoveries\/[^/]+$/)
    const oopsId = rep.url().split('/').pop()!

    // 3. the recovery screen: the clock ticks, and the wine is suggested because of her secret
    const clock = rep.getByRole('timer')
    await expect.poll(() => clock.getAttribute('aria-label')).toMatch(/On track, 2[34] h \d+ min/)
    const first = await clock.innerText()
    await expect.poll(() => clock.innerText(), { timeout: 5000 }).not.toBe(first)
    const top = rep.getByTestId('surprise-suggestion').first()
    await top.getByText('Bottle of Pinot Noir, hand-delivered').waitFor()
    await top.getByText('“Only drinks Pinot Noir”').waitFor()
    await expectAccessible(rep)

    // 4. first contact, with how likely she is to recommend us now
    const composer = rep.getByRole('form', { name: 'Log a contact' })
    expect(await composer.getByLabel('Step').inputValue()).toBe('first_contact')
    expect(await composer.getByLabel('Message').inputValue()).toContain('Dear Eleanor,')
    await composer.getByRole('radio', { name: '4 out of 10' }).click()
    await composer.getByRole('button', { name: 'Log first contact' }).click()
    await rep.getByLabel('Timeline').getByText('First contact').waitFor()

    // 5. the fix, then the surprise the screen suggested
    await rep.getByRole('button', { name: 'Record the fix' }).click()
    const fixDialog = rep.getByRole('dialog')
    await fixDialog.getByLabel('What was done to fix it').fill('Re-sent by courier; delivered at 9 am')
    await fixDialog.getByRole('button', { name: 'Record the fix' }).click()
    await rep.getByText('Re-sent by courier; delivered at 9 am').first().waitFor()
    await top.getByRole('button', { name: 'Choose this surprise' }).click()
    const surpriseDialog = rep.getByRole('dialog')
    await surpriseDialog.getByLabel('Note (optional)').fill('With a handwritten card from Sam')
    await surpriseDialog.getByRole('button', { name: 'Record the surprise' }).click()
    await rep.getByRole('region', { name: 'The surprise' }).getByText('Surprise recorded').waitFor()
    await expect.poll(() => clock.getAttribute('data-clock-state')).toBe('dazzling')
    const recorded = await demoApi<{ surprise: { itemId: string | null; secretIds: string[] } }>(
      rep,
      `/oops/${oopsId}`,
    )
    expect(recorded.body.surprise?.secretIds).toContain(secret.body.id)

    // 6. the final resolution closes it and hands back the one-time feedback link
    await expect.poll(() => composer.getByLabel('Step').inputValue()).toBe('final_resolution')
    await composer
      .getByLabel('Message')
      .fill('Dear Eleanor, your order is in the shop and a little something is on its way. Sam')
    await composer.getByRole('button', { name: 'Log final resolution' }).click()
    const linkBox = rep.getByLabel('Feedback link')
    await linkBox.waitFor()
    const link = await linkBox.inputValue()
    expect(link).toMatch(new RegExp(`^${base}/feedback/wow_`))

    // 7. the customer, in a browser of her own, no sign-in: "you blew me away"
    const eleanorPage = await (await browser.newContext({ viewport: PHONE })).newPage()
    watch(eleanorPage)
    await eleanorPage.goto(link)
    await eleanorPage.getByRole('heading', { name: 'Did we blow you away?' }).waitFor()
    await expectAccessible(eleanorPage)
    await eleanorPage.getByRole('radio', { name: 'You blew me away!' }).click()
    await eleanorPage.getByRole('radio', { name: 'Yes' }).click()
    await eleanorPage.getByRole('radio', { name: '10 out of 10' }).click()
    await eleanorPage.getByLabel('Anything you would like to tell us?').fill('The Pinot was perfect.')
    await eleanorPage.getByRole('button', { name: 'Send my answer' }).click()
    await eleanorPage.getByRole('heading', { name: 'Thank you' }).waitFor()
    await expectAccessible(eleanorPage, 'answered')
    // a link works once
    await eleanorPage.reload()
    await eleanorPage.getByRole('heading', { name: 'Already answered' }).waitFor()

    // the owner sees the answer on the recovery screen: WOW, loyalty before and after
    await rep.reload()
    await rep.getByTestId('wow-answer').getByText('You blew me away!').waitFor()
    await rep.getByText('10/10').waitFor()
    await expectAccessible(rep, 'answered')

    // 8. the leader's scoreboard counts one more dazzling recovery
    await leader.reload()
    await expect.poll(counted).toEqual([dazzlingBefore! + 1, decidedBefore! + 1])
    expect(await leader.getByTestId('dazzling-share').innerText()).toContain(
      String(Math.round((100 * (dazzlingBefore! + 1)) / (decidedBefore! + 1))),
    )

    expect(errors).toEqual([])
  }, 240_000) // one long journey through four browsers: longer than the project's default
})
