import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { enableWorkspaceRls } from './workspace-rls.ts'

/**
 * How a workspace's files of one shape are read (issue 15, part 3): per kind of import and header
 * signature (a digest of the header line), the column mapping ([header, field] pairs), time zone and currency of the last
 * import of that shape, so the wizard offers them the next time. Headers only: nothing about a
 * customer is kept here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table import_preference (
      workspace_id text not null references workspace(id) on delete cascade,
      kind text not null check (kind in ('purchases', 'customers', 'secrets', 'oops')),
      signature text not null check (length(signature) between 1 and 100),
      mapping jsonb not null default '[]'::jsonb,
      timezone text not null check (length(timezone) between 1 and 60),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, kind, signature)
    );
    create index import_preference_recent_idx on import_preference(workspace_id, updated_at);
    `,
  )
  await enableWorkspaceRls(db, ['import_preference'])
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, 'drop table if exists import_preference;')
}
