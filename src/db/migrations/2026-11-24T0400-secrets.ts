import { type Kysely, sql } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * The secrets layer: secrets (with their history: a newer one supersedes an older one), the
 * engagements they were heard in, the workspace's own categories and question bank, saved
 * audiences, and the customer's consent to special categories of personal data.
 *
 * `secret.search` is the full-text document (English stemming) over the text as heard plus the
 * `concepts` a recorder's words stand for (filled by the server: "Burgundy" → wine), so a
 * marketing search finds by meaning without a second index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    alter table customer add column sensitive_consent_at timestamptz;
    alter table customer add column sensitive_consent_note text;
    alter table customer add column erased_at timestamptz;

    create table secret_category (
      workspace_id text not null references workspace(id) on delete cascade,
      key text not null,
      label text not null,
      scope text not null default 'any' check (scope in ('person','organisation','any')),
      cues text[] not null default '{}',
      created_at timestamptz not null default now(),
      primary key (workspace_id, key)
    );

    create table secret_question (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      category text not null,
      text text not null,
      position integer not null default 0,
      created_at timestamptz not null default now()
    );
    create index secret_question_workspace_idx on secret_question(workspace_id, category, position);

    create table engagement (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      customer_id text not null references customer(id) on delete cascade,
      occurred_at timestamptz not null,
      channel text not null check (channel in ('meeting','call','visit','message','email','event','other')),
      summary text,
      notes text,
      person_ids text[] not null default '{}',
      user_ids text[] not null default '{}',
      created_by text references auth_user(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index engagement_customer_idx on engagement(workspace_id, customer_id, occurred_at desc);

    create table secret (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      customer_id text not null references customer(id) on delete cascade,
      person_id text references customer_person(id) on delete cascade,
      layer text not null default 'secret' check (layer in ('need','secret')),
      category text not null,
      text text not null check (length(text) between 1 and 2000),
      certainty text not null default 'heard' check (certainty in ('heard','inferred','second_hand')),
      recorded_by text references auth_user(id) on delete set null,
      recorded_by_name text,
      recorded_at timestamptz not null,
      engagement_id text references engagement(id) on delete set null,
      last_confirmed_at timestamptz not null,
      status text not null default 'active' check (status in ('active','outdated')),
      superseded_by text references secret(id) on delete set null,
      outdated_at timestamptz,
      source_key text,
      concepts text not null default '',
      search tsvector generated always as (
        setweight(to_tsvector('english', text), 'A') || setweight(to_tsvector('english', concepts), 'C')
      ) stored,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, source_key)
    );
    create index secret_customer_idx on secret(workspace_id, customer_id, status, category);
    create index secret_feed_idx on secret(workspace_id, recorded_at desc, id);
    create index secret_search_idx on secret using gin (search);
    create index secret_text_trgm_idx on secret using gin (text gin_trgm_ops);

    create table audience (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      name text not null,
      query jsonb not null,
      created_by text references auth_user(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (workspace_id, name)
    );
  `,
  )
  for (const table of ['secret_category', 'secret_question', 'engagement', 'secret', 'audience']) {
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
    `drop table if exists audience, secret, engagement, secret_question, secret_category cascade;
     alter table customer drop column if exists sensitive_consent_at, drop column if exists sensitive_consent_note, drop column if exists erased_at;`,
  )
}
