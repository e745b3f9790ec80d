import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

const HOUR = 3_600_000
const MINUTE = 60_000

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

type MemberRow = { userId: string; email: string; name: string; leaderUserId: string | null; depth?: number }

const members = async (cookie: string) =>
  (await call('GET', '/api/workspace/members', cookie)).json().members as MemberRow[]

/** A workspace: admin ada; leaders tia (the top), lee (reports to tia) and lou (another team); sue (service). */
const team = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const tia = await t.member(admin, `tia@${tag}.test`, 'leader')
  const lee = await t.member(admin, `lee@${tag}.test`, 'leader')
  const lou = await t.member(admin, `lou@${tag}.test`, 'leader')
  const sue = await t.member(admin, `sue@${tag}.test`, 'service')
  const id = Object.fromEntries((await members(admin)).map((m) => [m.email.split('@')[0]!, m.userId]))
  const lead = (who: string, leader: string | null) =>
    call('PUT', `/api/workspace/members/${id[who]}/leader`, admin, {
      leaderUserId: leader === null ? null : id[leader],
    })
  return { admin, workspace, cookies: { tia, lee, lou, sue }, id, lead }
}

const leaderOf = async (cookie: string) =>
  Object.fromEntries((await members(cookie)).map((m) => [m.email.split('@')[0]!, m.leaderUserId]))

describe('reporting lines', () => {
  it('lets an admin say who reports to whom, shows it on the members, and audits the change', async () => {
    const w = await team('lines')
    const set = await w.lead('lee', 'tia')
    expect(set.statusCode).toBe(200)
    expect(set.json()).toMatchObject({ userId: w.id.lee, leaderUserId: w.id.tia })
    expect((await w.lead('sue', 'lee')).statusCode).toBe(200)
    expect(await leaderOf(w.admin)).toMatchObject({ lee: w.id.tia, sue: w.id.lee, tia: null, lou: null })

    // changing the leader replaces the line; null ends it
    expect((await w.lead('sue', 'lou')).json().leaderUserId).toBe(w.id.lou)
    expect((await w.lead('sue', 'lee')).statusCode).toBe(200)
    expect((await w.lead('lou', 'tia')).statusCode).toBe(200)
    expect((await w.lead('lou', null)).json().leaderUserId).toBeNull()

    const audit = await sql<{ details: Record<string, unknown>; targetId: string }>`
      select details, target_id as "targetId" from audit_event
      where workspace_id = ${w.workspace.id} and action = 'member.leader_changed' order by id`.execute(
      t.database.raw,
    )
    expect(audit.rows.map((r) => r.details)).toEqual([
      { email: 'lee@lines.test', from: 'nobody', to: 'tia' },
      { email: 'sue@lines.test', from: 'nobody', to: 'lee' },
      { email: 'sue@lines.test', from: 'lee', to: 'lou' },
      { email: 'sue@lines.test', from: 'lou', to: 'lee' },
      { email: 'lou@lines.test', from: 'nobody', to: 'tia' },
      { email: 'lou@lines.test', from: 'tia', to: 'nobody' },
    ])
    expect(audit.rows[0]!.targetId).toBe(w.id.lee)
  })

  it('shows a leader their whole team, nearest first, and a member who they report to', async () => {
    const w = await team('myteam')
    await w.lead('lee', 'tia')
    await w.lead('sue', 'lee')
    await w.lead('lou', 'tia')
    const tia = (await call('GET', '/api/workspace/team', w.cookies.tia)).json()
    expect(tia.leader).toBeNull()
    expect(tia.team.map((m: MemberRow) => [m.email.split('@')[0], m.depth])).toEqual([
      ['lee', 1],
      ['lou', 1],
      ['sue', 2],
    ])
    const lee = (await call('GET', '/api/workspace/team', w.cookies.lee)).json()
    expect(lee.leader).toMatchObject({ userId: w.id.tia })
    expect(lee.team.map((m: MemberRow) => m.userId)).toEqual([w.id.sue])
    const sue = (await call('GET', '/api/workspace/team', w.cookies.sue)).json()
    expect(sue).toMatchObject({ leader: { userId: w.id.lee }, team: [] })
  })

  it('refuses a leader cycle, self as leader, and a leader who is not a member here, storing nothing', async () => {
    const w = await team('cycle')
    const other = await t.admin('oz@elsewhere-lines.test', 'Elsewhere Lines')
    const ozId = (await members(other.cookie))[0]!.userId
    await w.lead('lee', 'tia')
    await w.lead('sue', 'lee')
    const before = await leaderOf(w.admin)

    const twoWay = await w.lead('lee', 'sue')
    expect(twoWay.statusCode).toBe(422)
    expect(twoWay.json().error).toMatchObject({ code: 'invalid_input', details: { reason: 'cycle' } })
    expect(twoWay.json().error.message).toMatch(/sue already reports to lee .*circle/)
    // a longer way round: tia ← lee ← sue, so tia cannot report to sue
    const threeWay = await w.lead('tia', 'sue')
    expect(threeWay.statusCode).toBe(422)
    expect(threeWay.json().error.message).toContain('sue → lee → tia')

    const self = await w.lead('sue', 'sue')
    expect(self.statusCode).toBe(422)
    expect(self.json().error).toMatchObject({ details: { reason: 'self' } })

    const foreign = await call('PUT', `/api/workspace/members/${w.id.sue}/leader`, w.admin, {
      leaderUserId: ozId,
    })
    expect(foreign.statusCode).toBe(422)
    expect(foreign.json().error).toMatchObject({ details: { reason: 'not_a_member' } })
    const unknown = await call('PUT', `/api/workspace/members/${w.id.sue}/leader`, w.admin, {
      leaderUserId: 'no-such-user',
    })
    expect(unknown.statusCode).toBe(422)
    // a member of another workspace cannot be given a leader here either
    const outsider = await call('PUT', `/api/workspace/members/${ozId}/leader`, w.admin, {
      leaderUserId: w.id.tia,
    })
    expect(outsider.statusCode).toBe(404)
    const malformed = await call('PUT', `/api/workspace/members/${w.id.sue}/leader`, w.admin, {
      leaderUserId: 42,
    })
    expect(malformed.statusCode).toBe(422)

    // only admins draw the lines
    const byLeader = await call('PUT', `/api/workspace/members/${w.id.lou}/leader`, w.cookies.tia, {
      leaderUserId: w.id.tia,
    })
    expect(byLeader.statusCode).toBe(403)

    expect(await leaderOf(w.admin)).toEqual(before)
    const stored = await sql<{ n: number }>`
      select count(*)::int as n from reporting_line where workspace_id = ${w.workspace.id}`.execute(
      t.database.raw,
    )
    expect(stored.rows[0]!.n).toBe(2)
    const audited = await sql<{ n: number }>`
      select count(*)::int as n from audit_event
      where workspace_id = ${w.workspace.id} and action = 'member.leader_changed'`.execute(t.database.raw)
    expect(audited.rows[0]!.n).toBe(2)
  })

  it('ends the lines of a member who leaves: those they led report to nobody', async () => {
    const w = await team('leaves')
    await w.lead('lee', 'tia')
    await w.lead('sue', 'lee')
    expect((await call('DELETE', `/api/workspace/members/${w.id.lee}`, w.admin)).statusCode).toBe(200)
    expect(await leaderOf(w.admin)).toMatchObject({ sue: null })
    expect((await call('GET', '/api/workspace/team', w.cookies.tia)).json().team).toEqual([])
  })
})

