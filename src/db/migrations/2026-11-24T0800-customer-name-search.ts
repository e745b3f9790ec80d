import { type Kysely, sql } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * The customers list's name search through the trigram index. Under row-level security PostgreSQL
 * will not push `ilike`, `<%` or `%` into an index scan (their functions are not leakproof), so as
 * `dazzle_app` a search read every customer of every workspace: 0.35 s at 200,000 customers. This
 * function runs as its owner (no RLS), filters the workspace itself from the same setting the
 * policies read, and returns the best matches with their score (an exact external id scores 2).
 * Only `dazzle_app` may call it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create function dazzle_customer_name_hits(term text, pattern text, lim integer)
    returns table (id text, score real)
    language plpgsql stable security definer set search_path = public, pg_temp as $$
    begin
      -- the statement is planned with the values written in (quoted by format's %L), so a selective
      -- term gets the index; a generic plan (what a plain SQL function body gets) cannot know the
      -- pattern and scans the table
      return query execute format(
        'select c.id, case when c.external_id = %1$L then 2::real else word_similarity(%1$L, c.name) end
           from customer c
          where c.workspace_id = %4$L and (c.name ilike %2$L or %1$L <%% c.name or c.external_id = %1$L)
          order by 2 desc, c.id
          limit %3$s',
        term, pattern, lim, current_setting('dazzle.workspace_id', true));
    end
    $$;
    `,
  )
  await sql`revoke all on function dazzle_customer_name_hits(text, text, integer) from public`.execute(db)
  await sql`grant execute on function dazzle_customer_name_hits(text, text, integer) to dazzle_app`.execute(
    db,
  )
}
