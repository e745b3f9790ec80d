import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const call = (method: string, url: string, cookie: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })
const DAY = 86_400_000
const inDays = (n: number) => new Date(t.clock.now().getTime() + n * DAY)
const ymd = (d: Date) => d.toISOString().slice(0, 10)
const at = (daysAgo: number) => inDays(-daysAgo).toISOString().slice(0, 19).replace('T', ' ')

/** A workspace with a tier-A customer owned by the salesperson: family with a birthday soon, a dated secret. */
const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const sales = await t.member(admin, `sam@${tag}.test`, 'sales')
  const sales2 = await t.member(admin, `sid@${tag}.test`, 'sales')
  const leader = await t.member(admin, `lee@${tag}.test`, 'leader')
  const marketing = await t.member(admin, `mo@${tag}.test`, 'marketing')
  // 201 buys a lot, every 10 days; 202 a little: 201 is the precious few (tier A)
  const csv = [
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
    ...[5, 15, 25, 35, 45].map((d, i) => `A${i},SKU,GOODS,1,${at(d)},2000,201,United Kingdom`),
    `B1,SKU,GOODS,1,${at(30)},20,202,United Kingdom`,
  ].join('\n')
  const imp = await t.app.inject({
    method: 'POST',
    url: '/api/imports?kind=purchases',
    headers: { cookie: admin, ...ORIGIN, 'content-type': 'text/csv' },
    payload: csv,
  })
  expect(imp.json()).toMatchObject({ status: 'imported' })
  const members = (await call('GET', '/api/workspace/members', admin)).json().members as {
    userId: string
    email: string
  }[]
  const salesId = members.find((m) => m.email === `sam@${tag}.test`)!.userId
  const list = (await call('GET', '/api/customers?pageSize=10', admin)).json().customers as {
    id: string
    externalId: string
  }[]
  const customer = list.find((c) => c.externalId === '201')!
  await call('PATCH', `/api/customers/${customer.id}`, admin, {
    name: `Harbour ${tag}`,
    ownerUserId: salesId,
  })
  const person = (
    await call('POST', `/api/customers/${customer.id}/people`, admin, { name: 'Grace Lee' })
  ).json()
  const birthday = inDays(12)
  const relation = (
    await call('POST', `/api/customers/${customer.id}/relations`, sales, {
      personId: person.id,
      kind: 'child',
      name: 'Poppy',
      birthday: `2016-${ymd(birthday).slice(5)}`,
    })
  ).json()
  expect(relation.id).toBeTruthy()
  const month = birthday.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })
  const secret = (
    await call('POST', `/api/customers/${customer.id}/secrets`, sales, {
      personId: person.id,
      category: 'lifestyle_choice',
      text: `Grace runs the Harbour half marathon in ${month}`,
      certainty: 'heard',
    })
  ).json()
  expect(secret.id).toBeTruthy()
  return { admin, sales, sales2, leader, marketing, workspace, customer, person, salesId, birthday }
}

