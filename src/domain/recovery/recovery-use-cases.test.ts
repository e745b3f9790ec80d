import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import { refusal } from '../testing/refusal.ts'
import type { Actor } from '../workspaces/roles.ts'
import { answerFeedback, feedbackQuestion } from './answer-feedback.ts'
import { addRecoveryPlan, changeRecoveryPlan, removeRecoveryPlan } from './manage-recovery-plans.ts'
import { markAllNotificationsRead, markNotificationRead } from './mark-notifications-read.ts'
import { memoryRecovery } from './memory-recovery.ts'
import { openOops } from './open-oops.ts'
import { listOops, readOops } from './read-oops.ts'
import { readScoreboard } from './read-scoreboard.ts'
import { recordContact } from './record-contact.ts'
import { recordFix } from './record-recovery-step.ts'

const HOUR = 3_600_000
const sam: Actor & { name: string } = { userId: 'u-sam', label: 'sam@x', role: 'service', name: 'Sam Reyes' }
const leo: Actor = { userId: 'u-leo', label: 'leo@x', role: 'leader' }
const nora: Actor = { userId: 'u-nora', label: 'nora@x', role: 'marketing' }

const setup = (email: string | null = 'grace@harbour.test') => {
  const mem = memoryRecovery()
  mem.addCustomer('c1', 'Harbour Wines', { tier: 'A', kind: 'organisation' })
  mem.addPerson('c1', 'p1', 'Grace Lee', email)
  mem.addMember('u-sam', 'service', 'Sam Reyes')
  mem.addMember('u-leo', 'leader', 'Leo')
  const clock = fixedClock('2026-06-01T09:00:00Z')
  const deps = mem.deps(clock)
  const open = () =>
    openOops(deps, sam, {
      customerId: 'c1',
      personId: 'p1',
      type: 'late_delivery',
      description: 'The case of Burgundy arrived a week late',
      severity: 'high',
    })
  return { mem, clock, deps, open }
}

const contact = (oopsId: string, patch: Partial<Parameters<typeof recordContact>[2]> = {}) => ({
  oopsId,
  kind: 'first_contact' as const,
  channel: 'email',
  message: 'We got this wrong, and I am on it.',
  sendEmail: false,
  ...patch,
})

describe('contacting the customer', () => {
  it("emails the contact to the affected person under the template's subject and keeps where it went", async () => {
    const { mem, deps, open } = setup()
    const id = await open()
    const done = await recordContact(deps, sam, contact(id, { sendEmail: true }))
    expect(done.closed).toBe(false)
    expect(mem.sent).toEqual([
      {
        to: 'grace@harbour.test',
        subject: 'We let you down — and I am on it',
        text: 'We got this wrong, and I am on it.',
      },
    ])
    expect(mem.stepsOf(id)).toMatchObject([
      { kind: 'first_contact', emailedTo: 'grace@harbour.test', byName: 'Sam Reyes' },
    ])
    expect(mem.audited.at(-1)).toMatchObject({ action: 'oops.step_recorded', details: { emailed: true } })
  })

  it('writes to the address given instead, under the subject written', async () => {
    const { mem, deps, open } = setup()
    const id = await open()
    await recordContact(
      deps,
      sam,
      contact(id, { kind: 'note', sendEmail: true, emailTo: 'ops@harbour.test' }),
    )
    await recordContact(deps, sam, contact(id, { sendEmail: true, subject: 'About your order' }))
    expect(mem.sent.map((m) => [m.to, m.subject])).toEqual([
      ['ops@harbour.test', 'A note from us'],
      ['grace@harbour.test', 'About your order'],
    ])
  })

  it('refuses to send when nobody has an address, and records nothing', async () => {
    const { mem, deps, open } = setup(null)
    const id = await open()
    expect(await refusal(recordContact(deps, sam, contact(id, { sendEmail: true })))).toBe('invalid_input')
    expect(mem.stepsOf(id)).toEqual([])
    // recording it without sending is fine
    await recordContact(deps, sam, contact(id))
    expect(mem.stepsOf(id)).toHaveLength(1)
    expect(mem.sent).toEqual([])
  })

  it('fails the whole step when the email cannot be sent (the transaction then keeps nothing)', async () => {
    const { mem, deps, open } = setup()
    const id = await open()
    mem.mailFailures.next = 1
    expect(await refusal(recordContact(deps, sam, contact(id, { sendEmail: true })))).toBe('email_failed')
  })

  it('refuses a contact on an OOPS! that is not there', async () => {
    const { deps } = setup()
    expect(await refusal(recordContact(deps, sam, contact('nope', { sendEmail: true })))).toBe(
      'oops_not_found',
    )
  })
})

