import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import { refusal } from '../testing/refusal.ts'
import type { Actor } from '../workspaces/roles.ts'
import { answerReportCard, reportCardQuestions } from './answer-report-card.ts'
import { planComponent } from './bonus-plan.ts'
import { changeAccountabilitySettings } from './change-accountability-settings.ts'
import { addBehaviour, changeBehaviour } from './manage-behaviours.ts'
import { adjustStatement, changeBonusPlan, closeBonusPeriod, createBonusPlan } from './manage-bonus-plans.ts'
import { memoryAccountability } from './memory-accountability.ts'
import { exportStatementsCsv, readStatement } from './read-statements.ts'
import { remindReportCard, sendReportCard } from './send-report-card.ts'

const leo: Actor = { userId: 'leo', label: 'leo@test', role: 'leader' }
const sofia: Actor = { userId: 'sofia', label: 'sofia@test', role: 'sales' }
const raj: Actor = { userId: 'raj', label: 'raj@test', role: 'sales' }
const maya: Actor = { userId: 'maya', label: 'maya@test', role: 'admin' }
const DAY = 86_400_000

const world = () => {
  const m = memoryAccountability()
  m.addMember('leo', 'Leo', 'leader')
  m.addMember('sofia', 'Sofia', 'sales')
  m.addMember('raj', 'Raj', 'sales')
  m.addMember('maya', 'Maya', 'admin')
  m.addCustomer('c1', 'Hartley & Finch', {
    p1: { name: 'Eleanor Hartley', email: 'eleanor@hartley.test' },
    p2: { name: 'James', email: null },
  })
  const clock = fixedClock('2026-11-10T09:00:00Z')
  return { m, clock, deps: m.deps(clock) }
}
const plan = (over: object = {}) => ({
  name: 'Q4',
  periodKind: 'quarter' as const,
  periodStart: '2026-10-01',
  currency: 'EUR',
  components: [planComponent('revenue', 70, 10_000), planComponent('secret_effectiveness', 30, 10)],
  members: [{ userId: 'sofia', targetBonus: 1000, quota: null }],
  ...over,
})

describe('report cards', () => {
  it('a salesperson sends a card about themself, emailed to the person, with one reminder scheduled', async () => {
    const { m, deps } = world()
    const r = await sendReportCard(
      deps,
      { ...sofia, name: 'Sofia' },
      { customerId: 'c1', personId: 'p1', sendEmail: true },
    )
    expect(r.emailedTo).toBe('eleanor@hartley.test')
    expect(m.sent[0]!.subject).toBe('How is Sofia doing for you?')
    expect(m.sent[0]!.text).toContain(r.link)
    expect(m.reminders).toEqual([{ cardId: r.id, runAt: new Date('2026-11-15T09:00:00Z') }])
    expect(m.audited.at(-1)).toMatchObject({ action: 'report_card.sent', targetId: r.id })
    // never about a colleague, never without an address when asked to email
    expect(
      await refusal(
        sendReportCard(deps, sofia, { customerId: 'c1', salespersonUserId: 'raj', sendEmail: false }),
      ),
    ).toBe('forbidden')
    expect(
      await refusal(sendReportCard(deps, sofia, { customerId: 'c1', personId: 'p2', sendEmail: true })),
    ).toBe('invalid_input')
    expect(
      await refusal(
        sendReportCard(deps, leo, { customerId: 'c1', salespersonUserId: 'ghost', sendEmail: false }),
      ),
    ).toBe('member_not_found')
    expect(await refusal(sendReportCard(deps, sofia, { customerId: 'nope', sendEmail: false }))).toBe(
      'customer_not_found',
    )
  })

  it('the customer answers once; the salesperson is told; the reminder goes only to an unanswered card', async () => {
    const { m, deps, clock } = world()
    const a = await sendReportCard(deps, leo, {
      customerId: 'c1',
      personId: 'p1',
      salespersonUserId: 'sofia',
      sendEmail: true,
    })
    const b = await sendReportCard(deps, leo, {
      customerId: 'c1',
      personId: 'p1',
      salespersonUserId: 'sofia',
      sendEmail: true,
    })
    const q = await reportCardQuestions(deps, a.id)
    expect(q.salespersonName).toBe('Sofia')
    const ratings = Object.fromEntries(q.questions.map((x) => [x.behaviourId, 5]))
    await answerReportCard(deps, a.id, { ratings, comment: 'Knows my children by name' })
    expect(m.notices[0]).toMatchObject({
      userId: 'sofia',
      title: 'Hartley & Finch filled in your report card: 5 / 5',
    })
    expect(await refusal(answerReportCard(deps, a.id, { ratings }))).toBe('report_card_answered')
    clock.advance(5 * DAY)
    expect(await remindReportCard(deps, a.id)).toBe(false)
    expect(await remindReportCard(deps, b.id)).toBe(true)
    expect(await remindReportCard(deps, b.id)).toBe(false)
    expect(m.sent.filter((x) => x.subject.startsWith('A reminder'))).toHaveLength(1)
    clock.advance(17 * DAY)
    expect(await refusal(reportCardQuestions(deps, b.id))).toBe('report_card_expired')
  })

  it('a reworded behaviour changes new cards only; a card keeps the questions it asked', async () => {
    const { deps } = world()
    const before = await sendReportCard(deps, sofia, { customerId: 'c1', sendEmail: false })
    const first = (await reportCardQuestions(deps, before.id)).questions[0]!
    await changeBehaviour(deps, maya, first.behaviourId, { label: 'Cares about me, not just the order' })
    await addBehaviour(deps, maya, { label: 'Knows what I will need before I do' })
    expect((await reportCardQuestions(deps, before.id)).questions[0]!.label).toBe(first.label)
    const after = await sendReportCard(deps, sofia, { customerId: 'c1', sendEmail: false })
    const qs = (await reportCardQuestions(deps, after.id)).questions
    expect(qs[0]!.label).toBe('Cares about me, not just the order')
    expect(qs.at(-1)!.label).toBe('Knows what I will need before I do')
    expect(await refusal(addBehaviour(deps, leo, { label: 'Anything' }))).toBe('forbidden')
  })
})

