import { type Kysely, sql } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * Identity (better-auth's tables, global: a person can belong to several workspaces), workspaces,
 * memberships, invitations, API tokens and the audit trail. Every workspace table carries
 * workspace_id and is guarded by row-level security for the dazzle_app role the app works as.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table auth_user (
      id text primary key,
      name text not null,
      email text not null unique,
      email_verified boolean not null default false,
      image text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table auth_session (
      id text primary key,
      user_id text not null references auth_user(id) on delete cascade,
      token text not null unique,
      expires_at timestamptz not null,
      ip_address text,
      user_agent text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index auth_session_user_idx on auth_session(user_id);
    create table auth_account (
      id text primary key,
      user_id text not null references auth_user(id) on delete cascade,
      account_id text not null,
      provider_id text not null,
      access_token text,
      refresh_token text,
      id_token text,
      access_token_expires_at timestamptz,
      refresh_token_expires_at timestamptz,
      scope text,
      password text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index auth_account_user_idx on auth_account(user_id);
    create table auth_verification (
      id text primary key,
      identifier text not null,
      value text not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index auth_verification_identifier_idx on auth_verification(identifier);
    create table auth_rate_limit (
      id text primary key default gen_random_uuid()::text,
      key text not null unique,
      count integer not null,
      last_request bigint not null
    );

    -- instance-wide settings (the auth signing secret shared by every app instance); not workspace data
    create table instance_setting (
      key text primary key,
      value text not null
    );

    create table workspace (
      id text primary key,
      slug text not null unique,
      name text not null,
      settings jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );
    create table membership (
      workspace_id text not null references workspace(id) on delete cascade,
      user_id text not null references auth_user(id) on delete cascade,
      role text not null check (role in ('admin','leader','sales','service','marketing')),
      created_at timestamptz not null default now(),
      primary key (workspace_id, user_id)
    );
    create index membership_user_idx on membership(user_id);
    create table invitation (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      email text not null,
      role text not null check (role in ('admin','leader','sales','service','marketing')),
      token_hash text not null unique,
      invited_by text references auth_user(id) on delete set null,
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by text references auth_user(id) on delete set null,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index invitation_workspace_idx on invitation(workspace_id, created_at desc);
    create table api_token (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      user_id text not null references auth_user(id) on delete cascade,
      name text not null,
      role text not null check (role in ('admin','leader','sales','service','marketing')),
      token_hash text not null unique,
      prefix text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    create index api_token_workspace_idx on api_token(workspace_id, created_at desc);
    create table audit_event (
      id bigint generated always as identity primary key,
      workspace_id text not null references workspace(id) on delete cascade,
      actor_user_id text,
      actor_label text not null,
      action text not null,
      target_type text,
      target_id text,
      details jsonb not null default '{}'::jsonb,
      ip text,
      user_agent text,
      request_id text,
      created_at timestamptz not null default now()
    );
    create index audit_event_page_idx on audit_event(workspace_id, id desc);

    -- The trail is append-only: no update, no delete (a workspace's deletion cascades by design).
    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only';
    end $$;
    create trigger audit_event_no_update before update on audit_event
      for each row execute function audit_event_append_only();
  `,
  )

  // The role the application works as inside a workspace: never owner, never superuser, so RLS binds it.
  await sql`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'dazzle_app') then
        create role dazzle_app nologin;
      end if;
    end $$;
  `.execute(db)
  await sql`grant dazzle_app to current_user`.execute(db).catch(() => undefined)
  await sql`grant usage on schema public to dazzle_app`.execute(db)
  for (const table of ['workspace', 'membership', 'invitation', 'api_token', 'audit_event']) {
    const col = table === 'workspace' ? 'id' : 'workspace_id'
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db)
    await sql`
      create policy workspace_isolation on ${sql.table(table)}
        using (${sql.ref(col)} = current_setting('dazzle.workspace_id', true))
        with check (${sql.ref(col)} = current_setting('dazzle.workspace_id', true))
    `.execute(db)
  }
  await sql`grant select, update on workspace to dazzle_app`.execute(db)
  await sql`grant select, insert, update, delete on membership, invitation, api_token to dazzle_app`.execute(
    db,
  )
  await sql`grant select, insert on audit_event to dazzle_app`.execute(db)
  // Names and emails of colleagues are shown inside a workspace; nothing else of auth_* is readable.
  await sql`grant select (id, name, email) on auth_user to dazzle_app`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `drop table if exists audit_event, api_token, invitation, membership, workspace,
       instance_setting, auth_rate_limit, auth_verification, auth_account, auth_session, auth_user cascade;
     drop function if exists audit_event_append_only();`,
  )
}