describe('closing with the final resolution', () => {
  it('refuses the final resolution before the fix', async () => {
    const { deps, open } = setup()
    const id = await open()
    expect(await refusal(recordContact(deps, sam, contact(id, { kind: 'final_resolution' })))).toBe(
      'invalid_input',
    )
  })

  it('closes the OOPS!, stops its reminders and asks "did we blow you away?" by email with a one-time link', async () => {
    const { mem, clock, deps, open } = setup()
    const id = await open()
    clock.advance(2 * HOUR)
    await recordFix(deps, sam, { oopsId: id, note: 'A new case sent by courier' })
    clock.advance(HOUR)
    const done = await recordContact(
      deps,
      sam,
      contact(id, { kind: 'final_resolution', message: 'It is put right.' }),
    )
    expect(done.closed).toBe(true)
    const token = done.feedbackLink?.replace('https://dazzle.test/feedback/', '') ?? ''
    // only the hash of the link is kept
    expect(mem.stored(id)).toMatchObject({
      status: 'closed',
      closedAt: clock.now(),
      feedbackTokenHash: mem.mint.hash(token),
    })
    expect(mem.stored(id).feedbackExpiresAt).toEqual(new Date(clock.now().getTime() + 14 * 24 * HOUR))
    expect(mem.jobs.filter((j) => j.status === 'pending')).toEqual([])
    expect(mem.events.map((e) => e.event)).toEqual(['oops.opened', 'oops.closed'])
    expect(mem.audited.map((a) => a.action)).toContain('oops.closed')
    expect(mem.sent).toEqual([
      {
        to: 'grace@harbour.test',
        subject: 'Did we blow you away?',
        text: expect.stringMatching(
          /^Dear Grace Lee,[\s\S]*did we blow you away\?\n\nhttps:\/\/dazzle\.test\/feedback\/wow_\w+\n\nSam Reyes$/,
        ),
      },
    ])
  })

  it('stays closed and hands back the link when the feedback email fails', async () => {
    const { mem, deps, open } = setup()
    const id = await open()
    await recordFix(deps, sam, { oopsId: id, note: 'A new case sent by courier' })
    mem.mailFailures.next = 1
    const done = await recordContact(deps, sam, contact(id, { kind: 'final_resolution' }))
    expect(done.closed).toBe(true)
    expect(done.feedbackLink).toMatch(/feedback\/wow_/)
    expect(done.feedbackEmailError).toBeInstanceOf(Error)
    expect(mem.stored(id).status).toBe('closed')
  })

  it('asks for feedback with no email when nobody has an address: the owner hands the link over', async () => {
    const { mem, deps, open } = setup(null)
    const id = await open()
    await recordFix(deps, sam, { oopsId: id, note: 'A new case sent by courier' })
    const done = await recordContact(deps, sam, contact(id, { kind: 'final_resolution' }))
    expect(done.feedbackLink).toMatch(/feedback\/wow_/)
    expect(mem.sent).toEqual([])
  })
})

