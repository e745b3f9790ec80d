import { createReadStream, readdirSync } from 'node:fs'
import path from 'node:path'
import { createGunzip } from 'node:zlib'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runPurchaseImport } from '../../src/server/imports/run-import.ts'
import { buildTestApp, type TestApp } from '../support/test-app.ts'

// shipped in the repository, gzipped (test/data/README.md)
const DATA = path.resolve(import.meta.dirname, '../data/online-retail')
const files = readdirSync(DATA)
  .filter((f) => f.endsWith('.csv.gz'))
  .sort()

let t: TestApp
let cookie: string
let workspaceId: string
beforeAll(async () => {
  t = await buildTestApp()
  const a = await t.admin('ada@retail.test', 'Retail')
  cookie = a.cookie
  workspaceId = a.workspace.id
})
afterAll(() => t.close())

const importYear = () =>
  runPurchaseImport(
    t.deps,
    workspaceId,
    null,
    files.map((f) => ({
      name: f.replace(/\.gz$/, ''),
      stream: createReadStream(path.join(DATA, f)).pipe(createGunzip()),
    })),
    { kind: 'purchases', dryRun: false, keepGoodRows: false, timezone: 'Europe/London', currency: 'GBP' },
  )

it('imports the real year of online-retail data and finds the precious few', {
  timeout: 600_000,
}, async () => {
  expect(files).toHaveLength(13)
  const first = await importYear()
  expect(first).toMatchObject({
    status: 'imported',
    rows: 541_909,
    rowsWithoutCustomer: 135_080,
    added: 541_909 - 135_080,
    customersAdded: 4372,
    errorCount: 0,
  })

  const value = (await t.app.inject({ url: '/api/value', headers: { cookie } })).json()
  expect(value.customers).toBe(4372)
  // 4,322 customers have positive revenue when summed in floating point; 5 of them net to exactly
  // 0.00 (every line cancelled) and are not positive in exact money arithmetic: 4,317.
  expect(value.withPositiveRevenue).toBe(4317)
  expect(value.tiers.A).toBe(1178)
  expect(value.top10Share).toBeCloseTo(0.165, 3)

  const again = await importYear()
  expect(again).toMatchObject({
    status: 'imported',
    added: 0,
    alreadyPresent: 541_909 - 135_080,
    customersAdded: 0,
  })
})
