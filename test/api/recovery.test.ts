import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const call = (method: string, url: string, cookie: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })
const HOUR = 3_600_000

const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const service = await t.member(admin, `sue@${tag}.test`, 'service')
  const leader = await t.member(admin, `lee@${tag}.test`, 'leader')
  const members = (await call('GET', '/api/workspace/members', admin)).json().members as {
    userId: string
    email: string
  }[]
  const idOf = (email: string) => members.find((m) => m.email === email)!.userId
  const c = (
    await call('POST', '/api/customers', admin, { name: 'Harbour Wines', kind: 'organisation' })
  ).json()
  const p = (
    await call('POST', `/api/customers/${c.id}/people`, admin, {
      name: 'Grace Lee',
      email: 'grace@harbour.test',
    })
  ).json()
  return { admin, service, leader, workspace, customer: c, person: p, idOf }
}

const open = (s: Awaited<ReturnType<typeof setup>>, extra: Record<string, unknown> = {}) =>
  call('POST', '/api/oops', s.service, {
    customerId: s.customer.id,
    personId: s.person.id,
    type: 'late_delivery',
    description: 'The Christmas order arrived three days late',
    severity: 'high',
    ...extra,
  })

describe('service recovery', () => {
  it('opens an OOPS! whose clock runs from the let-down, and tells on-track, at-risk and breached apart', async () => {
    const s = await setup('clock')
    const letDownAt = new Date(t.clock.now().getTime() - 2 * HOUR)
    const res = await open(s, { letDownAt: letDownAt.toISOString() })
    expect(res.statusCode).toBe(201)
    const o = res.json()
    expect(o.owner.name).toBe('sue')
    expect(o.windowHours).toBe(24)
    expect(new Date(o.clock.deadline).getTime()).toBe(letDownAt.getTime() + 24 * HOUR)
    expect(o.clock.state).toBe('on_track')
    expect(o.due[0]).toMatchObject({ kind: 'first_contact' })
    // the reminders are stored jobs: at risk, breach, first contact
    const jobs = await sql<{
      kind: string
    }>`select kind from job where workspace_id = ${s.workspace.id} and status = 'pending' order by run_at`.execute(
      t.database.raw,
    )
    expect(jobs.rows.map((j) => j.kind).sort()).toEqual(['oops.at_risk', 'oops.breached', 'oops.step_due'])

    t.clock.advance(19 * HOUR) // 21 h after the let-down: inside the last 4 hours (the catch-all plan)
    expect((await call('GET', `/api/oops/${o.id}`, s.service)).json().clock.state).toBe('at_risk')
    const atRisk = (await call('GET', '/api/oops?state=at_risk', s.admin)).json().oops
    expect(atRisk.map((x: any) => x.id)).toContain(o.id)
    t.clock.advance(6 * HOUR)
    const late = (await call('GET', `/api/oops/${o.id}`, s.service)).json()
    expect(late.clock.state).toBe('breached')
    expect(
      (await call('GET', '/api/oops?state=breached', s.admin)).json().oops.map((x: any) => x.id),
    ).toContain(o.id)
  })

  it('is dazzling only when the fix and the surprise are both inside the window', async () => {
    const s = await setup('dazzle')
    const o = (await open(s)).json()
    const first = await call('POST', `/api/oops/${o.id}/steps`, s.service, {
      kind: 'first_contact',
      channel: 'email',
      message: 'We got this wrong, and I am on it.',
      sendEmail: true,
      npsBefore: 4,
    })
    expect(first.statusCode).toBe(200)
    expect(t.mailer.sent.at(-1)).toMatchObject({ to: 'grace@harbour.test' })
    expect(first.json().npsBefore).toBe(4)
    expect(first.json().due[0].kind).toBe('status_report')
    expect(
      (
        await call('POST', `/api/oops/${o.id}/steps`, s.service, {
          kind: 'first_contact',
          channel: 'phone',
          message: 'again',
        })
      ).statusCode,
    ).toBe(409)
    expect(
      (
        await call('POST', `/api/oops/${o.id}/steps`, s.service, {
          kind: 'final_resolution',
          channel: 'phone',
          message: 'done',
        })
      ).statusCode,
    ).toBe(422)
    t.clock.advance(3 * HOUR)
    expect(
      (await call('POST', `/api/oops/${o.id}/fix`, s.service, { note: 'Re-sent by courier' })).statusCode,
    ).toBe(200)
    expect((await call('POST', `/api/oops/${o.id}/fix`, s.service, { note: 'again' })).statusCode).toBe(409)
    const sur = await call('POST', `/api/oops/${o.id}/surprise`, s.service, {
      custom: { title: 'A bottle of Pinot Noir, hand-delivered', cost: 25, kind: 'gift' },
    })
    expect(sur.statusCode).toBe(200)
    expect(sur.json()).toMatchObject({ status: 'recovered', clock: { state: 'dazzling' } })
    expect(sur.json().due.map((d: any) => d.kind)).toContain('final_resolution')
    const closed = await call('POST', `/api/oops/${o.id}/steps`, s.service, {
      kind: 'final_resolution',
      channel: 'phone',
      message: 'All put right; thank you for your patience.',
    })
    expect(closed.json()).toMatchObject({ status: 'closed' })
    // after the resolution the owner still checks in; no more status reports
    expect(closed.json().due.map((d: any) => d.kind)).toEqual(['follow_up'])
    const check = await call('POST', `/api/oops/${o.id}/steps`, s.service, {
      kind: 'follow_up',
      channel: 'phone',
      message: 'Is everything still as it should be?',
    })
    expect(check.statusCode).toBe(200)
    expect(check.json().due).toEqual([])
    expect(
      (
        await call('POST', `/api/oops/${o.id}/steps`, s.service, {
          kind: 'status_report',
          channel: 'phone',
          message: 'late',
        })
      ).statusCode,
    ).toBe(409)
    expect((await call('POST', `/api/oops/${o.id}/fix`, s.service, { note: 'late' })).statusCode).toBe(409)
    const pending = await sql<{
      n: number
    }>`select count(*)::int as n from job where workspace_id = ${s.workspace.id} and status = 'pending' and kind like 'oops.%'`.execute(
      t.database.raw,
    )
    expect(pending.rows[0]!.n).toBe(0)
  })

  it('refuses a surprise over the cap unless the approver records it', async () => {
    const s = await setup('cap')
    const o = (await open(s)).json()
    expect(o.investmentCap).toBe(30) // no tier yet: the catch-all plan
    const body = { custom: { title: 'Dinner for two at the vineyard', cost: 180, kind: 'gift' } }
    const refused = await call('POST', `/api/oops/${o.id}/surprise`, s.service, body)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error).toMatchObject({ code: 'approval_required', details: { cap: 30, cost: 180 } })
    const approved = await call('POST', `/api/oops/${o.id}/surprise`, s.leader, body)
    expect(approved.statusCode).toBe(200)
    expect(approved.json().surprise).toMatchObject({ cost: 180, approvedBy: s.idOf('lee@cap.test') })
    // a kind the plan does not allow
    const o2 = (await open(s)).json()
    const exp = await call('POST', `/api/oops/${o2.id}/surprise`, s.service, {
      custom: { title: 'Balloon ride', cost: 10, kind: 'experience' },
    })
    expect(exp.statusCode).toBe(422)
  })

  it('hands on with the reason kept, and only to members of the workspace', async () => {
    const s = await setup('hand')
    const other = await setup('hand-other')
    const o = (await open(s)).json()
    const bad = await call('POST', `/api/oops/${o.id}/hand-over`, s.service, {
      toUserId: other.idOf('sue@hand-other.test'),
      reason: 'They know the customer',
    })
    expect(bad.statusCode).toBe(404)
    const ok = await call('POST', `/api/oops/${o.id}/hand-over`, s.service, {
      toUserId: s.idOf('lee@hand.test'),
      reason: 'Lee has the customer in front of her today',
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().owner.name).toBe('lee')
    expect(ok.json().handoffs[0]).toMatchObject({ fromName: 'sue', toName: 'lee' })
    expect((await open(s, { ownerUserId: other.idOf('ada@hand-other.test') })).statusCode).toBe(404)
    // another workspace cannot see or touch it
    expect((await call('GET', `/api/oops/${o.id}`, other.admin)).statusCode).toBe(404)
    expect((await call('POST', `/api/oops/${o.id}/fix`, other.admin, { note: 'sneaky' })).statusCode).toBe(
      404,
    )
  })

  it('refuses let-down times in the future or long ago, and bad input, storing nothing', async () => {
    const s = await setup('bad')
    const now = t.clock.now().getTime()
    const future = await open(s, { letDownAt: new Date(now + 2 * HOUR).toISOString() })
    expect(future.statusCode).toBe(422)
    expect(future.json().error.message).toMatch(/future/)
    const ancient = await open(s, { letDownAt: new Date(now - 3 * 365 * 24 * HOUR).toISOString() })
    expect(ancient.statusCode).toBe(422)
    expect((await open(s, { type: 'meteor' })).statusCode).toBe(422)
    expect((await open(s, { description: '' })).statusCode).toBe(422)
    expect((await open(s, { customerId: 'nope' })).statusCode).toBe(404)
    expect((await call('GET', '/api/oops?state=all', s.admin)).json().oops).toEqual([])
  })

  it('uses the plan of the customer’s tier or segment, editable by leaders only', async () => {
    const s = await setup('plans')
    const plans = (await call('GET', '/api/recovery-plans', s.service)).json().plans
    expect(plans.map((p: any) => p.tier)).toEqual(['A', 'B', null])
    const vip = await call('POST', '/api/recovery-plans', s.leader, {
      name: 'Wine trade',
      segment: 'Wine',
      windowHours: 12,
      atRiskHours: 3,
      investmentCap: 500,
      allowedKinds: ['gift', 'experience'],
    })
    expect(vip.statusCode).toBe(201)
    expect(
      (
        await call('POST', '/api/recovery-plans', s.service, {
          name: 'Mine',
          tier: 'C',
          investmentCap: 1,
          allowedKinds: ['gift'],
        })
      ).statusCode,
    ).toBe(403)
    await call('PATCH', `/api/customers/${s.customer.id}`, s.admin, { segment: 'Wine' })
    const o = (await open(s)).json()
    expect(o).toMatchObject({ windowHours: 12, investmentCap: 500, plan: { name: 'Wine trade' } })
    const bad = await call('PATCH', `/api/recovery-plans/${vip.json().id}`, s.leader, { atRiskHours: 20 })
    expect(bad.statusCode).toBe(422)
  })

  it('flags drafts that quote policy or blame the customer', async () => {
    const s = await setup('tone')
    const w = await call('POST', '/api/oops/tone', s.service, {
      message: 'Per our policy, you should have read the terms.',
    })
    expect(w.json().warnings.length).toBeGreaterThanOrEqual(2)
    const ok = await call('POST', '/api/oops/tone', s.service, { message: 'We got this wrong. I am sorry.' })
    expect(ok.json().warnings).toEqual([])
    const tpl = (await call('GET', '/api/oops/templates', s.service)).json().templates
    expect(tpl.map((x: any) => x.kind)).toEqual([
      'first_contact',
      'status_report',
      'follow_up',
      'final_resolution',
    ])
  })

  it('asks "did we blow you away?" once by a link, and the scoreboard counts the dazzling recovery', async () => {
    const s = await setup('wow')
    const since = new Date(t.clock.now().getTime() - HOUR).toISOString()
    const o = (await open(s)).json()
    const step = (body: Record<string, unknown>) => call('POST', `/api/oops/${o.id}/steps`, s.service, body)
    await step({ kind: 'first_contact', channel: 'phone', message: 'I am on it.', npsBefore: 3 })
    await call('POST', `/api/oops/${o.id}/fix`, s.service, { note: 'Re-sent by courier' })
    await call('POST', `/api/oops/${o.id}/surprise`, s.service, {
      custom: { title: 'Pinot Noir', cost: 20, kind: 'gift' },
    })
    const closed = await step({ kind: 'final_resolution', channel: 'email', message: 'All put right.' })
    const link: string = closed.json().feedbackLink
    expect(link).toMatch(/\/feedback\/wow_/)
    expect(t.mailer.sent.at(-1)).toMatchObject({ to: 'grace@harbour.test', subject: 'Did we blow you away?' })
    expect(t.mailer.sent.at(-1)!.text).toContain(link)
    const token = link.split('/feedback/')[1]!
    const preview = await t.app.inject(`/api/feedback/${token}`)
    expect(preview.statusCode).toBe(200)
    expect(preview.json()).toMatchObject({ companyName: 'wow Co', customerName: 'Grace Lee' })
    expect((await t.app.inject(`/api/feedback/${token}x`)).statusCode).toBe(404)
    const answer = { wow: 5, fixed: true, nps: 10, comment: '<script>alert(1)</script> wonderful' }
    const ok = await t.app.inject({ method: 'POST', url: `/api/feedback/${token}`, payload: answer })
    expect(ok.statusCode).toBe(200)
    const again = await t.app.inject({ method: 'POST', url: `/api/feedback/${token}`, payload: answer })
    expect(again.statusCode).toBe(409)
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/feedback/${token}`, payload: { wow: 9 } })).statusCode,
    ).toBe(422)
    const detail = (await call('GET', `/api/oops/${o.id}`, s.service)).json()
    expect(detail.feedback).toMatchObject({ wow: 5, fixed: true, npsAfter: 10 })

    const board = (await call('GET', `/api/scoreboard?from=${encodeURIComponent(since)}`, s.admin)).json()
    expect(board.overall).toMatchObject({
      oops: 1,
      decided: 1,
      dazzling: 1,
      dazzlingShare: 1,
      wowRate: 1,
      npsBefore: -100,
      npsAfter: 100,
    })
    expect(board.byOwner[0]).toMatchObject({ label: 'sue', dazzling: 1 })
    expect(board.overall.medianHoursToFix).toBeGreaterThanOrEqual(0)

    // a link not answered within its days expires
    const o2 = (await open(s)).json()
    await call('POST', `/api/oops/${o2.id}/fix`, s.service, { note: 'done' })
    const late = await call('POST', `/api/oops/${o2.id}/steps`, s.service, {
      kind: 'final_resolution',
      channel: 'phone',
      message: 'Fixed.',
    })
    const token2 = late.json().feedbackLink.split('/feedback/')[1]
    t.clock.advance(15 * 24 * HOUR)
    const expired = await t.app.inject({ method: 'POST', url: `/api/feedback/${token2}`, payload: answer })
    expect(expired.statusCode).toBe(410)
  })
})
