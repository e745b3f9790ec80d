import type { Browser } from 'playwright-core'
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

describe('a new customer team', () => {
  it('signs up, creates a workspace, invites a colleague who joins with the right role, and signs out', async () => {
    const base = dazzle.url
    const owner = await (await browser.newContext()).newPage()
    const errors: string[] = []
    owner.on('pageerror', (e) => errors.push(e.message))

    await owner.goto(`${base}/`)
    await owner.waitForURL(/\/sign-in/)
    await expectAccessible(owner)
    await owner.getByRole('link', { name: 'Create an account' }).click()
    await owner.getByLabel('Workspace name').waitFor()
    await expectAccessible(owner)
    await owner.getByLabel('Name', { exact: true }).fill('Ada Lovelace')
    await owner.getByLabel('Email').fill('ada@acme-wines.test')
    await owner.getByLabel('Password').fill('correct horse battery')
    await owner.getByLabel('Workspace name').fill('Acme Wines')
    await owner.getByRole('button', { name: 'Create account' }).click()
    await owner.waitForURL(/\/w\/acme-wines$/)
    await owner.getByText('Welcome, Ada').first().waitFor()
    await expectAccessible(owner)

    await owner.getByRole('link', { name: 'People & roles' }).click()
    await owner.getByLabel('Email').fill('bob@acme-wines.test')
    await owner.getByLabel('Role').selectOption('leader')
    await owner.getByRole('button', { name: 'Send invitation' }).click()
    const link = await owner.getByLabel('Invitation link').inputValue()
    expect(link).toMatch(new RegExp(`^${base}/invite/inv_`))
    await expectAccessible(owner)

    // the colleague, in a browser of their own, at phone width
    const colleague = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
    await colleague.goto(link)
    await colleague.getByText('Ada Lovelace invited you to Acme Wines as Leader').waitFor()
    await expectAccessible(colleague)
    await colleague.getByLabel('Name').fill('Bob Marley')
    expect(await colleague.getByLabel('Email').inputValue()).toBe('bob@acme-wines.test')
    await colleague.getByLabel('Password').fill('another fine passphrase')
    await colleague.getByRole('button', { name: 'Create account' }).click()
    await colleague.waitForURL(/\/w\/acme-wines$/)

    // the role the colleague holds is the one they were invited with, as the API says
    const me = await colleague.evaluate(async () =>
      (await fetch('/api/me', { headers: { 'x-dazzle-workspace': 'acme-wines' } })).json(),
    )
    expect(me).toMatchObject({ user: { email: 'bob@acme-wines.test' }, role: 'leader' })
    // a leader is no admin: the phone navigation offers people, but no audit trail
    await colleague.getByRole('button', { name: 'Open navigation' }).click()
    await colleague.getByRole('link', { name: 'People & roles' }).waitFor()
    await expectAccessible(colleague, 'phone navigation')
    expect(await colleague.getByRole('link', { name: 'Audit trail' }).count()).toBe(0)
    expect(await owner.getByRole('link', { name: 'Audit trail' }).count()).toBe(1)

    // the owner sees the colleague among the people
    await owner.reload()
    await owner.getByText('bob@acme-wines.test').first().waitFor()

    // sign out; the app then refuses the old session
    await colleague.getByRole('button', { name: 'Account menu' }).click()
    await colleague.getByRole('button', { name: 'Sign out' }).click()
    await colleague.waitForURL(/\/sign-in/)
    const after = await colleague.evaluate(async () => (await fetch('/api/me')).status)
    expect(after).toBe(401)

    // and the colleague can sign back in with the same role
    await login(colleague, base, 'bob@acme-wines.test', 'another fine passphrase')
    expect(colleague.url()).toMatch(/\/w\/acme-wines$/)
    expect(errors).toEqual([])
  })

  it('lets a newcomer explore the demo workspace printed at start', async () => {
    expect(dazzle.output()).toContain('maya@northwind.demo')
    const page = await (await browser.newContext()).newPage()
    await login(page, dazzle.url, 'maya@northwind.demo', 'dazzle-demo-2026')
    expect(page.url()).toMatch(/\/w\/demo$/)
    await page.getByRole('link', { name: 'People & roles' }).click()
    for (const email of [
      'leo@northwind.demo',
      'sofia@northwind.demo',
      'sam@northwind.demo',
      'nora@northwind.demo',
    ]) {
      await page.getByText(email).first().waitFor()
    }
    await page.getByRole('link', { name: 'Audit trail' }).click()
    // the people page's rows are still on screen for a moment: wait for the trail itself
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor()
    await page.getByRole('columnheader', { name: 'Action' }).waitFor()
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(3)
    await expectAccessible(page)
  })
})
