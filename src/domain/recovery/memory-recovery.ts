import type { AuditEventInput } from '../audit/audit-event.ts'
import type { Clock } from '../clock.ts'
import type { Role } from '../workspaces/roles.ts'
import type { DoneStep } from './communication.ts'
import type { FeedbackDelivery } from './feedback.ts'
import { NOTHING_DONE_YET, type Oops } from './oops.ts'
import type { OopsCase, OopsStep, RecoveryReadsPort } from './oops-case.ts'
import type {
  FeedbackAnswer,
  FeedbackPort,
  JobRequest,
  Outbox,
  RecoveryEvent,
  RecoveryPort,
} from './ports.ts'
import { DEFAULT_PLANS, type RecoveryPlan } from './recovery-plan.ts'
import type { NewNotification } from './remind-and-escalate.ts'

interface StoredOops extends Oops {
  feedbackTokenHash: string | null
  feedbackExpiresAt: Date | null
  feedbackAskedAt: Date | null
  feedbackDelivery: FeedbackDelivery | null
  feedbackSentTo: string | null
  feedbackUsedAt: Date | null
  answer: FeedbackAnswer | null
}

/**
 * An in-memory recovery layer of one workspace for the domain's unit tests: a working fake of the
 * recovery, reads, feedback and mail ports (state you can read back), not a mock that records calls.
 */
