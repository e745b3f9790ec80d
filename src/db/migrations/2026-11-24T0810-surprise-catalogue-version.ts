import { type Kysely, sql } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * A version number per workspace's surprise catalogue, bumped by the database on every change to
 * its items (whatever the code path or instance). Suggestions read this one row, and read and work
 * out the catalogue again only when it moved: a 500-item catalogue is no longer fetched, compared
 * and thrown away on every recovery screen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table surprise_catalogue_version (
      workspace_id text primary key references workspace(id) on delete cascade,
      version bigint not null default 1
    );

    create function surprise_catalogue_touch_new() returns trigger language plpgsql as $$
    begin
      insert into surprise_catalogue_version as v (workspace_id)
        select distinct workspace_id from new_rows
      on conflict (workspace_id) do update set version = v.version + 1;
      return null;
    end $$;
    create function surprise_catalogue_touch_old() returns trigger language plpgsql as $$
    begin
      insert into surprise_catalogue_version as v (workspace_id)
        select distinct workspace_id from old_rows
      on conflict (workspace_id) do update set version = v.version + 1;
      return null;
    end $$;
    create trigger surprise_catalogue_on_insert after insert on surprise_item
      referencing new table as new_rows for each statement execute function surprise_catalogue_touch_new();
    create trigger surprise_catalogue_on_update after update on surprise_item
      referencing new table as new_rows for each statement execute function surprise_catalogue_touch_new();
    create trigger surprise_catalogue_on_delete after delete on surprise_item
      referencing old table as old_rows for each statement execute function surprise_catalogue_touch_old();

    insert into surprise_catalogue_version (workspace_id) select distinct workspace_id from surprise_item;
    `,
  )
  await sql`alter table surprise_catalogue_version enable row level security`.execute(db)
  await sql`
    create policy workspace_isolation on surprise_catalogue_version
      using (workspace_id = current_setting('dazzle.workspace_id', true))
      with check (workspace_id = current_setting('dazzle.workspace_id', true))
  `.execute(db)
  await sql`grant select, insert, update on surprise_catalogue_version to dazzle_app`.execute(db)
}
