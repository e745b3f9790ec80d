import { type Kysely, sql } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * Customers (people or organisations), their people and family, purchases, imports. Value figures
 * are kept on the customer row (recomputed after every import or change) so that a list of 200,000
 * customers sorts and pages on an index instead of aggregating purchases per request.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db)
  await runStatements(
    db,
    `
    create table customer (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      kind text not null default 'organisation' check (kind in ('person','organisation')),
      name text not null,
      external_id text,
      segment text,
      country text,
      owner_user_id text references auth_user(id) on delete set null,
      notes text,
      currency text not null default 'GBP',
      estimated_category_spend numeric,
      lifetime_revenue numeric not null default 0,
      trailing_12m_revenue numeric not null default 0,
      order_count integer not null default 0,
      first_purchase_at timestamptz,
      last_purchase_at timestamptz,
      value_tier text check (value_tier in ('A','B','C')),
      value_rank integer,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, external_id)
    );
    create index customer_lifetime_idx on customer(workspace_id, lifetime_revenue desc, id);
    create index customer_t12m_idx on customer(workspace_id, trailing_12m_revenue desc, id);
    create index customer_name_idx on customer(workspace_id, lower(name), id);
    create index customer_last_purchase_idx on customer(workspace_id, last_purchase_at desc nulls last, id);
    create index customer_tier_idx on customer(workspace_id, value_tier, lifetime_revenue desc);
    create index customer_name_trgm_idx on customer using gin (name gin_trgm_ops);

    create table customer_person (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      customer_id text not null references customer(id) on delete cascade,
      name text not null,
      title text,
      email text,
      phone text,
      created_at timestamptz not null default now()
    );
    create index customer_person_customer_idx on customer_person(workspace_id, customer_id);

    create table customer_relation (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      customer_id text not null references customer(id) on delete cascade,
      person_id text references customer_person(id) on delete cascade,
      kind text not null check (kind in ('spouse','partner','child','parent','sibling','assistant','friend','other')),
      name text not null,
      birthday date,
      notes text,
      created_at timestamptz not null default now()
    );
    create index customer_relation_customer_idx on customer_relation(workspace_id, customer_id);

    create table import_run (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      kind text not null,
      status text not null,
      file_name text,
      mapping jsonb not null default '{}'::jsonb,
      rows integer not null default 0,
      added integer not null default 0,
      already_present integer not null default 0,
      rows_without_customer integer not null default 0,
      customers_added integer not null default 0,
      error_count integer not null default 0,
      errors jsonb not null default '[]'::jsonb,
      seconds double precision not null default 0,
      created_by text references auth_user(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index import_run_workspace_idx on import_run(workspace_id, created_at desc);

    create table purchase (
      id bigint generated always as identity primary key,
      workspace_id text not null references workspace(id) on delete cascade,
      customer_id text not null references customer(id) on delete cascade,
      line_key text not null,
      invoice_id text not null,
      purchased_at timestamptz not null,
      product_code text,
      description text,
      quantity numeric not null,
      unit_price numeric not null,
      amount numeric not null,
      currency text not null,
      is_cancellation boolean not null default false,
      is_product boolean not null default true,
      import_id text references import_run(id) on delete set null,
      unique (workspace_id, line_key)
    );
    create index purchase_customer_idx on purchase(workspace_id, customer_id, purchased_at desc);

    create table value_snapshot (
      workspace_id text primary key references workspace(id) on delete cascade,
      computed_at timestamptz not null,
      report jsonb not null
    );
  `,
  )
  for (const table of [
    'customer',
    'customer_person',
    'customer_relation',
    'import_run',
    'purchase',
    'value_snapshot',
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
    `drop table if exists value_snapshot, purchase, import_run, customer_relation, customer_person, customer cascade;`,
  )
}
