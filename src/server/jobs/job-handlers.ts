import { REPORT_CARD_REMINDER_JOB } from '../../db/accountability.store.ts'
import { auditLog } from '../../db/audit.store.ts'
import { EMAIL_JOB, inboxStore } from '../../db/inbox.store.ts'
import type { Job } from '../../db/jobs.store.ts'
import { MOMENT_NOTIFICATION, MOMENT_REMIND_JOB, MOMENTS_FIND_JOB } from '../../db/moments.store.ts'
import { performancePlansStore } from '../../db/performance-plans.store.ts'
import { recoveryStore } from '../../db/recovery.store.ts'
import { storiesStore } from '../../db/stories.store.ts'
import { WEBHOOK_JOB } from '../../db/webhooks.store.ts'
import { inWorkspace } from '../../db/workspace-scope.ts'
import { closeDuePlans, PLAN_CLOSE_JOB } from '../../domain/accountability/manage-performance-plans.ts'
import { remindReportCard } from '../../domain/accountability/send-report-card.ts'
import { findMoments, remindMoment } from '../../domain/moments/manage-moments.ts'
import { REMINDER_KINDS, remindAndEscalate } from '../../domain/recovery/remind-and-escalate.ts'
import { buildStoryDigest } from '../../domain/stories/manage-stories.ts'
import { DIGEST_JOB } from '../../domain/stories/story-digest.ts'
import type { ServerDeps } from '../deps.ts'
import { reportCardDeps } from '../routes/accountability.context.ts'
import { momentsDeps } from '../routes/moments.context.ts'
import { attemptDelivery } from '../webhooks/deliver.ts'
import type { JobHandler } from './runner.ts'

/** A mail server that neither answers nor fails is given up on (and retried) after this long. */
export const EMAIL_TIMEOUT_MS = 30_000

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

const emailText = (
  n: { name: string; title: string; body: string | null; workspaceName: string; kind?: string },
  link: string | null,
) =>
  [
    `Hi ${n.name || 'there'},`,
    '',
    n.title,
    ...(n.body ? ['', n.body] : []),
    ...(link ? ['', `Open it in Dazzle: ${link}`] : []),
    '',
    `— Dazzle, ${n.workspaceName}`,
    n.kind === MOMENT_NOTIFICATION
      ? 'You get this because you own this account, or you are an admin here and nobody owns it.'
      : 'You get this because you own this recovery, its owner reports to you, or you are an admin here.',
  ].join('\n')

/**
 * The Message-ID of the email a stored job sends: the same for every attempt of that job (a crash
 * between sending and "done" sends it again), unique across deployments by the workspace's id.
 */
export const jobMessageId = (job: Pick<Job, 'id' | 'workspaceId'>, baseUrl: string) =>
  `<dazzle.job-${job.id}.${job.workspaceId}@${new URL(baseUrl).hostname || 'dazzle.invalid'}>`

