import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { enableWorkspaceRls } from './workspace-rls.ts'

/**
 * The wall (issue 12, part 6): kiosk links an admin makes for a TV in the office — only the token's
 * SHA-256 is kept (decision 019), with a name, an optional expiry and a revocation time; `demo` marks
 * the demo's link, whose token is derived from the instance secret so its admin can open it again.
 *
 * What the wall shows changes when a recovery changes, a story is told or an award decided: a
 * trigger on each NOTIFYs `dazzle_wall` with the workspace id only (identical payloads in one
 * transaction are folded into one by PostgreSQL, so a bulk import rings once). Revoking a link
 * NOTIFYs its id, so every instance ends that link's open streams.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table wall_link (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      name text not null check (length(name) between 1 and 80),
      token_hash text not null unique,
      prefix text not null,
      demo boolean not null default false,
      created_by text references auth_user(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      last_seen_at timestamptz
    );
    create index wall_link_ws_idx on wall_link(workspace_id, created_at desc);

    create function wall_announce() returns trigger language plpgsql as $$
    declare ws text;
    begin
      if tg_op = 'DELETE' then ws := old.workspace_id; else ws := new.workspace_id; end if;
      perform pg_notify('dazzle_wall', json_build_object('workspaceId', ws, 'kind', 'changed')::text);
      return null;
    end $$;
    create trigger oops_wall_announce after insert or delete or update of status, fixed_at, surprised_at, wow, owner_user_id on oops
      for each row execute function wall_announce();
    create trigger recovery_story_wall_announce after insert or update or delete on recovery_story
      for each row execute function wall_announce();
    create trigger award_wall_announce after insert or update or delete on award
      for each row execute function wall_announce();

    create function wall_link_announce() returns trigger language plpgsql as $$
    begin
      if new.revoked_at is not null and old.revoked_at is null then
        perform pg_notify('dazzle_wall',
          json_build_object('workspaceId', new.workspace_id, 'kind', 'revoked', 'linkId', new.id)::text);
      end if;
      return null;
    end $$;
    create trigger wall_link_announce after update of revoked_at on wall_link
      for each row execute function wall_link_announce();
    `,
  )
  await enableWorkspaceRls(db, ['wall_link'])
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    drop trigger if exists oops_wall_announce on oops;
    drop trigger if exists recovery_story_wall_announce on recovery_story;
    drop trigger if exists award_wall_announce on award;
    drop table if exists wall_link;
    drop function if exists wall_link_announce();
    drop function if exists wall_announce();
    `,
  )
}
