import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/connection.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'dazzle-cli-'))

const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/dazzle.mjs'), ...args], {
      env: { ...process.env, ...env, DATABASE_URL: '' },
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

const waitFor = (p: ChildProcess, pattern: RegExp) =>
  new Promise<string>((resolve, reject) => {
    let out = ''
    const onData = (d: Buffer) => {
      out += d
      const m = pattern.exec(out)
      if (m) resolve(m[0])
    }
    p.stdout?.on('data', onData)
    p.on('exit', (code) => reject(new Error(`exited ${code} before ${pattern}: ${out}`)))
  })

const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) c.kill('SIGKILL')
})

describe('embedded database', () => {
  it('keeps an acknowledged write when the process is killed', async () => {
    const dir = tmp()
    const child = spawn(process.execPath, [
      path.join(ROOT, 'bin/run-ts.mjs'),
      path.join(ROOT, 'test/fixtures/write-then-hang.ts'),
      dir,
      'durable-key',
    ])
    children.push(child)
    await waitFor(child, /written/)
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    const database = await openDatabase({ dataDir: dir })
    const r = await sql<{
      value: string
    }>`select value from instance_setting where key = 'durable-key'`.execute(database.raw)
    await database.close()
    expect(r.rows).toEqual([{ value: 'acknowledged' }])
  })
})

/** ada@acme.test, admin of a new workspace "acme", made by the CLI in the data folder of `env` */
const createAdmin = (env: Record<string, string>) =>
  run(
    [
      'user',
      'create',
      '--workspace',
      'acme',
      '--email',
      'ada@acme.test',
      '--password',
      'correct horse battery',
    ],
    env,
  )

/** `dazzle serve` on the data folder of `env`, and the address it listens on */
const serve = async (env: Record<string, string>) => {
  const server = spawn(process.execPath, [path.join(ROOT, 'bin/dazzle.mjs'), 'serve'], {
    env: { ...process.env, ...env, DATABASE_URL: '' },
  })
  children.push(server)
  const url = (await waitFor(server, /http:\/\/localhost:\d+/)).replace('localhost', '127.0.0.1')
  return { server, url }
}

