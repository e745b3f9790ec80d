import type { AuditEventInput } from '../audit/audit-event.ts'
import { fixedClock } from '../clock.ts'
import { BUILTIN_CATEGORIES } from '../secrets/taxonomy.ts'
import type { AddictFigures, HeroFigures, ManualFigures } from './award.ts'
import type { Award, AwardMember, AwardSecret, AwardsDeps, AwardsPort, StoredNomination } from './ports.ts'

/**
 * An in-memory awards layer of one workspace for the domain's unit tests: a working fake of the port
 * (state a test can read back), not a mock. The recovery and manual figures are whatever a test sets.
 */
export const memoryAwards = (now = '2026-12-15T10:00:00Z') => {
  let n = 0
  const members = new Map<string, AwardMember>()
  const secrets = new Map<string, AwardSecret>()
  const customers = new Set<string>()
  const nominations: StoredNomination[] = []
  const awards: Award[] = []
  const notified: { userId: string; title: string; body: string }[] = []
  const audited: AuditEventInput[] = []
  const figures = { hero: [] as HeroFigures[], addict: [] as AddictFigures[], manual: [] as ManualFigures[] }

  const port: AwardsPort = {
    member: async (id) => members.get(id) ?? null,
    secret: async (id) => secrets.get(id) ?? null,
    customerExists: async (id) => customers.has(id),
    nominations: async (period) => nominations.filter((x) => x.period === period),
    hasNominated: async (period, secretId, userId) =>
      nominations.some((x) => x.period === period && x.secret.id === secretId && x.by.userId === userId),
    async addNomination(x) {
      const id = `nom${++n}`
      const secret = secrets.get(x.secretId)
      const by = members.get(x.userId)
      if (!secret || !by) throw new Error('unknown secret or member')
      nominations.push({ id, period: x.period, secret, by, reason: x.reason, at: clock.now() })
      return id
    },
    award: async (kind, period) => awards.find((a) => a.kind === kind && a.period === period) ?? null,
    async addAward(a) {
      if (awards.some((x) => x.kind === a.kind && x.period === a.period)) throw new Error('unique')
      const id = `award${++n}`
      const w = members.get(a.winnerUserId)
      const by = members.get(a.decidedBy)
      if (!w) throw new Error('unknown winner')
      const secret = a.secretId ? (secrets.get(a.secretId) ?? null) : null
      awards.push({
        id,
        kind: a.kind,
        period: a.period,
        winner: { userId: w.userId, name: w.name },
        secret,
        customer: a.customerId ? { id: a.customerId, name: `customer ${a.customerId}` } : null,
        reason: a.reason,
        figures: a.figures,
        decidedBy: by ? { userId: by.userId, name: by.name } : null,
        decidedAt: a.decidedAt,
      })
      return id
    },
    awards: async (f) =>
      awards
        .filter((a) => !f.winnerUserId || a.winner.userId === f.winnerUserId)
        .sort((a, b) => b.decidedAt.getTime() - a.decidedAt.getTime()),
    heroFigures: async () => figures.hero,
    addictFigures: async () => figures.addict,
    manualFigures: async () => figures.manual,
    categories: async () => [...BUILTIN_CATEGORIES],
    async notify(x) {
      notified.push(x)
    },
  }
  const clock = fixedClock(now)
  const deps: AwardsDeps = {
    awards: port,
    audit: {
      async record(e) {
        audited.push(e)
      },
    },
    clock,
  }
  return {
    deps,
    clock,
    members,
    secrets,
    customers,
    nominations,
    awards,
    notified,
    audited,
    figures,
    addMember(m: AwardMember) {
      members.set(m.userId, m)
      return m
    },
    addSecret(s: Omit<AwardSecret, 'customerName' | 'recordedByName'> & { customerName?: string }) {
      const full: AwardSecret = {
        customerName: `customer ${s.customerId}`,
        recordedByName: s.recordedBy ? (members.get(s.recordedBy)?.name ?? null) : null,
        ...s,
      }
      secrets.set(s.id, full)
      customers.add(s.customerId)
      return full
    },
  }
}