describe('escalation along the reporting line', () => {
  const inbox = async (cookie: string) =>
    (await call('GET', '/api/notifications', cookie)).json().notifications as {
      kind: string
      title: string
      body: string
    }[]

  it('tells the owner’s own leader when at risk, the line above when breached, and no other leader or admin', async () => {
    const w = await team('escline')
    await w.lead('lee', 'tia')
    await w.lead('sue', 'lee')
    const customer = (
      await call('POST', '/api/customers', w.admin, { name: 'Harbour Wines', kind: 'organisation' })
    ).json()
    const o = await call('POST', '/api/oops', w.cookies.sue, {
      customerId: customer.id,
      type: 'late_delivery',
      description: 'The Christmas order arrived three days late',
      severity: 'high',
    })
    expect(o.statusCode).toBe(201)

    t.clock.advance(20 * HOUR + MINUTE)
    await t.jobs.runDueJobs()
    const kinds = async (cookie: string) =>
      (await inbox(cookie)).map((n) => n.kind).filter((k) => k !== 'oops.step_due')
    expect(await kinds(w.cookies.sue)).toEqual(['oops.at_risk'])
    expect(await kinds(w.cookies.lee)).toEqual(['oops.at_risk'])
    expect((await inbox(w.cookies.lee))[0]!.body).toMatch(/because sue reports to you: help sue/)
    expect(await kinds(w.cookies.tia)).toEqual([])
    expect(await kinds(w.cookies.lou)).toEqual([])
    expect(await kinds(w.admin)).toEqual([])

    t.clock.advance(4 * HOUR)
    await t.jobs.runDueJobs()
    expect((await kinds(w.cookies.lee)).sort()).toEqual(['oops.at_risk', 'oops.breached'])
    const tia = await inbox(w.cookies.tia)
    expect(tia.map((n) => n.kind)).toEqual(['oops.breached'])
    expect(tia[0]!.body).toMatch(/because sue reports to you through lee/)
    expect(await kinds(w.cookies.lou)).toEqual([])
    expect(await kinds(w.admin)).toEqual([])
  })

  it('goes to the admins, not to the leaders, when the owner reports to nobody', async () => {
    const w = await team('escadmin')
    await w.lead('lee', 'tia')
    const customer = (
      await call('POST', '/api/customers', w.admin, { name: 'Quay Books', kind: 'organisation' })
    ).json()
    await call('POST', '/api/oops', w.cookies.sue, {
      customerId: customer.id,
      type: 'billing_mistake',
      description: 'Charged twice',
    })
    t.clock.advance(20 * HOUR + MINUTE)
    await t.jobs.runDueJobs()
    const atRisk = async (cookie: string) => (await inbox(cookie)).filter((n) => n.kind === 'oops.at_risk')
    expect((await atRisk(w.admin)).map((n) => n.body)).toEqual([
      expect.stringMatching(/because you are an admin and sue reports to nobody/),
    ])
    for (const leader of [w.cookies.tia, w.cookies.lee, w.cookies.lou])
      expect(await atRisk(leader)).toEqual([])
  })
})
