import type { Browser, Page } from 'playwright-core'
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

/** Signs `who` in and waits for their home to lead with its work. */
const home = async (who: string): Promise<Page> => {
  const page = await (await browser.newContext()).newPage()
  await login(page, dazzle.url, `${who}@northwind.demo`, PASSWORD)
  await expect
    .poll(() => page.getByRole('heading', { name: 'What needs you now', level: 2 }).isVisible(), {
      timeout: 20_000,
    })
    .toBe(true)
  return page
}

const card = (page: Page, name: string) => page.getByRole('region', { name })

/** Nothing on a home promises what does not exist. */
const expectNoPromises = async (page: Page) => {
  const text = (await page.locator('main').textContent()) ?? ''
  expect(text).not.toMatch(/coming soon|not built yet|will be able to/i)
}

/** The home fits a phone: nothing runs off sideways. */
const expectFitsPhone = async (page: Page) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
    .toBeLessThanOrEqual(0)
}

describe('home pages say what needs me now', () => {
  it('the service rep’s home leads with their own recoveries, most urgent first, with clocks and due steps', async () => {
    const sam = await home('sam')
    const mine = card(sam, 'My recoveries')
    await expect.poll(() => mine.getByTestId('home-oops').count(), { timeout: 20_000 }).toBeGreaterThan(0)
    const api = await demoJson<{ oops: { id: string; clock: { state: string } }[] }>(sam, '/me/recoveries')
    expect(await mine.getByTestId('home-oops').count()).toBe(api.oops.length)
    // the first listed is the most urgent, with its clock badge
    const first = mine.getByTestId('home-oops').first()
    expect(await first.locator('[data-clock-state]').getAttribute('data-clock-state')).toBe(
      api.oops[0]!.clock.state,
    )
    expect(await first.textContent()).toMatch(/due|No contact step due/)
    await expect.poll(() => sam.getByTestId('home-bonus').isVisible()).toBe(true)
    await expectNoPromises(sam)
    await expectAccessible(sam, 'service home')
    await first.getByRole('link').click()
    await expect.poll(() => sam.url()).toContain(`/recoveries/${api.oops[0]!.id}`)
  })

  it('the salesperson’s home: their recoveries, report cards waiting for an answer, secret gathering and bonus', async () => {
    const sofia = await home('sofia')
    await expect.poll(() => card(sofia, 'My recoveries').isVisible()).toBe(true)
    await expect.poll(() => card(sofia, 'Report cards waiting').isVisible()).toBe(true)
    await expect
      .poll(() => sofia.getByRole('heading', { name: 'Your secret agent figures' }).isVisible(), {
        timeout: 20_000,
      })
      .toBe(true)
    await expect.poll(() => sofia.getByTestId('home-bonus').isVisible()).toBe(true)
    await expectNoPromises(sofia)
    await expectAccessible(sofia, 'sales home')
    await expectFitsPhone(sofia)
  })

  it('the leader’s home: the team at a glance, expectations vs actuals and awards to decide', async () => {
    const leo = await home('leo')
    const team = card(leo, 'My team at a glance')
    await expect.poll(() => team.getByTestId('home-team-member').count(), { timeout: 20_000 }).toBe(2)
    expect(await team.textContent()).toContain('Sofia Ricci')
    expect(await team.textContent()).toContain('Sam Patel')
    const plan = card(leo, 'Expectations vs actuals')
    await expect.poll(() => plan.textContent(), { timeout: 20_000 }).toMatch(/Leo Okafor · Q\d \d{4}/)
    expect(await plan.textContent()).toMatch(/Behind/)
    await expect.poll(() => card(leo, 'Awards to decide').isVisible()).toBe(true)
    await expectNoPromises(leo)
    await expectAccessible(leo, 'leader home')
    await plan.getByRole('link', { name: 'Performance plans' }).click()
    await expect
      .poll(() => leo.getByRole('heading', { name: 'Performance plans', level: 1 }).isVisible(), {
        timeout: 20_000,
      })
      .toBe(true)
  })

  it('marketing’s home: the newest secrets and the saved audiences', async () => {
    const nora = await home('nora')
    const secrets = card(nora, 'New secrets')
    await expect.poll(() => secrets.getByText(/“.+”/).count(), { timeout: 20_000 }).toBeGreaterThan(0)
    await expect.poll(() => card(nora, 'Audiences').isVisible()).toBe(true)
    // marketing owns no recoveries: none are offered
    expect(await card(nora, 'My recoveries').count()).toBe(0)
    await expectNoPromises(nora)
    await expectAccessible(nora, 'marketing home')
    await expectFitsPhone(nora)
  })

  it('the admin’s home: the leaders’ plans and the awards to decide', async () => {
    const maya = await home('maya')
    await expect
      .poll(() => card(maya, 'Expectations vs actuals').textContent(), { timeout: 20_000 })
      .toContain('Leo Okafor')
    await expect.poll(() => card(maya, 'Awards to decide').isVisible()).toBe(true)
    await expectNoPromises(maya)
    await expectAccessible(maya, 'admin home')
  })
})
