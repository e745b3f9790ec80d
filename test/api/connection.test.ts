import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/test-app.ts'

const onPostgres = process.env.DAZZLE_TEST_DB === 'postgres'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

describe.runIf(onPostgres)('a PostgreSQL server that ends connections', () => {
  it('keeps the app running when idle pooled connections are terminated, and serves the next request', async () => {
    // warm several pooled connections, then let them go idle
    await Promise.all(Array.from({ length: 4 }, () => sql`select pg_sleep(0.05)`.execute(t.database.raw)))
    const killed = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and state = 'idle'`.execute(
      t.database.raw,
    )
    expect(killed.rows[0]!.n).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 200)) // the 'error' events arrive on the idle clients
    const health = await t.app.inject('/api/health')
    expect(health.statusCode).toBe(200)
    expect(health.json()).toMatchObject({ status: 'ok', database: expect.anything() })
  })
})