describe('bonus plans and statements', () => {
  it('refuses a plan below the minimum, a person on two overlapping plans, and someone not in the workspace', async () => {
    const { deps } = world()
    const low = plan({ components: [planComponent('revenue', 80, 1), planComponent('report_card', 20, 4)] })
    expect(await refusal(createBonusPlan(deps, leo, low))).toBe('bonus_plan_secret_weight')
    await createBonusPlan(deps, leo, plan())
    expect(
      await refusal(createBonusPlan(deps, leo, plan({ periodKind: 'month', periodStart: '2026-12-01' }))),
    ).toBe('bonus_plan_overlap')
    expect(
      await refusal(
        createBonusPlan(deps, leo, plan({ members: [{ userId: 'stranger', targetBonus: 5, quota: null }] })),
      ),
    ).toBe('invalid_input')
    expect(await refusal(createBonusPlan(deps, sofia, plan({ periodStart: '2027-01-01' })))).toBe('forbidden')
    // the minimum can be raised, never lowered below the source's 25 %
    expect(
      await refusal(
        changeAccountabilitySettings(deps, { ...maya, workspaceId: 'w' }, { minSecretWeight: 10 }),
      ),
    ).toBe('bonus_plan_secret_weight')
    await changeAccountabilitySettings(deps, { ...maya, workspaceId: 'w' }, { minSecretWeight: 35 })
    expect(await refusal(createBonusPlan(deps, leo, plan({ periodStart: '2027-01-01' })))).toBe(
      'bonus_plan_secret_weight',
    )
  })

  it('a statement accrues until the period closes, then stays as frozen; corrections are adjustments', async () => {
    const { m, deps } = world()
    const p = await createBonusPlan(deps, leo, plan())
    m.figures.set('sofia', {
      revenue: {
        total: 12_000,
        byCustomer: [{ customerId: 'c1', customerName: 'Hartley & Finch', amount: 12_000, lines: 3 }],
      },
      effectiveness: {
        recorded: [
          {
            secretId: 's1',
            customerId: 'c1',
            category: 'dream',
            layer: 'secret',
            certainty: 'heard',
            tier: 'A',
            recordedAt: new Date('2026-10-05'),
          },
        ],
        coverage: [],
        used: [],
        confirmed: [],
      },
      cards: [],
      recoveries: [],
    })
    const live = await readStatement(deps, sofia, p.id, 'sofia')
    expect(live.frozen).toBe(false)
    // revenue 120 % → 140 % of 700; effectiveness 9 points of 10 → 90 % → 85 % of 300
    expect(live.statement.components.map((c) => c.payout)).toEqual([980, 255])
    expect(live.total).toBe(1235)
    expect(m.audited.at(-1)).toMatchObject({
      action: 'bonus_statement.read',
      details: { userIds: ['sofia'] },
    })
    expect(await refusal(readStatement(deps, raj, p.id, 'sofia'))).toBe('forbidden')
    expect(
      await refusal(
        adjustStatement(deps, leo, { planId: p.id, userId: 'sofia', amount: 50, reason: 'Early' }),
      ),
    ).toBe('bonus_plan_open')

    await closeBonusPeriod(deps, leo, p.id)
    expect(await refusal(closeBonusPeriod(deps, leo, p.id))).toBe('bonus_plan_closed')
    expect(await refusal(changeBonusPlan(deps, leo, p.id, plan()))).toBe('bonus_plan_closed')
    m.figures.get('sofia')!.revenue.total = 99_000
    const frozen = await readStatement(deps, sofia, p.id, 'sofia')
    expect(frozen.frozen).toBe(true)
    expect(frozen.total).toBe(1235)
    await adjustStatement(deps, leo, { planId: p.id, userId: 'sofia', amount: -35, reason: 'Returned order' })
    expect((await readStatement(deps, sofia, p.id, 'sofia')).total).toBe(1200)
    expect(
      await refusal(
        adjustStatement(deps, leo, { planId: p.id, userId: 'raj', amount: 5, reason: 'Not on it' }),
      ),
    ).toBe('statement_not_found')

    const { csv } = await exportStatementsCsv(deps, leo, p.id)
    const rows = csv.trim().split('\r\n')
    expect(rows[0]).toContain('attainment_pct')
    expect(rows).toContain('Q4,Q4 2026,Sofia,sofia,Adjustment: Returned order,,,,,,-35,EUR,closed')
    expect(rows.at(-1)).toBe('Q4,Q4 2026,Sofia,sofia,Total,100,1000,,,,1200,EUR,closed')
  })
})
