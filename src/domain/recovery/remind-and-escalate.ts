import type { Clock } from '../clock.ts'
import { type ContactKind, dueSteps, STEP_LABELS } from './communication.ts'
import type { Oops } from './oops.ts'
import type { RecoveryPort } from './ports.ts'
import { describeRemaining } from './recovery-clock.ts'

/** The stored jobs this use-case runs (scheduled by `remindersFor`). */
export const REMINDER_KINDS = ['oops.step_due', 'oops.at_risk', 'oops.breached'] as const
export type ReminderKind = (typeof REMINDER_KINDS)[number]

export interface ReminderJob {
  kind: ReminderKind
  payload: { oopsId?: unknown; step?: unknown; dueAt?: unknown }
}

/** An in-app notification; `email` also sends it to the person's address. */
export interface NewNotification {
  userId: string
  /** a reminder, or the customer's answer to "did we blow you away?" */
  kind: ReminderKind | 'oops.feedback'
  oopsId: string
  title: string
  body: string
  email: boolean
}

export interface EscalationPort {
  /** The members `userId` reports to, their own leader first, then up the line. */
  leaderLine(userId: string): Promise<{ userId: string; name: string }[]>
  /** The workspace's admins: who hears when there is no line to escalate along. */
  admins(): Promise<{ userId: string; name: string }[]>
  memberName(userId: string): Promise<string | null>
  notify(notifications: NewNotification[]): Promise<void>
}

export interface ReminderDeps {
  recovery: Pick<RecoveryPort, 'getOops' | 'steps' | 'customerFacts' | 'emit'>
  people: EscalationPort
  clock: Clock
}

export type ReminderOutcome =
  | { outcome: 'sent'; to: string[]; event: 'oops.at_risk' | 'oops.breached' | null }
  | { outcome: 'skipped'; reason: string }

const STEP_ADVICE: Record<ContactKind, string> = {
  first_contact:
    'Contact the customer now: say what happened, take responsibility, and tell them what you are doing about it.',
  status_report:
    'Tell the customer where things stand, even if nothing has changed: silence feels like neglect.',
  final_resolution: 'The fix and the surprise are done: tell the customer how it was put right.',
  follow_up: 'Check in with the customer: is everything still as it should be?',
}

type Person = { userId: string; name: string }

/**
 * Who an escalation reaches besides the owner: at risk, the owner's own leader; breached, the
 * whole line above them (their leader, that leader's leader …). With no line to follow (no owner,
 * or an owner who reports to nobody) it goes to the admins: it must reach someone who can act,
 * but not every leader of the workspace.
 */
export const escalateTo = async (
  people: Pick<EscalationPort, 'leaderLine' | 'admins'>,
  owner: string | null,
  ownerName: string | null,
  breached: boolean,
): Promise<{ leader: Person; why: string }[]> => {
  const line = owner ? await people.leaderLine(owner) : []
  if (line.length === 0) {
    const why = owner
      ? `you are an admin and ${ownerName} reports to nobody`
      : 'you are an admin of this workspace'
    return (await people.admins()).map((leader) => ({ leader, why }))
  }
  return (breached ? line : line.slice(0, 1)).map((leader, i) => ({
    leader,
    why:
      i === 0
        ? `${ownerName} reports to you`
        : `${ownerName} reports to you through ${line
            .slice(0, i)
            .map((l) => l.name)
            .join(' and ')}`,
  }))
}

const stillToDo = (o: Oops) => {
  const left = [o.fixedAt ? null : 'the fix', o.surprisedAt ? null : 'the surprise'].filter(Boolean)
  return left.length ? `Still to do: ${left.join(' and ')}.` : ''
}

/**
 * Runs one stored reminder. The job was planned when the OOPS! last changed, so it looks again
 * before telling anyone: a step already done, a recovery already complete or a closed OOPS! tells
 * nobody. A step coming due tells the owner; turning at risk or breaching tells the owner and
 * escalates along their reporting line (see `escalateTo`), and goes out as a webhook event.
 */
