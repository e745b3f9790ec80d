import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { expectAccessible } from './axe.ts'
import { demoApi, demoJson, login } from './browser.ts'

/**
 * The steps of issue 13's journey, each a browser session of its own on the demo: the feature's own
 * e2e test runs one, the journey runs them one after another on one server.
 */

export const PASSWORD = 'dazzle-demo-2026'

interface Answer {
  canDeliver: boolean
  margin: number
  verdict: string
  closers: { label: string }[]
}

/** A leader sets +25 % in 12 months, picks a segment, and reads that it falls short and by how much. */
export const leaderSetsGoalAndPicksSegment = async (browser: Browser, base: string): Promise<void> => {
  const page = await (await browser.newContext()).newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await login(page, base, 'leo@northwind.demo', PASSWORD)

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
  expect(errors).toEqual([])
}

interface Depth {
  depth: number
  canMark: boolean
  clues: { clue: string; holds: boolean }[]
}

/** The salesperson marks a clue on one of her tier-A accounts and sees the depth move (a future date is refused). */
export const salespersonMarksClue = async (browser: Browser, base: string): Promise<void> => {
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
}

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

/** The salesperson pastes notes from a meeting, accepts two proposals with the keyboard, edits one: three secrets appear. */
export const salespersonTurnsNotesIntoSecrets = async (browser: Browser, base: string): Promise<void> => {
  const page = await (await browser.newContext()).newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await login(page, base, 'sofia@northwind.demo', 'dazzle-demo-2026')
  const c = await customerWithPeople(page)
  const first = c.person.split(' ')[0]
  const before = await secretTexts(page, c.id)
  await page.goto(`${base}/w/demo/customers/${c.id}`)
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
  await page.getByRole('button', { name: 'Done', exact: true }).click()

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
}

interface MomentRow {
  id: string
  kind: string
  title: string
  customer: { id: string; name: string }
  suggestion: { act: { title: string } | null } | null
}

/**
 * A family birthday in the demo shows up in the salesperson's moments with a suggested act drawn
 * from the customer's secrets, and on the customer's page. Answers the moment, for the caller to act on.
 */
export const familyBirthdayIsAMoment = async (page: Page, base: string): Promise<MomentRow> => {
  const mine = await demoJson<{ moments: MomentRow[] }>(page, '/moments')
  const birthday = mine.moments.find((m) => m.kind === 'birthday' && m.suggestion?.act)
  expect(birthday, 'a family birthday with a suggested act among the demo salesperson’s moments').toBeTruthy()
  const m = birthday!
  await page.goto(`${base}/w/demo`)
  await page.getByRole('link', { name: 'Moments', exact: true }).click()
  await page.getByRole('heading', { name: 'Moments', level: 1 }).waitFor()
  const item = page.getByRole('article', { name: `Birthday: ${m.title}` })
  await item.waitFor()
  await item.getByText(`Suggested act: ${m.suggestion!.act!.title}`).waitFor()
  await item.getByText(/^Draws on /).waitFor()
  await expectAccessible(page, 'my moments')
  await page.goto(`${base}/w/demo/customers/${m.customer.id}`)
  const card = page.getByRole('region', { name: 'WOW moments' })
  await card.getByRole('article', { name: `Birthday: ${m.title}` }).waitFor()
  return m
}
