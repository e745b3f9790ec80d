import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

// shipped in the repository, gzipped (test/data/README.md)
const FILE = path.resolve(import.meta.dirname, '../data/cfpb-complaints/complaints_sample.csv.gz')
const cfpb = gunzipSync(readFileSync(FILE))
const complaints = parse(cfpb, { bom: true, columns: true }) as Array<Record<string, string>>
const response = (r: Record<string, string>) => r['Company response to consumer'] ?? ''
/** the CFPB's responses that say the company put it right */
const RELIEF = /^Closed with (monetary |non-monetary )?relief$/

let t: TestApp
let admin: string
let sales: string
let workspaceId: string
beforeAll(async () => {
  t = await buildTestApp()
  const a = await t.admin('ada@cases.test', 'Cases Co')
  admin = a.cookie
  workspaceId = a.workspace.id
  sales = await t.member(admin, 'sam@cases.test', 'sales')
  await t.member(admin, 'sue@cases.test', 'service')
  // a subscriber to every recovery event: an import must send it nothing
  const hook = await call('POST', '/api/webhooks', admin, {
    url: 'https://hooks.example.com/dazzle',
    events: ['oops.opened', 'oops.closed', 'oops.at_risk', 'oops.breached'],
  })
  expect(hook.statusCode).toBe(201)
})
afterAll(() => t.close())

function call(method: string, url: string, cookie: string, payload?: unknown) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })
}
const upload = (body: string | Buffer, query = '', cookie = admin) =>
  t.app.inject({
    method: 'POST',
    url: `/api/imports?kind=oops${query}`,
    headers: { cookie, ...ORIGIN, 'content-type': 'text/csv' },
    payload: body,
  })

