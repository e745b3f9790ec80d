import type { AuditEventInput } from '../audit/audit-event.ts'
import type { GrowthCustomer } from '../growth/latent-potential.ts'
import type { SecretForSurprise } from '../recovery/recommend-surprise.ts'
import { DEFAULT_PLANS, type RecoveryPlan } from '../recovery/recovery-plan.ts'
import type { SurpriseItem } from '../recovery/surprise-catalogue.ts'
import type { SurprisesPort } from '../recovery/surprise-ports.ts'
import type { MomentCustomer, MomentOrder, MomentRelation, MomentSecret } from './moment.ts'
import { type MomentsDeps, type MomentsPort, momentKey, type StoredMoment } from './ports.ts'

type Customer = MomentCustomer & { ownerName?: string | null; erased?: boolean }

/** A working in-memory moments layer for unit tests: customers, orders, family, secrets, moments, jobs. */
export const memoryMoments = (
  opts: {
    customers?: Customer[]
    orders?: MomentOrder[]
    relations?: MomentRelation[]
    secrets?: (MomentSecret & { category?: string })[]
    items?: SurpriseItem[]
    admins?: string[]
    plans?: RecoveryPlan[]
  } = {},
) => {
  const customers = opts.customers ?? []
  const moments = new Map<string, StoredMoment>()
  const reminders = new Map<string, Date>()
  const finds: Date[] = []
  const notifications: { userId: string; title: string; body: string }[] = []
  const audit: AuditEventInput[] = []
  let n = 0
  const has = (ids: readonly string[]) => (x: { customerId: string }) => ids.includes(x.customerId)
  const port: MomentsPort = {
    bestCustomers: async (tiers) =>
      customers
        .filter((c) => !c.erased && c.tier && tiers.includes(c.tier))
        .map(({ medianGapDays: _g, ownerName: _o, erased: _e, ...c }) => c),
    orders: async (ids) => (opts.orders ?? []).filter(has(ids)),
    relations: async (ids) => (opts.relations ?? []).filter(has(ids)),
    secrets: async (ids) => (opts.secrets ?? []).filter(has(ids)),
    stored: async (ids) =>
      new Map(
        [...moments.values()].filter(has(ids)).map((m) => [momentKey(m), { id: m.id, status: m.status }]),
      ),
    async insert(m) {
      if ([...moments.values()].some((x) => momentKey(x) === momentKey(m))) return null
      const id = `moment-${++n}`
      const c = customers.find((x) => x.id === m.customerId)!
      const secret = (opts.secrets ?? []).find((s) => s.secretId === m.secretId)
      moments.set(id, {
        ...m,
        id,
        customerName: c.name,
        customerTier: c.tier,
        currency: c.currency,
        ownerName: c.ownerName ?? null,
        status: 'open',
        note: null,
        closedAt: null,
        closedByName: null,
        remindedAt: null,
        secretText: secret?.text ?? null,
      })
      return id
    },
    async setSuggestion(id, suggestion) {
      moments.get(id)!.suggestion = suggestion
    },
    list: async (q) =>
      [...moments.values()]
        .filter((m) => (q.ownerUserId === undefined ? true : m.ownerUserId === q.ownerUserId))
        .filter((m) => (q.customerId ? m.customerId === q.customerId : true))
        .filter((m) => (q.statuses ? q.statuses.includes(m.status) : true))
        .filter((m) => (q.dueFrom ? m.dueAt >= q.dueFrom : true))
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
        .slice(0, q.limit)
        .map((m) => ({ ...m })),
    get: async (id) => {
      const m = moments.get(id)
      return m && { ...m }
    },
    async close(id, c) {
      const m = moments.get(id)
      if (m?.status !== 'open') return false
      Object.assign(m, { status: c.status, note: c.note, closedAt: c.closedAt, closedByName: c.closedBy })
      return true
    },
    async markReminded(id, at) {
      moments.get(id)!.remindedAt = at
    },
    async scheduleReminder(id, runAt) {
      if (!reminders.has(id)) reminders.set(id, runAt)
    },
    async scheduleFind(runAt) {
      if (!finds.some((d) => d.getTime() === runAt.getTime())) finds.push(runAt)
    },
    async notify(x) {
      notifications.push(x)
    },
    admins: async () => opts.admins ?? [],
    customerExists: async (id) => customers.some((c) => c.id === id && !c.erased),
    dueBetween: async (from, to) => [...moments.values()].filter((m) => m.dueAt >= from && m.dueAt < to),
  }
  const items = opts.items ?? []
  const surprises: SurprisesPort = {
    list: async () => items.filter((i) => i.active !== false),
    catalogueVersion: async () => 1,
    get: async (id) => items.find((i) => i.id === id),
    bySourceKeys: async () => [],
    insert: async () => null,
    update: async () => undefined,
    remove: async () => undefined,
    timesGiven: async () => 0,
    secretsOf: async (customerId) =>
      (opts.secrets ?? [])
        .filter((s) => s.customerId === customerId)
        .map(
          (s): SecretForSurprise => ({
            id: s.secretId,
            category: s.category ?? 'interests',
            text: s.text,
            personId: s.personId,
            certainty: 'heard',
            lastConfirmedAt: null,
          }),
        ),
    givenTo: async () => ({ itemIds: [], titles: [] }),
  }
  const growthCustomers = (): GrowthCustomer[] =>
    customers.map((c) => ({
      id: c.id,
      segment: c.segment,
      country: null,
      tier: c.tier,
      ownerUserId: c.ownerUserId,
      ownerName: null,
      trailing12m: 0,
      estimatedCategorySpend: null,
      orderCount: 0,
      lastPurchaseAt: null,
      medianGapDays: c.medianGapDays,
    }))
  const plans = opts.plans ?? DEFAULT_PLANS.map((p, i) => ({ ...p, id: `plan-${i + 1}` }))
  const deps = (clock: MomentsDeps['clock']): MomentsDeps => ({
    moments: port,
    cadence: { customers: async () => growthCustomers() },
    plans: async () => plans,
    surprises: { surprises, concepts: { expand: async () => '' } },
    audit: { record: async (e) => void audit.push(e) },
    clock,
  })
  return { port, deps, moments, reminders, finds, notifications, audit }
}
