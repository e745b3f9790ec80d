import { type Kysely, sql } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import type { StepKind } from '../domain/recovery/communication.ts'
import type { Oops, OopsType, RecoveryKind, Severity } from '../domain/recovery/oops.ts'
import type { OopsCase, OopsListing, OopsListQuery, RecoveryReadsPort } from '../domain/recovery/oops-case.ts'
import type { FeedbackPort, JobRequest, RecoveryEvent, RecoveryPort } from '../domain/recovery/ports.ts'
import { DEFAULT_PLANS, type PlanDraft, type RecoveryPlan } from '../domain/recovery/recovery-plan.ts'
import type { Role } from '../domain/workspaces/roles.ts'
import { personOfCustomer } from './customers.store.ts'
import { enqueueJobs } from './jobs.store.ts'
import type { DB } from './schema.ts'
import {
  byIdInWorkspace,
  deleteInWorkspace,
  insertInWorkspace,
  mapFirst,
  rowsInWorkspace,
} from './store-kit.ts'

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string))

const presentOopsRow = (r: any): Oops => ({
  id: r.id,
  customerId: r.customerId,
  personId: r.personId,
  type: r.type as OopsType,
  description: r.description,
  severity: r.severity as Severity,
  letDownAt: new Date(r.letDownAt),
  reportedAt: new Date(r.reportedAt),
  reportedBy: r.reportedBy,
  ownerUserId: r.ownerUserId,
  planId: r.planId,
  windowHours: Number(r.windowHours),
  atRiskHours: Number(r.atRiskHours),
  firstContactHours: Number(r.firstContactHours),
  statusEveryHours: Number(r.statusEveryHours),
  investmentCap: Number(r.investmentCap),
  deadlineAt: new Date(r.deadlineAt),
  status: r.status,
  fixedAt: date(r.fixedAt),
  fixNote: r.fixNote,
  surprisedAt: date(r.surprisedAt),
  surpriseItemId: r.surpriseItemId,
  surpriseTitle: r.surpriseTitle,
  surpriseKind: r.surpriseKind,
  surpriseCost: num(r.surpriseCost),
  surpriseApprovedBy: r.surpriseApprovedBy,
  surpriseSecretIds: r.surpriseSecretIds ?? [],
  resolvedAt: date(r.resolvedAt),
  closedAt: date(r.closedAt),
  npsBefore: r.npsBefore,
})

const presentPlan = (r: any): RecoveryPlan => ({
  id: r.id,
  name: r.name,
  tier: r.tier,
  segment: r.segment,
  windowHours: Number(r.windowHours),
  atRiskHours: Number(r.atRiskHours),
  firstContactHours: Number(r.firstContactHours),
  statusEveryHours: Number(r.statusEveryHours),
  investmentCap: Number(r.investmentCap),
  allowedKinds: r.allowedKinds as RecoveryKind[],
  approverRole: r.approverRole as Role,
})

const tierOf = (t: unknown): 'A' | 'B' | 'C' | null => (t === 'A' || t === 'B' || t === 'C' ? t : null)

/** A row of the list's join: the OOPS! with its customer, person and owner. */
const presentListing = (r: any): OopsListing => ({
  ...presentOopsRow(r),
  customerName: r.customerName,
  customerTier: tierOf(r.customerTier),
  customerSegment: r.customerSegment ?? null,
  personName: r.personName ?? null,
  ownerName: r.ownerName ?? null,
  wow: r.wow ?? null,
})

