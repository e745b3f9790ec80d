import { MONTH_NAMES } from '../clock.ts'
import { beyondCadence } from '../growth/latent-potential.ts'
import { datesIn } from '../meaning/dates.ts'
import type { RecoveryPlan } from '../recovery/recovery-plan.ts'

/**
 * Proactive WOW moments (issue 13, part 5; seed 003: "be personal and simple"; free cocktails on a
 * return after a long absence; a surprise for being loyal; know them by name, spouse, children).
 * For the best customers, the dates worth a personal, simple act before anything goes wrong —
 * found from what Dazzle already holds, each once per customer, kind, date and subject.
 */

export const MOMENT_KINDS = [
  'birthday',
  'customer_anniversary',
  'return',
  'order_milestone',
  'revenue_milestone',
  'secret_date',
] as const
export type MomentKind = (typeof MOMENT_KINDS)[number]

export const MOMENT_STATUSES = ['open', 'done', 'dismissed'] as const
export type MomentStatus = (typeof MOMENT_STATUSES)[number]

/** Dates ahead (birthdays, anniversaries, dates in secrets) are found this many days before. */
export const LOOKAHEAD_DAYS = 45
/** What has just happened (a return, a milestone) is a moment for this many days after. */
export const RECENT_DAYS = 14
/** … and is to be acted on within this many days of it, while it is fresh. */
export const ACT_WITHIN_DAYS = 7
/** The owner is reminded this many days before the moment is due (at once when that is past). */
export const REMIND_DAYS_AHEAD = 3
/** The nth order worth a thank-you. */
export const ORDER_MILESTONES = [10, 25, 50, 100, 250, 500, 1000] as const
/** Lifetime revenue worth a thank-you, in the customer's currency. */
export const REVENUE_MILESTONES = [10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000] as const
export const MOMENT_NOTE_MAX = 1000
/** A moment found late (a return noticed days after) is still due this many days from today at the earliest. */
export const MIN_NOTICE_DAYS = 2

const DAY = 86_400_000

/** A customer of the best tiers, with what finding its moments needs. */
export interface MomentCustomer {
  id: string
  name: string
  tier: 'A' | 'B' | 'C' | null
  segment: string | null
  ownerUserId: string | null
  currency: string
  firstPurchaseAt: Date | null
  /** the median days between the days they bought on (growth's cadence); null with fewer than two */
  medianGapDays: number | null
}

/** One order (an invoice, cancellations left out). */
export interface MomentOrder {
  customerId: string
  at: Date
  amount: number
}

/** One of the family or key people of a customer, with a birthday when known. */
export interface MomentRelation {
  customerId: string
  relationId: string
  kind: string
  name: string
  personId: string | null
  personName: string | null
  /** "1984-06-30" */
  birthday: string | null
}

/** An active secret of a customer (only its text is read, for dates). */
export interface MomentSecret {
  customerId: string
  secretId: string
  text: string
  personId: string | null
}

/** A moment found, before it is stored. */
export interface FoundMoment {
  customerId: string
  kind: MomentKind
  /** the calendar day, "2027-01-14" */
  onDate: string
  /** the relation or secret it comes from, or the milestone ('' for none): one moment per subject */
  subjectKey: string
  relationId: string | null
  secretId: string | null
  personId: string | null
  /** what it is, in words — no secret text: a date from a secret is named by the date only */
  title: string
  ownerUserId: string | null
  dueAt: Date
  remindAt: Date
}

export const dayOf = (d: Date) => d.toISOString().slice(0, 10)
const utcDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d))
const startOfDay = (d: Date) => utcDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY)
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/** The next time a yearly date comes round, today included (29 February on the 28th in other years). */
export const nextYearly = (month: number, day: number, today: Date): Date => {
  const at = (y: number) => utcDay(y, month, month === 2 && day === 29 && !isLeap(y) ? 28 : day)
  const y = today.getUTCFullYear()
  return at(y) >= startOfDay(today) ? at(y) : at(y + 1)
}

export const dayWords = (d: Date) => `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]}`

