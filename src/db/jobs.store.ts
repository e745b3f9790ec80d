import { type Kysely, sql } from 'kysely'
import type { DB } from './schema.ts'

/** A stored job as the runner sees it once it has claimed it. */
export interface Job {
  id: number
  workspaceId: string
  kind: string
  runAt: Date
  payload: Record<string, unknown>
  dedupeKey: string
  /** attempts so far, this one included */
  attempts: number
  lockedBy: string
  lockedUntil: Date
}

const presentJob = (r: Record<string, unknown>): Job => ({
  id: Number(r.id),
  workspaceId: String(r.workspace_id),
  kind: String(r.kind),
  runAt: new Date(r.run_at as string),
  payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
  dedupeKey: String(r.dedupe_key),
  attempts: Number(r.attempts),
  lockedBy: String(r.locked_by),
  lockedUntil: new Date(r.locked_until as string),
})

/**
 * The job table across workspaces. `db` is the owner's connection (outside inWorkspace): claiming
 * looks at every workspace's due jobs; each job then runs inside its own workspace.
 */
export const jobsStore = (db: Kysely<DB>) => ({
  /**
   * Takes up to `limit` due jobs for `owner` until `now + leaseMs`. `for update skip locked`: two
   * instances claiming at once get different rows, neither waits for the other. A job whose lease
   * ran out (its instance died mid-run) is due again. Every claim counts as an attempt, so a job
   * that kills whoever runs it ends up failed instead of taking instance after instance down.
   */
  async claim(o: { owner: string; now: Date; leaseMs: number; limit: number; kinds: readonly string[] }) {
    if (o.kinds.length === 0 || o.limit <= 0) return []
    const until = new Date(o.now.getTime() + o.leaseMs)
    const r = await sql<Record<string, unknown>>`
      with due as materialized (
        select id from job
        where status = 'pending' and run_at <= ${o.now}
          and (locked_until is null or locked_until <= ${o.now})
          and kind = any(${sql.val([...o.kinds])}::text[])
        order by run_at, id
        limit ${o.limit}
        for update skip locked
      )
      update job set locked_by = ${o.owner}, locked_until = ${until}, attempts = job.attempts + 1
      from due where job.id = due.id
      returning job.*`.execute(db.withoutPlugins())
    return r.rows.map(presentJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id)
  },

  /**
   * After a failed attempt: try again at `retryAt`, or give up (`retryAt` null → failed). Only while
   * `owner` still holds the job: a runner that lost its lease reports nothing.
   */
  async fail(job: Pick<Job, 'id'>, owner: string, error: string, retryAt: Date | null, now: Date) {
    await sql`
      update job set
        status = ${retryAt ? 'pending' : 'failed'},
        run_at = coalesce(${retryAt}, run_at),
        done_at = ${retryAt ? null : now},
        last_error = ${error.slice(0, 2_000)},
        locked_by = null, locked_until = null
      where id = ${job.id} and locked_by = ${owner} and status = 'pending'`.execute(db.withoutPlugins())
  },
})

/**
 * Marks a claimed job done inside `trx`, the transaction that carries its effects: they commit
 * together or not at all. False when `owner` no longer holds it (its lease ran out and another
 * instance took it): the caller must then roll its effects back.
 */
export const completeJob = async (trx: Kysely<DB>, job: Pick<Job, 'id'>, owner: string, now: Date) => {
  const r = await trx
    .updateTable('job')
    .set({ status: 'done', doneAt: now, lockedBy: null, lockedUntil: null })
    .where('id', '=', String(job.id))
    .where('lockedBy', '=', owner)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** A job to queue: what it does, when, and the key that keeps it from being queued twice. */
export interface JobToQueue {
  kind: string
  runAt: Date
  payload: Record<string, unknown>
  dedupeKey: string
}

/** Queues jobs in `trx` (workspace-scoped); a key already used adds nothing. */
export const enqueueJobs = async (trx: Kysely<DB>, workspaceId: string, jobs: readonly JobToQueue[]) => {
  if (jobs.length === 0) return
  await trx
    .insertInto('job')
    .values(
      jobs.map((j) => ({
        workspaceId,
        kind: j.kind,
        runAt: j.runAt,
        payload: JSON.stringify(j.payload),
        dedupeKey: j.dedupeKey,
      })),
    )
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .execute()
}

/** Queues one job in `trx` (workspace-scoped); a key already used adds nothing. */
export const enqueueJob = (trx: Kysely<DB>, workspaceId: string, j: JobToQueue) =>
  enqueueJobs(trx, workspaceId, [j])