export const remindAndEscalate = async (deps: ReminderDeps, job: ReminderJob): Promise<ReminderOutcome> => {
  const oopsId = typeof job.payload.oopsId === 'string' ? job.payload.oopsId : null
  if (!oopsId) return { outcome: 'skipped', reason: 'no OOPS! named' }
  const o = await deps.recovery.getOops(oopsId)
  if (!o) return { outcome: 'skipped', reason: 'the OOPS! is gone' }
  if (o.status === 'closed') return { outcome: 'skipped', reason: 'the OOPS! is closed' }
  const now = deps.clock.now()
  const customer = (await deps.recovery.customerFacts(o.customerId))?.name ?? 'a customer'
  const ownerName = o.ownerUserId ? await deps.people.memberName(o.ownerUserId) : null
  const owner = o.ownerUserId && ownerName !== null ? o.ownerUserId : null

  if (job.kind === 'oops.step_due') {
    const step = job.payload.step
    const dueAt = typeof job.payload.dueAt === 'string' ? new Date(job.payload.dueAt) : null
    if (!dueAt || Number.isNaN(dueAt.getTime())) return { outcome: 'skipped', reason: 'no due moment' }
    const recoveredAt =
      o.fixedAt && o.surprisedAt ? new Date(Math.max(o.fixedAt.getTime(), o.surprisedAt.getTime())) : null
    const due = dueSteps(
      {
        reportedAt: o.reportedAt,
        firstContactHours: o.firstContactHours,
        statusEveryHours: o.statusEveryHours,
        recoveredAt,
        closed: false,
      },
      await deps.recovery.steps(o.id),
      now,
    ).find((d) => d.kind === step && d.dueAt.getTime() === dueAt.getTime())
    if (!due) return { outcome: 'skipped', reason: 'the step is done or no longer due then' }
    if (!owner) return { outcome: 'skipped', reason: 'the OOPS! has no owner' }
    const clock =
      o.fixedAt && o.surprisedAt ? '' : ` ${describeRemaining(o.deadlineAt.getTime() - now.getTime())}.`
    await deps.people.notify([
      {
        userId: owner,
        kind: job.kind,
        oopsId: o.id,
        title: `${STEP_LABELS[due.kind]} due: ${customer}`,
        body: `${STEP_ADVICE[due.kind]}${clock}`,
        email: true,
      },
    ])
    return { outcome: 'sent', to: [owner], event: null }
  }

  if (o.fixedAt && o.surprisedAt) return { outcome: 'skipped', reason: 'already recovered' }
  const breached = job.kind === 'oops.breached'
  // a reminder run late (the system was down) must not call a breached recovery "at risk"
  if (!breached && now >= o.deadlineAt) return { outcome: 'skipped', reason: 'past the deadline already' }
  if (breached && now < o.deadlineAt) return { outcome: 'skipped', reason: 'not breached yet' }

  const remaining = describeRemaining(o.deadlineAt.getTime() - now.getTime())
  const todo = stillToDo(o)
  const notes: NewNotification[] = []
  if (owner) {
    notes.push({
      userId: owner,
      kind: job.kind,
      oopsId: o.id,
      title: breached
        ? `Breached: ${customer} — the ${o.windowHours}-hour window has passed`
        : `At risk: ${customer} — ${remaining}`,
      body: breached
        ? `It can no longer be a dazzling recovery, but it can still be put right. ${todo} Keep the customer informed.`
        : `${todo} Both must be done inside the window for a dazzling recovery.`,
      email: true,
    })
  }
  const whose = ownerName ? `${ownerName}’s OOPS!` : 'An OOPS! with no owner'
  for (const { leader, why } of await escalateTo(deps.people, owner, ownerName, breached)) {
    if (leader.userId === owner) continue
    notes.push({
      userId: leader.userId,
      kind: job.kind,
      oopsId: o.id,
      title: breached
        ? `Breached: ${whose} for ${customer}`
        : `At risk: ${whose} for ${customer} — ${remaining}`,
      body: `${todo} You are told because ${why}: ${owner ? `help ${ownerName} get it done` : 'give it an owner'}.`,
      email: true,
    })
  }
  await deps.people.notify(notes)
  const event = breached ? 'oops.breached' : 'oops.at_risk'
  await deps.recovery.emit(event, {
    oopsId: o.id,
    customerId: o.customerId,
    customerName: customer,
    ownerUserId: o.ownerUserId,
    deadlineAt: o.deadlineAt.toISOString(),
    fixed: o.fixedAt !== null,
    surprised: o.surprisedAt !== null,
  })
  return { outcome: 'sent', to: notes.map((n) => n.userId), event }
}