/** The recovery screen's row, its timeline and hand-overs riding along as JSON. */
const presentCase = (r: any, steps: any[], handoffs: any[], plan: RecoveryPlan | null): OopsCase => ({
  ...presentListing(r),
  lifetimeRevenue: Number(r.lifetimeRevenue),
  trailing12mRevenue: Number(r.trailing12mRevenue),
  valueRank: r.valueRank ?? null,
  personEmail: r.personEmail ?? null,
  reporterName: r.reporterName ?? null,
  plan,
  steps: steps.map((x) => ({ ...x, kind: x.kind as StepKind, at: new Date(x.at) })),
  handoffs: handoffs.map((h) => ({ ...h, at: new Date(h.at) })),
  customerKind: r.customerKind === 'person' ? 'person' : 'organisation',
  // how the link went out is as recorded when it was made; sentAt only when it was emailed
  feedback:
    r.feedbackAskedAt || r.feedbackExpiresAt || r.feedbackUsedAt
      ? {
          askedAt: date(r.feedbackAskedAt),
          delivery: r.feedbackDelivery ?? null,
          sentTo: r.feedbackSentTo ?? null,
          sentAt: r.feedbackDelivery === 'emailed' ? date(r.feedbackAskedAt) : null,
          answeredAt: date(r.feedbackUsedAt),
          wow: r.wow,
          fixed: r.feedbackFixed,
          npsAfter: r.npsAfter,
          comment: r.feedbackComment,
        }
      : null,
})

/** The OOPS! of one workspace with their customer (c), the person let down (p) and the owner (u). */
const oopsWithPeople = (trx: Kysely<DB>, workspaceId: string) =>
  trx
    .selectFrom('oops as o')
    .innerJoin('customer as c', 'c.id', 'o.customerId')
    .leftJoin('customerPerson as p', 'p.id', 'o.personId')
    .leftJoin('authUser as u', 'u.id', 'o.ownerUserId')
    .where('o.workspaceId', '=', workspaceId)

