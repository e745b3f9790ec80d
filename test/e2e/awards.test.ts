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

const PASSWORD = 'dazzle-demo-2026'

interface FeedItem {
  id: string
  text: string
  status: string
  recordedBy: string | null
  customer: { name: string }
}

describe('awards', () => {
  it('a colleague nominates a secret, the leader makes it secret agent of the month, and it is posted', async () => {
    const base = dazzle.url
    const nora = await (await browser.newContext()).newPage()
    await login(nora, base, 'nora@northwind.demo', PASSWORD)
    await nora.goto(`${base}/w/demo/awards`)
    await expect
      .poll(() => nora.getByRole('heading', { name: 'Awards', level: 1 }).isVisible(), { timeout: 20_000 })
      .toBe(true)

    // a colleague's secret that nobody has nominated yet this month
    const me = await demoJson<{ user: { id: string } }>(nora, '/me')
    const feed = await demoJson<{ items: FeedItem[] }>(nora, '/secrets/feed?limit=100')
    const month = new Date().toISOString().slice(0, 7)
    const open = await demoJson<{ candidates: { secret: { id: string } | null }[] }>(
      nora,
      `/awards/candidates?kind=secret_agent&period=${month}`,
    )
    const taken = new Set(open.candidates.map((c) => c.secret?.id))
    const secret = feed.items.find(
      (s) => s.status === 'active' && s.recordedBy && s.recordedBy !== me.user.id && !taken.has(s.id),
    )!
    expect(secret).toBeDefined()

    await nora.getByRole('button', { name: 'Nominate a secret' }).click()
    const dialog = nora.getByRole('dialog', { name: /Nominate a secret/ })
    await dialog.getByLabel('The secret').fill(secret.text.slice(0, 24))
    await nora
      .getByRole('option', {
        name: new RegExp(secret.text.slice(0, 24).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      })
      .first()
      .click()
    const reason = 'We can build the whole spring campaign on this'
    await dialog.getByRole('textbox', { name: 'Why is it cool?' }).fill(reason)
    await dialog.getByRole('button', { name: 'Nominate' }).click()
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(0)
    const agentCard = nora.getByRole('region', { name: 'Secret agent of the month' })
    await expect.poll(() => agentCard.getByText(reason).isVisible(), { timeout: 20_000 }).toBe(true)
    // marketing nominates, a leader decides
    expect(await agentCard.getByRole('button', { name: 'Make secret agent' }).count()).toBe(0)

    const leo = await (await browser.newContext()).newPage()
    await login(leo, base, 'leo@northwind.demo', PASSWORD)
    await leo.goto(`${base}/w/demo/awards`)
    const candidate = leo.locator('[aria-label^="Candidate"]').filter({ hasText: reason })
    await candidate.getByRole('button', { name: 'Make secret agent' }).click()
    const decide = leo.getByRole('dialog', { name: /Secret agent of the month/ })
    await decide
      .getByRole('textbox', { name: 'Why they win' })
      .fill('The coolest secret this month: a campaign in one line')
    await decide.getByRole('button', { name: 'Post the award' }).click()
    await expect.poll(() => decide.count(), { timeout: 20_000 }).toBe(0)

    const fame = leo.getByRole('region', { name: 'Hall of fame' })
    const posted = fame.locator('[aria-label^="Secret agent of the month"]').first()
    await expect
      .poll(() => posted.textContent(), { timeout: 20_000 })
      .toContain('The coolest secret this month')
    expect(await posted.textContent()).toContain(secret.text)
    // the month is decided: its candidates show the winner and no more buttons
    await expect
      .poll(() =>
        leo.getByRole('region', { name: 'Secret agent of the month' }).getByLabel('Winner').isVisible(),
      )
      .toBe(true)
    expect(await leo.getByRole('button', { name: 'Make secret agent' }).count()).toBe(0)
    await expectAccessible(leo)

    // posted for all: the colleague sees it too
    await nora.reload()
    const seen = nora.getByRole('region', { name: 'Hall of fame' })
    await expect
      .poll(() => seen.getByText('The coolest secret this month: a campaign in one line').isVisible())
      .toBe(true)
  })
})
