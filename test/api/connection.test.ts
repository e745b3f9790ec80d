import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inWorkspace } from '../../src/db/workspace-scope.ts'
import { buildTestApp, openTestDatabase, type TestApp } from '../support/test-app.ts'

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

describe('one database, many requests at once', () => {
  it('never runs a query inside another request’s open transaction (its role and workspace)', async () => {
    const database = await openTestDatabase()
    try {
      let release!: () => void
      const held = new Promise<void>((r) => {
        release = r
      })
      let inside!: () => void
      const opened = new Promise<void>((r) => {
        inside = r
      })
      // a request whose transaction waits on something else (a file, a model) with its scope set
      const tx = inWorkspace(database.db, 'ws-held', async (trx) => {
        inside()
        await held
        return (
          await sql<{ w: string }>`select current_setting('dazzle.workspace_id', true) as w`.execute(trx)
        ).rows[0]!.w
      })
      await opened
      // meanwhile another request reads outside any transaction
      const other = sql<{ w: string | null; role: string }>`
        select nullif(current_setting('dazzle.workspace_id', true), '') as w, current_user as role`.execute(
        database.db,
      )
      setTimeout(release, 50)
      const [mine, theirs] = await Promise.all([tx, other])
      expect(mine).toBe('ws-held')
      expect(theirs.rows[0]!.w).toBeNull()
      expect(theirs.rows[0]!.role).not.toBe('dazzle_app')
    } finally {
      await database.close()
    }
  })
})
