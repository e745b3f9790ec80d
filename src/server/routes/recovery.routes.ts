import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { type RecoveryStore, recoveryReads, recoveryStore } from '../../db/recovery.store.ts'
import { DomainError } from '../../domain/errors.ts'
import {
  CONTACT_KINDS,
  dueSteps,
  type StepKind,
  TEMPLATES,
  toneWarnings,
} from '../../domain/recovery/communication.ts'
import { handOverOops } from '../../domain/recovery/hand-over-oops.ts'
import { openOops } from '../../domain/recovery/open-oops.ts'
import type { RecoveryDeps } from '../../domain/recovery/ports.ts'
import { recordContact, recordFix, recordSurprise } from '../../domain/recovery/record-recovery-step.ts'
import { readClock } from '../../domain/recovery/recovery-clock.ts'
import { authorize, type WorkspaceAction } from '../../domain/workspaces/roles.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import {
  contactSchema,
  fixSchema,
  handOverSchema,
  oopsDetailSchema,
  oopsListQuerySchema,
  oopsListSchema,
  openOopsSchema,
  planInputSchema,
  planListSchema,
  planPatchSchema,
  planSchema,
  surpriseSchema,
  templatesSchema,
  toneSchema,
} from '../../schemas/recovery.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requireMember } from '../principal.ts'
import { issueFeedbackLink } from './feedback.routes.ts'

const tags = ['recovery']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()

type Scope = Parameters<Parameters<typeof runInWorkspace>[3]>[0]
type Member = Awaited<ReturnType<typeof requireMember>>
type Reads = ReturnType<typeof recoveryReads>

const tierOf = (t: unknown): 'A' | 'B' | 'C' | null => (t === 'A' || t === 'B' || t === 'C' ? t : null)

/** A list row or the screen's header: the OOPS! with its clock read at `now`. */
const presentSummary = (r: any, now: Date) => ({
  id: r.id as string,
  customer: {
    id: r.customerId,
    name: r.customerName,
    tier: tierOf(r.customerTier),
    segment: r.customerSegment ?? null,
  },
  personName: r.personName ?? null,
  type: r.type,
  description: r.description,
  severity: r.severity,
  letDownAt: new Date(r.letDownAt),
  reportedAt: new Date(r.reportedAt),
  owner: r.ownerUserId
    ? { id: r.ownerUserId as string, name: (r.ownerName as string | null) ?? 'a former member' }
    : null,
  status: r.status,
  clock: readClock(
    {
      letDownAt: new Date(r.letDownAt),
      windowHours: Number(r.windowHours),
      atRiskHours: Number(r.atRiskHours),
      fixedAt: r.fixedAt ? new Date(r.fixedAt) : null,
      surprisedAt: r.surprisedAt ? new Date(r.surprisedAt) : null,
    },
    now,
  ),
  wow: r.wow ?? null,
})

