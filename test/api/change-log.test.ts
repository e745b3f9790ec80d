import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChangeLog, installChangeLog } from '../support/change-log.ts'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

/**
 * The bad-input fuzz trusts the change log to see any row a refused request changed: here a
 * request that does change rows, answered as if refused (a broken route), is caught, and the log
 * stays quiet where nothing was committed.
 */
let t: TestApp
let headers: Record<string, string>
let changes: ChangeLog

beforeAll(async () => {
  t = await buildTestApp()
  const a = await t.admin('log@change.test', 'Log Co')
  headers = { cookie: a.cookie, ...ORIGIN, 'x-dazzle-workspace': a.workspace.slug }
  changes = await installChangeLog(t.database.db, ['customer', 'audit_event', 'workspace'])
})
afterAll(() => t.close())

describe('the change log the bad-input fuzz checks refusals with', () => {
  it('names the tables a request changed, even one whose answer says it was refused', async () => {
    const before = await changes.mark()
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers,
      payload: { name: 'Kept' },
    })
    expect(res.statusCode).toBe(201)
    // what a broken route that stored the customer and then answered 4xx would leave behind
    expect(await changes.changedSince(before)).toEqual(['customer', 'audit_event'])
  })

  it('sees a change the app makes under row-level security, an update and a delete', async () => {
    const c = (
      await t.app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name: 'Renamed' } })
    ).json()
    const before = await changes.mark()
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/customers/${c.id}`,
      headers,
      payload: { name: 'Renamed again' },
    })
    expect(patch.statusCode).toBe(200)
    expect(await changes.changedSince(before)).toContain('customer')
    const mark = await changes.mark()
    await sql`delete from customer where id = ${c.id}`.execute(t.database.db)
    expect(await changes.changedSince(mark)).toEqual(['customer'])
  })

  it('stays quiet for a refused request, a rolled-back write and an update that changes nothing', async () => {
    const before = await changes.mark()
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers,
      payload: { name: 7 },
    })
    expect(refused.statusCode).toBe(422)
    await t.database.db
      .transaction()
      .execute(async (trx) => {
        await sql`update workspace set name = 'Half changed'`.execute(trx)
        throw new Error('rolled back')
      })
      .catch(() => undefined)
    await sql`update workspace set name = name`.execute(t.database.db)
    expect(await changes.changedSince(before)).toEqual([])
    expect(await changes.mark()).toBe(before)
  })
})
