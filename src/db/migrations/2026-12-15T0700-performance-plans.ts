import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { enableWorkspaceRls } from './workspace-rls.ts'

/**
 * Leaders' performance plans (issue 12, part 4; seed 003: recovery expectations in the leaders'
 * plans). One plan per leader and period (a month or a quarter); each expectation may be left out
 * (null); `secrets_coverage_min` is the share of the team's tier A customers with a secret known. A closed plan keeps its final actuals as JSON, as they were measured at the close. Every
 * setting, change and close is a row of `performance_plan_change`: the plan's history. The leader
 * is a membership of this workspace (a leader from elsewhere is impossible); one who leaves takes
 * their plans with them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table performance_plan (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      leader_user_id text not null,
      period_kind text not null check (period_kind in ('month', 'quarter')),
      period_start date not null,
      period_end date not null,
      dazzling_share_min numeric check (dazzling_share_min between 0 and 100),
      median_fix_hours_max numeric check (median_fix_hours_max >= 0),
      wow_rate_min numeric check (wow_rate_min between 0 and 100),
      stories_min integer check (stories_min >= 0),
      secrets_coverage_min numeric check (secrets_coverage_min between 0 and 100),
      set_by text references auth_user(id) on delete set null,
      set_at timestamptz not null,
      updated_at timestamptz not null,
      closed_at timestamptz,
      closed_by text references auth_user(id) on delete set null,
      final_actuals jsonb,
      check (period_start < period_end),
      check ((closed_at is null) = (final_actuals is null)),
      unique (workspace_id, leader_user_id, period_start),
      foreign key (workspace_id, leader_user_id) references membership(workspace_id, user_id) on delete cascade
    );
    create index performance_plan_open_idx on performance_plan(workspace_id, period_end) where closed_at is null;

    create table performance_plan_change (
      id bigint generated always as identity primary key,
      workspace_id text not null references workspace(id) on delete cascade,
      plan_id text not null references performance_plan(id) on delete cascade,
      action text not null check (action in ('set', 'changed', 'closed')),
      changed_by text references auth_user(id) on delete set null,
      changed_at timestamptz not null,
      expectations jsonb not null
    );
    create index performance_plan_change_plan_idx on performance_plan_change(workspace_id, plan_id, changed_at);
    `,
  )
  await enableWorkspaceRls(db, ['performance_plan', 'performance_plan_change'])
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    'drop table if exists performance_plan_change;\ndrop table if exists performance_plan;',
  )
}