export const memoryRecovery = (opts: { company?: string } = {}) => {
  const customers = new Map<string, NonNullable<Awaited<ReturnType<RecoveryPort['customerFacts']>>>>()
  const people = new Map<string, { id: string; name: string; email: string | null; customerId: string }>()
  const members = new Map<string, { role: Role; name: string }>()
  let plans: RecoveryPlan[] | null = null
  const oops = new Map<string, StoredOops>()
  const steps: Array<OopsStep & { oopsId: string }> = []
  const handoffs: Array<{
    oopsId: string
    fromUserId: string | null
    toUserId: string
    reason: string
    at: Date
  }> = []
  const jobs: Array<JobRequest & { status: 'pending' | 'cancelled' }> = []
  const events: Array<{ event: RecoveryEvent; data: Record<string, unknown> }> = []
  const audited: AuditEventInput[] = []
  const sent: Array<{ to: string; subject: string; text: string }> = []
  const notices: NewNotification[] = []
  /** the next sends to fail, as a mail server that is down would */
  const mailFailures = { next: 0 }
  let n = 0
  const nextId = (p: string) => `${p}${++n}`
  const loadPlans = () => {
    // a workspace that never had plans gets the defaults on first read, as the store does
    plans ??= DEFAULT_PLANS.map((p) => ({ ...p, id: nextId('plan'), allowedKinds: [...p.allowedKinds] }))
    return plans
  }
  const stored = (id: string) => {
    const o = oops.get(id)
    if (!o) throw new Error(`no OOPS! ${id}`)
    return o
  }
  const entity = ({
    feedbackTokenHash: _h,
    feedbackExpiresAt: _e,
    feedbackAskedAt: _a2,
    feedbackDelivery: _d,
    feedbackSentTo: _s,
    feedbackUsedAt: _u,
    answer: _a,
    ...o
  }: StoredOops) => ({ ...o, surpriseSecretIds: [...o.surpriseSecretIds] }) as Oops

  const port: RecoveryPort = {
    customerFacts: async (id) => customers.get(id),
    personOf: async (customerId, personId) => {
      const p = people.get(personId)
      return p && p.customerId === customerId ? { id: p.id, name: p.name } : undefined
    },
    peopleOf: async (customerId) =>
      [...people.values()]
        .filter((p) => p.customerId === customerId)
        .map((p) => ({ id: p.id, name: p.name, hasEmail: !!p.email })),
    memberRole: async (userId) => members.get(userId)?.role ?? null,
    plans: async () => loadPlans().map((p) => ({ ...p })),
    savePlans: async (drafts) => {
      loadPlans().push(...drafts.map((p) => ({ ...p, id: nextId('plan') })))
    },
    planById: async (id) => loadPlans().find((p) => p.id === id) ?? null,
    updatePlan: async (id, patch) => {
      const p = loadPlans().find((x) => x.id === id)
      if (!p) return false
      Object.assign(p, patch)
      return true
    },
    removePlan: async (id) => {
      const before = loadPlans().length
      plans = loadPlans().filter((p) => p.id !== id)
      return plans.length < before
    },
    insertOops: async (o) => {
      const id = nextId('oops')
      oops.set(id, {
        ...o,
        id,
        ...NOTHING_DONE_YET,
        surpriseSecretIds: [],
        feedbackTokenHash: null,
        feedbackExpiresAt: null,
        feedbackAskedAt: null,
        feedbackDelivery: null,
        feedbackSentTo: null,
        feedbackUsedAt: null,
        answer: null,
      })
      return id
    },
    getOops: async (id) => {
      const o = oops.get(id)
      return o && entity(o)
    },
    updateOops: async (id, patch) => {
      Object.assign(stored(id), patch)
    },
    addStep: async (s) => {
      const id = nextId('step')
      steps.push({ id, ...s })
      return id
    },
    steps: async (oopsId) =>
      steps.filter((s) => s.oopsId === oopsId).map(({ kind, at }): DoneStep => ({ kind, at })),
    addHandoff: async (h) => {
      handoffs.push(h)
    },
    surpriseItem: async () => undefined,
    secretsOf: async () => [],
    schedule: async (list) => {
      for (const j of list)
        if (!jobs.some((x) => x.dedupeKey === j.dedupeKey)) jobs.push({ ...j, status: 'pending' })
    },
    cancelJobs: async (prefix) => {
      for (const j of jobs)
        if (j.status === 'pending' && j.dedupeKey.startsWith(prefix)) j.status = 'cancelled'
    },
    emit: async (event, data) => {
      events.push({ event, data })
    },
    addresseeOf: async (oopsId) => {
      const o = stored(oopsId)
      const p = o.personId ? people.get(o.personId) : undefined
      return {
        customerName: customers.get(o.customerId)!.name,
        personName: p?.name ?? null,
        personEmail: p?.email ?? null,
        ownerName: o.ownerUserId ? (members.get(o.ownerUserId)?.name ?? null) : null,
      }
    },
    saveFeedbackLink: async (oopsId, link) => {
      Object.assign(stored(oopsId), {
        feedbackTokenHash: link.hash,
        feedbackExpiresAt: link.expiresAt,
        feedbackAskedAt: link.askedAt,
        feedbackDelivery: link.delivery,
        feedbackSentTo: link.sentTo,
      })
    },
  }

  const reads: RecoveryReadsPort = {
    list: async (q) => ({
      rows: [...oops.values()]
        .filter((o) => (q.state === 'all' || q.state === o.status) && (!q.owner || q.owner === o.ownerUserId))
        .map((o) => detailOf(o)),
      nextBefore: null,
    }),
    detail: async (id) => {
      const o = oops.get(id)
      return o ? detailOf(o) : null
    },
  }
  const detailOf = (o: StoredOops): OopsCase => {
    const c = customers.get(o.customerId)!
    const p = o.personId ? people.get(o.personId) : undefined
    return {
      ...entity(o),
      customerName: c.name,
      customerKind: c.kind === 'person' ? 'person' : 'organisation',
      customerTier: c.tier as OopsCase['customerTier'],
      customerSegment: c.segment,
      personName: p?.name ?? null,
      ownerName: o.ownerUserId ? (members.get(o.ownerUserId)?.name ?? null) : null,
      wow: o.answer?.wow ?? null,
      lifetimeRevenue: 0,
      trailing12mRevenue: 0,
      valueRank: null,
      personEmail: p?.email ?? null,
      reporterName: o.reportedBy ? (members.get(o.reportedBy)?.name ?? null) : null,
      plan: loadPlans().find((x) => x.id === o.planId) ?? null,
      steps: steps.filter((s) => s.oopsId === o.id).map(({ oopsId: _o, ...s }) => s),
      handoffs: handoffs
        .filter((h) => h.oopsId === o.id)
        .map((h) => ({
          fromName: h.fromUserId ? (members.get(h.fromUserId)?.name ?? null) : null,
          toName: members.get(h.toUserId)?.name ?? null,
          reason: h.reason,
          at: h.at,
        })),
      feedback: o.feedbackAskedAt
        ? {
            askedAt: o.feedbackAskedAt,
            delivery: o.feedbackDelivery,
            sentTo: o.feedbackSentTo,
            sentAt: o.feedbackDelivery === 'emailed' ? o.feedbackAskedAt : null,
            answeredAt: o.feedbackUsedAt,
            wow: o.answer?.wow ?? null,
            fixed: o.answer?.fixed ?? null,
            npsAfter: o.answer?.nps ?? null,
            comment: o.answer?.comment ?? null,
          }
        : null,
    }
  }

  const feedback: FeedbackPort = {
    feedbackCase: async (oopsId) => {
      const o = stored(oopsId)
      const p = o.personId ? people.get(o.personId) : undefined
      return {
        id: o.id,
        type: o.type,
        ownerUserId: o.ownerUserId,
        expiresAt: o.feedbackExpiresAt,
        usedAt: o.feedbackUsedAt,
        customerName: customers.get(o.customerId)!.name,
        personName: p?.name ?? null,
        companyName: opts.company ?? 'Northwind',
      }
    },
    recordAnswer: async (oopsId, answer, at) => {
      const o = stored(oopsId)
      if (o.feedbackUsedAt) return false
      Object.assign(o, { feedbackUsedAt: at, answer })
      return true
    },
  }

  const mail: Outbox = {
    send: async (m) => {
      if (mailFailures.next > 0) {
        mailFailures.next--
        throw new Error('mail server down')
      }
      sent.push(m)
    },
  }

  /** tokens numbered in order; the hash is the token backwards, so a test can find a link by its token */
  const mint = {
    newToken: (prefix: string) => {
      const token = `${prefix}_${nextId('t')}`
      return { token, hash: [...token].reverse().join(''), display: token.slice(0, 8) }
    },
    hash: (token: string) => [...token].reverse().join(''),
  }
  const feedbackUrl = (token: string) => `https://dazzle.test/feedback/${token}`
  const audit = { record: async (e: AuditEventInput) => void audited.push(e) }

  return {
    port,
    reads,
    feedback,
    mail,
    mint,
    feedbackUrl,
    people: { notify: async (list: NewNotification[]) => void notices.push(...list) },
    audit,
    /** the ports the OOPS! use-cases take (open, fix, contact, read), over this memory at `clock`'s time */
    deps: (clock: Clock) => ({ recovery: port, reads, audit, clock, mail, mint, feedbackUrl }),
    audited,
    events,
    jobs,
    sent,
    notices,
    mailFailures,
    stored: (id: string) => stored(id),
    stepsOf: (oopsId: string) => steps.filter((s) => s.oopsId === oopsId),
    handoffs,
    addCustomer(id: string, name: string, c: { tier?: 'A' | 'B' | 'C'; kind?: string } = {}) {
      customers.set(id, {
        id,
        name,
        kind: c.kind ?? 'person',
        tier: c.tier ?? null,
        segment: null,
        erasedAt: null,
      })
    },
    addPerson(customerId: string, id: string, name: string, email: string | null) {
      people.set(id, { id, name, email, customerId })
    },
    addMember(userId: string, role: Role, name: string) {
      members.set(userId, { role, name })
    },
  }
}