/** Service recovery of one workspace; `trx` comes from inWorkspace (RLS on). `now`: the app's clock. */
export const recoveryStore = (trx: Kysely<DB>, workspaceId: string, now: () => Date = () => new Date()) => {
  const port: RecoveryPort = {
    customerFacts: (customerId) =>
      mapFirst(
        byIdInWorkspace(trx, 'customer', workspaceId, customerId).select([
          'id',
          'name',
          'kind',
          'valueTier as tier',
          'segment',
          'erasedAt',
        ]),
        (c) => ({ ...c, erasedAt: date(c.erasedAt) }),
      ),
    async personOf(customerId, personId) {
      return personOfCustomer(trx, workspaceId, customerId, personId)
    },
    async peopleOf(customerId) {
      const rows = await trx
        .selectFrom('customerPerson')
        .select(['id', 'name', sql<boolean>`coalesce(email, '') <> ''`.as('hasEmail')])
        .where('workspaceId', '=', workspaceId)
        .where('customerId', '=', customerId)
        .orderBy('createdAt')
        .orderBy('id')
        .execute()
      return rows.map((r) => ({ ...r, hasEmail: !!r.hasEmail }))
    },
    async memberRole(userId) {
      const m = await trx
        .selectFrom('membership')
        .select('role')
        .where('workspaceId', '=', workspaceId)
        .where('userId', '=', userId)
        .executeTakeFirst()
      return (m?.role as Role | undefined) ?? null
    },
    /** the workspace's plans; a workspace that never had any gets the defaults on first read */
    async plans() {
      const read = () =>
        trx
          .selectFrom('recoveryPlan')
          .selectAll()
          .where('workspaceId', '=', workspaceId)
          .orderBy('tier')
          .orderBy('createdAt')
          .execute()
      let rows = await read()
      if (rows.length === 0) {
        const seeded = await trx
          .selectFrom('workspace')
          .select(sql<boolean>`coalesce((settings->>'recoveryPlansSeeded')::boolean, false)`.as('seeded'))
          .where('id', '=', workspaceId)
          .executeTakeFirstOrThrow()
        if (!seeded.seeded) {
          await port.savePlans([...DEFAULT_PLANS])
          await trx
            .updateTable('workspace')
            .set({ settings: sql`settings || '{"recoveryPlansSeeded": true}'::jsonb` })
            .where('id', '=', workspaceId)
            .execute()
          rows = await read()
        }
      }
      return rows.map(presentPlan)
    },
    async savePlans(plans: PlanDraft[]) {
      if (plans.length === 0) return
      await trx
        .insertInto('recoveryPlan')
        .values(plans.map((p) => ({ workspaceId, ...p, allowedKinds: [...p.allowedKinds] })))
        .execute()
    },
    insertOops: (o) => insertInWorkspace(trx, 'oops', workspaceId, o),
    getOops: (id) => mapFirst(byIdInWorkspace(trx, 'oops', workspaceId, id).selectAll(), presentOopsRow),
    async updateOops(id, patch) {
      await rowsInWorkspace(trx, 'oops', workspaceId, { id }).update({ ...patch, updatedAt: new Date() })
    },
    addStep: (s) => insertInWorkspace(trx, 'oopsStep', workspaceId, s),
    async steps(oopsId) {
      const rows = await trx
        .selectFrom('oopsStep')
        .select(['kind', 'at'])
        .where('workspaceId', '=', workspaceId)
        .where('oopsId', '=', oopsId)
        .orderBy('at')
        .execute()
      return rows.map((r) => ({ kind: r.kind as StepKind, at: new Date(r.at) }))
    },
    async addHandoff(h) {
      await trx
        .insertInto('oopsHandoff')
        .values({ workspaceId, ...h })
        .execute()
    },
    surpriseItem: (id) =>
      mapFirst(
        byIdInWorkspace(trx, 'surpriseItem', workspaceId, id)
          .select(['id', 'title', 'cost', 'kind', 'leadTimeHours'])
          .where('active', '=', true),
        (r) => ({ ...r, cost: Number(r.cost), leadTimeHours: Number(r.leadTimeHours) }),
      ),
    async secretsOf(customerId, ids) {
      if (ids.length === 0) return []
      const rows = await trx
        .selectFrom('secret')
        .select('id')
        .where('workspaceId', '=', workspaceId)
        .where('customerId', '=', customerId)
        .where('id', 'in', ids)
        .execute()
      return rows.map((r) => r.id)
    },
    schedule: (jobs: JobRequest[]) => enqueueJobs(trx, workspaceId, jobs),
    async cancelJobs(prefix: string) {
      await trx
        .updateTable('job')
        .set({ status: 'cancelled', doneAt: new Date() })
        .where('workspaceId', '=', workspaceId)
        .where('status', '=', 'pending')
        .where('dedupeKey', 'like', `${prefix.replace(/[%_\\]/g, '\\$&')}%`)
        .execute()
    },
    /** one delivery per subscribed endpoint, and the job that sends it (after commit, by the runner) */
    async emit(event: RecoveryEvent, data: Record<string, unknown>) {
      await emitEvent(trx, workspaceId, event, data, now())
    },
    planById: async (id) =>
      (await mapFirst(byIdInWorkspace(trx, 'recoveryPlan', workspaceId, id).selectAll(), presentPlan)) ??
      null,
    updatePlan: async (id, patch) =>
      (await rowsInWorkspace(trx, 'recoveryPlan', workspaceId, { id }).update({
        ...patch,
        ...(patch.allowedKinds ? { allowedKinds: [...patch.allowedKinds] } : {}),
      })) > 0,
    removePlan: (id) => deleteInWorkspace(trx, 'recoveryPlan', workspaceId, { id }),
    async addresseeOf(oopsId) {
      return oopsWithPeople(trx, workspaceId)
        .select([
          'c.name as customerName',
          'p.name as personName',
          'p.email as personEmail',
          'u.name as ownerName',
        ])
        .where('o.id', '=', oopsId)
        .executeTakeFirstOrThrow()
    },
    async saveFeedbackLink(oopsId, link) {
      await rowsInWorkspace(trx, 'oops', workspaceId, { id: oopsId }).update({
        feedbackTokenHash: link.hash,
        feedbackExpiresAt: link.expiresAt,
        feedbackAskedAt: link.askedAt,
        feedbackDelivery: link.delivery,
        feedbackSentTo: link.sentTo,
      })
    },
  }
  return port
}

