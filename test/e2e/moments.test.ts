import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe.ts'
import { cspViolations, demoApi, demoJson, launchBrowser, login, startDazzle } from './support/browser.ts'
import { familyBirthdayIsAMoment, PASSWORD } from './support/issue-13-steps.ts'

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

describe('WOW moments', () => {
  it('a family birthday is a moment with a suggested act; the owner records what she did, once, and the scoreboard counts it', async () => {
    const page = await (await browser.newContext()).newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await login(page, dazzle.url, 'sofia@northwind.demo', PASSWORD)
    const m = await familyBirthdayIsAMoment(page, dazzle.url)

    // on the customer's page: a note too long is refused in the dialog, then what was done is kept
    const card = page.getByRole('region', { name: 'WOW moments' })
    const item = card.getByRole('article', { name: `Birthday: ${m.title}` })
    await item.getByRole('button', { name: 'Mark done' }).click()
    const dialog = page.getByRole('dialog')
    const note = dialog.getByLabel('What did you do?')
    await note.fill('x'.repeat(1001))
    await dialog.getByRole('button', { name: 'Mark done' }).click()
    await dialog.getByText('Keep the note to 1,000 characters.').waitFor()
    expect(
      (await demoJson<{ moments: { id: string }[] }>(page, '/moments')).moments.map((x) => x.id),
    ).toContain(m.id)
    await note.fill('Sent the truffles to Poppy with a card from the team.')
    await expectAccessible(page, 'moment done dialog')
    await dialog.getByRole('button', { name: 'Mark done' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await item.getByText('Done in time').waitFor()
    await item.getByText('Sent the truffles to Poppy with a card from the team.').waitFor()
    // acting twice is refused with a reason
    const twice = await demoApi<{ error: { message: string } }>(page, `/moments/${m.id}/act`, {
      method: 'POST',
      body: { note: 'again' },
    })
    expect(twice.status).toBe(409)
    expect(twice.body.error.message).toMatch(/already marked done/)
    // no longer among the moments to do
    await page.getByRole('link', { name: 'Moments', exact: true }).click()
    await page.getByRole('heading', { name: 'Moments', level: 1 }).waitFor()
    await page.getByRole('article').first().waitFor()
    expect(await page.getByRole('article', { name: `Birthday: ${m.title}` }).count()).toBe(0)

    // the leader sees the team's moments and the scoreboard's counts
    const leader = await (await browser.newContext()).newPage()
    await login(leader, dazzle.url, 'leo@northwind.demo', PASSWORD)
    await leader.getByRole('link', { name: 'Moments', exact: true }).click()
    await leader.getByText('The team', { exact: true }).click()
    await leader.getByRole('article').first().waitFor()
    const board = await demoJson<{ actedInTime: number; due: number }>(leader, '/moments/scoreboard')
    expect(board.actedInTime).toBeGreaterThanOrEqual(2) // the demo's own, and Sofia's
    await leader.getByRole('link', { name: 'Scoreboard' }).click()
    const score = leader.getByRole('region', { name: 'WOW moments' })
    await score.getByText('Acted on in time').waitFor()
    expect(await score.innerText()).toContain(String(board.actedInTime))
    await expectAccessible(leader, 'scoreboard with moments')
    expect(errors).toEqual([])
  }, 180_000)
})
