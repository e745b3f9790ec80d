import { type Kysely, sql } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * How many active secrets say or mean each word, per workspace and category, kept by triggers.
 *
 * Marketing search decided how to read a searched word by reading its secrets from the full-text
 * index, capped: but PostgreSQL builds a GIN index's whole bitmap before any cap, about 0.75 µs per
 * matching secret, so a common word ("golf" in 33,000 secrets) cost 25 ms before anything was
 * found, and the "did you mean" check paid it again per word. With these counts the search knows
 * at once whether a word is absent (a near spelling is offered), rare (read whole from the index,
 * exact) or common (read customer by customer in value order, which stops at the page).
 *
 * - `docs`: active secrets whose search document has the lexeme (their words or their concepts);
 *   `words`: those whose own words have it (weight A). A query's bound is then exact for one
 *   word and an upper bound for any combination: the search never takes a common word for absent.
 * - Counted per category, so a category filter narrows the bound.
 * - Rows leave at zero: an erased customer's words do not linger as vocabulary. Updates keep to
 *   lexeme order, so two recorders touching the same words wait for each other, never deadlock.
 */
/** The trigger body for one operation: the transition table an operation lacks is an empty one. */
const countBody = (op: 'insert' | 'update' | 'delete') => `
  begin
    with ${op === 'insert' ? 'old_rows as (select * from secret where false),' : ''}
    ${op === 'delete' ? 'new_rows as (select * from secret where false),' : ''}
    delta as (
      select workspace_id, lexeme, category, sum(d)::int as d, sum(w)::int as w from (
        select n.workspace_id, l.lexeme, n.category, 1 as d, case when 'A' = any(l.weights) then 1 else 0 end as w
        from new_rows n, unnest(n.search) l where n.status = 'active'
        union all
        select o.workspace_id, l.lexeme, o.category, -1, case when 'A' = any(l.weights) then -1 else 0 end
        from old_rows o, unnest(o.search) l where o.status = 'active'
      ) z
      group by 1, 2, 3
    )
    insert into secret_lexeme as x (workspace_id, lexeme, category, docs, words)
    select workspace_id, lexeme, category, d, w from delta where d <> 0 or w <> 0
    order by workspace_id, lexeme, category
    on conflict (workspace_id, lexeme, category)
      do update set docs = x.docs + excluded.docs, words = x.words + excluded.words;
    ${
      op === 'insert'
        ? ''
        : `delete from secret_lexeme x
    where x.docs <= 0 and x.workspace_id in (select distinct workspace_id from old_rows);`
    }
    return null;
  end`

export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table secret_lexeme (
      workspace_id text not null references workspace(id) on delete cascade,
      lexeme text not null,
      category text not null,
      docs integer not null,
      words integer not null,
      primary key (workspace_id, lexeme, category)
    );
    create index secret_lexeme_gone_idx on secret_lexeme (workspace_id) where docs <= 0;
    `,
  )
  // a trigger function may name only the transition tables its trigger declares: one per operation
  for (const [op, referencing] of [
    ['insert', 'new table as new_rows'],
    ['update', 'old table as old_rows new table as new_rows'],
    ['delete', 'old table as old_rows'],
  ] as const) {
    await sql
      .raw(`create function secret_lexemes_${op}() returns trigger language plpgsql as $$${countBody(op)}$$`)
      .execute(db)
    await sql
      .raw(
        `create trigger secret_lexemes_on_${op} after ${op} on secret
         referencing ${referencing} for each statement execute function secret_lexemes_${op}()`,
      )
      .execute(db)
  }
  await sql`alter table secret_lexeme enable row level security`.execute(db)
  await sql`
    create policy workspace_isolation on secret_lexeme
      using (workspace_id = current_setting('dazzle.workspace_id', true))
      with check (workspace_id = current_setting('dazzle.workspace_id', true))
  `.execute(db)
  await sql`grant select, insert, update, delete on secret_lexeme to dazzle_app`.execute(db)
  // the counts of the secrets recorded before this migration
  await sql`
    insert into secret_lexeme (workspace_id, lexeme, category, docs, words)
    select s.workspace_id, l.lexeme, s.category, count(*)::int,
      (count(*) filter (where 'A' = any(l.weights)))::int
    from secret s, unnest(s.search) l
    where s.status = 'active'
    group by 1, 2, 3`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `drop trigger if exists secret_lexemes_on_insert on secret;
     drop trigger if exists secret_lexemes_on_update on secret;
     drop trigger if exists secret_lexemes_on_delete on secret;
     drop function if exists secret_lexemes_insert();
     drop function if exists secret_lexemes_update();
     drop function if exists secret_lexemes_delete();
     drop table if exists secret_lexeme;`,
  )
}
