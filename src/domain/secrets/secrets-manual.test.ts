import { describe, expect, it } from 'vitest'
import { readSecretsManual } from './read-secrets-manual.ts'
import {
  escapeMarkdown,
  type ManualFacts,
  type ManualSecretFact,
  manualFileName,
  manualMarkdown,
  secretsManual,
} from './secrets-manual.ts'
import { allCategories } from './taxonomy.ts'

const now = new Date('2026-06-01T12:00:00Z')
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 60 * 60 * 1000)

const secret = (over: Partial<ManualSecretFact>): ManualSecretFact => ({
  id: `s${Math.random()}`,
  personId: null,
  personName: null,
  layer: 'secret',
  category: 'habit',
  text: 'Walks the dog at six',
  certainty: 'heard',
  recordedBy: 'u1',
  recordedByName: 'Sofia',
  recordedAt: daysAgo(3),
  engagementId: null,
  lastConfirmedAt: daysAgo(3),
  status: 'active',
  ...over,
})

const facts = (over: Partial<ManualFacts> = {}): ManualFacts => ({
  customer: {
    id: 'c1',
    name: 'Harbour Wines',
    kind: 'organisation',
    segment: 'Retail',
    country: 'United Kingdom',
    ownerName: 'Sofia Ricci',
    currency: 'GBP',
    tier: 'A',
    rank: 3,
    lifetimeRevenue: 1200,
    trailing12mRevenue: 400,
    orderCount: 4,
    firstPurchaseAt: daysAgo(400),
    lastPurchaseAt: daysAgo(10),
    walletShare: null,
    consentAt: null,
  },
  categories: allCategories([]),
  secrets: [],
  people: [{ id: 'p1', name: 'Grace Lee', title: 'Buyer' }],
  family: [{ personId: 'p1', kind: 'spouse', name: 'Tom', birthday: '1980-02-03', notes: null }],
  engagements: [],
  members: [
    { userId: 'u1', name: 'Sofia Ricci' },
    { userId: 'u2', name: 'Maya Chen' },
  ],
  topProducts: [{ product: 'Oak chair', productCode: 'OC1', quantity: 3, revenue: 540, orders: 2 }],
  now,
  ...over,
})

describe('the secrets manual', () => {
  it('groups active secrets by category in the taxonomy order, newest first, and leaves history out', () => {
    const m = secretsManual(
      facts({
        secrets: [
          secret({ id: 'a', category: 'fear', text: 'Afraid of flying', lastConfirmedAt: daysAgo(5) }),
          secret({ id: 'b', category: 'habit', text: 'Coffee at 7', lastConfirmedAt: daysAgo(9) }),
          secret({ id: 'c', category: 'habit', text: 'Runs at 6', lastConfirmedAt: daysAgo(1) }),
          secret({ id: 'd', category: 'habit', text: 'Old habit', status: 'outdated' }),
        ],
      }),
    )
    expect(m.categories.map((c) => c.category)).toEqual(['habit', 'fear'])
    expect(m.categories[0]!.secrets.map((s) => s.id)).toEqual(['c', 'b'])
    expect(m.activeCount).toBe(3)
  })

  it('marks secrets not confirmed for 180 days as stale, and coverage says which categories are empty', () => {
    const m = secretsManual(
      facts({ secrets: [secret({ category: 'dream', lastConfirmedAt: daysAgo(200) }), secret({})] }),
    )
    expect(m.categories.find((c) => c.category === 'dream')!.secrets[0]!.stale).toBe(true)
    expect(m.coverage.find((c) => c.category === 'dream')!.state).toBe('stale')
    expect(m.coverage.find((c) => c.category === 'habit')!.state).toBe('known')
    expect(m.coverage.find((c) => c.category === 'fear')!.state).toBe('empty')
    // an organisation's coverage includes its own categories; sensitive ones only once used
    expect(m.coverage.some((c) => c.category === 'inventory_problems')).toBe(true)
    expect(m.coverage.some((c) => c.category === 'health')).toBe(false)
  })

  it('names family by whose relation they are and counts each key person’s secrets', () => {
    const m = secretsManual(facts({ secrets: [secret({ personId: 'p1', personName: 'Grace Lee' })] }))
    expect(m.family).toEqual([
      { kind: 'spouse', name: 'Tom', of: 'Grace Lee', birthday: '1980-02-03', notes: null },
    ])
    expect(m.people).toEqual([{ id: 'p1', name: 'Grace Lee', title: 'Buyer', secretCount: 1 }])
  })

  it('counts who gathered what, history included, most prolific first', () => {
    const m = secretsManual(
      facts({
        secrets: [
          secret({ recordedBy: 'u2', recordedByName: 'maya' }),
          secret({ recordedBy: 'u1' }),
          secret({ recordedBy: 'u1', status: 'outdated' }),
          secret({ recordedBy: null, recordedByName: 'Import' }),
        ],
      }),
    )
    expect(m.gatherers.map((g) => [g.name, g.recorded, g.active])).toEqual([
      ['Sofia Ricci', 2, 1],
      ['Import', 1, 1],
      ['Maya Chen', 1, 1],
    ])
  })

  it('lays out engagements newest first with the names of who was there', () => {
    const m = secretsManual(
      facts({
        engagements: [
          {
            id: 'e1',
            occurredAt: daysAgo(20),
            channel: 'call',
            summary: 'First call',
            personIds: ['p1'],
            userIds: ['u1'],
            createdByName: null,
          },
          {
            id: 'e2',
            occurredAt: daysAgo(2),
            channel: 'visit',
            summary: null,
            personIds: [],
            userIds: ['u2', 'gone'],
            createdByName: null,
          },
        ],
        secrets: [secret({ engagementId: 'e1' })],
      }),
    )
    expect(m.engagements.map((e) => [e.id, e.people, e.colleagues, e.secretCount])).toEqual([
      ['e2', [], ['Maya Chen'], 0],
      ['e1', ['Grace Lee'], ['Sofia Ricci'], 1],
    ])
    expect(m.purchases.averageOrder).toBe(300)
  })
})

