import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const call = (method: string, url: string, cookie: string | null, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(cookie ? { cookie } : {}), ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })
const DAY = 86_400_000

const quarterStart = () => {
  const n = t.clock.now()
  return `${n.getUTCFullYear()}-${String(Math.floor(n.getUTCMonth() / 3) * 3 + 1).padStart(2, '0')}-01`
}

const setup = async (tag: string) => {
  const { cookie: admin, workspace } = await t.admin(`ada@${tag}.test`, `${tag} Co`)
  const leader = await t.member(admin, `lee@${tag}.test`, 'leader')
  const sales = await t.member(admin, `sam@${tag}.test`, 'sales')
  const sales2 = await t.member(admin, `sol@${tag}.test`, 'sales')
  const members = (await call('GET', '/api/workspace/members', admin)).json().members as {
    userId: string
    email: string
  }[]
  const idOf = (email: string) => members.find((m) => m.email === email)!.userId
  const samId = idOf(`sam@${tag}.test`)
  const customer = (
    await call('POST', '/api/customers', admin, {
      name: 'Harbour Wines',
      kind: 'organisation',
      ownerUserId: samId,
    })
  ).json()
  const person = (
    await call('POST', `/api/customers/${customer.id}/people`, admin, {
      name: 'Grace Lee',
      email: `grace@${tag}.test`,
    })
  ).json()
  return {
    admin,
    leader,
    sales,
    sales2,
    workspace,
    customer,
    person,
    samId,
    solId: idOf(`sol@${tag}.test`),
    idOf,
  }
}

const plan = (
  s: Awaited<ReturnType<typeof setup>>,
  secretWeight: number,
  extra: Record<string, unknown> = {},
) => ({
  name: 'Secret agents Q',
  periodKind: 'quarter',
  periodStart: quarterStart(),
  components: [
    { kind: 'revenue', weight: 100 - secretWeight, target: 50_000 },
    { kind: 'secret_effectiveness', weight: secretWeight - 10, target: 20 },
    { kind: 'report_card', weight: 10, target: 4 },
  ],
  members: [{ userId: s.samId, targetBonus: 10_000, quota: 40_000 }],
  ...extra,
})

const linkToken = (link: string) => link.split('/report-card/')[1]!

describe('bonus plans', () => {
  it('refuses a plan with less than 25 % on secret gathering, quoting the source, and takes the same plan at 25 %', async () => {
    const s = await setup('weight')
    const low = await call('POST', '/api/bonus-plans', s.leader, plan(s, 20))
    expect(low.statusCode).toBe(422)
    expect(low.json().error.code).toBe('bonus_plan_secret_weight')
    expect(low.json().error.message).toContain('at least 25 %')
    expect(low.json().error.message).toContain('secret gathering effectiveness')
    const none = await sql<{
      n: number
    }>`select count(*)::int as n from bonus_plan where workspace_id = ${s.workspace.id}`.execute(
      t.database.raw,
    )
    expect(none.rows[0]!.n).toBe(0)
    const ok = await call('POST', '/api/bonus-plans', s.leader, plan(s, 25))
    expect(ok.statusCode).toBe(201)
    expect(ok.json().secretGatheringWeight).toBe(25)
    expect(ok.json().period.end > ok.json().period.start).toBe(true)
  })

  it('refuses bad plans with a clear 4xx and stores nothing half-way', async () => {
    const s = await setup('badplan')
    const other = await t.admin('eve@elsewhere.test', 'Elsewhere')
    const stranger = (await call('GET', '/api/workspace/members', other.cookie)).json().members[0].userId
    const cases: [unknown, number, string][] = [
      [
        {
          ...plan(s, 30),
          components: [
            { kind: 'revenue', weight: 70, target: 1 },
            { kind: 'report_card', weight: 20, target: 4 },
          ],
        },
        422,
        'add up to 90 %',
      ],
      [{ ...plan(s, 30), members: [{ userId: s.samId, targetBonus: -5 }] }, 422, 'above 0'],
      [{ ...plan(s, 30), members: [{ userId: s.samId, targetBonus: 1e12 }] }, 422, ''],
      [{ ...plan(s, 30), periodStart: '2026-11-15' }, 422, 'first day'],
      [
        { ...plan(s, 30), members: [{ userId: stranger, targetBonus: 1000 }] },
        422,
        'not a member of this workspace',
      ],
      [{ ...plan(s, 30), components: [{ kind: 'report_card', weight: 100, target: 9 }] }, 422, 'at most 5'],
    ]
    for (const [body, status, words] of cases) {
      const r = await call('POST', '/api/bonus-plans', s.leader, body)
      expect(r.statusCode, JSON.stringify(body)).toBe(status)
      expect(r.json().error.message).toContain(words)
    }
    expect((await call('GET', '/api/bonus-plans', s.leader)).json().plans).toHaveLength(0)
    // the same person on two overlapping plans
    expect((await call('POST', '/api/bonus-plans', s.leader, plan(s, 30))).statusCode).toBe(201)
    const twice = await call('POST', '/api/bonus-plans', s.leader, {
      ...plan(s, 30),
      name: 'Another',
      periodKind: 'year',
      periodStart: `${quarterStart().slice(0, 4)}-01-01`,
    })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.code).toBe('bonus_plan_overlap')
    // only leaders and admins make plans
    expect((await call('POST', '/api/bonus-plans', s.sales, plan(s, 30))).statusCode).toBe(403)
  })
})

