import { type Kysely, sql } from 'kysely'
import type { DB } from '../../src/db/schema.ts'

/**
 * A record of every committed row change in the test database, for the fuzz's "a refused request
 * changes nothing" (#16): a trigger on each watched table appends one row per inserted, deleted or
 * really changed row (an update that writes the same values is no change) to `test_change_log`, in
 * the writer's own transaction — a rolled-back write leaves nothing. Reading the newest entry is one
 * index lookup, where a checksum of every table reads them all.
 *
 * Installed by tests only (never by a migration). The trigger function runs as its owner, so the
 * app's row-level-security role can append without a grant. An append-only log rather than a
 * counter row: a shared row would serialise, and could deadlock, concurrent writers under test.
 */
export interface ChangeLog {
  /** the newest entry (0 when none): a request changed rows iff this moved while it ran */
  mark(): Promise<number>
  /** the tables whose rows changed since `mark`, in the order they first did */
  changedSince(mark: number): Promise<string[]>
}

export const installChangeLog = async (db: Kysely<DB>, tables: string[]): Promise<ChangeLog> => {
  await sql`create table if not exists test_change_log (
    id bigint generated always as identity primary key,
    tbl text not null
  )`.execute(db)
  await sql`create or replace function test_change_logged() returns trigger
    language plpgsql security definer set search_path = public as $$
    begin
      insert into test_change_log (tbl) values (tg_table_name);
      return null;
    end $$`.execute(db)
  for (const name of tables) {
    const t = sql.table(name)
    const trig = (what: string) => sql.id(`test_change_${what}_${name}`)
    await sql`drop trigger if exists ${trig('iud')} on ${t}`.execute(db)
    await sql`drop trigger if exists ${trig('u')} on ${t}`.execute(db)
    await sql`create trigger ${trig('iud')} after insert or delete on ${t}
      for each row execute function test_change_logged()`.execute(db)
    await sql`create trigger ${trig('u')} after update on ${t}
      for each row when (old.* is distinct from new.*) execute function test_change_logged()`.execute(db)
  }
  return {
    async mark() {
      const r = await sql<{ id: string | null }>`select max(id)::text as id from test_change_log`.execute(db)
      return Number(r.rows[0]?.id ?? 0)
    },
    async changedSince(mark) {
      const r = await sql<{ tbl: string }>`
        select tbl from test_change_log where id > ${mark} group by tbl order by min(id)`.execute(db)
      return r.rows.map((x) => x.tbl)
    },
  }
}
