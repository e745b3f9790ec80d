import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * A token made with its owner's own role follows that role as it changes (demoted, the token can do
 * less; moved to marketing, it acts as marketing); a token an admin narrowed on purpose keeps its
 * narrower role, and never acts beyond what its owner may now hand out. Tokens already made follow
 * their owner when their role is the owner's role today.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `alter table api_token add column follows_member boolean not null default false;
     update api_token t set follows_member = true
       from membership m where m.workspace_id = t.workspace_id and m.user_id = t.user_id and m.role = t.role;
     drop function if exists dazzle_api_token(text);
     create function dazzle_api_token(p_hash text)
     returns table (
       id text, role text, follows_member boolean, prefix text, last_used_at timestamptz, expires_at timestamptz,
       revoked_at timestamptz, user_id text, user_name text, user_email text, workspace_id text,
       workspace_slug text, workspace_name text, workspace_created_at timestamptz, member_role text
     )
     language plpgsql stable security invoker set search_path = public, pg_temp as $$
     #variable_conflict use_column
     begin
       return query
       select t.id, t.role, t.follows_member, t.prefix, t.last_used_at, t.expires_at, t.revoked_at, t.user_id,
         u.name, u.email, w.id, w.slug, w.name, w.created_at, m.role
       from api_token t
       join workspace w on w.id = t.workspace_id
       join auth_user u on u.id = t.user_id
       left join membership m on m.workspace_id = t.workspace_id and m.user_id = t.user_id
       where t.token_hash = p_hash;
     end $$;
     revoke all on function dazzle_api_token(text) from public;`,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `drop function if exists dazzle_api_token(text);
     create function dazzle_api_token(p_hash text)
     returns table (
       id text, role text, prefix text, last_used_at timestamptz, expires_at timestamptz,
       revoked_at timestamptz, user_id text, user_name text, user_email text, workspace_id text,
       workspace_slug text, workspace_name text, workspace_created_at timestamptz, member_role text
     )
     language plpgsql stable security invoker set search_path = public, pg_temp as $$
     #variable_conflict use_column
     begin
       return query
       select t.id, t.role, t.prefix, t.last_used_at, t.expires_at, t.revoked_at, t.user_id,
         u.name, u.email, w.id, w.slug, w.name, w.created_at, m.role
       from api_token t
       join workspace w on w.id = t.workspace_id
       join auth_user u on u.id = t.user_id
       left join membership m on m.workspace_id = t.workspace_id and m.user_id = t.user_id
       where t.token_hash = p_hash;
     end $$;
     revoke all on function dazzle_api_token(text) from public;
     alter table api_token drop column follows_member;`,
  )
}
