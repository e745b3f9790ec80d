import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { enableWorkspaceRls } from './workspace-rls.ts'

/**
 * Relationship depth (seed 000): each mark of one of the four clues on a key account — holds or
 * not, from which day, the evidence, who said so. Append-only: the app may add and (with the
 * customer) remove marks, never change one, so the history a depth trend reads is the one recorded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table relationship_clue (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      customer_id text not null references customer(id) on delete cascade,
      clue text not null check (clue in ('strategic_planning', 'office_on_premises', 'no_rfp', 'not_a_salesperson')),
      holds boolean not null,
      since date not null,
      evidence text not null check (length(evidence) between 1 and 1000),
      recorded_by text references auth_user(id) on delete set null,
      recorded_at timestamptz not null default now()
    );
    create index relationship_clue_customer_idx on relationship_clue(workspace_id, customer_id, since);
    `,
  )
  await enableWorkspaceRls(db, ['relationship_clue'])
  await runStatements(db, 'revoke update on relationship_clue from dazzle_app;')
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, 'drop table if exists relationship_clue cascade;')
}
