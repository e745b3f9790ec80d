import type { AuditEventInput } from '../audit/audit-event.ts'
import type { Role } from '../workspaces/roles.ts'
import { type Behaviour, DEFAULT_BEHAVIOURS } from './behaviours.ts'
import { periodsOverlap } from './bonus-plan.ts'
import { DEFAULT_EFFECTIVENESS_WEIGHTS } from './effectiveness.ts'
import type {
  AccountabilityPort,
  AccountabilitySettings,
  Adjustment,
  BonusPlan,
  MemberInfo,
  RawFigures,
  ReportCard,
  ReportCardDeps,
} from './ports.ts'
import { DEFAULT_MIN_ANSWERS } from './report-card.ts'
import type { Statement } from './statement.ts'

const emptyFigures = (): RawFigures => ({
  revenue: { total: 0, byCustomer: [] },
  effectiveness: { recorded: [], coverage: [], used: [], confirmed: [] },
  cards: [],
  recoveries: [],
})

/**
 * An in-memory accountability layer of one workspace for the domain's unit tests: a working fake of
 * the port (state you can read back), not a mock. Figures are whatever a test puts in `figures`,
 * plus the answered cards it holds.
 */
export const memoryAccountability = (opts: { company?: string } = {}) => {
  let n = 0
  const nextId = (p: string) => `${p}${++n}`
  const members = new Map<string, MemberInfo>()
  const customers = new Map<
    string,
    { name: string; people: Map<string, { name: string; email: string | null }> }
  >()
  let behaviours: Behaviour[] | null = null
  let settings: AccountabilitySettings = {
    minSecretWeight: 25,
    minAnswers: DEFAULT_MIN_ANSWERS,
    weights: DEFAULT_EFFECTIVENESS_WEIGHTS,
  }
  const cards = new Map<string, ReportCard & { hashes: string[] }>()
  const plans = new Map<string, BonusPlan>()
  const frozen = new Map<string, Statement>()
  const adjustments: Adjustment[] = []
  const reminders: { cardId: string; runAt: Date }[] = []
  const figures = new Map<string, RawFigures>()
  const audited: AuditEventInput[] = []
  const sent: { to: string; subject: string; text: string }[] = []
  const notices: { userId: string; title: string; body: string }[] = []
  const loadBehaviours = () => {
    behaviours ??= DEFAULT_BEHAVIOURS.map((b, i) => ({
      id: nextId('b'),
      label: b.label,
      hint: b.hint,
      position: i + 1,
      retiredAt: null,
    }))
    return behaviours
  }

  const port: AccountabilityPort = {
    async settings() {
      return settings
    },
    async changeSettings(s) {
      settings = s
    },
    async member(userId) {
      return members.get(userId) ?? null
    },
    async members() {
      return [...members.values()]
    },
    async companyName() {
      return opts.company ?? 'Northwind'
    },
    async behaviours() {
      return loadBehaviours().map((b) => ({ ...b }))
    },
    async addBehaviour(b) {
      const made = { id: nextId('b'), ...b, retiredAt: null }
      loadBehaviours().push(made)
      return { ...made }
    },
    async changeBehaviour(id, patch) {
      const b = loadBehaviours().find((x) => x.id === id)
      if (!b) return null
      Object.assign(b, patch)
      return { ...b }
    },
    async addressee(customerId, personId) {
      const c = customers.get(customerId)
      if (!c) return null
      if (!personId) return { customerName: c.name, personName: null, email: null }
      const p = c.people.get(personId)
      return p ? { customerName: c.name, personName: p.name, email: p.email } : null
    },
    async saveReportCard(c) {
      const id = nextId('card')
      const customer = customers.get(c.customerId)!
      cards.set(id, {
        id,
        salespersonUserId: c.salespersonUserId,
        salespersonName: members.get(c.salespersonUserId)?.name ?? '?',
        customerId: c.customerId,
        customerName: customer.name,
        personId: c.personId,
        personName: c.personId ? (customer.people.get(c.personId)?.name ?? null) : null,
        sentByUserId: c.sentByUserId,
        questions: c.questions,
        emailTo: c.emailTo,
        sentAt: c.sentAt,
        expiresAt: c.expiresAt,
        remindedAt: null,
        answeredAt: null,
        ratings: null,
        comment: null,
        hashes: [c.tokenHash],
      })
      return id
    },
    async reportCard(id) {
      const c = cards.get(id)
      return c ? { ...c } : null
    },
    async reportCards(f) {
      return [...cards.values()].filter(
        (c) =>
          (!f.salespersonUserId || c.salespersonUserId === f.salespersonUserId) &&
          (!f.from || c.sentAt >= f.from) &&
          (!f.to || c.sentAt < f.to),
      )
    },
    async answerReportCard(id, a) {
      const c = cards.get(id)
      if (!c || c.answeredAt) return false
      Object.assign(c, { ratings: a.ratings, comment: a.comment, answeredAt: a.at })
      return true
    },
    async markReminded(id, hash, at) {
      const c = cards.get(id)
      if (!c || c.answeredAt || c.remindedAt) return false
      c.remindedAt = at
      c.hashes.push(hash)
      return true
    },
    async scheduleReminder(cardId, runAt) {
      reminders.push({ cardId, runAt })
    },
    async plans(f) {
      return [...plans.values()].filter((p) => !f?.userId || p.members.some((m) => m.userId === f.userId))
    },
    async plan(id) {
      return plans.get(id) ?? null
    },
    async overlapping(userIds, period, exceptPlanId) {
      return [...plans.values()].flatMap((p) =>
        p.id !== exceptPlanId && periodsOverlap(p.period, period)
          ? p.members
              .filter((m) => userIds.includes(m.userId))
              .map((m) => ({ planName: p.name, userId: m.userId }))
          : [],
      )
    },
    async savePlan(p) {
      const id = nextId('plan')
      plans.set(id, {
        id,
        name: p.name,
        periodKind: p.periodKind,
        period: p.period,
        components: p.components,
        currency: p.currency,
        members: p.members.map((m) => ({ ...m, name: members.get(m.userId)?.name ?? '?' })),
        createdAt: new Date(),
        closedAt: null,
        closedBy: null,
      })
      return id
    },
    async replacePlan(id, p) {
      const old = plans.get(id)!
      plans.set(id, {
        ...old,
        ...p,
        members: p.members.map((m) => ({ ...m, name: members.get(m.userId)?.name ?? '?' })),
      })
    },
    async deletePlan(id) {
      plans.delete(id)
    },
    async closePlan(id, by, at) {
      const p = plans.get(id)
      if (!p || p.closedAt) return false
      p.closedAt = at
      p.closedBy = by
      return true
    },
    async freezeStatements(planId, statements) {
      for (const s of statements) frozen.set(`${planId}:${s.userId}`, JSON.parse(JSON.stringify(s)))
    },
    async frozenStatement(planId, userId) {
      return frozen.get(`${planId}:${userId}`) ?? null
    },
    async adjustments(planId, userId) {
      return adjustments.filter(
        (a) => (a as Adjustment & { planId: string }).planId === planId && (!userId || a.userId === userId),
      )
    },
    async addAdjustment(a) {
      const id = nextId('adj')
      adjustments.push({
        id,
        planId: a.planId,
        userId: a.userId,
        amount: a.amount,
        reason: a.reason,
        createdBy: a.createdBy,
        createdByName: null,
        createdAt: a.at,
      } as Adjustment)
      return id
    },
    async customerNames(ids) {
      return new Map(ids.flatMap((id) => (customers.has(id) ? [[id, customers.get(id)!.name] as const] : [])))
    },
    async cardComments(ids) {
      return new Map(ids.flatMap((id) => (cards.has(id) ? [[id, cards.get(id)!.comment] as const] : [])))
    },
    async figures(userIds, from, to) {
      const out = new Map<string, RawFigures>()
      for (const u of userIds) {
        const f = figures.get(u) ?? emptyFigures()
        const answered = [...cards.values()].filter(
          (c) => c.salespersonUserId === u && c.answeredAt && c.answeredAt >= from && c.answeredAt < to,
        )
        out.set(u, {
          ...f,
          cards: [
            ...f.cards,
            ...answered.map((c) => ({
              id: c.id,
              answeredAt: c.answeredAt!,
              ratings: c.ratings!,
              comment: c.comment,
              customerId: c.customerId,
              customerName: c.customerName,
            })),
          ],
        })
      }
      return out
    },
  }

  return {
    port,
    audited,
    sent,
    notices,
    reminders,
    figures,
    cards,
    addMember(userId: string, name: string, role: Role, email = `${name.toLowerCase()}@test`) {
      members.set(userId, { userId, name, email, role })
    },
    addCustomer(
      id: string,
      name: string,
      people: Record<string, { name: string; email: string | null }> = {},
    ) {
      customers.set(id, { name, people: new Map(Object.entries(people)) })
    },
    /** the card a token's hash opens, as the link lookup does */
    cardByHash(hash: string) {
      return [...cards.values()].find((c) => c.hashes.includes(hash))?.id ?? null
    },
    deps(clock: { now(): Date }): ReportCardDeps {
      return {
        accountability: port,
        audit: { record: async (e) => void audited.push(e) },
        clock,
        mail: { send: async (m) => void sent.push(m) },
        mint: {
          newToken: (prefix) => {
            const token = `${prefix}_${nextId('t')}xxxxxxxx`
            return { token, hash: `h:${token}`, display: token.slice(0, 8) }
          },
          hash: (t) => `h:${t}`,
        },
        reportCardUrl: (token) => `https://dazzle.test/report-card/${token}`,
        notify: async (x) => void notices.push(x),
      }
    },
  }
}
