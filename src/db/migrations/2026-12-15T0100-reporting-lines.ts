import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { enableWorkspaceRls } from './workspace-rls.ts'

/**
 * Reporting lines (issue 12): a member's leader, another member of the same workspace. Both ends
 * are memberships of this workspace (the composite keys make a leader from elsewhere impossible);
 * a person who leaves takes their line, and the lines of those they led, with them. Cycles are
 * refused by the use-case before anything is stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table reporting_line (
      workspace_id text not null references workspace(id) on delete cascade,
      user_id text not null,
      leader_user_id text not null,
      set_by text references auth_user(id) on delete set null,
      set_at timestamptz not null default now(),
      primary key (workspace_id, user_id),
      foreign key (workspace_id, user_id) references membership(workspace_id, user_id) on delete cascade,
      foreign key (workspace_id, leader_user_id) references membership(workspace_id, user_id) on delete cascade,
      check (user_id <> leader_user_id)
    );
    create index reporting_line_leader_idx on reporting_line(workspace_id, leader_user_id);
    `,
  )
  await enableWorkspaceRls(db, ['reporting_line'])
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, 'drop table if exists reporting_line;')
}
