import type { ValueTier } from '../customers/customer.ts'

/**
 * WHO TO SERVE (seed 001): "choose the group whose latent potential can deliver" the goal. The
 * latent potential of a group is what its customers could still add to a year's revenue:
 *
 * 1. Headroom where we know the customer's wallet: their estimated yearly spend in our category
 *    less what they spent with us in the last 12 months.
 * 2. Where we do not, the peer method: bring the customer up to the upper quartile (75th
 *    percentile) of the last 12 months' spend of customers like it — the same value tier and
 *    segment across the workspace (the same tier alone when fewer than PEER_MIN share both).
 * 3. Minus what is at risk: a customer who has gone quiet for more than AT_RISK_GAP_MULTIPLE times
 *    their own usual gap between orders (and at least AT_RISK_MIN_DAYS) may be lost, and with them
 *    their last 12 months' revenue. Their headroom is not counted: win them back first.
 *
 * A customer's figures do not depend on how the group was cut, so the potential of any set of
 * customers is the sum over it, and two overlapping groups are never counted twice.
 */
export const AT_RISK_GAP_MULTIPLE = 2
export const AT_RISK_MIN_DAYS = 14
/** fewer peers than this in a tier and segment: compare with the whole tier */
export const PEER_MIN = 5
export const PEER_QUANTILE = 0.75
/** at most this many groups named as the ones that could close a gap */
export const CLOSERS_MAX = 3

export const GROUP_DIMENSIONS = ['segment', 'tier', 'country', 'owner'] as const
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number]

/** A customer with what the method needs to know of it. */
export interface GrowthCustomer {
  id: string
  segment: string | null
  country: string | null
  tier: ValueTier | null
  ownerUserId: string | null
  ownerName: string | null
  trailing12m: number
  estimatedCategorySpend: number | null
  orderCount: number
  lastPurchaseAt: Date | null
  /** the median number of days between the customer's orders; null with fewer than two orders */
  medianGapDays: number | null
}

export interface CustomerGroup {
  /** `dimension:value`, value '' for "none" (no segment, no owner …) */
  key: string
  dimension: GroupDimension
  value: string
  label: string
}

export type HeadroomMethod = 'wallet' | 'peer' | 'none'

export interface CustomerPotential {
  headroom: number
  method: HeadroomMethod
  atRisk: number
  /** quiet for longer than their own cadence allows */
  stopped: boolean
}

export interface GroupPotential {
  customers: number
  trailing12m: number
  /** wallet headroom + peer headroom */
  headroom: number
  walletHeadroom: number
  peerHeadroom: number
  /** how many customers' headroom came from a wallet estimate */
  withWalletEstimate: number
  atRisk: number
  atRiskCustomers: number
  /** headroom − at risk: what the group could add to a year's revenue */
  potential: number
}

const DAY = 86_400_000
const round2 = (x: number) => Math.round(x * 100) / 100

const DIMENSION_WORDS: Record<GroupDimension, { label: string; none: string }> = {
  segment: { label: 'Segment', none: 'No segment' },
  tier: { label: 'Tier', none: 'No tier' },
  country: { label: 'Country', none: 'No country' },
  owner: { label: 'Owner', none: 'No owner' },
}

export const groupKey = (dimension: GroupDimension, value: string) => `${dimension}:${value}`

/** `segment:UK wholesale` → its parts; null when it names no dimension. */
export const parseGroupKey = (key: string): { dimension: GroupDimension; value: string } | null => {
  const at = key.indexOf(':')
  const dimension = key.slice(0, at) as GroupDimension
  if (at < 0 || !GROUP_DIMENSIONS.includes(dimension)) return null
  return { dimension, value: key.slice(at + 1).trim() }
}

/** The four groups a customer belongs to: its segment, tier, country and owner. */
export const groupsOf = (c: GrowthCustomer): CustomerGroup[] => {
  const g = (dimension: GroupDimension, value: string | null, name?: string | null): CustomerGroup => {
    const w = DIMENSION_WORDS[dimension]
    const v = value ?? ''
    return {
      key: groupKey(dimension, v),
      dimension,
      value: v,
      label: v === '' ? w.none : `${w.label} ${name ?? v}`,
    }
  }
  return [
    g('segment', c.segment),
    g('tier', c.tier ?? 'C'),
    g('country', c.country),
    g('owner', c.ownerUserId, c.ownerName),
  ]
}

export const inGroup = (c: GrowthCustomer, key: string) => groupsOf(c).some((g) => g.key === key)

/** The q-quantile of `xs` (linear between the two nearest ranks, as a spreadsheet's PERCENTILE). */
export const quantile = (xs: readonly number[], q: number): number | null => {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  const pos = (s.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo)
}

