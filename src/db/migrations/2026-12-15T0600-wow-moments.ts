import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'
import { enableWorkspaceRls } from './workspace-rls.ts'

/**
 * Proactive WOW moments (issue 13, part 5; seed 003): for the best customers, a date worth a
 * personal, simple act — a birthday in the family, the customer's anniversary with us, a return
 * after a long absence, a loyalty milestone, a date heard in a secret. One moment per customer,
 * kind, date and subject (the relation or secret it comes from), so finding them again adds
 * nothing; who should act and by when, the act Dazzle suggests (its secrets referred to by id, not
 * copied), the one reminder, and what was done.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table moment (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      customer_id text not null references customer(id) on delete cascade,
      kind text not null check (kind in ('birthday', 'customer_anniversary', 'return', 'order_milestone', 'revenue_milestone', 'secret_date')),
      on_date date not null,
      subject_key text not null default '',
      relation_id text references customer_relation(id) on delete cascade,
      secret_id text references secret(id) on delete cascade,
      title text not null check (length(title) between 1 and 300),
      owner_user_id text references auth_user(id) on delete set null,
      due_at timestamptz not null,
      remind_at timestamptz not null,
      suggestion jsonb,
      status text not null default 'open' check (status in ('open', 'done', 'dismissed')),
      note text check (length(note) <= 1000),
      closed_at timestamptz,
      closed_by text references auth_user(id) on delete set null,
      reminded_at timestamptz,
      created_at timestamptz not null default now(),
      unique (workspace_id, customer_id, kind, on_date, subject_key)
    );
    create index moment_owner_idx on moment(workspace_id, owner_user_id, due_at);
    create index moment_customer_idx on moment(workspace_id, customer_id, on_date);
    `,
  )
  await enableWorkspaceRls(db, ['moment'])
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, 'drop table if exists moment;')
}
