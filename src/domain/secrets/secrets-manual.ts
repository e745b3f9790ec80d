/**
 * The secrets manual (seed 000: "a secrets manual for each high-value customer"): a living document
 * of everything we know about one customer — every active secret by category, family and key
 * people by name, coverage gaps, what they buy, how we have engaged and who gathered what.
 * Assembled from plain facts, rendered to Markdown here; the PDF is drawn by the server.
 */
import { type PurchaseTotals, RELATION_LABELS as RELATION_KIND_LABELS } from '../customers/customer.ts'
import { type CoverageEntry, coverage, coverageShare, STALE_AFTER_DAYS } from './coverage.ts'
import type { SecretFacts } from './secret.ts'
import { CERTAINTY_LABELS, type Certainty, CHANNEL_LABELS, type SecretCategory } from './taxonomy.ts'

export interface ManualSecretFact extends Omit<SecretFacts, 'customerId'> {
  id: string
  personName: string | null
  lastConfirmedAt: Date
  status: string
}

export interface ManualFacts {
  customer: {
    id: string
    name: string
    kind: string
    segment: string | null
    country: string | null
    ownerName: string | null
    currency: string
    tier: string | null
    rank: number | null
    lifetimeRevenue: number
    trailing12mRevenue: number
    orderCount: number
    firstPurchaseAt: Date | null
    lastPurchaseAt: Date | null
    walletShare: number | null
    consentAt: Date | null
  }
  categories: readonly SecretCategory[]
  /** every secret of the customer, active and outdated */
  secrets: readonly ManualSecretFact[]
  people: readonly { id: string; name: string; title: string | null }[]
  family: readonly {
    personId: string | null
    kind: string
    name: string
    birthday: string | null
    notes: string | null
  }[]
  engagements: readonly {
    id: string
    occurredAt: Date
    channel: string
    summary: string | null
    personIds: readonly string[]
    userIds: readonly string[]
    createdByName: string | null
  }[]
  members: readonly { userId: string; name: string }[]
  topProducts: readonly {
    product: string
    productCode: string | null
    quantity: number
    revenue: number
    orders: number
  }[]
  now: Date
}

export interface ManualSecret {
  id: string
  text: string
  layer: 'need' | 'secret'
  certainty: Certainty
  personName: string | null
  recordedByName: string | null
  recordedAt: Date
  lastConfirmedAt: Date
  /** not heard again for STALE_AFTER_DAYS: worth confirming at the next meeting */
  stale: boolean
  engagementId: string | null
}

export interface SecretsManual {
  customer: ManualFacts['customer'] & { averageOrder: number | null }
  generatedAt: Date
  activeCount: number
  coverageShare: number
  coverage: CoverageEntry[]
  categories: { category: string; label: string; secrets: ManualSecret[] }[]
  people: { id: string; name: string; title: string | null; secretCount: number }[]
  family: { kind: string; name: string; of: string | null; birthday: string | null; notes: string | null }[]
  purchases: PurchaseTotals & {
    currency: string
    walletShare: number | null
    topProducts: ManualFacts['topProducts'][number][]
  }
  engagements: {
    id: string
    occurredAt: Date
    channel: string
    summary: string | null
    people: string[]
    colleagues: string[]
    secretCount: number
  }[]
  gatherers: { userId: string | null; name: string; recorded: number; active: number; lastRecordedAt: Date }[]
}

const DAY = 24 * 60 * 60 * 1000
const byTime = (a: Date, b: Date) => b.getTime() - a.getTime()

