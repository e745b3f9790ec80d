import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe.ts'
import { cspViolations, demoApi, demoJson, launchBrowser, login, startDazzle } from './support/browser.ts'

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
const TV = { width: 1920, height: 1080 }

interface FeedItem {
  id: string
  text: string
  status: string
  recordedBy: string | null
}

describe('the wall, end to end', () => {
  it('a rep closes a dazzling recovery, the leader tells its story and picks the secret agent: the wall shows all three without a reload', async () => {
    const base = dazzle.url
    const errors: string[] = []
    const watch = (p: Page) => p.on('pageerror', (e) => errors.push(e.message))

    // 0. the admin finds the demo's wall link under Settings › Wall and opens it
    const maya = await (await browser.newContext()).newPage()
    watch(maya)
    await login(maya, base, 'maya@northwind.demo', PASSWORD)
    await maya.goto(`${base}/w/demo/settings/wall`)
    const open = maya.getByRole('link', { name: 'Open the wall of Office TV' })
    await open.waitFor()
    await expectAccessible(maya, 'the wall settings')
    const wallUrl = (await open.getAttribute('href'))!
    expect(wallUrl).toMatch(new RegExp(`^${base}/wall/wall_`))

    // 1. the TV: a signed-out browser at 1920 × 1080
    const tv = await (await browser.newContext({ viewport: TV })).newPage()
    watch(tv)
    await tv.goto(wallUrl)
    const share = tv.getByTestId('wall-dazzling-share')
    await share.waitFor()
    await expect.poll(() => tv.getByText('Live', { exact: true }).isVisible(), { timeout: 20_000 }).toBe(true)
    const counted = async () => {
      const m = /(\d+) of (\d+) decided/.exec(await share.innerText())
      return m ? [Number(m[1]), Number(m[2])] : null
    }
    await expect.poll(counted).not.toBeNull()
    const [dazzlingBefore] = (await counted())!
    // readable from across the room, and nothing to scroll
    const layout = await tv.evaluate(() => ({
      overflowY: document.documentElement.scrollHeight - window.innerHeight,
      overflowX: document.documentElement.scrollWidth - window.innerWidth,
      number: Number.parseFloat(getComputedStyle(document.querySelector('.wall-number')!).fontSize),
      label: Number.parseFloat(getComputedStyle(document.querySelector('.wall-label')!).fontSize),
    }))
    expect(layout.overflowY).toBeLessThanOrEqual(0)
    expect(layout.overflowX).toBeLessThanOrEqual(0)
    expect(layout.number).toBeGreaterThanOrEqual(100)
    expect(layout.label).toBeGreaterThanOrEqual(24)
    await expectAccessible(tv, 'the wall')
    await tv.screenshot({ path: '/tmp/wall-e2e-before.png' })

    // 2. the rep reports an OOPS!, fixes it, surprises the customer and closes it inside the window
    const rep = await (await browser.newContext()).newPage()
    watch(rep)
    await login(rep, base, 'sam@northwind.demo', PASSWORD)
    const found = await demoJson<{ customers: { id: string; name: string }[] }>(
      rep,
      '/customers?q=Hartley%20%26%20Finch&pageSize=5',
    )
    const customer = found.customers.find((c) => c.name === 'Hartley & Finch Gifts')!
    await rep.goto(`${base}/w/demo/customers/${customer.id}`)
    await rep.getByRole('button', { name: 'Report an OOPS!' }).click()
    const report = rep.getByRole('dialog')
    await report.getByLabel('Affected person').selectOption({ label: 'Eleanor Hartley · Owner' })
    await report.getByLabel('What kind of OOPS!').selectOption('late_delivery')
    await report.getByLabel('What happened').fill('The window display stock arrived a week late')
    await report.getByText('High', { exact: true }).click()
    await report.getByRole('button', { name: 'Report and start the clock' }).click()
    await rep.waitForURL(/\/w\/demo\/recoveries\/[^/]+$/)
    const oopsId = rep.url().split('/').pop()!
    const composer = rep.getByRole('form', { name: 'Log a contact' })
    await composer.getByRole('button', { name: 'Log first contact' }).click()
    await rep.getByLabel('Timeline').getByText('First contact').waitFor()
    await rep.getByRole('button', { name: 'Record the fix' }).click()
    const fixDialog = rep.getByRole('dialog')
    await fixDialog
      .getByLabel('What was done to fix it')
      .fill('Sent by same-day courier; dressed the window ourselves')
    await fixDialog.getByRole('button', { name: 'Record the fix' }).click()
    await rep.getByText('Sent by same-day courier').first().waitFor()
    await rep
      .getByTestId('surprise-suggestion')
      .first()
      .getByRole('button', { name: 'Choose this surprise' })
      .click()
    await rep.getByRole('dialog').getByRole('button', { name: 'Record the surprise' }).click()
    await rep.getByRole('region', { name: 'The surprise' }).getByText('Surprise recorded').waitFor()
    await expect.poll(() => composer.getByLabel('Step').inputValue()).toBe('final_resolution')
    await composer
      .getByLabel('Message')
      .fill('Dear Eleanor, the window is dressed and a little thank-you is on its way. Sam')
    await composer.getByRole('button', { name: 'Log final resolution' }).click()
    await rep.getByLabel('Feedback link').waitFor()

    // the wall moves on its own: one more dazzling recovery
    await expect.poll(async () => (await counted())?.[0], { timeout: 20_000 }).toBe(dazzlingBefore! + 1)

    // 3. the leader publishes its story from Dazzle's draft
    const leo = await (await browser.newContext()).newPage()
    watch(leo)
    await login(leo, base, 'leo@northwind.demo', PASSWORD)
    await leo.goto(`${base}/w/demo/recoveries/${oopsId}`)
    const card = leo.getByRole('region', { name: 'The story' })
    await card.getByRole('button', { name: 'Write the story' }).click()
    const dialog = leo.getByRole('dialog', { name: 'Write the story' })
    const title = dialog.getByLabel('Title')
    await expect.poll(() => title.inputValue()).toContain('Hartley & Finch')
    const storyTitle = await title.inputValue()
    await dialog.getByRole('button', { name: 'Publish the story' }).click()
    await expect.poll(() => card.textContent()).toContain('Its story has been told')
    const stories = tv.getByTestId('wall-stories')
    await expect.poll(() => stories.textContent(), { timeout: 20_000 }).toContain(storyTitle)

    // 4. a colleague nominates a secret; the leader makes it secret agent of the month
    const nora = await (await browser.newContext()).newPage()
    watch(nora)
    await login(nora, base, 'nora@northwind.demo', PASSWORD)
    const me = await demoJson<{ user: { id: string } }>(nora, '/me')
    const feed = await demoJson<{ items: FeedItem[] }>(nora, '/secrets/feed?limit=100')
    const month = new Date().toISOString().slice(0, 7)
    const taken = new Set(
      (
        await demoJson<{ candidates: { secret: { id: string } | null }[] }>(
          nora,
          `/awards/candidates?kind=secret_agent&period=${month}`,
        )
      ).candidates.map((c) => c.secret?.id),
    )
    const secret = feed.items.find(
      (s) => s.status === 'active' && s.recordedBy && s.recordedBy !== me.user.id && !taken.has(s.id),
    )!
    expect(secret).toBeDefined()
    const nominated = await demoApi(nora, '/awards/nominations', {
      method: 'POST',
      body: { secretId: secret.id, reason: 'A whole campaign in one line' },
    })
    expect(nominated.status).toBe(201)
    await leo.goto(`${base}/w/demo/awards`)
    const candidate = leo
      .locator('[aria-label^="Candidate"]')
      .filter({ hasText: 'A whole campaign in one line' })
    await candidate.getByRole('button', { name: 'Make secret agent' }).click()
    const decide = leo.getByRole('dialog', { name: /Secret agent of the month/ })
    const why = 'The coolest secret on the wall this month'
    await decide.getByRole('textbox', { name: 'Why they win' }).fill(why)
    await decide.getByRole('button', { name: 'Post the award' }).click()
    await expect.poll(() => decide.count(), { timeout: 20_000 }).toBe(0)

    const awards = tv.getByTestId('wall-awards')
    await expect.poll(() => awards.textContent(), { timeout: 20_000 }).toContain(why)
    expect(await awards.textContent()).toContain('Secret agent of the month')
    // no secret text on the wall: the workspace has not allowed it
    expect(await awards.textContent()).not.toContain(secret.text)
    expect(await tv.locator('main').textContent()).not.toContain(secret.text)
    await tv.screenshot({ path: '/tmp/wall-e2e-after.png' })

    // 5. revoked: the screen says so at once, and the link is refused from then on
    await maya.reload()
    const revoke = maya.getByRole('button', { name: 'Revoke Office TV' })
    await revoke.click()
    await maya.getByRole('dialog').getByRole('button', { name: 'Revoke link' }).click()
    await expect
      .poll(() => tv.getByTestId('wall-refused').textContent(), { timeout: 20_000 })
      .toMatch(/revoked/)
    const after = await tv.evaluate(
      async (u) => (await fetch(u.replace('/wall/', '/api/wall/'))).status,
      wallUrl,
    )
    expect(after).toBe(401)
    expect(errors).toEqual([])
  }, 300_000)
})