describe('WOW moments', () => {
  let s: Awaited<ReturnType<typeof setup>>
  beforeAll(async () => {
    s = await setup('wow')
  })

  it('finds a family birthday for the tier-A customer, once however often it is asked', async () => {
    const first = await call('POST', '/api/moments/refresh', s.sales)
    expect(first.statusCode).toBe(200)
    expect(first.json().added).toBeGreaterThanOrEqual(2)
    const again = (await call('POST', '/api/moments/refresh', s.leader)).json()
    expect(again.added).toBe(0)
    const mine = (await call('GET', '/api/moments', s.sales)).json()
    const birthday = mine.moments.find((m: { kind: string }) => m.kind === 'birthday')
    expect(birthday).toMatchObject({
      onDate: ymd(s.birthday),
      customer: { id: s.customer.id, tier: 'A' },
      owner: { id: s.salesId },
      status: 'open',
      state: 'due',
      suggestion: { budget: 250, planName: 'Tier A — the precious few' },
    })
    expect(birthday.title).toContain('Poppy’s birthday (Grace Lee’s child)')
    const dated = mine.moments.find((m: { kind: string }) => m.kind === 'secret_date')
    expect(dated.secretText).toContain('half marathon')
    expect(mine.counts.due).toBe(mine.moments.length)
    // the reminder is queued once per moment
    const jobs = await sql<{ n: number }>`select count(*)::int as n from job
      where workspace_id = ${s.workspace.id} and kind = 'moment.remind'`.execute(t.database.raw)
    expect(jobs.rows[0]!.n).toBe(
      (
        await sql<{
          n: number
        }>`select count(*)::int as n from moment where workspace_id = ${s.workspace.id}`.execute(
          t.database.raw,
        )
      ).rows[0]!.n,
    )
    // the read of secret text is audited, without the text
    const audit = await sql<{ details: unknown }>`select details from audit_event
      where workspace_id = ${s.workspace.id} and action = 'secrets.read_manual'`.execute(t.database.raw)
    expect(audit.rows.length).toBeGreaterThan(0)
    expect(JSON.stringify(audit.rows)).not.toContain('marathon')
  })

  it('shows the team to a leader, not to a salesperson; one customer’s moments to everyone', async () => {
    expect((await call('GET', '/api/moments?owner=team', s.leader)).json().moments.length).toBeGreaterThan(0)
    const refused = await call('GET', '/api/moments?owner=team', s.sales)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.message).toMatch(/leaders and admins/)
    expect((await call('GET', '/api/moments', s.sales2)).json().moments).toEqual([])
    const card = await call('GET', `/api/customers/${s.customer.id}/moments`, s.marketing)
    expect(card.statusCode).toBe(200)
    expect(card.json().moments.length).toBeGreaterThan(0)
    expect((await call('GET', '/api/customers/nope/moments', s.sales)).statusCode).toBe(404)
  })

  it('refuses an unknown moment, a note too long, another salesperson, a role that may not write', async () => {
    const [m] = (await call('GET', '/api/moments', s.sales)).json().moments
    const unknown = await call('POST', '/api/moments/nope/act', s.sales, { note: 'x' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('moment_not_found')
    const long = await call('POST', `/api/moments/${m.id}/act`, s.sales, { note: 'x'.repeat(1001) })
    expect(long.statusCode).toBe(422)
    expect(JSON.stringify(long.json())).toMatch(/1,000 characters/)
    expect((await call('POST', `/api/moments/${m.id}/act`, s.sales2, {})).statusCode).toBe(403)
    expect((await call('POST', `/api/moments/${m.id}/dismiss`, s.marketing, {})).statusCode).toBe(403)
    expect(
      (await call('GET', `/api/moments?status=all`, s.sales))
        .json()
        .moments.every((x: { status: string }) => x.status === 'open'),
    ).toBe(true)
  })

  it('records what was done once, in time, audited without the note; acting twice is a 409', async () => {
    const mine = (await call('GET', '/api/moments', s.sales)).json().moments
    const birthday = mine.find((m: { kind: string }) => m.kind === 'birthday')
    const done = await call('POST', `/api/moments/${birthday.id}/act`, s.sales, {
      note: 'Sent Poppy a book token with a card from the team',
    })
    expect(done.statusCode).toBe(200)
    expect(done.json()).toMatchObject({ status: 'done', state: 'done_in_time', closedBy: 'sam' })
    const twice = await call('POST', `/api/moments/${birthday.id}/act`, s.sales, { note: 'again' })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.message).toMatch(/already marked done/)
    const dismissTwice = await call('POST', `/api/moments/${birthday.id}/dismiss`, s.leader, {})
    expect(dismissTwice.statusCode).toBe(409)
    const audit = await sql<{ details: unknown }>`select details from audit_event
      where workspace_id = ${s.workspace.id} and action = 'moment.acted'`.execute(t.database.raw)
    expect(audit.rows).toHaveLength(1)
    expect(JSON.stringify(audit.rows)).not.toContain('book token')
    const board = (await call('GET', '/api/moments/scoreboard', s.marketing)).json()
    expect(board).toMatchObject({ actedInTime: 1, missed: 0, days: 90 })
    expect(board.due).toBeGreaterThan(0)
  })

  it('reminds the owner once ahead of the date, through the job runner', async () => {
    const open = (await call('GET', '/api/moments', s.sales)).json().moments
    t.clock.advance(40 * DAY)
    await t.jobs.runDueJobs()
    await t.jobs.runDueJobs()
    const bell = (await call('GET', '/api/notifications', s.sales)).json()
    const reminders = bell.notifications.filter((n: { kind: string }) => n.kind === 'moment.reminder')
    expect(reminders).toHaveLength(open.length)
    expect(reminders[0].title).toMatch(/^WOW moment: Harbour wow — /)
    await t.jobs.runDueJobs()
    const after = (await call('GET', '/api/notifications', s.sales)).json()
    expect(after.notifications.filter((n: { kind: string }) => n.kind === 'moment.reminder')).toHaveLength(
      open.length,
    )
    t.clock.advance(-40 * DAY)
  })

  it('lists the moments paths in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json()
    for (const [path, method] of [
      ['/api/moments', 'get'],
      ['/api/moments/scoreboard', 'get'],
      ['/api/moments/refresh', 'post'],
      ['/api/moments/{id}/act', 'post'],
      ['/api/moments/{id}/dismiss', 'post'],
      ['/api/customers/{id}/moments', 'get'],
    ] as const)
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeTruthy()
  })

  it('never shows or changes another workspace’s moment', async () => {
    const other = await setup('elsewhere')
    const [m] = (await call('GET', '/api/moments', s.sales)).json().moments
    const res = await call('POST', `/api/moments/${m.id}/act`, other.admin, { note: 'not mine' })
    expect(res.statusCode).toBe(404)
    expect((await call('GET', '/api/moments?owner=team', other.admin)).json().moments).toEqual([])
  })

  it('takes the moments away when the customer is erased', async () => {
    const erase = await call('POST', `/api/customers/${s.customer.id}/erase`, s.admin, {
      confirm: `Harbour wow`,
    })
    expect(erase.statusCode).toBe(200)
    const left = await sql<{ n: number }>`select count(*)::int as n from moment
      where workspace_id = ${s.workspace.id}`.execute(t.database.raw)
    expect(left.rows[0]!.n).toBe(0)
    const bell = (await call('GET', '/api/notifications', s.sales)).json()
    expect(JSON.stringify(bell)).not.toContain('Harbour wow')
  })
})
