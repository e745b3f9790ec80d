import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { planTermsFor } from '../recovery/plan-terms.ts'
import { describeDrawn } from '../recovery/recommend-surprise.ts'
import { choosePlan } from '../recovery/recovery-plan.ts'
import { rankSurprisesFor } from '../recovery/suggest-surprises.ts'
import { readsSecrets } from '../stories/story.ts'
import { type Actor, authorize, can } from '../workspaces/roles.ts'
import {
  dayWords,
  type FoundMoment,
  findMomentsOf,
  MOMENT_NOTE_MAX,
  type MomentCustomer,
  type MomentState,
  type MomentStatus,
  momentCounts,
  momentState,
  momentTiers,
} from './moment.ts'
import { type MomentSuggestion, type MomentsDeps, momentKey, type StoredMoment } from './ports.ts'

/**
 * Proactive WOW moments (issue 13, part 5): found for the best customers by a daily job and on
 * demand (the same use-case), each with who should act, by when and a suggested act; reminded once
 * ahead of the date; done with a note or dismissed, audited. Grouped in one file as decision 014
 * allows: one port, one set of guards.
 */

const DAY = 86_400_000
const NOT_FOUND = 'No such moment in this workspace.'
/** the scoreboard looks back this far (by due date) */
export const MOMENT_SCOREBOARD_DAYS = 90

/** The act for a moment: the surprise ranking over the customer's secrets, within its tier plan's cap. */
const suggestFor = async (
  deps: MomentsDeps,
  c: MomentCustomer,
  m: FoundMoment,
  plans: Awaited<ReturnType<MomentsDeps['plans']>>,
  now: Date,
  /** what the occasion is about: the secret a date was read from, else the moment's title */
  hint: string,
): Promise<MomentSuggestion> => {
  const terms = planTermsFor(plans, c)
  const plan = choosePlan(plans, c)
  // time to get it there: until the day it is due, at least a day
  const hoursLeft = Math.max(24, (m.dueAt.getTime() - now.getTime()) / 3_600_000)
  const { secretsConsidered, ranked } = await rankSurprisesFor(
    deps.surprises,
    {
      customerId: c.id,
      exceptOopsId: null,
      budget: terms.investmentCap,
      hoursLeft,
      allowedKinds: plan?.allowedKinds ?? null,
      personId: m.personId,
      text: hint,
    },
    now,
  )
  const best = ranked.suggestions[0]
  return {
    budget: terms.investmentCap,
    planName: terms.planName,
    secretsConsidered,
    act: best
      ? {
          itemId: best.item.id,
          title: best.item.title,
          cost: best.item.cost,
          kind: best.item.kind ?? null,
          reason: best.drawsOn.length
            ? `Draws on ${best.drawsOn.map(describeDrawn).join('; ')}`
            : best.reason,
          fit: best.fit,
          drawsOn: best.drawsOn.map((d) => ({ secretId: d.secretId, personName: d.personName })),
        }
      : null,
  }
}

/**
 * Finds the moments of the best customers around now and stores the new ones (one per customer,
 * kind, date and subject: finding again adds nothing), each with its suggested act and its one
 * reminder; the act of a moment still open is worked out again from what is known today. Queues
 * tomorrow's search. `actor` null: the daily job.
 */
export const findMoments = async (
  deps: MomentsDeps,
  actor: Actor | null,
): Promise<{ found: number; added: number; refreshed: number }> => {
  if (actor) authorize(actor, 'customers.write')
  const now = deps.clock.now()
  const plans = await deps.plans()
  const customers = await deps.moments.bestCustomers(momentTiers(plans))
  const ids = customers.map((c) => c.id)
  const [cadence, orders, relations, secrets, stored] = await Promise.all([
    ids.length ? deps.cadence.customers(now, true) : Promise.resolve([]),
    deps.moments.orders(ids),
    deps.moments.relations(ids),
    deps.moments.secrets(ids),
    deps.moments.stored(ids),
  ])
  const gaps = new Map(cadence.map((c) => [c.id, c.medianGapDays]))
  const full: MomentCustomer[] = customers.map((c) => ({ ...c, medianGapDays: gaps.get(c.id) ?? null }))
  const byId = new Map(full.map((c) => [c.id, c]))
  const found = findMomentsOf({ customers: full, orders, relations, secrets }, now)
  let added = 0
  let refreshed = 0
  for (const m of found) {
    const was = stored.get(momentKey(m))
    if (was && was.status !== 'open') continue
    const hint = (m.secretId && secrets.find((s) => s.secretId === m.secretId)?.text) || m.title
    const suggestion = await suggestFor(deps, byId.get(m.customerId)!, m, plans, now, hint)
    if (was) {
      await deps.moments.setSuggestion(was.id, suggestion)
      refreshed++
      continue
    }
    const id = await deps.moments.insert({ ...m, suggestion })
    if (!id) continue
    added++
    await deps.moments.scheduleReminder(id, m.remindAt)
  }
  await deps.moments.scheduleFind(new Date(Math.floor(now.getTime() / DAY) * DAY + DAY + 3 * 3_600_000))
  if (actor) {
    await deps.audit.record(
      actedBy(actor, 'moment.found', { type: 'workspace' }, { found: found.length, added, refreshed }),
    )
  }
  return { found: found.length, added, refreshed }
}

