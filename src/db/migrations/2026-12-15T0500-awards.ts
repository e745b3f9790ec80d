import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { enableWorkspaceRls } from './workspace-rls.ts'

/**
 * Awards (issue 12, part 3; seeds 000, 001, 003): colleagues' nominations of a secret for the month's
 * secret agent, and the awards a leader decided — secret agent of the month, secrets manual of the
 * year, recovery hero and recovery addict of the month — one winner per kind and period, with the
 * figures the decision was made on frozen beside it. The winner is checked to be a member of the
 * workspace by the use-case; the award stays in the history if they later leave.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table award_nomination (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      period text not null check (period ~ '^[0-9]{4}-[0-9]{2}$'),
      secret_id text not null references secret(id) on delete cascade,
      nominated_by text not null references auth_user(id) on delete cascade,
      reason text not null check (length(reason) between 1 and 500),
      created_at timestamptz not null default now(),
      unique (workspace_id, period, secret_id, nominated_by)
    );
    create index award_nomination_period_idx on award_nomination(workspace_id, period, secret_id);

    create table award (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      kind text not null check (kind in ('secret_agent', 'secrets_manual', 'recovery_hero', 'recovery_addict')),
      period text not null check (period ~ '^[0-9]{4}(-[0-9]{2})?$'),
      winner_user_id text not null references auth_user(id) on delete cascade,
      secret_id text references secret(id) on delete set null,
      customer_id text references customer(id) on delete set null,
      reason text not null check (length(reason) between 1 and 500),
      figures jsonb not null default '{}'::jsonb,
      decided_by text references auth_user(id) on delete set null,
      decided_at timestamptz not null default now(),
      unique (workspace_id, kind, period)
    );
    create index award_winner_idx on award(workspace_id, winner_user_id, decided_at);
    `,
  )
  await enableWorkspaceRls(db, ['award_nomination', 'award'])
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, 'drop table if exists award, award_nomination;')
}