/** The customer's side of "did we blow you away?", for the OOPS! a link points to. */
export const feedbackStore = (trx: Kysely<DB>, workspaceId: string): FeedbackPort => ({
  async feedbackCase(oopsId) {
    const o = await oopsWithPeople(trx, workspaceId)
      .innerJoin('workspace as w', 'w.id', 'o.workspaceId')
      .select([
        'o.id',
        'o.type',
        'o.ownerUserId',
        'o.feedbackExpiresAt',
        'o.feedbackUsedAt',
        'c.name as customerName',
        'p.name as personName',
        'w.name as companyName',
      ])
      .where('o.id', '=', oopsId)
      .executeTakeFirstOrThrow()
    return {
      id: o.id,
      type: o.type as OopsType,
      ownerUserId: o.ownerUserId,
      expiresAt: date(o.feedbackExpiresAt),
      usedAt: date(o.feedbackUsedAt),
      customerName: o.customerName,
      personName: o.personName,
      companyName: o.companyName,
    }
  },
  // only an unanswered link: a second send of the same link changes nothing
  recordAnswer: async (oopsId, a, at) =>
    (await rowsInWorkspace(trx, 'oops', workspaceId, { id: oopsId, feedbackUsedAt: null }).update({
      feedbackUsedAt: at,
      wow: a.wow,
      feedbackFixed: a.fixed,
      npsAfter: a.nps,
      feedbackComment: a.comment ?? null,
    })) > 0,
})

