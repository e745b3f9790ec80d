import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely'
import * as foundation from './migrations/2026-11-24T0100-foundation.ts'
import * as customers from './migrations/2026-11-24T0200-customers.ts'
import * as customerListIndexes from './migrations/2026-11-24T0300-customer-list-indexes.ts'
import * as secrets from './migrations/2026-11-24T0400-secrets.ts'
import * as recovery from './migrations/2026-11-24T0500-recovery.ts'
import * as secretTextSearch from './migrations/2026-11-24T0610-secret-text-search.ts'
import * as webhookAttempts from './migrations/2026-11-24T0720-webhook-attempts.ts'
import * as customerNameSearch from './migrations/2026-11-24T0800-customer-name-search.ts'
import * as surpriseCatalogueVersion from './migrations/2026-11-24T0810-surprise-catalogue-version.ts'
import * as customerOrdersIndex from './migrations/2026-11-24T0820-customer-orders-index.ts'
import * as secretLexemeCounts from './migrations/2026-11-24T0830-secret-lexeme-counts.ts'
import * as customerSegmentValueIndex from './migrations/2026-11-24T0840-customer-segment-value-index.ts'
import * as hotReadFunctions from './migrations/2026-11-24T0850-hot-read-functions.ts'
import * as tokenFollowsMember from './migrations/2026-12-01T0100-token-follows-member.ts'
import * as signInGuard from './migrations/2026-12-01T0200-sign-in-guard.ts'

/** Migrations are listed here in time order: frozen files, bundled with the code (no directory scan at run time). */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-24T0100-foundation': foundation,
  '2026-11-24T0200-customers': customers,
  '2026-11-24T0300-customer-list-indexes': customerListIndexes,
  '2026-11-24T0400-secrets': secrets,
  '2026-11-24T0500-recovery': recovery,
  '2026-11-24T0610-secret-text-search': secretTextSearch,
  '2026-11-24T0720-webhook-attempts': webhookAttempts,
  '2026-11-24T0800-customer-name-search': customerNameSearch,
  '2026-11-24T0810-surprise-catalogue-version': surpriseCatalogueVersion,
  '2026-11-24T0820-customer-orders-index': customerOrdersIndex,
  '2026-11-24T0830-secret-lexeme-counts': secretLexemeCounts,
  '2026-11-24T0840-customer-segment-value-index': customerSegmentValueIndex,
  '2026-11-24T0850-hot-read-functions': hotReadFunctions,
  '2026-12-01T0100-token-follows-member': tokenFollowsMember,
  '2026-12-01T0200-sign-in-guard': signInGuard,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

export const migrateToLatest = async (raw: Kysely<any>) => {
  const migrator = new Migrator({ db: raw, provider, migrationTableName: 'dazzle_migration' })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`, {
      cause: error,
    })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
