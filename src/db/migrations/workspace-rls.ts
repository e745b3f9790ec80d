import { type Kysely, sql } from 'kysely'

/**
 * Row-level security for workspace tables: each row is visible and writable only inside its own
 * workspace's transaction (`dazzle.workspace_id`), to the app role. Frozen like the migrations
 * that call it.
 */
export const enableWorkspaceRls = async (db: Kysely<any>, tables: readonly string[]): Promise<void> => {
  for (const table of tables) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db)
    await sql`
      create policy workspace_isolation on ${sql.table(table)}
        using (workspace_id = current_setting('dazzle.workspace_id', true))
        with check (workspace_id = current_setting('dazzle.workspace_id', true))
    `.execute(db)
    await sql`grant select, insert, update, delete on ${sql.table(table)} to dazzle_app`.execute(db)
  }
}