/** Queues `event` for every active webhook endpoint of the workspace that subscribed to it. */
export const emitEvent = async (
  trx: Kysely<DB>,
  workspaceId: string,
  event: RecoveryEvent,
  data: Record<string, unknown>,
  /** the app's clock, so a test that moves it sends at the moved time */
  at: Date = new Date(),
) => {
  const endpoints = await trx
    .selectFrom('webhookEndpoint')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('active', '=', true)
    .where(sql<boolean>`${event} = any(events)`)
    .execute()
  for (const e of endpoints) {
    const payload = { event, workspaceId, at: at.toISOString(), data }
    const d = await trx
      .insertInto('webhookDelivery')
      .values({
        workspaceId,
        endpointId: e.id,
        event,
        payload: JSON.stringify(payload),
        nextAttemptAt: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('job')
      .values({
        workspaceId,
        kind: 'webhook.deliver',
        runAt: at,
        payload: JSON.stringify({ deliveryId: d.id }),
        dedupeKey: `webhook:${d.id}:1`,
      })
      .execute()
  }
}

export type RecoveryStore = ReturnType<typeof recoveryStore>

/** What the recoveries list and the recovery screen read. */
export const recoveryReads = (trx: Kysely<DB>, workspaceId: string): RecoveryReadsPort => ({
  async list(q: OopsListQuery, now) {
    const openStates = ['open', 'at_risk', 'breached'].includes(q.state)
    let query = oopsWithPeople(trx, workspaceId)
      .selectAll('o')
      .select([
        'c.name as customerName',
        'c.valueTier as customerTier',
        'c.segment as customerSegment',
        'p.name as personName',
        'u.name as ownerName',
      ])
    if (q.state === 'open') query = query.where('o.status', '=', 'open')
    if (q.state === 'recovered') query = query.where('o.status', '=', 'recovered')
    if (q.state === 'closed') query = query.where('o.status', '=', 'closed')
    if (q.state === 'breached') query = query.where('o.status', '=', 'open').where('o.deadlineAt', '<', now)
    if (q.state === 'at_risk') {
      query = query
        .where('o.status', '=', 'open')
        .where('o.deadlineAt', '>=', now)
        .where(sql<boolean>`o.deadline_at - make_interval(secs => o.at_risk_hours * 3600) <= ${now}`)
    }
    if (q.owner) query = query.where('o.ownerUserId', '=', q.owner)
    if (q.tier) query = query.where('c.valueTier', '=', q.tier)
    if (q.customerId) query = query.where('o.customerId', '=', q.customerId)
    if (q.before) {
      const [ts, id] = q.before.split('|')
      const at = new Date(ts ?? '')
      if (!Number.isNaN(at.getTime()) && id) {
        query = openStates
          ? query.where((eb) =>
              eb.or([
                eb('o.deadlineAt', '>', at),
                eb.and([eb('o.deadlineAt', '=', at), eb('o.id', '>', id)]),
              ]),
            )
          : query.where((eb) =>
              eb.or([
                eb('o.reportedAt', '<', at),
                eb.and([eb('o.reportedAt', '=', at), eb('o.id', '<', id)]),
              ]),
            )
      }
    }
    query = openStates
      ? query.orderBy('o.deadlineAt', 'asc').orderBy('o.id', 'asc')
      : query.orderBy('o.reportedAt', 'desc').orderBy('o.id', 'desc')
    const rows = await query.limit(q.limit + 1).execute()
    const page = rows.slice(0, q.limit)
    const last = page.at(-1)
    const nextBefore =
      rows.length > q.limit && last
        ? `${new Date(openStates ? last.deadlineAt : last.reportedAt).toISOString()}|${last.id}`
        : null
    return { rows: page.map(presentListing), nextBefore }
  },

  /** The recovery screen's OOPS!: one statement (the timeline, hand-overs and plan ride along as JSON). */
  async detail(id) {
    const o = await oopsWithPeople(trx, workspaceId)
      .leftJoin('authUser as r', 'r.id', 'o.reportedBy')
      .selectAll('o')
      .select((eb) => [
        'c.name as customerName',
        'c.valueTier as customerTier',
        'c.segment as customerSegment',
        'c.lifetimeRevenue',
        // (the CamelCasePlugin would write trailing12m_revenue: name the column as the migration does)
        sql<string>`c.trailing_12m_revenue`.as('trailing12mRevenue'),
        'c.valueRank',
        'c.kind as customerKind',
        'p.name as personName',
        'p.email as personEmail',
        'u.name as ownerName',
        'r.name as reporterName',
        jsonArrayFrom(
          eb
            .selectFrom('oopsStep as s')
            .select(['s.id', 's.kind', 's.channel', 's.message', 's.emailedTo', 's.byName', 's.at'])
            .where('s.workspaceId', '=', workspaceId)
            .whereRef('s.oopsId', '=', 'o.id')
            .orderBy('s.at')
            .orderBy('s.createdAt'),
        ).as('steps'),
        jsonArrayFrom(
          eb
            .selectFrom('oopsHandoff as h')
            .leftJoin('authUser as f', 'f.id', 'h.fromUserId')
            .leftJoin('authUser as t', 't.id', 'h.toUserId')
            .select(['f.name as fromName', 't.name as toName', 'h.reason', 'h.at'])
            .where('h.workspaceId', '=', workspaceId)
            .whereRef('h.oopsId', '=', 'o.id')
            .orderBy('h.at'),
        ).as('handoffs'),
        jsonObjectFrom(
          eb
            .selectFrom('recoveryPlan as rp')
            .selectAll('rp')
            .where('rp.workspaceId', '=', workspaceId)
            .whereRef('rp.id', '=', 'o.planId'),
        ).as('plan'),
      ])
      .where('o.id', '=', id)
      .executeTakeFirst()
    if (!o) return null
    const { steps, handoffs, plan, ...row } = o
    return presentCase(row, steps, handoffs, plan ? presentPlan(plan) : null)
  },
})
