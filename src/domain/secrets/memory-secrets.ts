import type { AuditEventInput } from '../audit/audit-event.ts'
import type { Question } from './coverage.ts'
import type {
  EngagementChange,
  EngagementsPort,
  NewEngagement,
  SecretBankPort,
  SecretChange,
  SecretsPort,
} from './ports.ts'
import { QUESTION_SEED } from './question-seed.ts'
import type { Secret } from './secret.ts'
import { allCategories, type CategoryScope, type SecretCategory } from './taxonomy.ts'

/**
 * An in-memory secrets layer of one workspace for the domain's unit tests: a working fake of the
 * ports (state you can read back), not a mock that records calls.
 */
export const memorySecrets = (opts: { members?: string[]; sensitiveCategories?: boolean } = {}) => {
  const customers = new Map<
    string,
    {
      id: string
      kind: string
      sensitiveConsentAt: Date | null
      consentNote: string | null
      erasedAt: Date | null
    }
  >()
  const people = new Map<string, { id: string; name: string; customerId: string }>()
  const secrets: Array<Secret & { concepts: string }> = []
  const custom: SecretCategory[] = []
  let questions: Question[] | null = null
  const engagements: Array<NewEngagement & { id: string }> = []
  const audit: AuditEventInput[] = []
  const announced: string[] = []
  let settings = { sensitiveCategories: opts.sensitiveCategories ?? false }
  const members = new Set(opts.members ?? [])
  let n = 0
  const nextId = (p: string) => `${p}${++n}`

  const port: SecretsPort & SecretBankPort & EngagementsPort = {
    categories: async () => allCategories(custom),
    settings: async () => settings,
    customerFacts: async (id) => customers.get(id),
    personOf: async (customerId, personId) => {
      const p = people.get(personId)
      return p && p.customerId === customerId ? { id: p.id, name: p.name } : undefined
    },
    engagementOf: async (customerId, id) =>
      engagements.find((e) => e.id === id && e.customerId === customerId) ? { id } : undefined,
    get: async (id) => {
      const s = secrets.find((x) => x.id === id)
      if (!s) return undefined
      const { concepts: _c, ...secret } = s
      return { ...secret }
    },
    record: async (s) => {
      const id = nextId('s')
      secrets.push({
        ...(s as Omit<Secret, 'id'> & { concepts: string }),
        id,
        personName: s.personId ? (people.get(s.personId)?.name ?? null) : null,
        layer: s.layer as Secret['layer'],
        certainty: s.certainty as Secret['certainty'],
        lastConfirmedAt: s.recordedAt,
        status: 'active',
        supersededBy: null,
        outdatedAt: null,
      })
      return id
    },
    supersede: async (oldId, newId, at) => {
      const s = secrets.find((x) => x.id === oldId)!
      Object.assign(s, { status: 'outdated', supersededBy: newId, outdatedAt: at })
    },
    announce: async (id) => {
      announced.push(id)
    },
    update: async (id, patch: SecretChange) => {
      Object.assign(secrets.find((x) => x.id === id)!, patch)
    },
    remove: async (id) => {
      secrets.splice(
        secrets.findIndex((x) => x.id === id),
        1,
      )
    },
    recordConsent: async (customerId, at, note) => {
      Object.assign(customers.get(customerId)!, { sensitiveConsentAt: at, consentNote: note })
    },
    changeSettings: async (patch) => {
      settings = { ...settings, ...patch }
    },
    addCategory: async (c: { key: string; label: string; scope: CategoryScope; cues: string[] }) => {
      custom.push({ ...c, sensitive: false, builtin: false })
    },
    removeCategory: async (key) => {
      const i = custom.findIndex((c) => c.key === key)
      if (i < 0) return false
      custom.splice(i, 1)
      return true
    },
    categoryInUse: async (key) => secrets.some((s) => s.category === key),
    questions: async () => {
      questions ??= Object.entries(QUESTION_SEED).flatMap(([category, texts]) =>
        texts.map((text, position) => ({ id: nextId('q'), category, text, position })),
      )
      return questions
    },
    addQuestion: async (q) => {
      const list = await port.questions()
      const created = {
        id: nextId('q'),
        category: q.category,
        text: q.text,
        position: q.position ?? list.filter((x) => x.category === q.category).length,
      }
      list.push(created)
      return created
    },
    updateQuestion: async (id, patch) => {
      const q = (await port.questions()).find((x) => x.id === id)
      if (!q) return undefined
      if (patch.text !== undefined) q.text = patch.text
      if (patch.position !== undefined) q.position = patch.position
      return q
    },
    removeQuestion: async (id) => {
      const list = await port.questions()
      const i = list.findIndex((x) => x.id === id)
      if (i < 0) return false
      list.splice(i, 1)
      return true
    },
    isMember: async (userId) => members.has(userId),
    addEngagement: async (e) => {
      const id = nextId('e')
      engagements.push({ ...e, id })
      return id
    },
    updateEngagement: async (customerId, id, patch: EngagementChange) => {
      const e = engagements.find((x) => x.id === id && x.customerId === customerId)
      if (!e) return false
      Object.assign(e, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)))
      return true
    },
    removeEngagement: async (customerId, id) => {
      const i = engagements.findIndex((x) => x.id === id && x.customerId === customerId)
      if (i < 0) return false
      engagements.splice(i, 1)
      return true
    },
  }

  return {
    port,
    audit: { record: async (e: AuditEventInput) => void audit.push(e) },
    /** what was audited, in order */
    audited: audit,
    announced,
    secrets,
    engagements,
    addCustomer(id: string, kind = 'person') {
      customers.set(id, { id, kind, sensitiveConsentAt: null, consentNote: null, erasedAt: null })
    },
    addPerson(customerId: string, id: string, name: string) {
      people.set(id, { id, name, customerId })
    },
    customer: (id: string) => customers.get(id),
    forCustomer: async (customerId: string, status: 'active' | 'outdated' | 'all') =>
      secrets
        .filter((s) => s.customerId === customerId && (status === 'all' || s.status === status))
        .map(({ concepts: _c, ...s }) => s),
  }
}
