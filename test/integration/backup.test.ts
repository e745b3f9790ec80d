import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/connection.ts'
import { startPostgres } from '../support/postgres-server.ts'
import { buildTestApp, ORIGIN } from '../support/test-app.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'dazzle-backup-'))

const dazzle = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/dazzle.mjs'), ...args], {
      env: { ...process.env, DATABASE_URL: '', DAZZLE_DATA_DIR: '', ...env },
    })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d) => {
      stdout += d
    })
    p.stderr.on('data', (d) => {
      stderr += d
    })
    p.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })

/** every table of the schema: its row count and a checksum of its rows in a stable order */
const fingerprint = async (db: Kysely<any>) => {
  const tables = await sql<{ t: string }>`
    select tablename as t from pg_tables where schemaname = 'public' order by 1`.execute(db)
  const out: Record<string, { n: number; h: string }> = {}
  for (const { t } of tables.rows) {
    const r = await sql<{ n: number; h: string }>`
      select count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h
      from ${sql.table(t)} x`.execute(db)
    out[t] = r.rows[0]!
  }
  return out
}

/** a workspace with customers, people and secrets, written through the API */
const fill = async (opts: { databaseUrl?: string; database?: Awaited<ReturnType<typeof openDatabase>> }) => {
  const t = await buildTestApp(opts)
  const { cookie } = await t.admin('ada@backup.test', 'Backup Co')
  for (const name of ['Harbour Wines', 'Oak & Barrel', 'Cellar Door']) {
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie, ...ORIGIN },
      payload: { name, kind: 'organisation' },
    })
    const id = c.json().id as string
    await t.app.inject({
      method: 'POST',
      url: `/api/customers/${id}/people`,
      headers: { cookie, ...ORIGIN },
      payload: { name: `Grace of ${name}` },
    })
    await t.app.inject({
      method: 'POST',
      url: `/api/customers/${id}/secrets`,
      headers: { cookie, ...ORIGIN },
      payload: { category: 'inventory_problems', text: `${name} runs low on stock every December` },
    })
  }
  await t.close()
}

const expectSame = (
  a: Record<string, { n: number; h: string }>,
  b: Record<string, { n: number; h: string }>,
) => {
  expect(Object.keys(b)).toEqual(Object.keys(a))
  for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table])
  expect(a.customer!.n).toBe(3)
  expect(a.secret!.n).toBe(3)
  expect(a.audit_event!.n).toBeGreaterThan(0)
}

describe('dazzle backup and restore', () => {
  it('gives back every row of an embedded folder, into an empty folder only', async () => {
    const dataDir = path.join(tmp(), 'data')
    const database = await openDatabase({ dataDir })
    const { migrateToLatest } = await import('../../src/db/migrate.ts')
    await migrateToLatest(database.raw)
    await fill({ database })
    const before = await fingerprint(database.raw)
    await database.close()

    const file = path.join(tmp(), 'dazzle.backup')
    const b = await dazzle(['backup', file], { DAZZLE_DATA_DIR: dataDir })
    expect(b.code, b.stderr).toBe(0)
    expect(b.stdout).toMatch(/Backed up/)

    const restored = path.join(tmp(), 'restored')
    const r = await dazzle(['restore', file], { DAZZLE_DATA_DIR: restored })
    expect(r.code, r.stderr).toBe(0)
    const again = await openDatabase({ dataDir: restored })
    try {
      expectSame(before, await fingerprint(again.raw))
    } finally {
      await again.close()
    }

    // never over data that is there, and a file that is not a backup is named as such
    const over = await dazzle(['restore', file], { DAZZLE_DATA_DIR: dataDir })
    expect(over.code).not.toBe(0)
    expect(over.stderr).toMatch(/not empty/)
    const junk = await dazzle(['restore', path.join(ROOT, 'package.json')], {
      DAZZLE_DATA_DIR: path.join(tmp(), 'x'),
    })
    expect(junk.code).not.toBe(0)
    expect(junk.stderr).toMatch(/not a Dazzle backup/)
  }, 180_000)

  describe('on PostgreSQL', () => {
    let stop: (() => Promise<void>) | null = null
    afterAll(async () => {
      await stop?.()
    })
    it('gives back every row with pg_dump and pg_restore, into an empty database only', async () => {
      const server = await startPostgres()
      stop = () => server.stop()
      const admin = new pg.Client({ connectionString: server.url })
      await admin.connect()
      await admin.query('create database source_db')
      await admin.query('create database target_db')
      await admin.end()
      const at = (db: string) => {
        const u = new URL(server.url)
        u.pathname = `/${db}`
        return u.toString()
      }
      await fill({ databaseUrl: at('source_db') })
      const source = await openDatabase({ databaseUrl: at('source_db') })
      const before = await fingerprint(source.raw)
      await source.close()

      const file = path.join(tmp(), 'dazzle.dump')
      const b = await dazzle(['backup', file], { DATABASE_URL: at('source_db') })
      expect(b.code, b.stderr).toBe(0)
      const r = await dazzle(['restore', file], { DATABASE_URL: at('target_db') })
      expect(r.code, r.stderr).toBe(0)
      const target = await openDatabase({ databaseUrl: at('target_db') })
      try {
        expectSame(before, await fingerprint(target.raw))
      } finally {
        await target.close()
      }
      const over = await dazzle(['restore', file], { DATABASE_URL: at('source_db') })
      expect(over.code).not.toBe(0)
      expect(over.stderr).toMatch(/not empty/)
    }, 180_000)
  })
})
