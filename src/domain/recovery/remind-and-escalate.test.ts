import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import { NOTHING_DONE_YET, type Oops } from './oops.ts'
import type { RecoveryEvent } from './ports.ts'
import { type NewNotification, remindAndEscalate } from './remind-and-escalate.ts'

const HOUR = 3_600_000
const reported = new Date('2026-11-24T08:00:00Z')

const oops = (patch: Partial<Oops> = {}): Oops => ({
  id: 'o1',
  customerId: 'c1',
  personId: null,
  type: 'late_delivery',
  description: 'Late',
  severity: 'high',
  letDownAt: reported,
  reportedAt: reported,
  reportedBy: 'sue',
  ownerUserId: 'sue',
  planId: null,
  windowHours: 24,
  atRiskHours: 4,
  firstContactHours: 4,
  statusEveryHours: 12,
  investmentCap: 30,
  deadlineAt: new Date(reported.getTime() + 24 * HOUR),
  ...NOTHING_DONE_YET,
  surpriseSecretIds: [],
  ...patch,
})

/** In-memory ports: what was told to whom, and which events went out. */
const world = (
  o: Oops | undefined,
  opts: {
    at: number
    steps?: { kind: 'first_contact'; at: Date }[]
    /** the line above sue, her own leader first */
    line?: string[]
    admins?: string[]
  },
) => {
  const told: NewNotification[] = []
  const events: RecoveryEvent[] = []
  const clock = fixedClock(new Date(reported.getTime() + opts.at))
  const names: Record<string, string> = { sue: 'Sue', lee: 'Lee', ann: 'Ann', bo: 'Bo', max: 'Max' }
  return {
    told,
    events,
    deps: {
      clock,
      recovery: {
        getOops: async () => o,
        steps: async () => opts.steps ?? [],
        customerFacts: async () => ({
          id: 'c1',
          name: 'Harbour Wines',
          kind: 'organisation',
          tier: null,
          segment: null,
          erasedAt: null,
        }),
        emit: async (e: RecoveryEvent) => {
          events.push(e)
        },
      },
      people: {
        leaderLine: async (userId: string) =>
          (userId === 'sue' ? (opts.line ?? ['lee']) : []).map((id) => ({ userId: id, name: names[id]! })),
        admins: async () => (opts.admins ?? ['ann']).map((userId) => ({ userId, name: names[userId]! })),
        memberName: async (id: string) => names[id] ?? null,
        notify: async (n: NewNotification[]) => {
          told.push(...n)
        },
      },
    },
  }
}

const stepJob = (dueAt: Date) => ({
  kind: 'oops.step_due' as const,
  payload: { oopsId: 'o1', step: 'first_contact', dueAt: dueAt.toISOString() },
})

describe('reminders and escalation', () => {
  it('tells the owner alone that the first contact is due', async () => {
    const w = world(oops(), { at: 4 * HOUR })
    const r = await remindAndEscalate(w.deps, stepJob(new Date(reported.getTime() + 4 * HOUR)))
    expect(r).toEqual({ outcome: 'sent', to: ['sue'], event: null })
    expect(w.told[0]).toMatchObject({ userId: 'sue', title: 'First contact due: Harbour Wines', email: true })
    expect(w.events).toEqual([])
  })

  it('tells nobody about a step already done, or a due moment that moved', async () => {
    const done = world(oops(), {
      at: 4 * HOUR,
      steps: [{ kind: 'first_contact', at: new Date(reported.getTime() + HOUR) }],
    })
    expect(
      await remindAndEscalate(done.deps, stepJob(new Date(reported.getTime() + 4 * HOUR))),
    ).toMatchObject({ outcome: 'skipped' })
    const moved = world(oops(), { at: 5 * HOUR })
    expect(
      await remindAndEscalate(moved.deps, stepJob(new Date(reported.getTime() + 3 * HOUR))),
    ).toMatchObject({ outcome: 'skipped' })
    expect([...done.told, ...moved.told]).toEqual([])
  })

  it('escalates at risk to the owner and her own leader only, and sends the event', async () => {
    const w = world(oops(), { at: 20 * HOUR, line: ['lee', 'bo'] })
    const r = await remindAndEscalate(w.deps, { kind: 'oops.at_risk', payload: { oopsId: 'o1' } })
    expect(r).toEqual({ outcome: 'sent', to: ['sue', 'lee'], event: 'oops.at_risk' })
    expect(w.told.map((n) => n.title)).toEqual([
      'At risk: Harbour Wines — 4 h 0 min left',
      'At risk: Sue’s OOPS! for Harbour Wines — 4 h 0 min left',
    ])
    expect(w.told[1]!.body).toMatch(/because Sue reports to you/)
    expect(w.events).toEqual(['oops.at_risk'])
  })

  it('escalates a breach up the whole line, saying through whom, and not to the admins', async () => {
    const w = world(oops(), { at: 24 * HOUR, line: ['lee', 'bo', 'max'] })
    const r = await remindAndEscalate(w.deps, { kind: 'oops.breached', payload: { oopsId: 'o1' } })
    expect(r).toMatchObject({ outcome: 'sent', to: ['sue', 'lee', 'bo', 'max'] })
    expect(w.told.map((n) => n.body.match(/because ([^:]+):/)?.[1])).toEqual([
      undefined,
      'Sue reports to you',
      'Sue reports to you through Lee',
      'Sue reports to you through Lee and Bo',
    ])
  })

  it('goes to the admins when the owner reports to nobody', async () => {
    const w = world(oops(), { at: 20 * HOUR, line: [], admins: ['ann', 'max'] })
    const r = await remindAndEscalate(w.deps, { kind: 'oops.at_risk', payload: { oopsId: 'o1' } })
    expect(r).toMatchObject({ to: ['sue', 'ann', 'max'] })
    expect(w.told[1]!.body).toMatch(/because you are an admin and Sue reports to nobody/)
  })

  it('does not call a recovery at risk once it has breached, nor breached before its deadline', async () => {
    const late = world(oops(), { at: 25 * HOUR })
    expect(
      await remindAndEscalate(late.deps, { kind: 'oops.at_risk', payload: { oopsId: 'o1' } }),
    ).toMatchObject({ outcome: 'skipped' })
    const early = world(oops(), { at: 23 * HOUR })
    expect(
      await remindAndEscalate(early.deps, { kind: 'oops.breached', payload: { oopsId: 'o1' } }),
    ).toMatchObject({ outcome: 'skipped' })
  })

  it('stays silent for a recovered or closed OOPS!, and tells leaders to find an owner when there is none', async () => {
    const recovered = world(oops({ fixedAt: reported, surprisedAt: reported }), { at: 24 * HOUR })
    expect(
      await remindAndEscalate(recovered.deps, { kind: 'oops.breached', payload: { oopsId: 'o1' } }),
    ).toMatchObject({ outcome: 'skipped' })
    const closed = world(oops({ status: 'closed' }), { at: 24 * HOUR })
    expect(
      await remindAndEscalate(closed.deps, { kind: 'oops.breached', payload: { oopsId: 'o1' } }),
    ).toMatchObject({ outcome: 'skipped' })
    const orphan = world(oops({ ownerUserId: null }), { at: 24 * HOUR })
    await remindAndEscalate(orphan.deps, { kind: 'oops.breached', payload: { oopsId: 'o1' } })
    expect(orphan.told).toEqual([
      expect.objectContaining({ userId: 'ann', title: 'Breached: An OOPS! with no owner for Harbour Wines' }),
    ])
    expect(orphan.told[0]!.body).toMatch(/give it an owner/)
  })
})
