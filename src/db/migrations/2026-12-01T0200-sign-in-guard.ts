import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * Wrong passwords by account and address, and the addresses each account has signed in from: the
 * sign-in guard counts them across every app instance. Identity data, before any workspace (like
 * auth_rate_limit); rows older than a day are pruned as new ones come.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `create table auth_sign_in_failure (
       id bigint generated always as identity primary key,
       email text not null,
       ip text not null,
       at timestamptz not null
     );
     create index auth_sign_in_failure_email_idx on auth_sign_in_failure(email, at);
     create index auth_sign_in_failure_ip_idx on auth_sign_in_failure(ip, at);
     create table auth_sign_in_known (
       email text not null,
       ip text not null,
       last_at timestamptz not null,
       primary key (email, ip)
     );`,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, 'drop table if exists auth_sign_in_failure, auth_sign_in_known;')
}
