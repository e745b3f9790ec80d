import { type Kysely, sql } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * Marketing search, at the size of a million secrets.
 *
 * - Words before meaning: a secret whose own words match ranks above one found by what they mean.
 *   The `search` column mixes both (its GIN index cannot tell a word's weight without reading the
 *   row), so the words alone get an index too: "who has *wine* in the text?" is then answered from
 *   the index even when 60,000 secrets mean wine without saying it.
 * - Typos: `secret_word` is the workspace's vocabulary (the words of its secrets and of their
 *   concepts), kept by triggers. A searched word that is not in it is matched to the nearest words
 *   that are (trigram similarity over short words), and those are searched through the full-text
 *   index: "burgandy" finds "Burgundy" without comparing trigrams of a million texts. A word leaves
 *   the vocabulary with the last secret that used it, so an erased customer's words do not linger.
 * - Row-level security keeps a non-leakproof operator such as `@@` or `%` out of index conditions
 *   (it must not see other workspaces' rows first), so under the app role every search read the
 *   whole table. The index-driven reads go through three functions that run as the tables' owner
 *   and filter on the same `dazzle.workspace_id` setting the policies use: the same wall, with
 *   the index.
 * - GIN indexes collect new entries in a pending list that every search reads in full until it is
 *   merged (by VACUUM, which never runs on PGlite, or at 4 MB): a few thousand secrets recorded
 *   since made each search 50 ms slower. The search indexes keep the list short.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create index secret_text_fts_idx on secret using gin (to_tsvector('english', text))
      with (gin_pending_list_limit = 128);
    alter index secret_search_idx set (gin_pending_list_limit = 128);
    alter index secret_text_trgm_idx set (gin_pending_list_limit = 128);
    select gin_clean_pending_list('secret_search_idx'::regclass);
    select gin_clean_pending_list('secret_text_trgm_idx'::regclass);

    create table secret_word (
      workspace_id text not null references workspace(id) on delete cascade,
      word text not null,
      primary key (workspace_id, word)
    );
    create index secret_word_trgm_idx on secret_word using gin (word gin_trgm_ops)
      with (gin_pending_list_limit = 128);

    create function secret_words_add() returns trigger language plpgsql as $$
    begin
      insert into secret_word (workspace_id, word)
      select distinct n.workspace_id, w.word
      from new_rows n, unnest(tsvector_to_array(to_tsvector('simple', n.text || ' ' || n.concepts))) as w(word)
      where length(w.word) between 3 and 40 and w.word !~ '^[0-9.,:-]+$'
      on conflict do nothing;
      return null;
    end $$;

    create function secret_words_forget() returns trigger language plpgsql as $$
    begin
      -- a word goes when no secret of the workspace says or means it any more
      delete from secret_word v
      using (
        select distinct o.workspace_id, w.word
        from old_rows o, unnest(tsvector_to_array(to_tsvector('simple', o.text))) as w(word)
      ) gone
      where v.workspace_id = gone.workspace_id and v.word = gone.word
        and not exists (
          select 1 from secret s
          where s.workspace_id = gone.workspace_id
            and s.search @@ plainto_tsquery('english', gone.word)
        );
      return null;
    end $$;

    create trigger secret_words_on_insert after insert on secret
      referencing new table as new_rows for each statement execute function secret_words_add();
    create trigger secret_words_on_update after update on secret
      referencing new table as new_rows for each statement execute function secret_words_add();
    create trigger secret_words_forget_on_update after update on secret
      referencing old table as old_rows for each statement execute function secret_words_forget();
    create trigger secret_words_forget_on_delete after delete on secret
      referencing old table as old_rows for each statement execute function secret_words_forget();
    `,
  )
  await runStatements(
    db,
    `
    create function dazzle_secret_hits(q tsquery, categories text[], layer text, lim integer)
    returns table (customer_id text, search tsvector)
    language sql stable security definer set search_path = public, pg_temp as $$
      select s.customer_id, s.search from secret s
      where s.workspace_id = current_setting('dazzle.workspace_id', true)
        and s.status = 'active' and s.search @@ q
        and (categories is null or s.category = any(categories))
        and (layer is null or s.layer = layer)
      limit lim
    $$;

    create function dazzle_secret_text_hits(q tsquery, categories text[], layer text, lim integer)
    returns table (customer_id text, search tsvector)
    language sql stable security definer set search_path = public, pg_temp as $$
      select s.customer_id, s.search from secret s
      where s.workspace_id = current_setting('dazzle.workspace_id', true)
        and s.status = 'active' and to_tsvector('english', s.text) @@ q and s.search @@ q
        and (categories is null or s.category = any(categories))
        and (layer is null or s.layer = layer)
      limit lim
    $$;

    create function dazzle_secret_words_near(w text, lim integer)
    returns table (word text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select v.word from secret_word v
      where v.workspace_id = current_setting('dazzle.workspace_id', true) and v.word % w and v.word <> w
      order by similarity(v.word, w) desc, v.word
      limit lim
    $$;
    `,
  )
  for (const f of [
    'dazzle_secret_hits(tsquery, text[], text, integer)',
    'dazzle_secret_text_hits(tsquery, text[], text, integer)',
    'dazzle_secret_words_near(text, integer)',
  ]) {
    await sql.raw(`revoke all on function ${f} from public`).execute(db)
    await sql.raw(`grant execute on function ${f} to dazzle_app`).execute(db)
  }
  await sql`alter table secret_word enable row level security`.execute(db)
  await sql`
    create policy workspace_isolation on secret_word
      using (workspace_id = current_setting('dazzle.workspace_id', true))
      with check (workspace_id = current_setting('dazzle.workspace_id', true))
  `.execute(db)
  await sql`grant select, insert, delete on secret_word to dazzle_app`.execute(db)
  // the vocabulary of the secrets recorded before this migration
  await sql`
    insert into secret_word (workspace_id, word)
    select distinct s.workspace_id, w.word
    from secret s, unnest(tsvector_to_array(to_tsvector('simple', s.text || ' ' || s.concepts))) as w(word)
    where length(w.word) between 3 and 40 and w.word !~ '^[0-9.,:-]+$'
    on conflict do nothing`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `drop function if exists dazzle_secret_hits(tsquery, text[], text, integer);
     drop function if exists dazzle_secret_text_hits(tsquery, text[], text, integer);
     drop function if exists dazzle_secret_words_near(text, integer);
     drop trigger if exists secret_words_on_insert on secret;
     drop trigger if exists secret_words_on_update on secret;
     drop trigger if exists secret_words_forget_on_update on secret;
     drop trigger if exists secret_words_forget_on_delete on secret;
     drop function if exists secret_words_add();
     drop function if exists secret_words_forget();
     drop table if exists secret_word;
     drop index if exists secret_text_fts_idx;
     alter index secret_search_idx reset (gin_pending_list_limit);
     alter index secret_text_trgm_idx reset (gin_pending_list_limit);`,
  )
}