/** Assembles the manual from the facts the store read; no I/O, no clock but `facts.now`. */
export const secretsManual = (facts: ManualFacts): SecretsManual => {
  const { customer, categories, now } = facts
  const active = facts.secrets.filter((s) => s.status === 'active')
  const staleBefore = now.getTime() - STALE_AFTER_DAYS * DAY

  // an organisation's coverage counts what we know of its people too (as "what do we know" does)
  const applicable = categories.filter(
    (c) =>
      (customer.kind !== 'person' || c.scope !== 'organisation') &&
      (!c.sensitive || active.some((s) => s.category === c.key)),
  )
  const cov = coverage(applicable, active, now)

  const present = (s: ManualSecretFact): ManualSecret => ({
    id: s.id,
    text: s.text,
    layer: s.layer === 'need' ? 'need' : 'secret',
    certainty: (s.certainty in CERTAINTY_LABELS ? s.certainty : 'heard') as Certainty,
    personName: s.personName,
    recordedByName: s.recordedByName,
    recordedAt: s.recordedAt,
    lastConfirmedAt: s.lastConfirmedAt,
    stale: s.lastConfirmedAt.getTime() < staleBefore,
    engagementId: s.engagementId,
  })
  // categories in the taxonomy's order; a secret under a category since removed still shows
  const order = [...categories.map((c) => c.key)]
  for (const s of active) if (!order.includes(s.category)) order.push(s.category)
  const sections = order
    .map((key) => ({
      category: key,
      label: categories.find((c) => c.key === key)?.label ?? key,
      secrets: active
        .filter((s) => s.category === key)
        .sort((a, b) => byTime(a.lastConfirmedAt, b.lastConfirmedAt))
        .map(present),
    }))
    .filter((s) => s.secrets.length > 0)

  const personName = new Map(facts.people.map((p) => [p.id, p.name]))
  const memberName = new Map(facts.members.map((m) => [m.userId, m.name]))

  const gatherers = new Map<string, SecretsManual['gatherers'][number]>()
  for (const s of facts.secrets) {
    const key = s.recordedBy ?? `name:${s.recordedByName ?? ''}`
    const g = gatherers.get(key) ?? {
      userId: s.recordedBy,
      name: (s.recordedBy && memberName.get(s.recordedBy)) || s.recordedByName || 'Unknown',
      recorded: 0,
      active: 0,
      lastRecordedAt: s.recordedAt,
    }
    g.recorded += 1
    if (s.status === 'active') g.active += 1
    if (s.recordedAt > g.lastRecordedAt) g.lastRecordedAt = s.recordedAt
    gatherers.set(key, g)
  }

  return {
    customer: {
      ...customer,
      averageOrder:
        customer.orderCount > 0
          ? Math.round((customer.lifetimeRevenue / customer.orderCount) * 100) / 100
          : null,
    },
    generatedAt: now,
    activeCount: active.length,
    coverageShare: coverageShare(cov),
    coverage: cov,
    categories: sections,
    people: facts.people.map((p) => ({
      ...p,
      secretCount: active.filter((s) => s.personId === p.id).length,
    })),
    family: facts.family.map((f) => ({
      kind: f.kind,
      name: f.name,
      of: f.personId ? (personName.get(f.personId) ?? null) : null,
      birthday: f.birthday,
      notes: f.notes,
    })),
    purchases: {
      currency: customer.currency,
      lifetimeRevenue: customer.lifetimeRevenue,
      trailing12mRevenue: customer.trailing12mRevenue,
      orderCount: customer.orderCount,
      averageOrder:
        customer.orderCount > 0
          ? Math.round((customer.lifetimeRevenue / customer.orderCount) * 100) / 100
          : null,
      firstPurchaseAt: customer.firstPurchaseAt,
      lastPurchaseAt: customer.lastPurchaseAt,
      walletShare: customer.walletShare,
      topProducts: [...facts.topProducts],
    },
    engagements: [...facts.engagements]
      .sort((a, b) => byTime(a.occurredAt, b.occurredAt))
      .map((e) => ({
        id: e.id,
        occurredAt: e.occurredAt,
        channel: e.channel,
        summary: e.summary,
        people: e.personIds.map((id) => personName.get(id)).filter((n): n is string => !!n),
        colleagues: e.userIds.map((id) => memberName.get(id)).filter((n): n is string => !!n),
        secretCount: facts.secrets.filter((s) => s.engagementId === e.id).length,
      })),
    gatherers: [...gatherers.values()].sort(
      (a, b) => b.recorded - a.recorded || a.name.localeCompare(b.name),
    ),
  }
}

// ---- Markdown ---------------------------------------------------------------------------------

/**
 * Text as heard, made inert in Markdown: HTML is escaped (a renderer passes raw HTML through), every
 * Markdown control character is backslash-escaped (no injected links, images or headings), and line
 * breaks become spaces so a secret stays one list item.
 */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')

// looked up by a stored kind or channel (a string): one the tables do not know reads as itself
const CHANNEL_WORDS: Readonly<Record<string, string>> = CHANNEL_LABELS
export const RELATION_LABELS: Readonly<Record<string, string>> = RELATION_KIND_LABELS

export interface ManualFormat {
  money(amount: number): string
  date(d: Date): string
}

/** A plain default: ISO dates, amounts in the currency ("£1,234.50"; the code when it is unknown). */
export const plainFormat = (currency: string): ManualFormat => {
  let money: (n: number) => string
  try {
    const f = new Intl.NumberFormat('en-GB', { style: 'currency', currency })
    money = (n) => f.format(n)
  } catch {
    money = (n) =>
      `${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`
  }
  return { money, date: (d) => d.toISOString().slice(0, 10) }
}

const pct = (x: number) => `${Math.round(x * 100)} %`