/** A moment as one reader sees it: the secret text (of a date, of the act's reason) only if they may read secrets. */
export interface MomentView extends StoredMoment {
  state: MomentState
  secretHidden: boolean
}

const viewOf = (m: StoredMoment, actor: Actor, now: Date): MomentView => {
  const state = momentState(m, now)
  if (readsSecrets(actor)) return { ...m, state, secretHidden: false }
  const hidden = m.secretText !== null || !!m.suggestion?.act
  return {
    ...m,
    state,
    secretText: null,
    suggestion: m.suggestion?.act
      ? { ...m.suggestion, act: { ...m.suggestion.act, reason: 'Drawn from their secrets.' } }
      : m.suggestion,
    secretHidden: hidden,
  }
}

/** Reading secret text is audited like any other read of it: one event per read, no text. */
const auditSecretRead = async (
  deps: MomentsDeps,
  actor: Actor,
  views: MomentView[],
  target: { type: string; id?: string },
) => {
  const shown = views.filter((v) => !v.secretHidden && (v.secretText !== null || v.suggestion?.act))
  if (shown.length === 0) return
  await deps.audit.record(
    actedBy(actor, 'secrets.read_manual', target, {
      view: 'moments',
      moments: shown.length,
      customers: [...new Set(shown.map((v) => v.customerId))].length,
    }),
  )
}

export type MomentFilter = 'open' | 'closed' | 'all'
const STATUSES: Record<MomentFilter, readonly MomentStatus[]> = {
  open: ['open'],
  closed: ['done', 'dismissed'],
  all: ['open', 'done', 'dismissed'],
}

/**
 * "My moments": the actor's own, soonest first; a leader or admin may ask for someone else's
 * (`owner` a member's id) or the whole team's (`owner` 'team').
 */
export const readMoments = async (
  deps: MomentsDeps,
  actor: Actor,
  q: { owner: 'me' | 'team' | string; status: MomentFilter; limit: number },
): Promise<{ moments: MomentView[]; counts: ReturnType<typeof momentCounts> }> => {
  authorize(actor, 'customers.read')
  const ownerUserId = q.owner === 'me' ? actor.userId : q.owner === 'team' ? undefined : q.owner
  if (ownerUserId !== actor.userId) {
    if (!can(actor, 'accountability.read_team')) {
      throw new DomainError(
        'forbidden',
        'Only leaders and admins see the moments of the team or of a colleague; yours are under “Mine”.',
      )
    }
  }
  const now = deps.clock.now()
  // what is long past is history: open moments from the last RECENT window, closed ones from 90 days
  const dueFrom = new Date(now.getTime() - MOMENT_SCOREBOARD_DAYS * DAY)
  const rows = await deps.moments.list({ ownerUserId, statuses: STATUSES[q.status], dueFrom, limit: q.limit })
  const views = rows.map((m) => viewOf(m, actor, now))
  await auditSecretRead(deps, actor, views, { type: 'moment' })
  return { moments: views, counts: momentCounts(rows, now) }
}

/** The moments of one customer, soonest first (its page's card). */
export const readCustomerMoments = async (
  deps: MomentsDeps,
  actor: Actor,
  customerId: string,
): Promise<MomentView[]> => {
  authorize(actor, 'customers.read')
  if (!(await deps.moments.customerExists(customerId))) {
    throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  }
  const now = deps.clock.now()
  const rows = await deps.moments.list({
    customerId,
    statuses: STATUSES.all,
    dueFrom: new Date(now.getTime() - MOMENT_SCOREBOARD_DAYS * DAY),
    limit: 50,
  })
  const views = rows.map((m) => viewOf(m, actor, now))
  await auditSecretRead(deps, actor, views, { type: 'customer', id: customerId })
  return views
}