const presentDetail = (d: NonNullable<Awaited<ReturnType<Reads['detail']>>>, now: Date) => {
  const o = d.o as any
  const fixedAt = o.fixedAt ? new Date(o.fixedAt) : null
  const surprisedAt = o.surprisedAt ? new Date(o.surprisedAt) : null
  const steps = d.steps.map((s) => ({ ...s, kind: s.kind as StepKind, at: new Date(s.at) }))
  return {
    ...presentSummary(o, now),
    customerValue: {
      lifetimeRevenue: Number(o.lifetimeRevenue),
      trailing12mRevenue: Number(o.trailing12mRevenue),
      rank: o.valueRank ?? null,
    },
    personId: o.personId,
    personEmail: o.personEmail ?? null,
    reportedBy: o.reportedBy
      ? { id: o.reportedBy as string, name: (o.reporterName as string | null) ?? '' }
      : null,
    plan: d.plan,
    windowHours: Number(o.windowHours),
    investmentCap: Number(o.investmentCap),
    fixedAt,
    fixNote: o.fixNote,
    surprisedAt,
    surprise: o.surpriseTitle
      ? {
          itemId: o.surpriseItemId,
          title: o.surpriseTitle,
          kind: o.surpriseKind,
          cost: o.surpriseCost === null ? null : Number(o.surpriseCost),
          approvedBy: o.surpriseApprovedBy,
          secretIds: o.surpriseSecretIds ?? [],
        }
      : null,
    resolvedAt: o.resolvedAt ? new Date(o.resolvedAt) : null,
    npsBefore: o.npsBefore,
    feedback:
      o.feedbackExpiresAt || o.feedbackUsedAt
        ? {
            sentAt: o.feedbackExpiresAt ? new Date(o.resolvedAt ?? o.feedbackExpiresAt) : null,
            answeredAt: o.feedbackUsedAt ? new Date(o.feedbackUsedAt) : null,
            wow: o.wow,
            fixed: o.feedbackFixed,
            npsAfter: o.npsAfter,
            comment: o.feedbackComment,
          }
        : null,
    steps,
    due: dueSteps(
      {
        reportedAt: new Date(o.reportedAt),
        firstContactHours: Number(o.firstContactHours),
        statusEveryHours: Number(o.statusEveryHours),
        recoveredAt:
          fixedAt && surprisedAt ? new Date(Math.max(fixedAt.getTime(), surprisedAt.getTime())) : null,
        closed: o.status === 'closed',
      },
      steps,
      now,
    ),
    handoffs: d.handoffs.map((h) => ({ ...h, at: new Date(h.at) })),
  }
}