describe('report cards', () => {
  it('a salesperson sends a card; the customer answers once through the link; used, tampered and expired links are refused', async () => {
    const s = await setup('card')
    const sent = await call('POST', '/api/report-cards', s.sales, {
      customerId: s.customer.id,
      personId: s.person.id,
    })
    expect(sent.statusCode).toBe(201)
    const { link, emailedTo } = sent.json()
    expect(emailedTo).toBe('grace@card.test')
    const mail = t.mailer.sent.find((m) => m.to === 'grace@card.test' && m.text.includes(link))!
    expect(mail.subject).toContain('sam')
    const token = linkToken(link)
    const q = await call('GET', `/api/report-cards/${token}`, null)
    expect(q.statusCode).toBe(200)
    const { questions, salespersonName } = q.json()
    expect(salespersonName).toBe('sam')
    expect(questions.length).toBeGreaterThanOrEqual(7)
    expect(questions[0].label).toContain('as a person')

    const ratings = Object.fromEntries(
      questions.map((x: { behaviourId: string }, i: number) => [x.behaviourId, i === 0 ? null : 4]),
    )
    const outOfScale = await call('POST', `/api/report-cards/${token}`, null, {
      ratings: { ...ratings, [questions[1].behaviourId]: 6 },
    })
    expect(outOfScale.statusCode).toBe(422)
    const missing = await call('POST', `/api/report-cards/${token}`, null, {
      ratings: { [questions[1].behaviourId]: 5 },
    })
    expect(missing.statusCode).toBe(422)
    expect(missing.json().error.message).toContain("Can't say")
    const ok = await call('POST', `/api/report-cards/${token}`, null, {
      ratings,
      comment: 'Remembered my daughter’s name.',
    })
    expect(ok.statusCode).toBe(200)
    const again = await call('POST', `/api/report-cards/${token}`, null, { ratings })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('report_card_answered')
    const tampered = await call('GET', `/api/report-cards/${token.slice(0, -2)}xx`, null)
    expect(tampered.statusCode).toBe(404)
    expect(tampered.json().error.code).toBe('report_card_invalid')

    // the salesperson was told; their results show the answer (a score once 3 have answered)
    const mine = (await call('GET', '/api/report-cards', s.sales)).json().people[0]
    expect(mine.score.answers).toBe(1)
    expect(mine.score.shown).toBe(false)
    expect(mine.cards[0].comment).toContain('daughter')
    // sales see their own only
    expect((await call('GET', `/api/report-cards?userId=${s.solId}`, s.sales)).statusCode).toBe(403)
    expect(
      (
        await call('POST', '/api/report-cards', s.sales, {
          customerId: s.customer.id,
          salespersonUserId: s.solId,
          sendEmail: false,
        })
      ).statusCode,
    ).toBe(403)

    const late = (
      await call('POST', '/api/report-cards', s.leader, {
        customerId: s.customer.id,
        salespersonUserId: s.samId,
        sendEmail: false,
      })
    ).json()
    t.clock.advance(22 * DAY)
    const expired = await call('GET', `/api/report-cards/${linkToken(late.link)}`, null)
    expect(expired.statusCode).toBe(410)
    expect(expired.json().error.code).toBe('report_card_expired')
  })

  it('reminds an unanswered card once, with a second link that works like the first', async () => {
    const s = await setup('remind')
    const sent = (
      await call('POST', '/api/report-cards', s.sales, { customerId: s.customer.id, personId: s.person.id })
    ).json()
    const before = t.mailer.sent.length
    t.clock.advance(6 * DAY)
    await t.jobs.runDueJobs()
    const reminders = t.mailer.sent
      .slice(before)
      .filter((m) => m.to === 'grace@remind.test' && m.subject.startsWith('A reminder'))
    expect(
      reminders.map((m) => m.to),
      JSON.stringify(reminders),
    ).toHaveLength(1)
    const second = /(http\S+\/report-card\/\S+)/.exec(reminders[0]!.text)![1]!
    expect(second).not.toBe(sent.link)
    expect((await call('GET', `/api/report-cards/${linkToken(sent.link)}`, null)).statusCode).toBe(200)
    expect((await call('GET', `/api/report-cards/${linkToken(second)}`, null)).statusCode).toBe(200)
    t.clock.advance(6 * DAY)
    await t.jobs.runDueJobs()
    expect(
      t.mailer.sent
        .slice(before)
        .filter((m) => m.to === 'grace@remind.test' && m.subject.startsWith('A reminder')),
    ).toHaveLength(1)
  })
})