/** Closes an open moment the actor may act on: its owner, a leader or an admin. */
const closeMoment = async (
  deps: MomentsDeps,
  actor: Actor,
  id: string,
  status: 'done' | 'dismissed',
  note: string | null,
): Promise<MomentView> => {
  authorize(actor, 'customers.write')
  const text = note?.trim() || null
  if (text && text.length > MOMENT_NOTE_MAX) {
    throw new DomainError(
      'invalid_input',
      `Keep the note to ${MOMENT_NOTE_MAX.toLocaleString('en')} characters.`,
    )
  }
  const m = await deps.moments.get(id)
  if (!m) throw new DomainError('moment_not_found', NOT_FOUND)
  const leads = actor.role === 'leader' || actor.role === 'admin'
  if (!leads && m.ownerUserId !== actor.userId) {
    throw new DomainError(
      'forbidden',
      'A moment is acted on by the account’s owner, a leader or an admin; ask the owner.',
    )
  }
  const closed = () =>
    new DomainError(
      'moment_closed',
      `This moment was already ${m.status === 'done' ? 'marked done' : 'dismissed'}${m.closedByName ? ` by ${m.closedByName}` : ''}: nothing to do twice.`,
      { status: m.status },
    )
  if (m.status !== 'open') throw closed()
  const now = deps.clock.now()
  if (!(await deps.moments.close(id, { status, note: text, closedAt: now, closedBy: actor.userId })))
    throw closed()
  await deps.audit.record(
    actedBy(
      actor,
      status === 'done' ? 'moment.acted' : 'moment.dismissed',
      { type: 'moment', id },
      {
        customerId: m.customerId,
        kind: m.kind,
        onDate: m.onDate,
        inTime: momentState({ status: 'done', dueAt: m.dueAt, closedAt: now }, now) === 'done_in_time',
        withNote: text !== null,
      },
    ),
  )
  const after = (await deps.moments.get(id))!
  return viewOf(after, actor, now)
}

/** Records what was done for a moment, with a note of it. */
export const actOnMoment = (deps: MomentsDeps, actor: Actor, id: string, note: string | null) =>
  closeMoment(deps, actor, id, 'done', note)

/** Lets a moment go (not worth an act, or handled elsewhere), with a note why. */
export const dismissMoment = (deps: MomentsDeps, actor: Actor, id: string, note: string | null) =>
  closeMoment(deps, actor, id, 'dismissed', note)

/**
 * The one reminder of a moment, from its job: to the owner (to the admins when nobody owns the
 * account), only while it is open; the reminder is marked so it never goes twice.
 */
export const remindMoment = async (
  deps: Pick<MomentsDeps, 'moments' | 'clock' | 'audit'>,
  id: string,
): Promise<'sent' | 'skipped'> => {
  const m = await deps.moments.get(id)
  if (m?.status !== 'open' || m.remindedAt) return 'skipped'
  const to = m.ownerUserId ? [m.ownerUserId] : await deps.moments.admins()
  const due = dayWords(m.dueAt)
  for (const userId of to) {
    await deps.moments.notify({
      userId,
      title: `WOW moment: ${m.customerName} — ${m.title}`,
      body: `${m.ownerUserId ? '' : 'Nobody owns this account: give it an owner. '}Act by ${due}${
        m.suggestion?.act
          ? `; Dazzle suggests “${m.suggestion.act.title}”`
          : ': something personal and simple'
      }. Record what you did under My moments.`,
    })
  }
  await deps.moments.markReminded(id, deps.clock.now())
  await deps.audit.record({
    actorUserId: null,
    actorLabel: 'system',
    action: 'moment.reminded',
    targetType: 'moment',
    targetId: id,
    details: { to: to.length },
  })
  return 'sent'
}

/** The scoreboard's moments: due now, acted on in time, missed — the last MOMENT_SCOREBOARD_DAYS. */
export const momentScoreboard = async (deps: Pick<MomentsDeps, 'moments' | 'clock'>, actor: Actor) => {
  authorize(actor, 'recovery.read')
  const now = deps.clock.now()
  const rows = await deps.moments.dueBetween(
    new Date(now.getTime() - MOMENT_SCOREBOARD_DAYS * DAY),
    new Date(now.getTime() + 60 * DAY),
  )
  return { days: MOMENT_SCOREBOARD_DAYS, ...momentCounts(rows, now) }
}
