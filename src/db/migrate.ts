import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely'
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
import * as knownFunction from './migrations/2026-11-24T0850-known-function.ts'
import * as apiTokenFunction from './migrations/2026-11-24T0855-api-token-function.ts'
import * as tokenFollowsMember from './migrations/2026-12-01T0100-token-follows-member.ts'
import * as signInGuard from './migrations/2026-12-01T0200-sign-in-guard.ts'
import * as accountability from './migrations/2026-12-02T0100-accountability.ts'
import * as feedbackDelivery from './migrations/2026-12-14T0100-feedback-delivery.ts'
import * as reportingLines from './migrations/2026-12-15T0100-reporting-lines.ts'
import * as relationshipDepth from './migrations/2026-12-15T0200-relationship-depth.ts'
import * as growthGoal from './migrations/2026-12-15T0300-growth-goal.ts'
import * as recoveryStories from './migrations/2026-12-15T0400-recovery-stories.ts'
import * as awards from './migrations/2026-12-15T0500-awards.ts'
import * as wowMoments from './migrations/2026-12-15T0600-wow-moments.ts'
import * as performancePlans from './migrations/2026-12-15T0700-performance-plans.ts'
import * as wallLinks from './migrations/2026-12-15T0800-wall-links.ts'
import * as importPreferences from './migrations/2026-12-15T0900-import-preferences.ts'

/** Migrations are listed here in time order: frozen files, bundled with the code (no directory scan at run time). */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
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
  '2026-11-24T0850-known-function': knownFunction,
  '2026-11-24T0855-api-token-function': apiTokenFunction,
  '2026-12-01T0100-token-follows-member': tokenFollowsMember,
  '2026-12-01T0200-sign-in-guard': signInGuard,
  '2026-12-02T0100-accountability': accountability,
  '2026-12-14T0100-feedback-delivery': feedbackDelivery,
  '2026-12-15T0100-reporting-lines': reportingLines,
  '2026-12-15T0200-relationship-depth': relationshipDepth,
  '2026-12-15T0300-growth-goal': growthGoal,
  '2026-12-15T0400-recovery-stories': recoveryStories,
  '2026-12-15T0500-awards': awards,
  '2026-12-15T0600-wow-moments': wowMoments,
  '2026-12-15T0700-performance-plans': performancePlans,
  '2026-12-15T0800-wall-links': wallLinks,
  '2026-12-15T0900-import-preferences': importPreferences,
}

export const MIGRATION_TABLE = 'dazzle_migration'

/**
 * Released migrations that were later recorded under another name: a database that ran the old
 * name has run the new ones. 2026-11-24T0850-known-function was renamed hot-read-functions and
 * given the API token's function besides (14bf94d); it is as released again, and that function is
 * a migration of its own.
 */
const RENAMED: Readonly<Record<string, readonly string[]>> = {
  '2026-11-24T0850-hot-read-functions': [
    '2026-11-24T0850-known-function',
    '2026-11-24T0855-api-token-function',
  ],
}

/**
 * Puts a database's recorded history right before the migrator reads it: Kysely refuses a recorded
 * migration it no longer knows. One transaction; a second server starting at the same time waits
 * on the row and then finds nothing left to do.
 */
const mendHistory = async (raw: Kysely<any>) => {
  const table = await sql<{ t: string | null }>`select to_regclass(${MIGRATION_TABLE})::text as t`.execute(
    raw,
  )
  if (!table.rows[0]?.t) return
  await raw.transaction().execute(async (trx) => {
    for (const [old, names] of Object.entries(RENAMED)) {
      const gone = await trx
        .deleteFrom(MIGRATION_TABLE)
        .where('name', '=', old)
        .returning('timestamp')
        .executeTakeFirst()
      if (!gone) continue
      // the same time as the old row: the history keeps its order (Kysely sorts by time, then name)
      await trx
        .insertInto(MIGRATION_TABLE)
        .values(names.map((name) => ({ name, timestamp: gone.timestamp })))
        .onConflict((oc) => oc.column('name').doNothing())
        .execute()
    }
  })
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

/** A migrator over the bundled migrations (tests step through it with migrateTo / migrateDown). */
export const migrator = (raw: Kysely<any>) =>
  new Migrator({ db: raw, provider, migrationTableName: MIGRATION_TABLE })

export const migrateToLatest = async (raw: Kysely<any>) => {
  await mendHistory(raw)
  const { error, results } = await migrator(raw).migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`, {
      cause: error,
    })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
