import { type Kysely, sql } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * Reminders and webhooks at work: every attempt to deliver a webhook is kept (the delivery log shows
 * each one, its answer, how long it took), unread notifications are counted from an index, and a new
 * notification announces itself on commit (NOTIFY dazzle_notifications) so the bell of whoever it is
 * for updates at once, whichever instance or code path inserted it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table webhook_attempt (
      id text primary key default gen_random_uuid()::text,
      workspace_id text not null references workspace(id) on delete cascade,
      delivery_id text not null references webhook_delivery(id) on delete cascade,
      attempt integer not null check (attempt > 0),
      at timestamptz not null,
      response_status integer,
      response_ms integer,
      error text,
      unique (delivery_id, attempt)
    );
    create index webhook_attempt_delivery_idx on webhook_attempt(workspace_id, delivery_id, attempt);

    create index notification_unread_idx on notification(workspace_id, user_id) where read_at is null;

    create function notification_announce() returns trigger language plpgsql as $$
    begin
      perform pg_notify('dazzle_notifications',
        json_build_object('workspaceId', new.workspace_id, 'userId', new.user_id)::text);
      return null;
    end $$;
    create trigger notification_announce after insert on notification
      for each row execute function notification_announce();
  `,
  )
  await sql`alter table webhook_attempt enable row level security`.execute(db)
  await sql`
    create policy workspace_isolation on webhook_attempt
      using (workspace_id = current_setting('dazzle.workspace_id', true))
      with check (workspace_id = current_setting('dazzle.workspace_id', true))
  `.execute(db)
  await sql`grant select, insert, update, delete on webhook_attempt to dazzle_app`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    drop trigger if exists notification_announce on notification;
    drop function if exists notification_announce();
    drop index if exists notification_unread_idx;
    drop table if exists webhook_attempt;
  `,
  )
}
