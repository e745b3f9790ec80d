import { randomUUID } from 'node:crypto'
import os from 'node:os'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/connection.ts'
import { completeJob, type Job, jobsStore } from '../../db/jobs.store.ts'
import type { DB } from '../../db/schema.ts'
import { inWorkspace } from '../../db/workspace-scope.ts'
import type { Clock } from '../../domain/clock.ts'

export interface JobContext {
  job: Job
  /** the moment the job was claimed, by the app's clock */
  now: Date
  /**
   * Marks the job done inside its workspace, in one transaction with `effects`: both commit or
   * neither does. False when another instance took the job over (this one's lease ran out): the
   * effects were rolled back and that instance runs it instead. Called once; a handler that never
   * calls it has its job marked done when it returns.
   */
  finish(effects?: (trx: Transaction<DB>) => Promise<unknown>): Promise<boolean>
}

export type JobHandler = (ctx: JobContext) => Promise<void>

export interface JobRunnerOptions {
  /** this instance's name on the rows it holds (host, process, a random part) */
  owner?: string
  /** pause between scans when idle; DAZZLE_JOB_POLL_MS */
  pollMs?: number
  /** jobs claimed at a time */
  batchSize?: number
  /** jobs of a batch run side by side (a slow webhook never holds up the others) */
  concurrency?: number
  /** how long a claim holds; a job still held after this (its instance died) is taken by another */
  leaseMs?: number
  /** attempts before a failing job is marked failed */
  maxAttempts?: number
  log?: (level: 'info' | 'warn' | 'error', msg: string) => void
}

export interface RunStats {
  claimed: number
  done: number
  retried: number
  failed: number
  /** taken over by another instance before this one finished */
  lost: number
}

export interface JobRunner {
  readonly owner: string
  readonly kinds: readonly string[]
  /** claims and runs due jobs until none is left (or `maxRounds` batches); what the loop calls */
  runDueJobs(opts?: { maxRounds?: number }): Promise<RunStats>
  /** starts the loop; scans at once, then every `pollMs` after the last scan ends */
  start(): void
  /** stops the loop and waits for the jobs in hand */
  stop(): Promise<void>
  readonly running: boolean
}

class LostLease extends Error {}

/** Exponential backoff for a job that threw: 30 s, 1 min, 2 min … at most 1 h. */
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000)

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 1_000)

/**
 * The stored-job loop of one app process. Jobs are rows, so they survive a restart; claiming uses
 * `for update skip locked` and a lease, so several instances on one PostgreSQL share the work and a
 * crashed instance's jobs are picked up when its lease runs out; a job is marked done in the same
 * transaction as its effects and only by the instance that holds it, so each fires once.
 */
export const createJobRunner = (
  deps: { database: Database; clock: Clock },
  handlers: Record<string, JobHandler>,
  opts: JobRunnerOptions = {},
): JobRunner => {
  const owner = opts.owner ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const pollMs = opts.pollMs ?? 1_000
  const batchSize = opts.batchSize ?? 50
  const concurrency = Math.max(1, opts.concurrency ?? 8)
  const leaseMs = opts.leaseMs ?? 120_000
  const maxAttempts = opts.maxAttempts ?? 8
  const log = opts.log ?? (() => {})
  const kinds = Object.keys(handlers)
  const store = jobsStore(deps.database.db)

  const runOne = async (job: Job, stats: RunStats) => {
    const now = deps.clock.now()
    let finished = false
    let lost = false
    const ctx: JobContext = {
      job,
      now,
      async finish(effects) {
        if (finished) throw new Error(`job ${job.id} (${job.kind}) finished twice`)
        finished = true
        try {
          return await inWorkspace(deps.database.db, job.workspaceId, async (trx) => {
            if (!(await completeJob(trx, job, owner, deps.clock.now()))) throw new LostLease()
            if (effects) await effects(trx)
            return true
          })
        } catch (e) {
          if (e instanceof LostLease) {
            lost = true
            return false
          }
          // the effects failed and nothing committed: the job is still ours to retry
          finished = false
          throw e
        }
      },
    }
    try {
      const handler = handlers[job.kind]
      if (!handler) throw new Error(`no handler for ${job.kind}`)
      if (job.attempts > maxAttempts) {
        // claimed again after the instance running its last attempt stopped: give up on it
        await store.fail(job, owner, `gave up after ${maxAttempts} attempts`, null, now)
        stats.failed++
        return
      }
      await handler(ctx)
      if (!finished) await ctx.finish()
      if (lost) stats.lost++
      else stats.done++
    } catch (e) {
      const giveUp = job.attempts >= maxAttempts
      const retryAt = giveUp ? null : new Date(deps.clock.now().getTime() + retryDelayMs(job.attempts))
      log(
        giveUp ? 'error' : 'warn',
        `job ${job.id} (${job.kind}) attempt ${job.attempts} failed${giveUp ? ', giving up' : `, retrying at ${retryAt?.toISOString()}`}: ${errorText(e)}`,
      )
      try {
        await store.fail(job, owner, errorText(e), retryAt, deps.clock.now())
      } catch (e2) {
        // the lease runs out and the job is claimed again: nothing is lost
        log('error', `job ${job.id}: recording the failure failed too: ${errorText(e2)}`)
      }
      if (giveUp) stats.failed++
      else stats.retried++
    }
  }

  let stopping = false
  let timer: NodeJS.Timeout | null = null
  let current: Promise<unknown> | null = null

  const runDueJobs = async ({ maxRounds = 20 }: { maxRounds?: number } = {}): Promise<RunStats> => {
    const stats: RunStats = { claimed: 0, done: 0, retried: 0, failed: 0, lost: 0 }
    for (let round = 0; round < maxRounds && !stopping; round++) {
      const jobs = await store.claim({ owner, now: deps.clock.now(), leaseMs, limit: batchSize, kinds })
      stats.claimed += jobs.length
      let next = 0
      const worker = async () => {
        while (next < jobs.length) await runOne(jobs[next++]!, stats)
      }
      await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker))
      // a round that found nothing ends the scan; one that ran jobs looks again, as they may have
      // queued follow-ups due now (a reminder's emails, a delivery's webhook)
      if (jobs.length === 0) break
    }
    return stats
  }

  const tick = async () => {
    timer = null
    if (stopping) return
    const run = runDueJobs().catch((e) => log('error', `job runner: scan failed: ${errorText(e)}`))
    current = run
    await run
    current = null
    if (!stopping) {
      timer = setTimeout(() => void tick(), pollMs)
      // the loop alone never keeps a process alive
      timer.unref()
    }
  }

  return {
    owner,
    kinds,
    runDueJobs,
    get running() {
      return !stopping && (timer !== null || current !== null)
    },
    start() {
      if (stopping || timer || current) return
      timer = setTimeout(() => void tick(), 0)
      timer.unref()
    },
    async stop() {
      stopping = true
      if (timer) clearTimeout(timer)
      timer = null
      await current
    },
  }
}
