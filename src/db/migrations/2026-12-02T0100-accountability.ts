import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { enableWorkspaceRls } from './workspace-rls.ts'

/**
 * Accountability (seed 004): the behaviours a customer rates on a salesperson's report card, the cards
 * (one-time links, only the hash kept), bonus plans with their components and people, the statements a
 * closed period freezes, and audited adjustments to them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table agent_behaviour (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      label text not null,
      hint text,
      position integer not null,
      retired_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index agent_behaviour_ws_idx on agent_behaviour(workspace_id, position);

    create table report_card (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      salesperson_user_id text not null references auth_user(id) on delete cascade,
      customer_id text not null references customer(id) on delete cascade,
      person_id text references customer_person(id) on delete set null,
      sent_by_user_id text references auth_user(id) on delete set null,
      token_hash text not null unique,
      -- the one reminder carries a link of its own; the first link keeps working too
      reminder_token_hash text unique,
      questions jsonb not null,
      email_to text,
      sent_at timestamptz not null,
      expires_at timestamptz not null,
      reminded_at timestamptz,
      answered_at timestamptz,
      ratings jsonb,
      comment text
    );
    create index report_card_salesperson_idx on report_card(workspace_id, salesperson_user_id, answered_at);
    create index report_card_unanswered_idx on report_card(workspace_id, sent_at) where answered_at is null and reminded_at is null;

    create table bonus_plan (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      name text not null,
      period_kind text not null check (period_kind in ('month', 'quarter', 'year')),
      period_start date not null,
      period_end date not null check (period_end > period_start),
      components jsonb not null,
      currency text not null default 'EUR',
      created_by text references auth_user(id) on delete set null,
      created_at timestamptz not null default now(),
      closed_at timestamptz,
      closed_by text references auth_user(id) on delete set null
    );
    create index bonus_plan_ws_idx on bonus_plan(workspace_id, period_start);

    create table bonus_plan_member (
      workspace_id text not null references workspace(id) on delete cascade,
      plan_id text not null references bonus_plan(id) on delete cascade,
      user_id text not null references auth_user(id) on delete cascade,
      target_bonus numeric(14, 2) not null check (target_bonus >= 0),
      quota numeric(16, 2) check (quota > 0),
      primary key (plan_id, user_id)
    );
    create index bonus_plan_member_user_idx on bonus_plan_member(workspace_id, user_id);

    create table bonus_statement (
      workspace_id text not null references workspace(id) on delete cascade,
      plan_id text not null references bonus_plan(id) on delete cascade,
      user_id text not null references auth_user(id) on delete cascade,
      statement jsonb not null,
      payout numeric(14, 2) not null,
      frozen_at timestamptz not null,
      primary key (plan_id, user_id)
    );

    create table bonus_adjustment (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      plan_id text not null references bonus_plan(id) on delete cascade,
      user_id text not null references auth_user(id) on delete cascade,
      amount numeric(14, 2) not null,
      reason text not null,
      created_by text references auth_user(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index bonus_adjustment_idx on bonus_adjustment(workspace_id, plan_id, user_id);

    -- effectiveness reads who recorded what when, and which reads, searches and confirmations the
    -- audit trail holds in a period: without these, a statement scans every secret and event
    create index secret_recorder_idx on secret(workspace_id, recorded_by, recorded_at);
    create index audit_event_action_time_idx on audit_event(workspace_id, action, created_at);
    `,
  )
  await enableWorkspaceRls(db, [
    'agent_behaviour',
    'report_card',
    'bonus_plan',
    'bonus_plan_member',
    'bonus_statement',
    'bonus_adjustment',
  ])
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `drop index if exists secret_recorder_idx, audit_event_action_time_idx;
     drop table if exists bonus_adjustment, bonus_statement, bonus_plan_member, bonus_plan, report_card, agent_behaviour cascade;`,
  )
}