/** What each stored job kind does. A kind not listed here is left for an instance that knows it. */
export const jobHandlers = (
  deps: Pick<ServerDeps, 'database' | 'clock' | 'mailer' | 'config' | 'mint' | 'concepts'>,
) => {
  const now = () => deps.clock.now()

  // the reminder, its notifications, their email jobs and webhook deliveries: one transaction with "done"
  const reminder: JobHandler = (ctx) =>
    ctx
      .finish((trx) =>
        remindAndEscalate(
          {
            recovery: recoveryStore(trx, ctx.job.workspaceId, now),
            people: inboxStore(trx, ctx.job.workspaceId, now),
            clock: deps.clock,
          },
          { kind: ctx.job.kind as (typeof REMINDER_KINDS)[number], payload: ctx.job.payload },
        ),
      )
      .then(() => undefined)

  // sent before "done" is written: a crash in between sends it again (at least once), never zero times
  const email: JobHandler = async (ctx) => {
    const id = String(ctx.job.payload.notificationId ?? '')
    const ws = ctx.job.workspaceId
    const n = await inWorkspace(deps.database.db, ws, (trx) => inboxStore(trx, ws, now).forEmail(id))
    if (!n) return
    const link = n.oopsId
      ? `${deps.config.baseUrl}/w/${n.slug}/recoveries/${n.oopsId}`
      : n.kind === MOMENT_NOTIFICATION
        ? `${deps.config.baseUrl}/w/${n.slug}/moments`
        : null
    await withTimeout(
      deps.mailer.send({
        to: n.email,
        subject: n.title,
        text: emailText(n, link),
        messageId: jobMessageId(ctx.job, deps.config.baseUrl),
      }),
      EMAIL_TIMEOUT_MS,
      'sending the email',
    )
  }

  const webhook: JobHandler = async (ctx) => {
    const p = ctx.job.payload
    await attemptDelivery(deps, ctx.job.workspaceId, String(p.deliveryId ?? ''), {
      attempt: typeof p.attempt === 'number' ? p.attempt : undefined,
      retry: p.retry !== false,
      commit: (effects) => ctx.finish(effects),
    })
  }

  // the one reminder of an unanswered report card: its second link and "reminded" commit with "done"
  const reportCardReminder: JobHandler = (ctx) =>
    ctx
      .finish((trx) =>
        remindReportCard(
          reportCardDeps(deps, trx, ctx.job.workspaceId, auditLog(trx, ctx.job.workspaceId, {})),
          String(ctx.job.payload.cardId ?? ''),
        ),
      )
      .then(() => undefined)

  // the weekly digest of new stories: one email per member, sent before the stories are marked as
  // carried (at least once, like every email of a job); a week with nothing new sends nothing
  const storyDigest: JobHandler = async (ctx) => {
    const ws = ctx.job.workspaceId
    const until = new Date(String(ctx.job.payload.until ?? ctx.now.toISOString()))
    const digest = await inWorkspace(deps.database.db, ws, async (trx) => {
      const w = await trx
        .selectFrom('workspace')
        .select(['name', 'slug'])
        .where('id', '=', ws)
        .executeTakeFirst()
      if (!w) return null
      return buildStoryDigest(
        { stories: storiesStore(trx, ws) },
        { until, workspaceName: w.name, feedUrl: `${deps.config.baseUrl}/w/${w.slug}/stories` },
      )
    })
    if (!digest || digest.storyIds.length === 0) return
    const host = new URL(deps.config.baseUrl).hostname || 'dazzle.invalid'
    for (const [i, mail] of digest.emails.entries()) {
      await withTimeout(
        deps.mailer.send({ ...mail, messageId: `<dazzle.job-${ctx.job.id}.${i}.${ws}@${host}>` }),
        EMAIL_TIMEOUT_MS,
        'sending the digest',
      )
    }
    await ctx.finish((trx) => storiesStore(trx, ws).markDigested(digest.storyIds, ctx.now))
  }

  // a plan's period is over: every due plan of the workspace is frozen with its final actuals, with "done"
  const planClose: JobHandler = (ctx) =>
    ctx
      .finish((trx) =>
        closeDuePlans({
          plans: performancePlansStore(trx, ctx.job.workspaceId),
          audit: auditLog(trx, ctx.job.workspaceId, {}),
          clock: deps.clock,
        }),
      )
      .then(() => undefined)

  // a moment's one reminder: its notification (and email job) and "reminded" commit with "done"
  const momentReminder: JobHandler = (ctx) =>
    ctx
      .finish((trx) =>
        remindMoment(
          momentsDeps(trx, ctx.job.workspaceId, {
            clock: deps.clock,
            audit: auditLog(trx, ctx.job.workspaceId, {}),
            concepts: deps.concepts,
          }),
          String(ctx.job.payload.momentId ?? ''),
        ),
      )
      .then(() => undefined)

  // the daily search for moments: new ones stored with their reminders, tomorrow's search queued
  const momentsFind: JobHandler = (ctx) =>
    ctx
      .finish((trx) =>
        findMoments(
          momentsDeps(trx, ctx.job.workspaceId, {
            clock: deps.clock,
            audit: auditLog(trx, ctx.job.workspaceId, {}),
            concepts: deps.concepts,
          }),
          null,
        ),
      )
      .then(() => undefined)

  const handlers: Record<string, JobHandler> = {
    [EMAIL_JOB]: email,
    [WEBHOOK_JOB]: webhook,
    [REPORT_CARD_REMINDER_JOB]: reportCardReminder,
    [DIGEST_JOB]: storyDigest,
    [MOMENT_REMIND_JOB]: momentReminder,
    [MOMENTS_FIND_JOB]: momentsFind,
    [PLAN_CLOSE_JOB]: planClose,
  }
  for (const kind of REMINDER_KINDS) handlers[kind] = reminder
  return handlers
}
