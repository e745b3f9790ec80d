import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildWeb, webBuildIsStale } from '../../src/cli/web-build.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

describe('the web build', () => {
  it('keeps the first page within its JavaScript budget, and ships each file compressed', async () => {
    // the browser tests build the UI when it is stale; so does this one, when it runs alone
    if (webBuildIsStale()) await buildWeb()
    const run = spawnSync(process.execPath, ['scripts/bundle-size.mjs', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(run.status, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout)
    for (const page of ['sign-in', 'home']) {
      expect(report[page].js.gzip, page).toBeLessThanOrEqual(report.budgetKb * 1000)
      // the brotli copies are there for the server to send
      expect(report[page].js.br, page).toBeGreaterThan(0)
      expect(report[page].js.br, page).toBeLessThan(report[page].js.gzip)
    }
  })
})