describe('the recovery screen', () => {
  it('reads the clock and what is due from the domain: the first contact overdue, then at risk', async () => {
    const { clock, deps, open } = setup()
    const id = await open()
    clock.advance(2 * HOUR)
    let o = await readOops(deps, sam, id)
    // tier A: first contact within an hour, at risk in the last 6 of 24 hours
    expect(o.clock.state).toBe('on_track')
    expect(o.due).toEqual([{ kind: 'first_contact', dueAt: new Date('2026-06-01T10:00:00Z'), overdue: true }])
    clock.advance(17 * HOUR)
    o = await readOops(deps, sam, id)
    expect(o.clock).toMatchObject({ state: 'at_risk', remainingMs: 5 * HOUR })
  })

  it('lists "my" recoveries as whoever asks', async () => {
    const { deps, open } = setup()
    await open()
    expect((await listOops(deps, sam, { state: 'open', owner: 'me', limit: 50 })).oops).toHaveLength(1)
    expect((await listOops(deps, leo, { state: 'open', owner: 'me', limit: 50 })).oops).toHaveLength(0)
  })

  it('says an OOPS! of another workspace is not there', async () => {
    const { deps } = setup()
    expect(await refusal(readOops(deps, sam, 'elsewhere'))).toBe('oops_not_found')
  })
})

describe('recovery plans', () => {
  const draft = {
    name: 'Wine lovers',
    tier: null,
    segment: 'Wine',
    windowHours: 24,
    atRiskHours: 6,
    firstContactHours: 1,
    statusEveryHours: 4,
    investmentCap: 400,
    allowedKinds: ['gift' as const],
    approverRole: 'leader' as const,
  }

  it('adds one plan per tier and segment, audited, and refuses a second', async () => {
    const { mem, deps } = setup()
    const plan = await addRecoveryPlan(deps, leo, draft)
    expect(plan).toMatchObject({ name: 'Wine lovers', segment: 'Wine', investmentCap: 400 })
    expect(await refusal(addRecoveryPlan(deps, leo, { ...draft, name: 'Again' }))).toBe('invalid_input')
    expect(mem.audited).toEqual([
      expect.objectContaining({
        action: 'recovery_plan.changed',
        details: { name: 'Wine lovers', created: true },
      }),
    ])
  })

  it('refuses a change that leaves the at-risk hours at or above the window', async () => {
    const { deps } = setup()
    const plan = await addRecoveryPlan(deps, leo, draft)
    expect(await refusal(changeRecoveryPlan(deps, leo, plan.id, { windowHours: 6 }))).toBe('invalid_input')
    expect(await changeRecoveryPlan(deps, leo, plan.id, { windowHours: 48 })).toMatchObject({
      windowHours: 48,
    })
  })

  it('lets only leaders and admins change the plans, and says a removed plan is gone', async () => {
    const { deps } = setup()
    const plan = await addRecoveryPlan(deps, leo, draft)
    expect(await refusal(changeRecoveryPlan(deps, sam, plan.id, { investmentCap: 5000 }))).toBe('forbidden')
    await removeRecoveryPlan(deps, leo, plan.id)
    expect(await refusal(removeRecoveryPlan(deps, leo, plan.id))).toBe('plan_not_found')
  })
})

describe('"did we blow you away?"', () => {
  const closedWithLink = async () => {
    const s = setup()
    const id = await s.open()
    await recordFix(s.deps, sam, { oopsId: id, note: 'A new case sent by courier' })
    await recordContact(s.deps, sam, contact(id, { kind: 'final_resolution' }))
    const feedbackDeps = {
      feedback: s.mem.feedback,
      people: s.mem.people,
      audit: s.mem.audit,
      clock: s.clock,
    }
    return { ...s, id, feedbackDeps }
  }

  it('asks in the customer’s words, then takes one answer, tells the owner and audits it as the customer', async () => {
    const { mem, id, feedbackDeps } = await closedWithLink()
    expect(await feedbackQuestion(feedbackDeps, id)).toMatchObject({
      companyName: 'Northwind',
      customerName: 'Grace Lee',
      what: 'Late delivery',
    })
    await answerFeedback(feedbackDeps, id, { wow: 5, fixed: true, nps: 10 })
    expect(mem.notices).toEqual([
      {
        userId: 'u-sam',
        kind: 'oops.feedback',
        oopsId: id,
        title: 'Harbour Wines: “You blew me away!”',
        body: 'They say it was fixed.',
        email: false,
      },
    ])
    expect(mem.audited.at(-1)).toMatchObject({
      actorUserId: null,
      actorLabel: 'customer (feedback link)',
      action: 'oops.feedback_received',
      details: { wow: 5, fixed: true, nps: 10 },
    })
    expect(await refusal(answerFeedback(feedbackDeps, id, { wow: 1, fixed: false, nps: 0 }))).toBe(
      'feedback_already_given',
    )
    expect(mem.notices).toHaveLength(1)
  })

  it('refuses an answer once the link has expired', async () => {
    const { clock, id, feedbackDeps } = await closedWithLink()
    clock.advance(15 * 24 * HOUR)
    expect(await refusal(feedbackQuestion(feedbackDeps, id))).toBe('feedback_link_expired')
    expect(await refusal(answerFeedback(feedbackDeps, id, { wow: 4, fixed: true, nps: 8 }))).toBe(
      'feedback_link_expired',
    )
  })
})

