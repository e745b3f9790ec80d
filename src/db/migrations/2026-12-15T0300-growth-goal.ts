import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { enableWorkspaceRls } from './workspace-rls.ts'

/**
 * HOW BIG (seed 001): the growth goals a leader sets, each with its baseline and target revenue
 * frozen as they were. One active goal per workspace (replaced_at null); the ones it replaced are
 * kept as the history.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table growth_goal (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      kind text not null check (kind in ('percent', 'amount')),
      percent numeric(8, 2) check (percent between -50 and 500),
      amount numeric(16, 2),
      months integer not null check (months between 1 and 60),
      baseline_kind text not null check (baseline_kind in ('trailing12m', 'custom')),
      baseline numeric(16, 2) not null,
      target_revenue numeric(16, 2) not null,
      currency text not null,
      set_by text references auth_user(id) on delete set null,
      set_at timestamptz not null,
      replaced_at timestamptz,
      check ((kind = 'percent') = (percent is not null) and (kind = 'amount') = (amount is not null))
    );
    create unique index growth_goal_active_idx on growth_goal(workspace_id) where replaced_at is null;
    create index growth_goal_history_idx on growth_goal(workspace_id, set_at desc);
    `,
  )
  await enableWorkspaceRls(db, ['growth_goal'])
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, `drop table if exists growth_goal cascade;`)
}