/**
 * A gap between orders well beyond the customer's own cadence: more than AT_RISK_GAP_MULTIPLE times
 * their usual gap, and at least AT_RISK_MIN_DAYS. One rule for "buying has stopped" (a gap still
 * open) and for a return after a long absence (a gap the customer has just closed).
 */
export const beyondCadence = (gapDays: number, medianGapDays: number): boolean =>
  gapDays > Math.max(AT_RISK_GAP_MULTIPLE * medianGapDays, AT_RISK_MIN_DAYS)

/** Quiet for longer than their own cadence allows (seed 001's "buying has stopped"). */
export const hasStopped = (c: GrowthCustomer, now: Date): boolean => {
  if (c.medianGapDays === null || c.lastPurchaseAt === null) return false
  return beyondCadence((now.getTime() - c.lastPurchaseAt.getTime()) / DAY, c.medianGapDays)
}

/**
 * Each customer's headroom and what is at risk, by the method above, over all the workspace's
 * customers (the peers are the workspace's, whichever group is chosen).
 */
export const customerPotentials = (
  customers: readonly GrowthCustomer[],
  now: Date,
): Map<string, CustomerPotential> => {
  const spend = (c: GrowthCustomer) => Math.max(0, c.trailing12m)
  const bucket = new Map<string, number[]>()
  const add = (key: string, x: number) => {
    const b = bucket.get(key)
    if (b) b.push(x)
    else bucket.set(key, [x])
  }
  for (const c of customers) {
    if (c.trailing12m <= 0) continue
    add(`t:${c.tier ?? 'C'}`, c.trailing12m)
    add(`ts:${c.tier ?? 'C'}:${c.segment ?? ''}`, c.trailing12m)
  }
  const benchmark = new Map<string, number | null>()
  const peerBenchmark = (c: GrowthCustomer) => {
    const k = `${c.tier ?? 'C'}:${c.segment ?? ''}`
    if (!benchmark.has(k)) {
      const same = bucket.get(`ts:${k}`) ?? []
      const tier = bucket.get(`t:${c.tier ?? 'C'}`) ?? []
      const peers = same.length >= PEER_MIN ? same : tier.length >= PEER_MIN ? tier : []
      benchmark.set(k, quantile(peers, PEER_QUANTILE))
    }
    return benchmark.get(k) ?? null
  }
  const out = new Map<string, CustomerPotential>()
  for (const c of customers) {
    const stopped = hasStopped(c, now)
    const atRisk = stopped ? spend(c) : 0
    let headroom = 0
    let method: HeadroomMethod = 'none'
    if (!stopped && c.estimatedCategorySpend !== null && c.estimatedCategorySpend > 0) {
      headroom = Math.max(0, c.estimatedCategorySpend - spend(c))
      method = 'wallet'
    } else if (!stopped && c.orderCount > 0) {
      const q = peerBenchmark(c)
      if (q !== null) {
        headroom = Math.max(0, q - spend(c))
        method = 'peer'
      }
    }
    out.set(c.id, { headroom, method, atRisk, stopped })
  }
  return out
}

/** The potential of a set of customers: the sum of theirs. */
export const sumPotential = (
  customers: Iterable<GrowthCustomer>,
  potentials: ReadonlyMap<string, CustomerPotential>,
): GroupPotential => {
  const t = {
    customers: 0,
    trailing12m: 0,
    walletHeadroom: 0,
    peerHeadroom: 0,
    withWalletEstimate: 0,
    atRisk: 0,
    atRiskCustomers: 0,
  }
  for (const c of customers) {
    const p = potentials.get(c.id)
    t.customers++
    t.trailing12m += c.trailing12m
    if (!p) continue
    if (p.method === 'wallet') {
      t.walletHeadroom += p.headroom
      t.withWalletEstimate++
    } else if (p.method === 'peer') t.peerHeadroom += p.headroom
    if (p.stopped) {
      t.atRisk += p.atRisk
      t.atRiskCustomers++
    }
  }
  const headroom = t.walletHeadroom + t.peerHeadroom
  return {
    customers: t.customers,
    trailing12m: round2(t.trailing12m),
    headroom: round2(headroom),
    walletHeadroom: round2(t.walletHeadroom),
    peerHeadroom: round2(t.peerHeadroom),
    withWalletEstimate: t.withWalletEstimate,
    atRisk: round2(t.atRisk),
    atRiskCustomers: t.atRiskCustomers,
    potential: round2(headroom - t.atRisk),
  }
}

/** Every group the workspace's customers fall into, by dimension then size. */
export const listGroups = (customers: readonly GrowthCustomer[]) => {
  const byKey = new Map<string, CustomerGroup & { customers: number }>()
  for (const c of customers) {
    for (const g of groupsOf(c)) {
      const seen = byKey.get(g.key)
      if (seen) seen.customers++
      else byKey.set(g.key, { ...g, customers: 1 })
    }
  }
  const order = (d: GroupDimension) => GROUP_DIMENSIONS.indexOf(d)
  return [...byKey.values()].sort(
    (a, b) =>
      order(a.dimension) - order(b.dimension) ||
      Number(a.value === '') - Number(b.value === '') ||
      b.customers - a.customers ||
      a.label.localeCompare(b.label),
  )
}