describe('the scoreboard', () => {
  const tierA = { customers: 0, withSecrets: 0, withFreshSecrets: 0 }
  const board = { board: async () => ({ overall: {} as never, byOwner: [], byTier: [], weeks: [], tierA }) }

  it('covers the 90 days up to now unless asked otherwise, and refuses a backwards or over-long period', async () => {
    const clock = fixedClock('2026-06-01T00:00:00Z')
    const deps = { scoreboard: board, clock }
    expect(await readScoreboard(deps, nora, {})).toMatchObject({
      from: new Date('2026-03-03T00:00:00Z'),
      to: new Date('2026-06-01T00:00:00Z'),
    })
    const from = new Date('2026-05-01T00:00:00Z')
    expect(await refusal(readScoreboard(deps, nora, { from, to: from }))).toBe('invalid_input')
    expect(await refusal(readScoreboard(deps, nora, { from: new Date('2010-01-01T00:00:00Z') }))).toBe(
      'invalid_input',
    )
  })

  it('gives every week of the period, quiet ones too, each from its Monday', async () => {
    const week = (d: string, dazzling: number, decided: number) => ({
      weekStart: new Date(d),
      oops: decided,
      decided,
      dazzling,
      answers: 2,
      wows: 1,
      medianHoursToFix: 5,
    })
    const deps = {
      clock: fixedClock('2026-06-01T00:00:00Z'),
      scoreboard: {
        board: async () => ({
          overall: {} as never,
          byOwner: [],
          byTier: [],
          weeks: [week('2026-05-04T00:00:00Z', 1, 4), week('2026-05-18T00:00:00Z', 2, 2)],
          tierA: { customers: 4, withSecrets: 3, withFreshSecrets: 1 },
        }),
      },
    }
    // Wednesday 6 May to Sunday 24 May: the weeks of 4, 11 and 18 May
    const r = await readScoreboard(deps, nora, {
      from: new Date('2026-05-06T10:00:00Z'),
      to: new Date('2026-05-24T23:00:00Z'),
    })
    expect(r.trend.map((w) => [w.weekStart.toISOString().slice(0, 10), w.dazzlingShare, w.wowRate])).toEqual([
      ['2026-05-04', 0.25, 0.5],
      ['2026-05-11', null, null],
      ['2026-05-18', 1, 0.5],
    ])
    expect(r.tierA).toMatchObject({ share: 0.75, freshShare: 0.25 })
  })
})

describe('the bell', () => {
  it('marks only my own notifications read', async () => {
    const read = new Map([
      ['n1', { userId: 'u-sam', read: false }],
      ['n2', { userId: 'u-leo', read: false }],
    ])
    const inbox = {
      markRead: async (userId: string, id: string) => {
        const x = read.get(id)
        if (!x || x.userId !== userId) return false
        x.read = true
        return true
      },
      markAllRead: async (userId: string) => {
        const mine = [...read.values()].filter((x) => x.userId === userId && !x.read)
        for (const x of mine) x.read = true
        return mine.length
      },
    }
    expect(await refusal(markNotificationRead({ inbox }, sam, 'n2'))).toBe('notification_not_found')
    await markNotificationRead({ inbox }, sam, 'n1')
    expect(read.get('n1')?.read).toBe(true)
    expect(await markAllNotificationsRead({ inbox }, leo)).toBe(1)
    expect(await markAllNotificationsRead({ inbox }, leo)).toBe(0)
  })
})
