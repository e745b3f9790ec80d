import type { AuditEventInput } from '../audit/audit-event.ts'
import type { CustomerDetail, Person, Relation } from './customer.ts'
import type { CustomerImportPort } from './import-customers.ts'
import type { CustomersPort, ValuePort } from './ports.ts'
import { averageOrder, walletShare } from './value-tiers.ts'

/**
 * The customers of one in-memory workspace for the domain's unit tests: a working fake of the
 * ports (state you can read back), not a mock that records calls.
 */
export const memoryCustomers = (opts: { members?: string[] } = {}) => {
  const members = new Set(opts.members ?? [])
  const customers = new Map<string, CustomerDetail>()
  const people = new Map<string, Person & { customerId: string }>()
  const audit: AuditEventInput[] = []
  const recomputes: Array<{ at: Date; changed: readonly string[] | undefined }> = []
  let n = 0
  const nextId = (p: string) => `${p}${++n}`
  const of = (customerId: string) => customers.get(customerId)

  const port: CustomersPort = {
    list: async (q) => {
      const all = [...customers.values()]
      return { customers: all, total: all.length, page: q.page, pageSize: q.pageSize, segments: [] }
    },
    purchases: async (_id, page, pageSize) => ({ purchases: [], total: 0, page, pageSize }),
    revenueByMonth: async () => ({ months: [] }),
    get: async (id) => {
      const c = of(id)
      return c ? structuredClone(c) : null
    },
    create: async (c) => {
      const id = nextId('c')
      const now = new Date()
      const estimate = c.estimatedCategorySpend ?? null
      customers.set(id, {
        id,
        kind: c.kind,
        name: c.name,
        externalId: c.externalId ?? null,
        segment: c.segment ?? null,
        country: c.country ?? null,
        ownerUserId: c.ownerUserId ?? null,
        ownerName: null,
        currency: c.currency ?? 'GBP',
        notes: c.notes ?? null,
        createdAt: now,
        updatedAt: now,
        erasedAt: null,
        value: {
          lifetimeRevenue: 0,
          trailing12mRevenue: 0,
          orderCount: 0,
          averageOrder: averageOrder(0, 0),
          firstPurchaseAt: null,
          lastPurchaseAt: null,
          tier: 'C',
          rank: null,
          estimatedCategorySpend: estimate,
          walletShare: walletShare(0, estimate),
        },
        people: [],
        relations: [],
      })
      return id
    },
    update: async (id, patch) => {
      const c = of(id)
      if (!c) return false
      const { estimatedCategorySpend, ...rest } = patch
      Object.assign(c, rest, { updatedAt: new Date() })
      if (estimatedCategorySpend !== undefined) c.value.estimatedCategorySpend = estimatedCategorySpend
      return true
    },
    isMember: async (userId) => members.has(userId),
    externalIdTaken: async (externalId, exceptId) =>
      [...customers.values()].some((c) => c.externalId === externalId && c.id !== exceptId),
    addPerson: async (customerId, p) => {
      const person: Person = {
        id: nextId('p'),
        name: p.name,
        title: p.title ?? null,
        email: p.email ?? null,
        phone: p.phone ?? null,
      }
      people.set(person.id, { ...person, customerId })
      of(customerId)?.people.push(person)
      return person
    },
    updatePerson: async (customerId, personId, patch) => {
      const c = of(customerId)
      const p = c?.people.find((x) => x.id === personId)
      if (!p) return null
      Object.assign(p, patch)
      return { ...p }
    },
    removePerson: async (customerId, personId) => {
      const c = of(customerId)
      const at = c?.people.findIndex((x) => x.id === personId) ?? -1
      if (!c || at < 0) return false
      c.people.splice(at, 1)
      people.delete(personId)
      return true
    },
    personBelongs: async (customerId, personId) => people.get(personId)?.customerId === customerId,
    addRelation: async (customerId, r) => {
      const relation: Relation = {
        id: nextId('r'),
        personId: r.personId ?? null,
        kind: r.kind,
        name: r.name,
        birthday: r.birthday ?? null,
        notes: r.notes ?? null,
      }
      of(customerId)?.relations.push(relation)
      return relation
    },
    removeRelation: async (customerId, relationId) => {
      const c = of(customerId)
      const at = c?.relations.findIndex((x) => x.id === relationId) ?? -1
      if (!c || at < 0) return false
      c.relations.splice(at, 1)
      return true
    },
  }

  const lower = (x: string) => x.toLowerCase()
  const importPort: CustomerImportPort = {
    ...port,
    customerIdByExternalId: async (x) => [...customers.values()].find((c) => c.externalId === x)?.id,
    personByName: async (customerId, name) =>
      of(customerId)?.people.find((p) => lower(p.name) === lower(name)),
    hasRelation: async (customerId, kind, name) =>
      !!of(customerId)?.relations.some((r) => r.kind === kind && lower(r.name) === lower(name)),
  }

  const value: ValuePort = {
    recompute: async (at, changed) => {
      recomputes.push({ at, changed })
    },
    snapshot: async () => null,
    report: async () => {
      throw new Error('the in-memory workspace has no value report')
    },
    growHere: async () => [],
  }

  return {
    port,
    /** the same customers as the customers import sees them */
    importPort,
    value,
    audit: { record: async (e: AuditEventInput) => void audit.push(e) },
    /** the audit trail written so far */
    events: audit,
    recomputes,
    /** a customer erased on request, as the privacy store leaves it */
    erase(id: string, at: Date) {
      const c = of(id)
      if (c) Object.assign(c, { erasedAt: at, people: [], relations: [] })
    },
  }
}
