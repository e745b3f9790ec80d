import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { enableWorkspaceRls } from './workspace-rls.ts'

/**
 * Recovery stories (issue 12, part 2): one story per closed recovery, told by its owner or a leader,
 * with the secret behind the surprise kept apart from the text (only roles that may read secrets see
 * it), the customer named or described; one reaction of each kind per member; `digested_at` marks the
 * stories a weekly digest has carried.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table recovery_story (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      oops_id text not null references oops(id) on delete cascade,
      author_user_id text references auth_user(id) on delete set null,
      author_name text,
      title text not null check (length(title) between 1 and 140),
      body text not null check (length(body) between 1 and 6000),
      secret_note text check (length(secret_note) <= 1000),
      privacy text not null check (privacy in ('named', 'anonymised')),
      customer_label text check (length(customer_label) <= 120),
      published_at timestamptz not null,
      edited_at timestamptz,
      digested_at timestamptz,
      check (privacy = 'named' or customer_label is not null),
      unique (workspace_id, oops_id)
    );
    create index recovery_story_feed_idx on recovery_story(workspace_id, published_at desc);
    create index recovery_story_digest_idx on recovery_story(workspace_id, published_at) where digested_at is null;

    create table story_reaction (
      workspace_id text not null references workspace(id) on delete cascade,
      story_id text not null references recovery_story(id) on delete cascade,
      user_id text not null references auth_user(id) on delete cascade,
      kind text not null check (kind in ('applause', 'heart', 'party')),
      reacted_at timestamptz not null,
      primary key (story_id, user_id, kind)
    );
    create index story_reaction_ws_idx on story_reaction(workspace_id, story_id);
    `,
  )
  await enableWorkspaceRls(db, ['recovery_story', 'story_reaction'])
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, 'drop table if exists story_reaction;\ndrop table if exists recovery_story;')
}
