import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

/**
 * `npx dazzle import purchases` on files as people have them (issue 15): the CDNOW log as it comes
 * (runs of spaces, YYYYMMDD, CRLF, no invoice numbers), a European export, and dates that could be
 * day or month first. Figures checked against sums computed here from the bytes.
 */

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

const CDNOW = gunzipSync(readFileSync(path.join(ROOT, 'test/data/cdnow/CDNOW_master-slice.txt.gz')))

describe('dazzle import purchases, files as they come', () => {
  it('imports the CDNOW log as it is, with the figures of the file, and a second time adds nothing', {
    timeout: 300_000,
  }, async () => {
    const env = { DAZZLE_DATA_DIR: tmp(), PORT: '0', DAZZLE_DEMO: '0' }
    const created = await run(
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
    expect(created.code, created.stderr).toBe(0)

    // the sums, from the bytes
    const rows = CDNOW.toString('latin1')
      .split('\r\n')
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/))
    const by = new Map<string, number>()
    for (const r of rows) by.set(r[0]!, (by.get(r[0]!) ?? 0) + Math.round(Number(r[3]) * 100))
    const positive = [...by.values()].filter((c) => c > 0)

    const file = path.join(tmp(), 'CDNOW_master.txt')
    writeFileSync(file, CDNOW)
    const args = [
      'import',
      'purchases',
      file,
      '--workspace',
      'acme',
      '--currency',
      'USD',
      '--timezone',
      'America/New_York',
    ]
    const first = await run(args, env)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/Imported CDNOW_master\.txt: 5,000 rows/)
    expect(first.stdout).toMatch(/added 5,000 · already present 0 · new customers 1,603/)
    expect(first.stdout).toContain('CDNOW_master.txt: read as UTF-8, columns separated by runs of spaces.')
    expect(first.stdout).toContain(
      'No invoice number column: each customer and time is counted as one order.',
    )
    expect(by.size).toBe(1603)

    const value = JSON.parse((await run(['value', '--workspace', 'acme', '--json'], env)).stdout)
    expect(value).toMatchObject({ currency: 'USD', customers: by.size, withPositiveRevenue: positive.length })
    expect(Math.round(value.totalRevenue * 100)).toBe(positive.reduce((a, b) => a + b, 0))

    const again = await run(args, env)
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toMatch(/added 0 · already present 5,000 · new customers 0/)

    // dates that read either way throughout: refused, naming the row and column, until the order is said
    const ambiguous = path.join(tmp(), 'shop.csv')
    writeFileSync(ambiguous, 'Invoice;Client;Date;Amount\r\nA1;Z;03/04/2025;1,50\r\nA2;Z;05/06/2025;2,25\r\n')
    const refused = await run(
      ['import', 'purchases', ambiguous, '--workspace', 'acme', '--currency', 'USD'],
      env,
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /every date in column "Date" could be day first or month first \(row 2: 03\/04\/2025\)\. Choose the date order: --date-order dmy/,
    )
    const told = await run(
      [
        'import',
        'purchases',
        ambiguous,
        '--workspace',
        'acme',
        '--currency',
        'USD',
        '--date-order',
        'dmy',
        '--delimiter',
        'semicolon',
      ],
      env,
    )
    expect(told.code, told.stderr).toBe(0)
    expect(told.stdout).toMatch(/added 2/)
    expect(told.stdout).toContain(
      'read as UTF-8, columns separated by semicolons, decimal commas, dates day first (DD/MM/YYYY).',
    )
    const after = JSON.parse((await run(['value', '--workspace', 'acme', '--json'], env)).stdout)
    expect(Math.round(after.totalRevenue * 100)).toBe(positive.reduce((a, b) => a + b, 0) + 375)

    const wrong = await run(
      ['import', 'purchases', ambiguous, '--workspace', 'acme', '--encoding', 'ebcdic'],
      env,
    )
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/"ebcdic" is not an encoding Dazzle reads/)
  })
})