const RELATION_WORDS: Record<string, string> = {
  spouse: 'spouse',
  partner: 'partner',
  child: 'child',
  parent: 'parent',
  sibling: 'sibling',
  assistant: 'assistant',
  colleague: 'colleague',
  friend: 'friend',
  pet: 'pet',
}
const ordinal = (n: number) => {
  const s =
    n % 100 >= 11 && n % 100 <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th')
  return `${n}${s}`
}
const money = (n: number, currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(n)

/**
 * The value tiers whose customers get moments: tier A, the precious few, first; and any other tier
 * whose own recovery plan is as rich as tier A's (its surprise budget at least as high), so a
 * workspace that treats tier B like tier A when things go wrong does so before, too.
 */
export const momentTiers = (
  plans: readonly Pick<RecoveryPlan, 'tier' | 'segment' | 'investmentCap'>[],
): ('A' | 'B' | 'C')[] => {
  const capOf = (t: string) => plans.find((p) => p.segment === null && p.tier === t)?.investmentCap ?? null
  const a = capOf('A')
  return (['A', 'B', 'C'] as const).filter((t) => {
    if (t === 'A') return true
    const cap = capOf(t)
    return a !== null && cap !== null && cap >= a
  })
}

/** A moment's deadline and reminder: the due day itself; after the fact, never less notice than MIN_NOTICE_DAYS. */
const timing = (due: Date, now: Date, afterTheFact: boolean) => {
  // a date ahead is due on its day, however close; what has happened gets a little notice
  const dueAt = afterTheFact
    ? new Date(Math.max(due.getTime(), addDays(startOfDay(now), MIN_NOTICE_DAYS).getTime()))
    : due
  const remindAt = new Date(Math.max(now.getTime(), addDays(due, -REMIND_DAYS_AHEAD).getTime()))
  return { dueAt, remindAt }
}

/**
 * Every moment of these customers around `now`: birthdays and dates in secrets coming within
 * LOOKAHEAD_DAYS, anniversaries with us, and — from the last RECENT_DAYS — a return after a gap well
 * beyond the customer's own cadence, an nth order, a revenue threshold crossed.
 */
export const findMomentsOf = (
  input: {
    customers: readonly MomentCustomer[]
    orders: readonly MomentOrder[]
    relations: readonly MomentRelation[]
    secrets: readonly MomentSecret[]
  },
  now: Date,
): FoundMoment[] => {
  const today = startOfDay(now)
  const horizon = addDays(today, LOOKAHEAD_DAYS)
  const recentFrom = addDays(today, -RECENT_DAYS)
  const byId = new Map(input.customers.map((c) => [c.id, c]))
  const out: FoundMoment[] = []
  const add = (
    c: MomentCustomer,
    m: Omit<FoundMoment, 'customerId' | 'ownerUserId' | 'dueAt' | 'remindAt' | 'onDate'> & {
      on: Date
      due: Date
    },
  ) => {
    const { on, due, ...rest } = m
    out.push({
      ...rest,
      customerId: c.id,
      ownerUserId: c.ownerUserId,
      onDate: dayOf(on),
      ...timing(due, now, m.kind === 'return' || m.kind.endsWith('_milestone')),
    })
  }
  const ahead = (d: Date) => d >= today && d <= horizon

  for (const r of input.relations) {
    const c = byId.get(r.customerId)
    if (!c || !r.birthday) continue
    const [, m, d] = r.birthday.split('-').map(Number)
    if (!m || !d) continue
    const on = nextYearly(m, d, today)
    if (!ahead(on)) continue
    const whose = r.personName
      ? `${r.personName}’s ${RELATION_WORDS[r.kind] ?? r.kind}`
      : (RELATION_WORDS[r.kind] ?? r.kind)
    add(c, {
      kind: 'birthday',
      subjectKey: `relation:${r.relationId}`,
      relationId: r.relationId,
      secretId: null,
      personId: r.personId,
      title: `${r.name}’s birthday (${whose}) on ${dayWords(on)}`,
      on,
      due: on,
    })
  }

  for (const c of input.customers) {
    if (!c.firstPurchaseAt) continue
    const first = startOfDay(c.firstPurchaseAt)
    const on = nextYearly(first.getUTCMonth() + 1, first.getUTCDate(), today)
    const years = on.getUTCFullYear() - first.getUTCFullYear()
    if (years < 1 || !ahead(on)) continue
    add(c, {
      kind: 'customer_anniversary',
      subjectKey: '',
      relationId: null,
      secretId: null,
      personId: null,
      title: `${years} ${years === 1 ? 'year' : 'years'} with us on ${dayWords(on)} (first order ${dayWords(first)} ${first.getUTCFullYear()})`,
      on,
      due: on,
    })
  }

  for (const s of input.secrets) {
    const c = byId.get(s.customerId)
    if (!c) continue
    for (const d of datesIn(s.text)) {
      // a month alone: the moment is the month's start, and it still counts while the month lasts
      const on = nextYearly(
        d.month,
        d.day ?? 1,
        d.day === null ? utcDay(today.getUTCFullYear(), today.getUTCMonth() + 1, 1) : today,
      )
      if (!(on <= horizon)) continue
      add(c, {
        kind: 'secret_date',
        subjectKey: `secret:${s.secretId}:${d.month}-${d.day ?? 0}`,
        relationId: null,
        secretId: s.secretId,
        personId: s.personId,
        title:
          d.day === null
            ? `${MONTH_NAMES[d.month - 1]}: a date they told us about`
            : `${dayWords(on)}: a date they told us about`,
        on,
        due:
          d.day === null ? new Date(Math.max(on.getTime(), addDays(today, REMIND_DAYS_AHEAD).getTime())) : on,
      })
    }
  }

  const ordersOf = new Map<string, MomentOrder[]>()
  for (const o of input.orders) {
    if (!byId.has(o.customerId)) continue
    const list = ordersOf.get(o.customerId) ?? []
    list.push(o)
    ordersOf.set(o.customerId, list)
  }
  for (const [id, list] of ordersOf) {
    const c = byId.get(id)!
    list.sort((a, b) => a.at.getTime() - b.at.getTime())
    const recent = (d: Date) => d >= recentFrom && d <= now
    // a return: the last gap between the days they bought on is well beyond their own cadence
    const days = [...new Set(list.map((o) => dayOf(o.at)))]
    if (days.length >= 3 && c.medianGapDays !== null) {
      const last = new Date(days.at(-1)!)
      const before = new Date(days.at(-2)!)
      const gap = Math.round((last.getTime() - before.getTime()) / DAY)
      if (recent(last) && beyondCadence(gap, c.medianGapDays)) {
        add(c, {
          kind: 'return',
          subjectKey: '',
          relationId: null,
          secretId: null,
          personId: null,
          title: `Back after ${gap} days away (they usually order every ${Math.round(c.medianGapDays)} days)`,
          on: last,
          due: addDays(last, ACT_WITHIN_DAYS),
        })
      }
    }
    let total = 0
    for (const [i, o] of list.entries()) {
      const before = total
      total += o.amount
      const n = i + 1
      if (recent(o.at) && (ORDER_MILESTONES as readonly number[]).includes(n)) {
        const on = startOfDay(o.at)
        add(c, {
          kind: 'order_milestone',
          subjectKey: `orders:${n}`,
          relationId: null,
          secretId: null,
          personId: null,
          title: `Their ${ordinal(n)} order, on ${dayWords(on)}`,
          on,
          due: addDays(on, ACT_WITHIN_DAYS),
        })
      }
      for (const t of REVENUE_MILESTONES) {
        if (before < t && total >= t && recent(o.at)) {
          const on = startOfDay(o.at)
          add(c, {
            kind: 'revenue_milestone',
            subjectKey: `revenue:${t}`,
            relationId: null,
            secretId: null,
            personId: null,
            title: `${money(t, c.currency)} bought from us in all, passed on ${dayWords(on)}`,
            on,
            due: addDays(on, ACT_WITHIN_DAYS),
          })
        }
      }
    }
  }
  // the best customers first, then the soonest
  const tierRank = (id: string) => ['A', 'B', 'C'].indexOf(byId.get(id)?.tier ?? 'C')
  return out.sort(
    (a, b) => tierRank(a.customerId) - tierRank(b.customerId) || a.dueAt.getTime() - b.dueAt.getTime(),
  )
}

/** Where a moment stands: open and still in time, open past its due time (missed), done, dismissed. */
export type MomentState = 'due' | 'missed' | 'done_in_time' | 'done_late' | 'dismissed'

export const momentState = (
  m: { status: MomentStatus; dueAt: Date; closedAt: Date | null },
  now: Date,
): MomentState => {
  if (m.status === 'dismissed') return 'dismissed'
  // acted on by the end of the day it was due counts as in time
  const endOfDue = addDays(startOfDay(m.dueAt), 1)
  if (m.status === 'done') return m.closedAt && m.closedAt < endOfDue ? 'done_in_time' : 'done_late'
  return now < endOfDue ? 'due' : 'missed'
}

/** The scoreboard's three figures over moments: due now, acted on in time, missed. */
export const momentCounts = (
  moments: readonly { status: MomentStatus; dueAt: Date; closedAt: Date | null }[],
  now: Date,
) => {
  const counts = { due: 0, actedInTime: 0, actedLate: 0, missed: 0, dismissed: 0 }
  for (const m of moments) {
    const s = momentState(m, now)
    if (s === 'due') counts.due++
    else if (s === 'done_in_time') counts.actedInTime++
    else if (s === 'done_late') counts.actedLate++
    else if (s === 'missed') counts.missed++
    else counts.dismissed++
  }
  return counts
}
