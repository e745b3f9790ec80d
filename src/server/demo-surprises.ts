import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Actor } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runSurpriseImport } from './imports/run-surprise-import.ts'

const CATALOGUE = path.join(import.meta.dirname, 'demo-data/surprise-catalogue.csv')

/**
 * The demo's surprise catalogue: what an outdoor retailer can offer when it recovers — wine,
 * coffee, tickets, flowers, books, experiences, donations, upgrades, service — loaded through the
 * same CSV import a workspace uses (so a second run changes nothing).
 */
export const seedDemoSurprises = async (deps: ServerDeps, workspaceId: string, actor: Actor) => {
  const report = await runSurpriseImport(deps, null, workspaceId, actor, await readFile(CATALOGUE, 'utf8'), {
    dryRun: false,
    keepGoodRows: false,
    fileName: 'surprise-catalogue.csv',
  })
  if (report.status !== 'imported') {
    throw new Error(
      `The demo surprise catalogue was refused: ${report.errors.map((e) => `row ${e.row}: ${e.reason}`).join('; ')}`,
    )
  }
  return report
}
