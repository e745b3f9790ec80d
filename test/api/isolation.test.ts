import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TABLE_COLUMNS } from '../../src/db/schema.ts'
import { inWorkspace } from '../../src/db/workspace-scope.ts'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
let a: { id: string }
let b: { id: string }
beforeAll(async () => {
  t = await buildTestApp()
  const alpha = await t.admin('ann@alpha.test', 'Alpha')
  const beta = await t.admin('ben@beta.test', 'Beta')
  a = alpha.workspace
  b = beta.workspace
  for (const [cookie, email] of [
    [alpha.cookie, 'x@alpha.test'],
    [beta.cookie, 'y@beta.test'],
  ] as const) {
    await t.app.inject({
      method: 'POST',
      url: '/api/workspace/invitations',
      headers: { cookie, ...ORIGIN },
      payload: { email, role: 'sales' },
    })
  }
})
afterAll(() => t.close())

describe('row-level security', () => {
  it('hides every other workspace’s rows from a query that forgets the filter', async () => {
    await inWorkspace(t.database.db, a.id, async (trx) => {
      for (const table of ['workspace', 'membership', 'invitation', 'audit_event'] as const) {
        const rows = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx)
        const foreign = await sql<{ n: number }>`
          select count(*)::int as n from ${sql.table(table)}
          where ${sql.ref(table === 'workspace' ? 'id' : 'workspace_id')} <> ${a.id}`.execute(trx)
        expect(rows.rows[0]!.n, table).toBeGreaterThan(0)
        expect(foreign.rows[0]!.n, table).toBe(0)
      }
      const invitations = await trx.selectFrom('invitation').select('email').execute()
      expect(invitations.map((i) => i.email)).toEqual(['x@alpha.test'])
    })
  })

  it('keeps the security-definer search functions inside the workspace set for the transaction', async () => {
    await t.database.db
      .insertInto('customer')
      .values({ workspaceId: b.id, kind: 'organisation', name: 'Belweather Vineyards', externalId: 'BV-1' })
      .execute()
    const hits = (workspaceId: string, term: string) =>
      inWorkspace(t.database.db, workspaceId, async (trx) => {
        await sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`.execute(trx)
        return (
          await sql<{
            id: string
          }>`select id from dazzle_customer_name_hits(${term}, ${`%${term}%`}, 10)`.execute(trx)
        ).rows
      })
    expect(await hits(b.id, 'belweather vinyards')).toHaveLength(1)
    expect(await hits(b.id, 'BV-1')).toHaveLength(1)
    expect(await hits(a.id, 'belweather vinyards')).toEqual([])
    expect(await hits(a.id, 'BV-1')).toEqual([])
  })

  it('refuses to write a row into another workspace, and to change or delete its rows', async () => {
    await expect(
      inWorkspace(t.database.db, a.id, (trx) =>
        trx
          .insertInto('invitation')
          .values({
            workspaceId: b.id,
            email: 'z@x.test',
            role: 'sales',
            tokenHash: 'h1',
            expiresAt: new Date(),
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/)
    const changed = await inWorkspace(t.database.db, a.id, (trx) =>
      trx.updateTable('invitation').set({ role: 'admin' }).where('workspaceId', '=', b.id).executeTakeFirst(),
    )
    expect(Number(changed.numUpdatedRows)).toBe(0)
    const deleted = await inWorkspace(t.database.db, a.id, (trx) =>
      trx.deleteFrom('membership').where('workspaceId', '=', b.id).executeTakeFirst(),
    )
    expect(Number(deleted.numDeletedRows)).toBe(0)
  })

  it('keeps the audit trail append-only even for the app role', async () => {
    await expect(
      inWorkspace(t.database.db, a.id, (trx) => trx.deleteFrom('auditEvent').execute()),
    ).rejects.toThrow(/permission denied/)
    await expect(
      inWorkspace(t.database.db, a.id, (trx) =>
        trx.updateTable('auditEvent').set({ actorLabel: 'x' }).execute(),
      ),
    ).rejects.toThrow(/permission denied|append-only/)
  })

  it('does not let the app role read password hashes or sessions', async () => {
    await expect(
      inWorkspace(t.database.db, a.id, (trx) => sql`select password from auth_account`.execute(trx)),
    ).rejects.toThrow(/permission denied/)
    await expect(
      inWorkspace(t.database.db, a.id, (trx) => sql`select token from auth_session`.execute(trx)),
    ).rejects.toThrow(/permission denied/)
  })
})

describe('schema', () => {
  it('matches the TypeScript description kept beside the migrations', async () => {
    const r = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name in (${sql.join(Object.keys(TABLE_COLUMNS))})
      order by table_name, ordinal_position`.execute(t.database.raw)
    const actual: Record<string, string[]> = {}
    for (const row of r.rows) {
      actual[row.table_name] = [...(actual[row.table_name] ?? []), row.column_name]
    }
    expect(actual).toEqual(TABLE_COLUMNS)
  })

  it('returns counts as numbers and dates as calendar days on both drivers', async () => {
    const r = await sql<{
      n: number
      d: string
    }>`select count(*) as n, date '2011-12-09' as d from workspace`.execute(t.database.raw)
    expect(typeof r.rows[0]!.n).toBe('number')
    expect(r.rows[0]!.d).toBe('2011-12-09')
  })
})
