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

interface Depth {
  depth: number
  canMark: boolean
  clues: { clue: string; holds: boolean }[]
}

describe('relationship depth', () => {
  it('the salesperson marks a clue on a tier-A account and sees the depth move; the leader sees the accounts by depth', async () => {
    const base = dazzle.url
    const page = await (await browser.newContext()).newPage()
    await login(page, base, 'sofia@northwind.demo', PASSWORD)
    const me = await demoJson<{ user: { id: string } }>(page, '/me')
    const mine = await demoJson<{ customers: { id: string; name: string }[] }>(
      page,
      `/customers?tier=A&owner=${me.user.id}&pageSize=50`,
    )
    // one of her key accounts with a clue still to earn
    let target: { id: string; name: string; depth: Depth } | null = null
    for (const c of mine.customers) {
      const depth = await demoJson<Depth>(page, `/customers/${c.id}/depth`)
      if (depth.canMark && depth.depth > 0 && depth.depth < 3) {
        target = { ...c, depth }
        break
      }
    }
    expect(target, 'a tier-A account of Sofia’s with depth 1–2').not.toBeNull()
    const { id, depth } = target!

    await page.goto(`${base}/w/demo/customers/${id}`)
    const card = page.getByRole('region', { name: 'Relationship depth' })
    const meter = card.getByRole('meter', { name: 'Relationship depth' })
    await meter.waitFor()
    expect(await meter.getAttribute('aria-valuenow')).toBe(String(depth.depth))
    await expectAccessible(page, 'relationship depth card')

    const open = depth.clues.find((c) => !c.holds)!
    const button = card.getByRole('button', { name: /^Mark as true: / }).first()
    await button.click()
    const dialog = page.getByRole('dialog')
    await dialog
      .getByLabel('Evidence')
      .fill('Asked to sit in on their 2027 range planning, by the owner herself.')
    await dialog.getByRole('button', { name: 'Mark as true' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => meter.getAttribute('aria-valuenow')).toBe(String(depth.depth + 1))
    await card.getByText('Asked to sit in on their 2027 range planning', { exact: false }).first().waitFor()
    const after = await demoJson<Depth>(page, `/customers/${id}/depth`)
    expect(after.depth).toBe(depth.depth + 1)
    expect(after.clues.filter((c) => c.holds).length).toBe(depth.depth + 1)
    expect(open).toBeTruthy()

    // a date in the future is refused in the dialog, nothing stored
    await card
      .getByRole('button', { name: /^Mark as true: / })
      .first()
      .click()
    await dialog.getByLabel('Evidence').fill('Not yet')
    await dialog.getByLabel(/since/).fill('2099-01-01')
    await dialog.getByRole('button', { name: 'Mark as true' }).click()
    await dialog.getByText('has not come yet', { exact: false }).waitFor()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect((await demoJson<Depth>(page, `/customers/${id}/depth`)).depth).toBe(depth.depth + 1)

    // the leader's page, from the nav
    const leader = await (await browser.newContext()).newPage()
    await login(leader, base, 'leo@northwind.demo', PASSWORD)
    await leader.getByRole('link', { name: 'Relationship depth', exact: true }).click()
    await leader.getByRole('heading', { name: 'Relationship depth', exact: true }).waitFor()
    await leader.getByRole('region', { name: 'Climbing' }).waitFor()
    await leader.getByRole('region', { name: 'Slipping' }).getByRole('link').first().waitFor()
    await expectAccessible(leader, 'relationship depth page')
  })
})
