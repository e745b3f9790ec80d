import { readFile } from 'node:fs/promises'
import { surprisesStore } from '../db/surprises.store.ts'
import { importSurpriseRows } from '../domain/recovery/manage-surprise-catalogue.ts'
import type { Actor } from '../domain/workspaces/roles.ts'
import { demoDataFile } from './demo-data.ts'
import type { ServerDeps } from './deps.ts'
import { readSurpriseFile } from './imports/run-surprise-import.ts'
import { runInWorkspace } from './in-workspace.ts'

const CATALOGUE = demoDataFile('surprise-catalogue.csv')

/**
 * The demo's surprise catalogue: what an outdoor retailer can offer when it recovers — wine,
 * coffee, tickets, flowers, books, experiences, donations, upgrades, service — loaded through the
 * same CSV import a workspace uses (so a second run changes nothing).
 */
export const seedDemoSurprises = async (deps: ServerDeps, workspaceId: string, actor: Actor) => {
  const file = await readSurpriseFile(await readFile(CATALOGUE, 'utf8'), undefined)
  const report = await runInWorkspace(deps, null, workspaceId, (w) =>
    importSurpriseRows(
      { surprises: surprisesStore(w.trx, workspaceId), audit: w.audit, concepts: deps.concepts },
      actor,
      file.parsed,
      { dryRun: false, keepGoodRows: false, fileName: 'surprise-catalogue.csv' },
    ),
  )
  if (report.status !== 'imported') {
    throw new Error(
      `The demo surprise catalogue was refused: ${report.errors.map((e) => `row ${e.row}: ${e.reason}`).join('; ')}`,
    )
  }
  return report
}