/** The manual as a Markdown document: headings, lists and tables, every recorded word escaped. */
export const manualMarkdown = (m: SecretsManual, fmt: ManualFormat = plainFormat(m.customer.currency)) => {
  const e = escapeMarkdown
  const out: string[] = []
  const c = m.customer
  out.push(`# Secrets manual: ${e(c.name)}`, '')
  const facts = [
    c.kind === 'person' ? 'Person' : 'Organisation',
    c.tier ? `Tier ${c.tier}` : null,
    c.rank !== null ? `rank #${c.rank}` : null,
    c.segment ? `segment ${e(c.segment)}` : null,
    c.country ? e(c.country) : null,
    c.ownerName ? `owner ${e(c.ownerName)}` : null,
  ].filter(Boolean)
  out.push(`${facts.join(' · ')}  `, `Generated ${fmt.date(m.generatedAt)}. Confidential: personal data.`, '')

  out.push('## Coverage', '')
  out.push(
    `${m.activeCount} active ${m.activeCount === 1 ? 'secret' : 'secrets'}; ${pct(m.coverageShare)} of categories known and fresh.`,
    '',
  )
  const known = m.coverage.filter((x) => x.state === 'known').map((x) => e(x.label))
  const stale = m.coverage.filter((x) => x.state === 'stale').map((x) => e(x.label))
  const empty = m.coverage.filter((x) => x.state === 'empty').map((x) => e(x.label))
  out.push(`- **Known:** ${known.join(', ') || 'none yet'}`)
  out.push(`- **Stale** (not confirmed for ${STALE_AFTER_DAYS} days): ${stale.join(', ') || 'none'}`)
  out.push(`- **Empty** (ask next): ${empty.join(', ') || 'none'}`, '')

  out.push('## Secrets by category', '')
  if (m.categories.length === 0) out.push('Nothing recorded yet.', '')
  for (const section of m.categories) {
    out.push(`### ${e(section.label)}`, '')
    for (const s of section.secrets) {
      const about = s.personName ? `**${e(s.personName)}:** ` : ''
      const meta = [
        s.layer === 'need' ? 'need' : null,
        CERTAINTY_LABELS[s.certainty].toLowerCase(),
        s.recordedByName ? `by ${e(s.recordedByName)}` : null,
        `confirmed ${fmt.date(s.lastConfirmedAt)}`,
        s.stale ? 'stale' : null,
      ].filter(Boolean)
      out.push(`- ${about}${e(s.text)} _(${meta.join(', ')})_`)
    }
    out.push('')
  }

  out.push('## Family and key people', '')
  if (m.people.length === 0 && m.family.length === 0) out.push('No one recorded by name yet.', '')
  for (const p of m.people) {
    out.push(
      `- **${e(p.name)}**${p.title ? `, ${e(p.title)}` : ''} — ${p.secretCount} ${p.secretCount === 1 ? 'secret' : 'secrets'}`,
    )
  }
  for (const f of m.family) {
    const bits = [
      `${RELATION_LABELS[f.kind] ?? e(f.kind)}${f.of ? ` of ${e(f.of)}` : ''}`,
      f.birthday ? `born ${f.birthday}` : null,
      f.notes ? e(f.notes) : null,
    ].filter(Boolean)
    out.push(`- **${e(f.name)}** — ${bits.join('; ')}`)
  }
  if (m.people.length > 0 || m.family.length > 0) out.push('')

  const p = m.purchases
  out.push('## Purchases', '')
  out.push('| Lifetime | Last 12 months | Orders | Average order | First purchase | Last purchase |')
  out.push('|---:|---:|---:|---:|---|---|')
  out.push(
    `| ${fmt.money(p.lifetimeRevenue)} | ${fmt.money(p.trailing12mRevenue)} | ${p.orderCount} | ${p.averageOrder === null ? '—' : fmt.money(p.averageOrder)} | ${p.firstPurchaseAt ? fmt.date(p.firstPurchaseAt) : '—'} | ${p.lastPurchaseAt ? fmt.date(p.lastPurchaseAt) : '—'} |`,
    '',
  )
  if (p.topProducts.length > 0) {
    out.push('Top products:', '')
    out.push('| Product | Quantity | Orders | Revenue |', '|---|---:|---:|---:|')
    for (const t of p.topProducts) {
      out.push(`| ${e(t.product)} | ${t.quantity} | ${t.orders} | ${fmt.money(t.revenue)} |`)
    }
    out.push('')
  }

  out.push('## Engagements', '')
  if (m.engagements.length === 0) out.push('No engagement logged yet.', '')
  for (const g of m.engagements) {
    const who = [...g.people, ...g.colleagues].map(e).join(', ')
    out.push(
      `- ${fmt.date(g.occurredAt)} · ${CHANNEL_WORDS[g.channel] ?? e(g.channel)}${g.summary ? `: ${e(g.summary)}` : ''}${who ? ` (${who})` : ''}${g.secretCount > 0 ? ` — ${g.secretCount} ${g.secretCount === 1 ? 'secret' : 'secrets'}` : ''}`,
    )
  }
  if (m.engagements.length > 0) out.push('')

  out.push('## Who gathered what', '')
  if (m.gatherers.length === 0) out.push('No one yet.', '')
  for (const g of m.gatherers) {
    out.push(
      `- **${e(g.name)}**: ${g.recorded} recorded, ${g.active} still active, last ${fmt.date(g.lastRecordedAt)}`,
    )
  }
  out.push('')
  return out.join('\n')
}

/** A file name fit for a download: letters, digits and dashes only. */
export const manualFileName = (customerName: string, ext: 'md' | 'pdf'): string => {
  const base = customerName
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 60)
  return `secrets-manual-${base || 'customer'}.${ext}`
}
