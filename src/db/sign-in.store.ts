import { type Kysely, sql } from 'kysely'
import type { SignInHistory } from '../domain/workspaces/sign-in-guard.ts'

/** Wrong passwords and known addresses for the sign-in guard, shared by every app instance. */
export const signInStore = (db: Kysely<any>) => ({
  async history(email: string, ip: string, now: Date, lockMinutes: number): Promise<SignInHistory> {
    const minuteAgo = new Date(now.getTime() - 60_000)
    const windowStart = new Date(now.getTime() - lockMinutes * 60_000)
    const r = await sql<{ pair: number; account: number; address: number; known: boolean }>`
      select
        (select count(*)::int from auth_sign_in_failure
          where email = ${email} and ip = ${ip} and at > ${minuteAgo}) as pair,
        (select count(*)::int from auth_sign_in_failure where email = ${email} and at > ${windowStart}) as account,
        (select count(*)::int from auth_sign_in_failure where ip = ${ip} and at > ${windowStart}) as address,
        exists (select 1 from auth_sign_in_known where email = ${email} and ip = ${ip}) as known`.execute(db)
    const row = r.rows[0]!
    return {
      pairLastMinute: row.pair,
      account: row.account,
      address: row.address,
      knownAddress: row.known,
    }
  },

  async failed(email: string, ip: string, now: Date) {
    await sql`insert into auth_sign_in_failure (email, ip, at) values (${email}, ${ip}, ${now})`.execute(db)
    // a day is far longer than any window counted: older rows only take room
    await sql`delete from auth_sign_in_failure where at < ${new Date(now.getTime() - 86_400_000)}`.execute(db)
  },

  /** Signed in: this address is the owner's, and this pair starts again from nothing. */
  async succeeded(email: string, ip: string, now: Date) {
    await sql`insert into auth_sign_in_known (email, ip, last_at) values (${email}, ${ip}, ${now})
              on conflict (email, ip) do update set last_at = excluded.last_at`.execute(db)
    await sql`delete from auth_sign_in_failure where email = ${email} and ip = ${ip}`.execute(db)
  },
})

export type SignInStore = ReturnType<typeof signInStore>