/** what is in the workspace, straight from the database */
const counts = async () => {
  const n = async (
    table: 'oops' | 'customer' | 'job' | 'notification' | 'webhookDelivery' | 'customerPerson',
  ) =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select(sql<number>`count(*)::int`.as('n'))
          .where('workspaceId', '=', workspaceId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    oops: await n('oops'),
    customers: await n('customer'),
    people: await n('customerPerson'),
    jobs: await n('job'),
    notifications: await n('notification'),
    deliveries: await n('webhookDelivery'),
  }
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
const toCsv = (records: string[][]) => records.map((r) => r.map(quote).join(',')).join('\n')
/** the header and first `n` complaints of the real file, their keys changed so they are new cases */
const realRecords = (n: number, prefix: string) => {
  const lines = parse(cfpb, { bom: true }) as string[][]
  const key = lines[0]!.indexOf('Complaint ID')
  return [lines[0]!, ...lines.slice(1, n + 1).map((r) => r.map((v, i) => (i === key ? `${prefix}${v}` : v)))]
}
const realRows = (n: number, prefix: string) => toCsv(realRecords(n, prefix))

describe('importing past OOPS! cases', () => {
  it('previews the real CFPB file with its columns recognised, as it will be stored, creating nothing', async () => {
    const before = await counts()
    const head = cfpb.subarray(0, 64 * 1024).toString('utf8')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports/preview?kind=oops',
      headers: { cookie: admin, ...ORIGIN, 'content-type': 'text/csv' },
      payload: head.slice(0, head.lastIndexOf('\n') + 1),
    })
    expect(res.statusCode).toBe(200)
    const p = res.json()
    expect(p.missing).toEqual([])
    expect(p.mapping).toMatchObject({
      'Complaint ID': 'caseKey',
      'Date received': 'letDownAt',
      'Date sent to company': 'reportedAt',
      Issue: 'description',
      'Sub-issue': 'detail',
      'Consumer complaint narrative': 'narrative',
      Product: 'segment',
      State: 'region',
      'Company response to consumer': 'outcome',
      'Consumer disputed?': 'disputed',
    })
    expect(p.mapping.Company).toBeUndefined()
    expect(p.rows).toHaveLength(10)
    expect(p.rows[0]).toMatchObject({
      row: 2,
      error: null,
      stored: {
        caseKey: '3571115',
        customer: 'Consumer #3571115 (FL) (case-3571115) (new: will be added)',
        type: 'Other (read from the text)',
        description: 'Incorrect information on your report — Information belongs to someone else',
        letDownAt: '2020-03-18',
        outcome: 'closed, not fixed',
        owner: 'ada',
      },
    })
    expect(p.rows[2].stored.outcome).toBe('fixed 2019-09-20, closed')

    // a sample cut inside a narrative that runs over several lines: the half record is left out
    const cut = cfpb.toString('utf8').indexOf('is trying to collect a debt')
    const half = await t.app.inject({
      method: 'POST',
      url: '/api/imports/preview?kind=oops',
      headers: { cookie: admin, ...ORIGIN, 'content-type': 'text/csv' },
      payload: `${cfpb.subarray(0, cut).toString('utf8')}\n`,
    })
    expect(half.statusCode).toBe(200)
    expect(half.json().rows.map((r: any) => r.stored.caseKey)).toEqual(['3571115'])
    expect(await counts()).toEqual(before)
  })

  it('imports the 6,623 real complaints as closed cases with customers of their own, in seconds, quietly', {
    timeout: 180_000,
  }, async () => {
    const before = await counts()
    const res = await upload(cfpb, '&fileName=complaints_sample.csv')
    expect(res.statusCode).toBe(200)
    const r = res.json()
    expect(r.errors).toEqual([])
    expect(r).toMatchObject({
      kind: 'oops',
      status: 'imported',
      rows: 6623,
      added: 6623,
      alreadyPresent: 0,
      customersAdded: 6623,
      errorCount: 0,
    })
    process.stdout.write(
      `CFPB complaints → OOPS! (${process.env.DAZZLE_TEST_DB ?? 'embedded'}): ${r.seconds} s, ${r.rowsPerSecond} rows/s\n`,
    )
    expect(r.seconds).toBeLessThan(60)

    const after = await counts()
    expect(after.oops - before.oops).toBe(6623)
    expect(after.customers - before.customers).toBe(6623)
    // history, not news: no reminder, no notification, no webhook for any of them
    expect(after.jobs).toBe(before.jobs)
    expect(after.notifications).toBe(before.notifications)
    expect(after.deliveries).toBe(before.deliveries)

    const db = t.database.db
    const stat = await db
      .selectFrom('oops')
      .select([
        sql<number>`count(*) filter (where status = 'closed')::int`.as('closed'),
        sql<number>`count(*) filter (where fixed_at is not null)::int`.as('fixed'),
        sql<number>`count(*) filter (where resolved_at is null)::int`.as('unresolved'),
        sql<number>`count(*) filter (where surprised_at is not null)::int`.as('surprised'),
        sql<number>`count(*) filter (where feedback_token_hash is not null)::int`.as('links'),
        sql<number>`count(*) filter (where feedback_fixed = false)::int`.as('disputed'),
        sql<number>`count(*) filter (where feedback_fixed = true)::int`.as('undisputed'),
        sql<number>`count(*) filter (where deadline_at <> let_down_at + interval '24 hours')::int`.as(
          'offWindow',
        ),
        sql<number>`count(*) filter (where owner_user_id is null)::int`.as('noOwner'),
      ])
      .where('workspaceId', '=', workspaceId)
      .where('sourceKey', 'like', 'case:%')
      .executeTakeFirstOrThrow()
    const relief = complaints.filter((c) => RELIEF.test(response(c))).length
    const leftOpen = complaints.filter((c) => ['In progress', 'Untimely response', ''].includes(response(c)))
    expect(relief).toBeGreaterThan(0)
    expect(stat).toEqual({
      // every case is years past its 24-hour window: closed, whatever the file says
      closed: complaints.length,
      fixed: relief,
      // the ones the company never answered were closed by the import, without a resolution
      unresolved: leftOpen.length,
      surprised: 0,
      links: 0,
      disputed: complaints.filter((c) => c['Consumer disputed?'] === 'Yes').length,
      undisputed: complaints.filter((c) => c['Consumer disputed?'] === 'No').length,
      offWindow: 0,
      noOwner: 0,
    })

    // the kinds of mistake, read from the words: several, none swallowing everything but "other"
    const types = await db
      .selectFrom('oops')
      .select(['type', sql<number>`count(*)::int`.as('n')])
      .where('workspaceId', '=', workspaceId)
      .groupBy('type')
      .execute()
    const byType = Object.fromEntries(types.map((x) => [x.type, x.n]))
    expect(Object.keys(byType).length).toBeGreaterThanOrEqual(5)
    for (const kind of ['billing_mistake', 'broken_promise', 'not_as_promised', 'repair_to_redo']) {
      expect(byType[kind]).toBeGreaterThan(50)
    }
    expect(byType.other).toBeLessThan(complaints.length * 0.9)

    // one case, as the recovery screen shows it: narrative kept as written (XXXX and all)
    const withNarrative = complaints.find((c) => c['Consumer complaint narrative']?.includes('XXXX'))!
    const row = await db
      .selectFrom('oops as o')
      .innerJoin('customer as c', 'c.id', 'o.customerId')
      .select(['o.id', 'o.description', 'o.letDownAt', 'c.name', 'c.externalId', 'c.segment', 'c.kind'])
      .where('o.workspaceId', '=', workspaceId)
      .where('o.sourceKey', '=', `case:${withNarrative['Complaint ID']}`)
      .executeTakeFirstOrThrow()
    expect(row.description).toContain(withNarrative['Consumer complaint narrative']!.trim())
    expect(row).toMatchObject({
      externalId: `case-${withNarrative['Complaint ID']}`,
      name: `Consumer #${withNarrative['Complaint ID']}${withNarrative.State ? ` (${withNarrative.State})` : ''}`,
      segment: withNarrative.Product,
      kind: 'person',
    })
    // counted among the customers at once, as any new customer is
    const value = (await call('GET', '/api/value', admin)).json()
    expect(value.customers).toBe(after.customers)
    const screen = await call('GET', `/api/oops/${row.id}`, admin)
    expect(screen.statusCode).toBe(200)
    expect(screen.json()).toMatchObject({ status: 'closed', owner: { name: 'ada' } })

    const audit = (await call('GET', '/api/workspace/audit?action=oops.imported', admin)).json().events
    expect(audit[0]).toMatchObject({
      actorLabel: 'ada@cases.test',
      details: { fileName: 'complaints_sample.csv', rows: 6623, added: 6623, customersAdded: 6623 },
    })
    expect(JSON.stringify(audit)).not.toContain('XXXX')
  })

  it('adds nothing the second time, and finds the customers it made again', {
    timeout: 180_000,
  }, async () => {
    const before = await counts()
    const again = (await upload(cfpb)).json()
    expect(again).toMatchObject({
      status: 'imported',
      rows: 6623,
      added: 0,
      alreadyPresent: 6623,
      customersAdded: 0,
    })
    expect(await counts()).toEqual(before)
  })

  it('counts the imported cases on the scoreboard as decided and not dazzling', async () => {
    const res = await call('GET', '/api/scoreboard?from=2015-01-01T00:00:00Z&to=2024-12-31T00:00:00Z', admin)
    expect(res.statusCode).toBe(200)
    const board = res.json()
    expect(board.overall).toMatchObject({
      oops: complaints.length,
      decided: complaints.length,
      dazzling: 0,
      dazzlingShare: 0,
      medianHoursToSurprise: null,
      answers: 0,
    })
    expect(board.overall.medianHoursToFix).toBeGreaterThanOrEqual(0)
    expect(board.byOwner).toEqual([expect.objectContaining({ label: 'ada', oops: complaints.length })])
  })

  it('writes nothing on a dry run, with the mapping as the wizard sends it', async () => {
    const before = await counts()
    const file = realRows(40, 'D')
    const mapping = (
      await t.app.inject({
        method: 'POST',
        url: '/api/imports/preview?kind=oops',
        headers: { cookie: admin, ...ORIGIN, 'content-type': 'text/csv' },
        payload: `${file}\n`,
      })
    ).json().mapping
    const q = (m: unknown) => `&fileName=d.csv&mapping=${encodeURIComponent(JSON.stringify(m))}`
    const dry = (await upload(file, `&dryRun=true&keepGoodRows=false${q(mapping)}`)).json()
    expect(dry).toMatchObject({
      id: expect.any(String),
      status: 'dry_run',
      rows: 40,
      added: 40,
      customersAdded: 40,
    })
    expect(dry.mapping).toEqual(mapping)
    expect(await counts()).toEqual(before)

    // a column left out in the wizard: the file is refused as a whole, saying what is missing
    const { 'Date received': _, ...withoutDate } = mapping
    const refused = await upload(file, `&dryRun=true${q(withoutDate)}`)
    expect(refused.statusCode).toBe(422)
    expect(refused.json().error.message).toMatch(/no column for letDownAt/)
  })

  it('changes nothing when one row is bad, and says which row, column and why', async () => {
    const before = await counts()
    const records = realRecords(30, 'B')
    // row 7 of the file (as a spreadsheet counts, narratives over several lines and all): received in the future
    records[6]![0] = '2099/1/1'
    const bad = toCsv(records)
    expect(bad.split('\n').length).toBeGreaterThan(31)
    const res = (await upload(bad, '&fileName=bad.csv')).json()
    expect(res).toMatchObject({ status: 'rejected', rows: 30, added: 0, customersAdded: 0, errorCount: 1 })
    expect(res.errors).toEqual([
      { row: 7, column: 'Date received', reason: '2099/1/1 (let down) is in the future' },
    ])
    expect(await counts()).toEqual(before)
    const report = await call('GET', `/api/imports/${res.id}/errors.csv`, admin)
    expect(report.body).toContain('bad.csv,7,Date received,2099/1/1 (let down) is in the future')

    // the good rows only, when asked
    const partial = (await upload(bad, '&keepGoodRows=true')).json()
    expect(partial).toMatchObject({ status: 'partial', added: 29, customersAdded: 29, errorCount: 1 })
    expect((await counts()).oops).toBe(before.oops + 29)
  })

  it('refuses a file without a case key, duplicate keys, bad dates and unknown owners, by row and column', async () => {
    const noKey = await upload('Issue,Date received\nLate,2020/1/1\n')
    expect(noKey.statusCode).toBe(422)
    expect(noKey.json().error.message).toMatch(/no column for caseKey/)

    const before = await counts()
    const file = [
      'Case ID,Issue,Date received,Owner,Outcome',
      'K-1,Parcel late,2020/1/1,sue@cases.test,Closed',
      'K-1,Parcel late again,2020/1/2,,Closed',
      'K-2,Parcel late,2020/13/1,,Closed',
      'K-3,Parcel late,2020/1/3,nobody@cases.test,Closed',
      'K-4,Parcel late,2020/1/3,,Shrugged',
    ].join('\n')
    const res = (await upload(file)).json()
    expect(res).toMatchObject({ status: 'rejected', errorCount: 4 })
    expect(res.errors).toEqual([
      { row: 3, column: 'Case ID', reason: 'case K-1 is already on row 2' },
      { row: 4, column: 'Date received', reason: expect.stringMatching(/^"2020\/13\/1" is not a date/) },
      { row: 6, column: 'Outcome', reason: expect.stringMatching(/^"Shrugged" is not an outcome/) },
      { row: 5, column: 'Owner', reason: 'no member of this workspace has the email nobody@cases.test' },
    ])
    expect(await counts()).toEqual(before)
  })

  it('reads a generic ticket export: known customers, people, owners, types, and a case still in its window', async () => {
    const harbour = (
      await call('POST', '/api/customers', admin, { name: 'Harbour Wines', externalId: 'C-100' })
    ).json()
    const before = await counts()
    const now = t.clock.now()
    const twoHoursAgo = new Date(now.getTime() - 2 * 3_600_000).toISOString()
    const file = [
      'Ticket ID,Customer ID,Customer,Person,Type,Summary,Details,Let down,Reported,Severity,Owner,Status,Fixed at',
      `T-1,C-100,Harbour Wines,Grace Lee,Late delivery,Case of Pinot arrived a week late,,${twoHoursAgo},,high,sue@cases.test,In progress,`,
      'T-2,C-100,,,,,Charged twice for the December order,2025-12-01,2025-12-02,,,,2025-12-03',
      'T-3,C-900,New Client Ltd,,,Sofa not as described,,2024-02-01T10:00:00Z,2024-02-01T11:00:00Z,low,,Closed,',
    ].join('\n')
    const res = (await upload(file)).json()
    expect(res.errors).toEqual([])
    expect(res).toMatchObject({ status: 'imported', added: 3, customersAdded: 1, peopleAdded: 1 })

    const list = (await call('GET', `/api/oops?state=all&customerId=${harbour.id}`, admin)).json()
    const [t1, t2] = ['T-1', 'T-2'].map((k) =>
      list.oops.find((o: any) => o.description.startsWith(k === 'T-1' ? 'Case of Pinot' : 'Charged twice')),
    )
    expect(t1).toMatchObject({
      type: 'late_delivery',
      severity: 'high',
      status: 'open',
      personName: 'Grace Lee',
      owner: { name: 'sue' },
      clock: { state: 'on_track' },
    })
    expect(t2).toMatchObject({ type: 'billing_mistake', status: 'closed', owner: { name: 'ada' } })
    const t3 = await t.database.db
      .selectFrom('oops as o')
      .innerJoin('customer as c', 'c.id', 'o.customerId')
      .select(['o.type', 'o.status', 'o.fixedAt', 'c.name', 'c.kind'])
      .where('o.sourceKey', '=', 'case:T-3')
      .executeTakeFirstOrThrow()
    expect(t3).toMatchObject({
      type: 'not_as_promised',
      status: 'closed',
      fixedAt: null,
      name: 'New Client Ltd',
      kind: 'organisation',
    })

    // only the open case has reminders, as an OOPS! opened by hand would; still no notification
    const after = await counts()
    const jobs = await t.database.db
      .selectFrom('job')
      .select(['kind', sql<string>`payload->>'oopsId'`.as('oopsId')])
      .where('workspaceId', '=', workspaceId)
      .execute()
    expect(new Set(jobs.map((j) => j.oopsId))).toEqual(new Set([t1.id]))
    expect(jobs.map((j) => j.kind)).toContain('oops.breached')
    expect(after.notifications).toBe(before.notifications)
    expect(after.deliveries).toBe(before.deliveries)
  })

  it('lets only admins import', async () => {
    const refused = await upload(realRows(2, 'S'), '', sales)
    expect(refused.statusCode).toBe(403)
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/imports/preview?kind=oops',
      headers: { cookie: sales, ...ORIGIN, 'content-type': 'text/csv' },
      payload: realRows(2, 'S'),
    })
    expect(preview.statusCode).toBe(403)
    const list = (await call('GET', '/api/imports', admin)).json().imports as any[]
    expect(list.some((r) => r.kind === 'oops' && r.status === 'rejected')).toBe(true)
  })
})