describe('statements', () => {
  it('accrue from the data, freeze on close, move only by audited adjustments, and export as CSV and PDF', async () => {
    const s = await setup('statement')
    await call('PATCH', '/api/accountability/settings', s.admin, { minAnswers: 1 })
    const p = (await call('POST', '/api/bonus-plans', s.leader, plan(s, 30))).json()
    // a card answered 5 everywhere
    const card = (
      await call('POST', '/api/report-cards', s.sales, {
        customerId: s.customer.id,
        personId: s.person.id,
        sendEmail: false,
      })
    ).json()
    const q = (await call('GET', `/api/report-cards/${linkToken(card.link)}`, null)).json()
    await call('POST', `/api/report-cards/${linkToken(card.link)}`, null, {
      ratings: Object.fromEntries(q.questions.map((x: { behaviourId: string }) => [x.behaviourId, 5])),
      comment: 'Harbour Wines thanks Sam',
    })
    // two secrets heard directly on one of the few customers who matter (tier A): 3 × 3 × 1 each,
    // and the category they open is new coverage (once, however many secrets fill it)
    await sql`update customer set value_tier = 'A' where id = ${s.customer.id}`.execute(t.database.raw)
    for (const text of ['Dreams of sailing to the Azores', 'Collects first editions of Patrick O’Brian']) {
      const r = await call('POST', `/api/customers/${s.customer.id}/secrets`, s.sales, {
        personId: s.person.id,
        category: 'dream',
        text,
      })
      expect(r.statusCode, r.body).toBe(201)
    }
    const live = await call('GET', `/api/bonus-plans/${p.id}/statements/${s.samId}`, s.sales)
    expect(live.statusCode, live.body).toBe(200)
    const v = live.json()
    expect(v.frozen).toBe(false)
    const eff = v.statement.details.effectiveness
    expect(eff.recorded).toHaveLength(2)
    expect(eff.recorded[0].points).toBe(9)
    expect(eff.recorded[0].why).toBe('secret 3 × tier A 3 × heard 1')
    expect(eff.coverage).toEqual([
      { customerId: s.customer.id, category: 'dream', secretId: eff.recorded[0].secretId },
    ])
    const rc = v.statement.components.find((c: { kind: string }) => c.kind === 'report_card')
    expect(rc.actual).toBe(5)
    expect(rc.attainment).toBe(125)
    // 9 twice, 5 for the new category, and 5 / 5 on the card × 4 points
    expect(eff.points).toBe(43)

    // sales read their own statement only; a leader reads anyone's; every read is audited
    expect((await call('GET', `/api/bonus-plans/${p.id}/statements/${s.samId}`, s.sales2)).statusCode).toBe(
      403,
    )
    expect((await call('GET', `/api/bonus-plans/${p.id}/statements/${s.samId}`, s.leader)).statusCode).toBe(
      200,
    )
    const reads = await sql<{ n: number }>`
      select count(*)::int as n from audit_event where workspace_id = ${s.workspace.id} and action = 'bonus_statement.read'`.execute(
      t.database.raw,
    )
    expect(reads.rows[0]!.n).toBe(2)

    expect(
      (
        await call('POST', `/api/bonus-plans/${p.id}/statements/${s.samId}/adjustments`, s.leader, {
          amount: 100,
          reason: 'Too early',
        })
      ).statusCode,
    ).toBe(409)
    const closed = await call('POST', `/api/bonus-plans/${p.id}/close`, s.leader)
    expect(closed.statusCode, closed.body).toBe(200)
    expect((await call('POST', `/api/bonus-plans/${p.id}/close`, s.leader)).json().error.code).toBe(
      'bonus_plan_closed',
    )
    const frozen = (await call('GET', `/api/bonus-plans/${p.id}/statements/${s.samId}`, s.sales)).json()
    expect(frozen.frozen).toBe(true)
    expect(frozen.statement.payout).toBe(v.statement.payout)
    // a later secret does not move a frozen statement
    await call('POST', `/api/customers/${s.customer.id}/secrets`, s.sales, {
      personId: s.person.id,
      category: 'dream',
      text: 'Wants to learn the cello',
    })
    const still = (await call('GET', `/api/bonus-plans/${p.id}/statements/${s.samId}`, s.sales)).json()
    expect(still.statement.details.effectiveness.recorded).toHaveLength(2)
    // a correction is an adjustment
    const adj = await call('POST', `/api/bonus-plans/${p.id}/statements/${s.samId}/adjustments`, s.leader, {
      amount: 250,
      reason: 'Missed invoice from October',
    })
    expect(adj.statusCode).toBe(201)
    const after = (await call('GET', `/api/bonus-plans/${p.id}/statements/${s.samId}`, s.sales)).json()
    expect(after.total).toBe(Math.round((v.statement.payout + 250) * 100) / 100)
    expect(after.statement.payout).toBe(v.statement.payout)
    // changing a closed plan is refused
    expect((await call('PUT', `/api/bonus-plans/${p.id}`, s.leader, plan(s, 30))).statusCode).toBe(409)

    const csv = await call('GET', `/api/bonus-plans/${p.id}/statements.csv`, s.leader)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.trim().split('\r\n')
    const total = lines.find((l) => l.includes(',Total,'))!
    expect(total).toContain(String(after.total))
    expect(lines.some((l) => l.includes('Customer report card') && l.includes(',125,'))).toBe(true)
    expect((await call('GET', `/api/bonus-plans/${p.id}/statements.csv`, s.sales)).statusCode).toBe(403)

    const pdf = await call('GET', `/api/bonus-plans/${p.id}/statements/${s.samId}.pdf`, s.sales)
    expect(pdf.statusCode, pdf.body).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')

    // erasing the customer reaches the frozen statement: its figures stay, the name and words go
    expect(after.statement.details.reportCard.cards[0].comment).toBe('Harbour Wines thanks Sam')
    const erased = await call('POST', `/api/customers/${s.customer.id}/erase`, s.admin, {
      confirm: 'Harbour Wines',
    })
    expect(erased.statusCode, erased.body).toBe(200)
    const scrubbed = (await call('GET', `/api/bonus-plans/${p.id}/statements/${s.samId}`, s.sales)).json()
    expect(scrubbed.total).toBe(after.total)
    expect(JSON.stringify(scrubbed)).not.toContain('Harbour Wines')
    const cardRow = await sql<{ comment: string | null; email_to: string | null }>`
      select comment, email_to from report_card where workspace_id = ${s.workspace.id}`.execute(
      t.database.raw,
    )
    expect(cardRow.rows.every((r) => r.comment === null && r.email_to === null)).toBe(true)

    // the salesperson's home: their card, their figures, their bonus
    const me = (await call('GET', '/api/me/accountability', s.sales)).json()
    expect(me.statement.plan.id).toBe(p.id)
    expect(me.reportCard.overall).toBe(5)
  })

  it('never lets the minimum weight on secret gathering drop below 25 %, and raising it refuses weaker plans', async () => {
    const s = await setup('minimum')
    const lower = await call('PATCH', '/api/accountability/settings', s.admin, { minSecretWeight: 20 })
    expect(lower.statusCode).toBe(422)
    expect(
      (await call('PATCH', '/api/accountability/settings', s.leader, { minSecretWeight: 40 })).statusCode,
    ).toBe(403)
    expect(
      (await call('PATCH', '/api/accountability/settings', s.admin, { minSecretWeight: 40 })).statusCode,
    ).toBe(200)
    const r = await call('POST', '/api/bonus-plans', s.leader, plan(s, 30))
    expect(r.statusCode).toBe(422)
    expect(r.json().error.message).toContain('at least 40 %')
  })
})