describe('dazzle CLI', () => {
  // each step spawns the CLI (a fresh Node process compiling TypeScript): minutes on a busy machine
  it('works with and without a server on the data folder, and never opens it twice', {
    timeout: 240_000,
  }, async () => {
    const env = { DAZZLE_DATA_DIR: tmp(), PORT: '0', DAZZLE_DEMO: '0' }
    const created = await createAdmin(env)
    expect(created.code, created.stderr).toBe(0)
    expect(created.stdout).toContain('ada@acme.test is admin in acme')

    const { server, url } = await serve(env)

    // through the running server
    const token = await run(['token', 'create', '--workspace', 'acme', '--email', 'ada@acme.test'], env)
    expect(token.code, token.stderr).toBe(0)
    expect(token.stdout.trim()).toMatch(/^dzl_[\w-]+$/)
    const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } })
    expect(await me.json()).toMatchObject({ user: { email: 'ada@acme.test' }, role: 'admin' })

    const second = await run(['serve'], env)
    expect(second.code).toBe(1)
    expect(second.stderr).toMatch(/in use/)

    const bad = await run(['token', 'create', '--workspace', 'nowhere', '--email', 'ada@acme.test'], env)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toBe('dazzle: There is no workspace "nowhere".\n')

    // an import goes through the server too, and is idempotent
    const csv = path.join(tmp(), 'p.csv')
    writeFileSync(
      csv,
      'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,2,2026-01-05 10:00:00,5.00,42.0\n1,1,2026-01-05 10:00:00,7.50,43\n',
    )
    const imported = await run(['import', 'purchases', csv, '--workspace', 'acme'], env)
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toMatch(/Imported p\.csv: 2 rows/)
    expect(imported.stdout).toMatch(/added 2 · already present 0 · new customers 2/)
    const people = path.join(tmp(), 'c.csv')
    writeFileSync(people, 'Customer ID,Company,Spouse\n42,Alpha Ltd,Jo\n')
    const named = await run(['import', 'customers', people, '--workspace', 'acme'], env)
    expect(named.code, named.stderr).toBe(0)
    expect(named.stdout).toMatch(/new customers 0 · already present \(updated\) 1/)
    const value = await run(['value', '--workspace', 'acme', '--json'], env)
    expect(JSON.parse(value.stdout)).toMatchObject({ customers: 2, withPositiveRevenue: 2, tiers: { A: 2 } })
    // past OOPS! cases, each with a customer of its own, owned by no one (the CLI is no member)
    const cases = path.join(tmp(), 'cases.csv')
    writeFileSync(
      cases,
      'Complaint ID,Date received,Issue,State,Company response to consumer\n101,2019/9/24,Trouble during payment process,FL,Closed with monetary relief\n102,2019/9/25,"Incorrect information\non your report",CA,Closed with explanation\n',
    )
    const oops = await run(['import', 'oops', cases, '--workspace', 'acme'], env)
    expect(oops.code, oops.stderr).toBe(0)
    expect(oops.stdout).toMatch(/Imported cases\.csv: 2 rows/)
    expect(oops.stdout).toMatch(/cases added 2 · already present 0 · new customers 2/)

    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))

    // directly: the same file adds nothing; a bad file is refused with the row and column, exit 1
    const again = await run(['import', 'purchases', csv, '--workspace', 'acme'], env)
    expect(again.stdout).toMatch(/added 0 · already present 2/)
    const casesAgain = await run(['import', 'oops', cases, '--workspace', 'acme'], env)
    expect(casesAgain.stdout).toMatch(/cases added 0 · already present 2 · new customers 0/)
    writeFileSync(
      csv,
      'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n9,x,2026-01-05 10:00:00,5.00,42\n',
    )
    const refused = await run(['import', 'purchases', csv, '--workspace', 'acme'], env)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/row 2, column Quantity: the quantity "x" is not a number/)

    // and directly again once the server is gone
    const direct = await run(
      ['token', 'create', '--workspace', 'acme', '--email', 'ada@acme.test', '--role', 'sales'],
      env,
    )
    expect(direct.code, direct.stderr).toBe(0)
    expect(direct.stdout.trim()).toMatch(/^dzl_/)
  })

  it('imports several files through the server in one transaction, and rolls back when the CLI is interrupted', {
    timeout: 240_000,
  }, async () => {
    const env = { DAZZLE_DATA_DIR: tmp(), PORT: '0', DAZZLE_DEMO: '0' }
    const created = await createAdmin(env)
    expect(created.code, created.stderr).toBe(0)
    const { server, url } = await serve(env)
    const customers = async () =>
      JSON.parse((await run(['value', '--workspace', 'acme', '--json'], env)).stdout).customers as number

    // three files, the last with a bad row: all or nothing across the files, as the help says
    const dir = tmp()
    const header = 'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n'
    writeFileSync(path.join(dir, 'a.csv'), `${header}1,2,2026-01-05 10:00:00,5.00,42\n`)
    writeFileSync(path.join(dir, 'b.csv'), `${header}2,1,2026-01-06 10:00:00,7.50,43\n`)
    writeFileSync(path.join(dir, 'c.csv'), `${header}3,x,2026-01-07 10:00:00,7.50,44\n`)
    const files = ['a.csv', 'b.csv', 'c.csv'].map((f) => path.join(dir, f))
    const refused = await run(['import', 'purchases', ...files, '--workspace', 'acme'], env)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/c\.csv row 2, column Quantity/)
    expect(await customers()).toBe(0)
    const good = await run(['import', 'purchases', ...files.slice(0, 2), '--workspace', 'acme'], env)
    expect(good.code, good.stderr).toBe(0)
    expect(good.stdout).toMatch(/added 2 · already present 0 · new customers 2/)

    // a large file, interrupted once the server is reading it: nothing of it stays, nothing waits
    const big = path.join(dir, 'big.csv')
    const lines = [header]
    for (let i = 0; i < 400_000; i++)
      lines.push(`${1000 + i},1,2026-02-01 10:00:00,1.25,${5000 + (i % 20_000)}\n`)
    writeFileSync(big, lines.join(''))
    const cli = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/dazzle.mjs'), 'import', 'purchases', big, '--workspace', 'acme'],
      {
        env: { ...process.env, ...env, DATABASE_URL: '' },
      },
    )
    children.push(cli)
    await new Promise<void>((resolve, reject) => {
      cli.stderr.on('data', (d: Buffer) => {
        if (/ %/.test(String(d))) resolve()
      })
      cli.once('exit', (code) => reject(new Error(`the import ended (${code}) before it was interrupted`)))
    })
    cli.kill('SIGINT')
    await new Promise((r) => cli.once('exit', r))
    const started = Date.now()
    const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })
    expect(health.status).toBe(200)
    // not waiting on the cut import: well under a second on a quiet machine, a few under CI's load
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(await customers()).toBe(2)

    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
  })

  it('explains a missing option and exits non-zero', async () => {
    const r = await run(['user', 'create', '--workspace', 'acme'], { DAZZLE_DATA_DIR: tmp() })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/required option '--email <email>' not specified/)
  })
})