export interface OtherGroup extends CustomerGroup {
  /** the group's potential among customers outside the chosen group (what it adds to it) */
  beyond: GroupPotential
}

export interface WhoToServe {
  group: CustomerGroup
  potential: GroupPotential
  needed: number
  canDeliver: boolean
  /** potential − needed: to spare when ≥ 0, the shortfall when < 0 */
  margin: number
  /** the other groups, most potential beyond the chosen group first (those with some) */
  others: OtherGroup[]
  /** the fewest groups (up to CLOSERS_MAX) whose potential beyond the chosen group closes the gap */
  closers: OtherGroup[]
  /** whether those closers together close the gap */
  closersClose: boolean
  /** what the chosen group and the closers could add, counted once */
  withClosers: number
}

/**
 * Can this group deliver the goal's revenue? If not, which other groups could close the gap: the
 * fewest, chosen one at a time by what each adds to the customers already counted (overlaps once).
 * Null when the group has no customers.
 */
export const whoToServe = (
  customers: readonly GrowthCustomer[],
  key: string,
  needed: number,
  now: Date,
): WhoToServe | null => {
  const members = customers.filter((c) => inGroup(c, key))
  if (members.length === 0) return null
  const group = groupsOf(members[0]!).find((g) => g.key === key)!
  const potentials = customerPotentials(customers, now)
  const potential = sumPotential(members, potentials)
  const margin = round2(potential.potential - needed)
  const inChosen = new Set(members.map((c) => c.id))
  const outside = customers.filter((c) => !inChosen.has(c.id))
  const groupsOutside = new Map<string, { group: CustomerGroup; members: GrowthCustomer[] }>()
  for (const c of outside) {
    for (const g of groupsOf(c)) {
      if (g.key === key) continue
      const seen = groupsOutside.get(g.key)
      if (seen) seen.members.push(c)
      else groupsOutside.set(g.key, { group: g, members: [c] })
    }
  }
  const others: (OtherGroup & { ids: GrowthCustomer[] })[] = [...groupsOutside.values()]
    .map(({ group: g, members: m }) => ({ ...g, beyond: sumPotential(m, potentials), ids: m }))
    .filter((g) => g.beyond.potential > 0)
    // equal potential (the same customers cut two ways): a segment before a tier, a country, an owner
    .sort(
      (a, b) =>
        b.beyond.potential - a.beyond.potential ||
        GROUP_DIMENSIONS.indexOf(a.dimension) - GROUP_DIMENSIONS.indexOf(b.dimension) ||
        a.label.localeCompare(b.label),
    )

  const closers: typeof others = []
  const counted = new Map<string, GrowthCustomer>()
  let added = 0
  const gap = -margin
  while (gap > 0 && added < gap && closers.length < CLOSERS_MAX) {
    let best: { g: (typeof others)[number]; gain: number } | null = null
    for (const g of others) {
      if (closers.includes(g)) continue
      const fresh = g.ids.filter((c) => !counted.has(c.id))
      const gain = sumPotential(fresh, potentials).potential
      if (gain > 0 && (!best || gain > best.gain)) best = { g, gain }
    }
    if (!best) break
    closers.push(best.g)
    for (const c of best.g.ids) counted.set(c.id, c)
    added = sumPotential(counted.values(), potentials).potential
  }
  const strip = ({ ids: _ids, ...g }: (typeof others)[number]): OtherGroup => g
  return {
    group,
    potential,
    needed,
    canDeliver: margin >= 0,
    margin,
    others: others.map(strip),
    closers: closers.map(strip),
    closersClose: gap > 0 && added >= gap,
    withClosers: round2(potential.potential + added),
  }
}

const listWords = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`

/** The answer in one sentence: "This group can deliver the goal with £x to spare" or how far it falls short. */
export const verdictSentence = (a: WhoToServe, money: (n: number) => string): string => {
  if (a.needed <= 0)
    return `The goal needs no growth, so ${a.group.label} has nothing to make up; its potential of ${money(a.potential.potential)} is room to spare.`
  if (a.canDeliver) return `This group can deliver the goal with ${money(a.margin)} to spare.`
  const short = `This group falls short by ${money(-a.margin)}`
  if (a.closers.length === 0) return `${short}, and no other group has potential to close the gap.`
  const names = listWords(a.closers.map((g) => g.label))
  if (a.closersClose) return `${short}; ${names} could close it.`
  return `${short}; even with ${names} it would still be ${money(a.needed - a.withClosers)} short: the goal asks more than these customers can give.`
}
