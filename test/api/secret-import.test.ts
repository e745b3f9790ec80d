import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
let admin: string
let sales: string
let harbour: { id: string }
let kestrel: { id: string }
let ann: { id: string }
beforeAll(async () => {
  t = await buildTestApp()
  admin = (await t.admin('ada@import.test', 'Import Co')).cookie
  sales = await t.member(admin, 'sam@import.test', 'sales')
  harbour = (
    await call('POST', '/api/customers', admin, { name: 'Harbour Wines', externalId: 'C-100' })
  ).json()
  kestrel = (
    await call('POST', '/api/customers', admin, { name: 'Kestrel Home', externalId: 'C-200' })
  ).json()
  ann = (
    await call('POST', '/api/customers', admin, { name: 'Ann Lee', kind: 'person', externalId: 'P-1' })
  ).json()
  await call('POST', `/api/customers/${harbour.id}/people`, admin, { name: 'Grace Lee', title: 'Buyer' })
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
const upload = (cookie: string, body: string | Buffer, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `/api/imports?kind=secrets${query}`,
    headers: { cookie, ...ORIGIN, 'content-type': 'text/csv' },
    payload: body,
  })
const secretsOf = async (id: string) =>
  (await call('GET', `/api/customers/${id}/secrets?status=all`, admin)).json().secrets as any[]

const HEADER = 'Customer,Person,Category,Text,Recorded by,Date'
const FILE = [
  HEADER,
  'C-100,Grace Lee,Lifestyle choice,"Only drinks red Burgundy, never white",sam@import.test,14/03/2026',
  'C-100,Tom Reed,recreation_preference,Sails every weekend,SAM@import.test,2026-03-15',
  'Kestrel Home,,Inventory problems,Warehouse keeps running out of stock before Christmas,,2026-02-01',
  'P-1,,Dream,Wants to see the northern lights,ada@import.test,',
].join('\n')

describe('importing secrets', () => {
  it('previews the detected mapping and the rows as they will be stored, new people marked, without storing anything', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports/preview?kind=secrets',
      headers: { cookie: admin, ...ORIGIN, 'content-type': 'text/csv' },
      // the wizard sends the head of the file cut after its last whole line
      payload: `${FILE}\n`,
    })
    expect(res.statusCode).toBe(200)
    const p = res.json()
    expect(p.mapping).toEqual({
      Customer: 'customerKey',
      Person: 'personName',
      Category: 'category',
      Text: 'text',
      'Recorded by': 'recordedBy',
      Date: 'recordedAt',
    })
    expect(p.missing).toEqual([])
    expect(p.rows[0]).toMatchObject({
      row: 2,
      error: null,
      stored: {
        customer: 'Harbour Wines (C-100)',
        person: 'Grace Lee',
        category: 'Lifestyle choice',
        recordedBy: 'sam',
        recordedAt: '2026-03-14',
        certainty: 'Heard directly',
      },
    })
    expect(p.rows[1].stored.person).toBe('Tom Reed (new: will be added)')
    expect(p.rows[2].stored).toMatchObject({
      customer: 'Kestrel Home (C-200)',
      person: null,
      recordedBy: 'ada',
    })
    expect(p.rows[3].stored).toMatchObject({ customer: 'Ann Lee (P-1)', recordedAt: 'when imported' })
    const people = (await call('GET', `/api/customers/${harbour.id}`, admin)).json().people
    expect(people.map((x: any) => x.name)).toEqual(['Grace Lee'])
  })

  it('imports every row, adds the people it names, attributes recorders, and adds nothing the second time', async () => {
    const first = await upload(admin, FILE, '&fileName=secrets.csv')
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({
      kind: 'secrets',
      status: 'imported',
      rows: 4,
      added: 4,
      alreadyPresent: 0,
      peopleAdded: 1,
      errorCount: 0,
    })
    const h = await secretsOf(harbour.id)
    expect(h).toHaveLength(2)
    expect(h.find((s) => s.category === 'lifestyle_choice')).toMatchObject({
      text: 'Only drinks red Burgundy, never white',
      personName: 'Grace Lee',
      recordedByName: 'sam',
      recordedAt: '2026-03-14T12:00:00.000Z',
      certainty: 'heard',
      status: 'active',
    })
    expect(h.find((s) => s.category === 'recreation_preference')).toMatchObject({ personName: 'Tom Reed' })
    // no recorder named: the importer
    expect((await secretsOf(kestrel.id))[0]).toMatchObject({
      category: 'inventory_problems',
      personId: null,
      recordedByName: 'ada',
    })

    const second = (await upload(admin, FILE)).json()
    expect(second).toMatchObject({ status: 'imported', added: 0, alreadyPresent: 4, peopleAdded: 0 })
    // the same rows spelled differently (name for id, label case, another date format, spaces) are the same secrets
    const respelled = [
      'customer key,PERSON,category,text,recorded by,date',
      'harbour wines, grace lee ,LIFESTYLE_CHOICE,"Only drinks red  Burgundy, never white",sam@import.test,2026-03-14',
    ].join('\n')
    expect((await upload(admin, respelled)).json()).toMatchObject({ added: 0, alreadyPresent: 1 })
    expect(await secretsOf(harbour.id)).toHaveLength(2)
    expect((await call('GET', `/api/customers/${harbour.id}`, admin)).json().people).toHaveLength(2)
  })

  it('rejects a file with bad rows as a whole, saying row, column and reason, and stores nothing', async () => {
    const before = (await secretsOf(harbour.id)).length
    const bad = [
      HEADER,
      'C-100,Nina Park,Hope,Hopes to open a second shop,sam@import.test,2026-01-10', // good, new person
      'C-100,Grace Lee,Favourite wine,Likes Malbec,sam@import.test,2026-01-10',
      'C-999,,Habit,Walks to work,,2026-01-10',
      'C-100,Grace Lee,Habit,Walks to work,nobody@import.test,2026-01-10',
      'C-100,Grace Lee,Habit,Walks to work,sam@import.test,31/02/2026',
      'C-100,Grace Lee,Habit,,sam@import.test,2026-01-10',
      `C-100,Grace Lee,Habit,${'x'.repeat(2001)},sam@import.test,2026-01-10`,
      'C-100,Grace Lee,Health,Has diabetes,sam@import.test,2026-01-10',
      'C-100,Grace Lee,Inventory problems,Shelves are empty,sam@import.test,2026-01-10',
      'C-100,Grace Lee,Habit,Walks to work,sam@import.test,2099-01-01',
    ].join('\n')
    const res = (await upload(admin, bad, '&fileName=bad.csv')).json()
    expect(res).toMatchObject({ status: 'rejected', added: 0, peopleAdded: 0, errorCount: 9 })
    expect(res.errors).toEqual([
      { row: 3, column: 'Category', reason: expect.stringMatching(/^there is no category "Favourite wine"/) },
      { row: 4, column: 'Customer', reason: 'no customer has the external id or name "C-999"' },
      {
        row: 5,
        column: 'Recorded by',
        reason: 'no member of this workspace has the email nobody@import.test',
      },
      { row: 6, column: 'Date', reason: '"31/02/2026" is not a date: use 2026-03-14 or 14/03/2026' },
      { row: 7, column: 'Text', reason: 'the text is empty: write what was heard' },
      { row: 8, column: 'Text', reason: expect.stringMatching(/2,001 characters; a secret is at most 2000/) },
      { row: 9, column: 'Category', reason: expect.stringMatching(/special category of personal data/) },
      { row: 10, column: 'Category', reason: expect.stringMatching(/is about an organisation/) },
      { row: 11, column: 'Date', reason: '2099-01-01 is in the future' },
    ])
    expect(await secretsOf(harbour.id)).toHaveLength(before)
    const people = (await call('GET', `/api/customers/${harbour.id}`, admin)).json().people
    expect(people.map((x: any) => x.name)).not.toContain('Nina Park')

    const report = await call('GET', `/api/imports/${res.id}/errors.csv`, admin)
    expect(report.statusCode).toBe(200)
    expect(report.body.split('\n')[0]).toBe('file,row,column,reason')
    expect(report.body).toContain('bad.csv,4,Customer,"no customer has the external id or name ""C-999"""')

    // a dry run says what would happen and writes nothing; then the good rows only
    const dry = (await upload(admin, bad, '&dryRun=true&keepGoodRows=true')).json()
    expect(dry).toMatchObject({ id: expect.any(String), status: 'dry_run', added: 1, peopleAdded: 1 })
    expect(await secretsOf(harbour.id)).toHaveLength(before)
    const partial = (await upload(admin, bad, '&keepGoodRows=true')).json()
    expect(partial).toMatchObject({ status: 'partial', added: 1, peopleAdded: 1, errorCount: 9 })
    expect(await secretsOf(harbour.id)).toHaveLength(before + 1)
  })

  it('holds a sensitive category only where the workspace allows it and the customer consented', async () => {
    const row = `${HEADER}\nP-1,,health,Is allergic to shellfish,,2026-01-10`
    expect((await upload(admin, row)).json().errors[0].reason).toMatch(/does not record it/)
    await call('PATCH', '/api/secrets/settings', admin, { sensitiveCategories: true })
    expect((await upload(admin, row)).json().errors[0].reason).toMatch(/record the customer's consent first/)
    await call('PUT', `/api/customers/${ann.id}/consent`, admin, { consented: true })
    expect((await upload(admin, row)).json()).toMatchObject({ status: 'imported', added: 1 })
    await call('PATCH', '/api/secrets/settings', admin, { sensitiveCategories: false })
  })

  it('stores hostile text as text, drops control characters, and fills what the words stand for', async () => {
    const original = t.deps.concepts
    t.deps.concepts = { expand: async (text) => (/burgundy|claret/i.test(text) ? 'wine alcohol' : '') }
    try {
      const text =
        '<script>alert("x")</script> =HYPERLINK("http://evil") \'; drop table secret; -- likes claret'
      const file = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(
          `${HEADER}\nC-100,Grace Lee,Lifestyle choice,"${text.replaceAll('"', '""')}\u0000\u0007",,2026-01-02\n`,
        ),
      ])
      const res = (await upload(admin, file)).json()
      expect(res.errors).toEqual([])
      expect(res).toMatchObject({ status: 'imported', added: 1 })
      const stored = (await secretsOf(harbour.id)).find((s) => s.text.startsWith('<script>'))
      expect(stored.text).toBe(text)
      const row = await t.database.db
        .selectFrom('secret')
        .select('concepts')
        .where('id', '=', stored.id)
        .executeTakeFirstOrThrow()
      expect(row.concepts).toBe('wine alcohol')
    } finally {
      t.deps.concepts = original
    }
  })

  it('explains files it cannot read, and keeps other workspaces’ customers out of reach', async () => {
    const missing = await upload(admin, 'Customer,Person\nC-100,Grace')
    expect(missing.statusCode).toBe(422)
    expect(missing.json().error.message).toMatch(/no column for category, text/)
    const badMap = await upload(
      admin,
      FILE,
      `&mapping=${encodeURIComponent(JSON.stringify({ Customer: 'who' }))}`,
    )
    expect(badMap.statusCode).toBe(422)
    expect(badMap.json().error.message).toMatch(/"who" is not a field of a secret/)
    const half = (await upload(admin, `${HEADER}\nC-100,Grace Lee,Habit`)).json()
    expect(half.errors[0]).toMatchObject({ row: 2, reason: expect.stringMatching(/has 3 columns/) })

    const other = await t.admin('eve@other.test', 'Other')
    await call('POST', '/api/customers', other.cookie, { name: 'Secret Client', externalId: 'X-1' })
    const cross = (await upload(admin, `${HEADER}\nX-1,,Habit,Walks to work,,2026-01-10`)).json()
    expect(cross.errors[0].reason).toBe('no customer has the external id or name "X-1"')
    const theirs = (await upload(other.cookie, `${HEADER}\nC-100,,Habit,Walks to work,,2026-01-10`)).json()
    expect(theirs.errors[0].reason).toBe('no customer has the external id or name "C-100"')
  })

  it('lets only admins import, and audits an import by counts without any text', async () => {
    const refused = await upload(sales, FILE)
    expect(refused.statusCode).toBe(403)
    const audit = (await call('GET', '/api/workspace/audit?limit=100', admin)).json().events as any[]
    const imported = audit.filter((e) => e.action === 'secrets.imported')
    expect(imported.length).toBeGreaterThanOrEqual(3)
    expect(imported.at(-1)).toMatchObject({
      actorLabel: 'ada@import.test',
      details: { fileName: 'secrets.csv', rows: 4, added: 4, peopleAdded: 1, errorCount: 0 },
    })
    expect(JSON.stringify(audit)).not.toMatch(/Burgundy|northern lights|claret|Sails/)
    const list = (await call('GET', '/api/imports', admin)).json().imports as any[]
    expect(list.some((r) => r.kind === 'secrets' && r.status === 'rejected')).toBe(true)
  })
})
