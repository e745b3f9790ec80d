import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * How each "did we blow you away?" link reached the customer, so the recovery screen can say so
 * truthfully: when it was made, whether it was emailed and to whom, or made only for the owner to
 * copy (no address), or emailed and the email failed. Links made before this are known only to
 * have been made (delivery stays null: we do not know whether an email went out).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `alter table oops add column feedback_asked_at timestamptz;
     alter table oops add column feedback_sent_to text;
     alter table oops add column feedback_delivery text
       check (feedback_delivery in ('emailed', 'link_only', 'email_failed'));
     update oops set feedback_asked_at = coalesce(resolved_at, feedback_expires_at - interval '14 days')
       where feedback_expires_at is not null;`,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `alter table oops drop column if exists feedback_delivery;
     alter table oops drop column if exists feedback_sent_to;
     alter table oops drop column if exists feedback_asked_at;`,
  )
}