export const recoveryRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const withRecovery = async <T>(
      request: FastifyRequest,
      action: WorkspaceAction,
      fn: (x: { store: RecoveryStore; reads: Reads; deps: RecoveryDeps; m: Member; w: Scope }) => Promise<T>,
    ) => {
      const m = await requireMember(deps, request)
      authorize(m.actor, action)
      return runInWorkspace(deps, request, m.workspace.id, (w) => {
        const store = recoveryStore(w.trx, m.workspace.id, deps.clock.now)
        return fn({
          store,
          reads: recoveryReads(w.trx, m.workspace.id),
          deps: { recovery: store, audit: w.audit, clock: deps.clock },
          m,
          w,
        })
      })
    }
    const detailOf = async (reads: Reads, id: string) => {
      const d = await reads.detail(id)
      if (!d) throw new DomainError('oops_not_found', 'No such OOPS! in this workspace.')
      return presentDetail(d, deps.clock.now())
    }
    const actorOf = (m: Member) => ({ ...m.actor, name: m.user.name || m.user.email })

    app.post(
      '/api/oops',
      {
        schema: {
          tags,
          summary: 'Report an OOPS!: the clock starts when the customer was let down',
          body: openOopsSchema,
          response: { 201: oopsDetailSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await withRecovery(request, 'recovery.write', async (x) => {
          const id = await openOops(x.deps, x.m.actor, request.body)
          return detailOf(x.reads, id)
        })
        return reply.status(201).send(created)
      },
    )

    app.get(
      '/api/oops',
      {
        schema: {
          tags,
          summary:
            'Recoveries: open (soonest deadline first), at risk, breached, recovered, closed; by owner, tier, customer',
          querystring: oopsListQuerySchema,
          response: { 200: oopsListSchema, ...errorResponses },
        },
      },
      (request) =>
        withRecovery(request, 'recovery.read', async (x) => {
          const q = {
            ...request.query,
            owner: request.query.owner === 'me' ? x.m.user.id : request.query.owner,
          }
          const now = deps.clock.now()
          const { rows, nextBefore } = await x.reads.list(q, now)
          return { oops: rows.map((r) => presentSummary(r, now)), nextBefore }
        }),
    )

    app.get(
      '/api/oops/templates',
      {
        schema: {
          tags,
          summary: 'Message templates for each contact step, written the source’s way',
          response: { 200: templatesSchema, ...errorResponses },
        },
      },
      async (request) => {
        const m = await requireMember(deps, request)
        authorize(m.actor, 'recovery.read')
        return { templates: CONTACT_KINDS.map((kind) => ({ kind, ...TEMPLATES[kind] })) }
      },
    )

    app.post(
      '/api/oops/tone',
      {
        schema: {
          tags,
          summary: 'Flags a draft that quotes policy or blames the customer',
          body: z.object({ message: z.string().max(10_000) }).strict(),
          response: { 200: toneSchema, ...errorResponses },
        },
      },
      async (request) => {
        await requireMember(deps, request)
        return { warnings: toneWarnings(request.body.message) }
      },
    )

    app.get(
      '/api/oops/:id',
      {
        schema: {
          tags,
          summary: 'One OOPS!: the clock, the customer, the plan, the timeline and what is due',
          params: idParams,
          response: { 200: oopsDetailSchema, ...errorResponses },
        },
      },
      (request) => withRecovery(request, 'recovery.read', (x) => detailOf(x.reads, request.params.id)),
    )

    app.post(
      '/api/oops/:id/hand-over',
      {
        schema: {
          tags,
          summary: 'Hand the OOPS! on to whoever now has the customer in front of them',
          params: idParams,
          body: handOverSchema,
          response: { 200: oopsDetailSchema, ...errorResponses },
        },
      },
      (request) =>
        withRecovery(request, 'recovery.write', async (x) => {
          await handOverOops(x.deps, x.m.actor, { oopsId: request.params.id, ...request.body })
          return detailOf(x.reads, request.params.id)
        }),
    )

    app.post(
      '/api/oops/:id/fix',
      {
        schema: {
          tags,
          summary: 'Record the fix (once)',
          params: idParams,
          body: fixSchema,
          response: { 200: oopsDetailSchema, ...errorResponses },
        },
      },
      (request) =>
        withRecovery(request, 'recovery.write', async (x) => {
          await recordFix(x.deps, actorOf(x.m), { oopsId: request.params.id, note: request.body.note })
          return detailOf(x.reads, request.params.id)
        }),
    )

    app.post(
      '/api/oops/:id/surprise',
      {
        schema: {
          tags,
          summary:
            'Record the surprise (once): a catalogue item or a custom one, and the secrets it draws on',
          params: idParams,
          body: surpriseSchema,
          response: { 200: oopsDetailSchema, ...errorResponses },
        },
      },
      (request) =>
        withRecovery(request, 'recovery.write', async (x) => {
          const o = await x.store.getOops(request.params.id)
          const plan = o?.planId ? await x.reads.planById(o.planId) : null
          await recordSurprise(x.deps, actorOf(x.m), { oopsId: request.params.id, ...request.body }, plan)
          return detailOf(x.reads, request.params.id)
        }),
    )

    app.post(
      '/api/oops/:id/steps',
      {
        schema: {
          tags,
          summary:
            'Record a contact with the customer (first contact, status report, follow-up, final resolution) or a note; optionally email it',
          params: idParams,
          body: contactSchema,
          response: { 200: oopsDetailSchema, ...errorResponses },
        },
      },
      (request) =>
        withRecovery(request, 'recovery.write', async (x) => {
          const b = request.body
          const before = await detailOf(x.reads, request.params.id)
          const to = b.sendEmail ? (b.emailTo ?? before.personEmail) : null
          if (b.sendEmail && !to) {
            throw new DomainError(
              'invalid_input',
              'There is no email address for the affected person: give one, or record the contact without sending.',
              { field: 'emailTo' },
            )
          }
          const after = await recordContact(x.deps, actorOf(x.m), {
            oopsId: request.params.id,
            kind: b.kind,
            channel: b.channel,
            message: b.message,
            emailedTo: to,
            npsBefore: b.npsBefore,
          })
          if (to) {
            // inside the transaction: a message that could not be sent is not recorded as sent
            try {
              await deps.mailer.send({
                to,
                subject: b.subject ?? (b.kind === 'note' ? 'A note from us' : TEMPLATES[b.kind].subject),
                text: b.message,
              })
            } catch (e) {
              throw new DomainError(
                'email_failed',
                'The email could not be sent, so nothing was recorded. Try again, or record it without sending.',
                undefined,
                e,
              )
            }
          }
          if (!after.closed) return detailOf(x.reads, request.params.id)
          // closed: ask at once, "did we blow you away?" — by email when we know where to write
          const feedbackLink = await issueFeedbackLink(deps, x.w.trx, x.m.workspace.id, request.params.id)
          const closed = await detailOf(x.reads, request.params.id)
          const customerEmail = b.emailTo ?? closed.personEmail
          if (customerEmail) {
            await deps.mailer
              .send({
                to: customerEmail,
                subject: 'Did we blow you away?',
                text: `Dear ${closed.personName ?? closed.customer.name},\n\nWe let you down, and we have tried to make it right. One question, and it takes ten seconds:\ndid we blow you away?\n\n${feedbackLink}\n\n${x.m.user.name || x.m.user.email}`,
              })
              // the OOPS! is closed either way; the owner still has the link to hand over
              .catch((e) => request.log.warn({ err: e }, 'feedback link email failed'))
          }
          return { ...closed, feedbackLink }
        }),
    )

    app.get(
      '/api/recovery-plans',
      {
        schema: {
          tags,
          summary:
            'Recovery plans per value tier or segment: window, cadence, investment cap, allowed actions, approver',
          response: { 200: planListSchema, ...errorResponses },
        },
      },
      (request) => withRecovery(request, 'recovery.read', async (x) => ({ plans: await x.store.plans() })),
    )

    app.post(
      '/api/recovery-plans',
      {
        schema: {
          tags,
          summary: 'Add a recovery plan (leaders, admins)',
          body: planInputSchema,
          response: { 201: planSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const plan = await withRecovery(request, 'recovery.manage_plans', async (x) => {
          const existing = await x.store.plans()
          const b = request.body
          if (existing.some((p) => p.tier === b.tier && p.segment === b.segment)) {
            throw new DomainError(
              'invalid_input',
              'There is already a plan for that tier and segment: change it instead.',
            )
          }
          await x.store.savePlans([b])
          await x.w.audit.record({
            actorUserId: x.m.actor.userId,
            actorLabel: x.m.actor.label,
            action: 'recovery_plan.changed',
            targetType: 'recovery_plan',
            details: { name: b.name, created: true },
          })
          return (await x.store.plans()).find((p) => p.tier === b.tier && p.segment === b.segment)!
        })
        return reply.status(201).send(plan)
      },
    )

    app.patch(
      '/api/recovery-plans/:id',
      {
        schema: {
          tags,
          summary: 'Change a recovery plan (leaders, admins); open OOPS! keep the terms they started with',
          params: idParams,
          body: planPatchSchema,
          response: { 200: planSchema, ...errorResponses },
        },
      },
      (request) =>
        withRecovery(request, 'recovery.manage_plans', async (x) => {
          const current = await x.reads.planById(request.params.id)
          if (!current) throw new DomainError('plan_not_found', 'No such recovery plan in this workspace.')
          const next = { ...current, ...request.body }
          if (next.atRiskHours >= next.windowHours) {
            throw new DomainError('invalid_input', 'The at-risk hours must be fewer than the window.', {
              field: 'atRiskHours',
            })
          }
          await x.reads.updatePlan(request.params.id, request.body)
          await x.w.audit.record({
            actorUserId: x.m.actor.userId,
            actorLabel: x.m.actor.label,
            action: 'recovery_plan.changed',
            targetType: 'recovery_plan',
            targetId: request.params.id,
            details: { fields: Object.keys(request.body) },
          })
          return (await x.reads.planById(request.params.id))!
        }),
    )

    app.delete(
      '/api/recovery-plans/:id',
      {
        schema: {
          tags,
          summary: 'Remove a recovery plan (leaders, admins)',
          params: idParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        withRecovery(request, 'recovery.manage_plans', async (x) => {
          if (!(await x.reads.removePlan(request.params.id))) {
            throw new DomainError('plan_not_found', 'No such recovery plan in this workspace.')
          }
          await x.w.audit.record({
            actorUserId: x.m.actor.userId,
            actorLabel: x.m.actor.label,
            action: 'recovery_plan.changed',
            targetType: 'recovery_plan',
            targetId: request.params.id,
            details: { removed: true },
          })
          return { ok: true as const }
        }),
    )
  }
