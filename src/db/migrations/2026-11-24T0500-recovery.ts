import { type Kysely, sql } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * Service recovery: the OOPS! with its clock (deadline kept on the row so "at risk" and "breached"
 * scans use an index), its timeline of steps and hand-overs, recovery plans, the surprise catalogue,
 * stored jobs (reminders that survive a restart and fire once across instances), in-app
 * notifications, outgoing webhooks with their delivery log, and the "did we blow you away?" answers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table recovery_plan (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      name text not null,
      tier text check (tier in ('A','B','C')),
      segment text,
      window_hours numeric not null check (window_hours > 0 and window_hours <= 720),
      at_risk_hours numeric not null check (at_risk_hours >= 0),
      first_contact_hours numeric not null check (first_contact_hours > 0),
      status_every_hours numeric not null check (status_every_hours > 0),
      investment_cap numeric not null check (investment_cap >= 0),
      allowed_kinds text[] not null,
      approver_role text not null default 'leader',
      created_at timestamptz not null default now()
    );
    create index recovery_plan_workspace_idx on recovery_plan(workspace_id);

    create table surprise_item (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      title text not null,
      description text,
      cost numeric not null check (cost >= 0),
      lead_time_hours numeric not null default 0 check (lead_time_hours >= 0),
      kind text not null,
      tags text[] not null default '{}',
      concepts text not null default '',
      active boolean not null default true,
      source_key text,
      created_at timestamptz not null default now(),
      unique (workspace_id, source_key)
    );
    create index surprise_item_workspace_idx on surprise_item(workspace_id, active);

    create table oops (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      customer_id text not null references customer(id) on delete cascade,
      person_id text references customer_person(id) on delete set null,
      type text not null,
      description text not null,
      severity text not null default 'medium',
      let_down_at timestamptz not null,
      reported_at timestamptz not null,
      reported_by text references auth_user(id) on delete set null,
      owner_user_id text references auth_user(id) on delete set null,
      plan_id text references recovery_plan(id) on delete set null,
      window_hours numeric not null,
      at_risk_hours numeric not null,
      first_contact_hours numeric not null,
      status_every_hours numeric not null,
      investment_cap numeric not null,
      deadline_at timestamptz not null,
      status text not null default 'open' check (status in ('open','recovered','closed')),
      fixed_at timestamptz,
      fix_note text,
      surprised_at timestamptz,
      surprise_item_id text references surprise_item(id) on delete set null,
      surprise_title text,
      surprise_kind text,
      surprise_cost numeric,
      surprise_approved_by text references auth_user(id) on delete set null,
      surprise_secret_ids text[] not null default '{}',
      resolved_at timestamptz,
      closed_at timestamptz,
      nps_before integer check (nps_before between 0 and 10),
      feedback_token_hash text,
      feedback_expires_at timestamptz,
      feedback_used_at timestamptz,
      wow integer check (wow between 1 and 5),
      feedback_fixed boolean,
      nps_after integer check (nps_after between 0 and 10),
      feedback_comment text,
      source_key text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, source_key)
    );
    create index oops_open_idx on oops(workspace_id, status, deadline_at);
    create index oops_owner_idx on oops(workspace_id, owner_user_id, status, deadline_at);
    create index oops_customer_idx on oops(workspace_id, customer_id, let_down_at desc);
    create index oops_reported_idx on oops(workspace_id, reported_at desc, id);
    create unique index oops_feedback_token_idx on oops(feedback_token_hash) where feedback_token_hash is not null;

    create table oops_step (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      oops_id text not null references oops(id) on delete cascade,
      kind text not null,
      channel text,
      message text,
      emailed_to text,
      by_user_id text references auth_user(id) on delete set null,
      by_name text,
      at timestamptz not null,
      created_at timestamptz not null default now()
    );
    create index oops_step_oops_idx on oops_step(workspace_id, oops_id, at);

    create table oops_handoff (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      oops_id text not null references oops(id) on delete cascade,
      from_user_id text references auth_user(id) on delete set null,
      to_user_id text references auth_user(id) on delete set null,
      reason text not null,
      by_user_id text references auth_user(id) on delete set null,
      at timestamptz not null
    );
    create index oops_handoff_oops_idx on oops_handoff(workspace_id, oops_id, at);

    create table job (
      id bigint generated always as identity primary key,
      workspace_id text not null references workspace(id) on delete cascade,
      kind text not null,
      run_at timestamptz not null,
      payload jsonb not null default '{}'::jsonb,
      dedupe_key text not null,
      status text not null default 'pending' check (status in ('pending','done','failed','cancelled')),
      attempts integer not null default 0,
      locked_by text,
      locked_until timestamptz,
      last_error text,
      done_at timestamptz,
      created_at timestamptz not null default now(),
      unique (dedupe_key)
    );
    create index job_due_idx on job(run_at) where status = 'pending';

    create table notification (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      user_id text not null references auth_user(id) on delete cascade,
      kind text not null,
      oops_id text references oops(id) on delete cascade,
      title text not null,
      body text,
      created_at timestamptz not null default now(),
      read_at timestamptz
    );
    create index notification_user_idx on notification(workspace_id, user_id, created_at desc);

    create table webhook_endpoint (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      url text not null,
      secret text not null,
      events text[] not null,
      active boolean not null default true,
      created_by text references auth_user(id) on delete set null,
      created_at timestamptz not null default now()
    );

    create table webhook_delivery (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      endpoint_id text not null references webhook_endpoint(id) on delete cascade,
      event text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending','delivered','failed')),
      attempts integer not null default 0,
      response_status integer,
      response_ms integer,
      error text,
      next_attempt_at timestamptz,
      delivered_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index webhook_delivery_endpoint_idx on webhook_delivery(workspace_id, endpoint_id, created_at desc);
  `,
  )
  for (const table of [
    'recovery_plan',
    'surprise_item',
    'oops',
    'oops_step',
    'oops_handoff',
    'job',
    'notification',
    'webhook_endpoint',
    'webhook_delivery',
  ]) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db)
    await sql`
      create policy workspace_isolation on ${sql.table(table)}
        using (workspace_id = current_setting('dazzle.workspace_id', true))
        with check (workspace_id = current_setting('dazzle.workspace_id', true))
    `.execute(db)
    await sql`grant select, insert, update, delete on ${sql.table(table)} to dazzle_app`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `drop table if exists webhook_delivery, webhook_endpoint, notification, job, oops_handoff, oops_step, oops, surprise_item, recovery_plan cascade;`,
  )
}