describe('behaviours', () => {
  it('start from the source’s list; admins add, reword, retire and reorder; a card keeps the wording it asked', async () => {
    const s = await setup('behaviours')
    const list = (await call('GET', '/api/behaviours', s.sales)).json().behaviours
    expect(list.map((b: { label: string }) => b.label)).toContain('Listens more than they talk')
    expect((await call('POST', '/api/behaviours', s.leader, { label: 'Knows my kids' })).statusCode).toBe(403)
    const dup = await call('POST', '/api/behaviours', s.admin, { label: 'listens more than they TALK' })
    expect(dup.statusCode).toBe(409)
    const card = (
      await call('POST', '/api/report-cards', s.sales, { customerId: s.customer.id, sendEmail: false })
    ).json()
    const first = list[0]
    await call('PATCH', `/api/behaviours/${first.id}`, s.admin, {
      label: 'Asks about me, not just the order',
    })
    await call('PATCH', `/api/behaviours/${list[1].id}`, s.admin, { retired: true })
    const q = (await call('GET', `/api/report-cards/${linkToken(card.link)}`, null)).json()
    expect(q.questions[0].label).toBe(first.label)
    expect(q.questions).toHaveLength(list.length)
    const active = (await call('GET', '/api/behaviours', s.admin))
      .json()
      .behaviours.filter((b: { retiredAt: unknown }) => !b.retiredAt)
    const reversed = active.map((b: { id: string }) => b.id).reverse()
    const re = await call('PUT', '/api/behaviours/order', s.admin, { ids: reversed })
    expect(re.statusCode).toBe(200)
    expect(re.json().behaviours[0].id).toBe(reversed[0])
    expect((await call('PUT', '/api/behaviours/order', s.admin, { ids: reversed.slice(1) })).statusCode).toBe(
      422,
    )
  })
})