describe('the secrets manual in Markdown', () => {
  it('renders every section with the secrets under their category', () => {
    const md = manualMarkdown(
      secretsManual(facts({ secrets: [secret({ personId: 'p1', personName: 'Grace Lee', text: 'Sails' })] })),
    )
    expect(md).toMatch(/^# Secrets manual: Harbour Wines/)
    for (const h of [
      '## Coverage',
      '## Secrets by category',
      '### Habit',
      '## Family and key people',
      '## Purchases',
      '## Engagements',
      '## Who gathered what',
    ]) {
      expect(md).toContain(h)
    }
    expect(md).toContain('- **Grace Lee:** Sails _(heard directly, by Sofia, confirmed 2026-05-29)_')
    expect(md).toContain('| Oak chair | 3 | 2 | £540.00 |')
    expect(md).toContain('**Tom** — Spouse of Grace Lee; born 1980-02-03')
  })

  it('makes HTML and Markdown in recorded text inert', () => {
    const text = '<script>alert(1)</script> [click](javascript:alert(1)) ![x](http://e/x.png) # not a heading'
    const md = manualMarkdown(secretsManual(facts({ secrets: [secret({ text })] })))
    expect(md).not.toContain('<script>')
    expect(md).not.toContain('](')
    expect(md).toContain('&lt;script&gt;')
    expect(escapeMarkdown('a\nb')).toBe('a b')
    expect(escapeMarkdown('*bold* _it_ `code`')).toBe('\\*bold\\* \\_it\\_ \\`code\\`')
    // a newline cannot start a heading or a list of its own
    expect(manualMarkdown(secretsManual(facts({ secrets: [secret({ text: 'x\n# Owned' })] })))).not.toMatch(
      /^# Owned/m,
    )
  })

  it('names the file after the customer with nothing a file system or header could trip on', () => {
    expect(manualFileName('Harbour Wines & Co. "Ltd"', 'md')).toBe('secrets-manual-harbour-wines-co-ltd.md')
    expect(manualFileName('株式会社', 'pdf')).toBe('secrets-manual-customer.pdf')
  })
})

describe('reading the secrets manual', () => {
  const deps = (found: boolean) => {
    const events: unknown[] = []
    return {
      events,
      deps: {
        manual: {
          facts: async () => (found ? facts({ secrets: [secret({ text: 'Loves Pinot Noir' })] }) : null),
          members: async () => [],
        },
        audit: { record: async (e: unknown) => void events.push(e) },
        clock: { now: () => now },
      },
    }
  }
  const actor = { userId: 'u9', label: 'nora@x.test', role: 'marketing' as const }

  it('audits a read on screen and an export apart, with counts and never the text', async () => {
    const d = deps(true)
    await readSecretsManual(d.deps, actor, 'c1', 'read')
    await readSecretsManual(d.deps, actor, 'c1', 'pdf')
    expect(d.events).toEqual([
      expect.objectContaining({
        action: 'secrets.read_manual',
        targetId: 'c1',
        details: { view: 'manual', activeCount: 1 },
      }),
      expect.objectContaining({
        action: 'secrets.exported',
        details: { view: 'manual', format: 'pdf', activeCount: 1 },
      }),
    ])
    expect(JSON.stringify(d.events)).not.toContain('Pinot')
  })

  it('refuses a customer that is not in the workspace, and audits nothing', async () => {
    const d = deps(false)
    await expect(readSecretsManual(d.deps, actor, 'nope', 'read')).rejects.toMatchObject({
      code: 'customer_not_found',
    })
    expect(d.events).toEqual([])
  })
})
