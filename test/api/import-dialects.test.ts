import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

/**
 * Purchase logs as people have them (issue 15): the CDNOW music retailer's log (runs of spaces,
 * YYYYMMDD, CRLF, no invoice numbers), and small files in each dialect, each imported through
 * the API the wizard uses, with the figures checked against sums computed here from the bytes.
 */

// shipped in the repository, gzipped (test/data/README.md): the first 5,000 lines of CDNOW_master.txt
const CDNOW = gunzipSync(
  readFileSync(path.resolve(import.meta.dirname, '../data/cdnow/CDNOW_master-slice.txt.gz')),
)

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

/** a fresh workspace, so figures are the file's alone */
const workspace = async (name: string) => (await t.admin(`ada@${name}.test`, name)).cookie

const upload = (cookie: string, body: string | Buffer, query: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/imports?${new URLSearchParams({ kind: 'purchases', ...query })}`,
    headers: { cookie, ...ORIGIN, 'content-type': 'text/csv' },
    payload: body,
  })
const preview = (cookie: string, body: string | Buffer, query: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/imports/preview?${new URLSearchParams({ kind: 'purchases', complete: 'true', ...query })}`,
    headers: { cookie, ...ORIGIN, 'content-type': 'text/csv' },
    payload: body,
  })
const value = async (cookie: string) =>
  (await t.app.inject({ url: '/api/value', headers: { cookie } })).json()
const customers = async (cookie: string) =>
  (await t.app.inject({ url: '/api/customers?pageSize=100', headers: { cookie } })).json()

/** revenue per customer, summed in cents, from rows [customer, amount] */
const sums = (rows: Array<[string, number]>) => {
  const by = new Map<string, number>()
  for (const [c, a] of rows) by.set(c, (by.get(c) ?? 0) + Math.round(a * 100))
  const positive = [...by.values()].filter((x) => x > 0)
  return {
    customers: by.size,
    positive: positive.length,
    total: positive.reduce((a, b) => a + b, 0) / 100,
    by,
  }
}

describe('the CDNOW log, as it comes', () => {
  const text = CDNOW.toString('latin1')
  const lines = text.split('\r\n').filter((l) => l.trim())
  const rows = lines.slice(1).map((l) => l.trim().split(/\s+/))
  const expected = sums(rows.map((r) => [String(Number(r[0])) === r[0] ? r[0]! : r[0]!, Number(r[3])]))

  it('is the file the issue describes: CRLF, runs of spaces, YYYYMMDD, no invoice number', () => {
    expect(text.startsWith(' customer_id  date number_of_cds  dollar_value\r\n')).toBe(true)
    expect(rows).toHaveLength(5000)
    expect(rows[0]).toEqual(['00001', '19970101', '1', '11.77'])
  })

  it('previews in the chosen zone and currency, values exactly as stored', async () => {
    const cookie = await workspace('cdnow-preview')
    const p = (
      await preview(cookie, CDNOW.subarray(0, 4096), {
        complete: 'false',
        timezone: 'America/New_York',
        currency: 'USD',
      })
    ).json()
    expect(p.mapping).toEqual({
      customer_id: 'customerExternalId',
      date: 'purchasedAt',
      number_of_cds: 'quantity',
      dollar_value: 'amount',
    })
    expect(p.missing).toEqual([])
    expect(p.labels.invoiceId).toBe('invoice number')
    expect(p.dialect).toMatchObject({ encoding: 'utf-8', delimiter: 'spaces', decimal: '.' })
    expect(p.notes.join(' ')).toMatch(
      /No invoice number column: each customer and time is counted as one order/,
    )
    expect(p.rows[0].stored).toMatchObject({
      customerExternalId: '00001',
      purchasedAt: '1997-01-01 00:00',
      amount: '11.77',
      quantity: 1,
      currency: 'USD',
      invoiceId: '00001 · 1997-01-01 00:00',
    })
    // 12.00 shows as 12.00, not 12; a 1997-04-02 purchase stays on 2 April
    expect(p.rows[1].stored.amount).toBe('12.00')
    const april = p.rows.find((r: { stored: { purchasedAt: string } }) =>
      r.stored.purchasedAt.startsWith('1997-04-02'),
    )
    expect(april.stored.amount).toBe('19.54')
  })

  it('imports with figures equal to sums of the file, names each order by customer and day, and adds nothing twice', {
    timeout: 120_000,
  }, async () => {
    const cookie = await workspace('cdnow')
    const first = (
      await upload(cookie, CDNOW, {
        fileName: 'CDNOW_master.txt',
        currency: 'USD',
        timezone: 'America/New_York',
      })
    ).json()
    expect(first).toMatchObject({
      status: 'imported',
      rows: 5000,
      added: 5000,
      customersAdded: expected.customers,
      errorCount: 0,
      mapping: { dollar_value: 'amount', number_of_cds: 'quantity' },
    })
    expect(first.notes).toEqual([
      'CDNOW_master.txt: read as UTF-8, columns separated by runs of spaces.',
      'No invoice number column: each customer and time is counted as one order.',
    ])
    const v = await value(cookie)
    expect(v).toMatchObject({
      currency: 'USD',
      customers: expected.customers,
      withPositiveRevenue: expected.positive,
    })
    expect(v.totalRevenue).toBeCloseTo(expected.total, 2)
    // the top customer's revenue and orders: lines of the same customer and day are one order
    const [top] = (await customers(cookie)).customers
    const topId = top.externalId as string
    expect(top.value.lifetimeRevenue).toBeCloseTo(expected.by.get(topId)! / 100, 2)
    const days = new Set(rows.filter((r) => r[0] === topId).map((r) => r[1]))
    expect(top.value.orderCount).toBe(days.size)

    const again = (await upload(cookie, CDNOW, { currency: 'USD', timezone: 'America/New_York' })).json()
    expect(again).toMatchObject({ status: 'imported', added: 0, alreadyPresent: 5000, customersAdded: 0 })

    // the next file of this shape is offered the same reading
    const p = (await preview(cookie, CDNOW.subarray(0, 2048), { complete: 'false' })).json()
    expect(p.settings).toEqual({ timezone: 'America/New_York', currency: 'USD', remembered: true })
    expect(p.rows[0].stored.currency).toBe('USD')
  })
})

describe('files in each dialect', () => {
  it('reads a European export: semicolons, decimal commas, thousands points, € signs, dates with dots', async () => {
    const cookie = await workspace('europe')
    const file = [
      'Rechnungsnummer;Kunde;Datum;Menge;Betrag',
      'R-1;K-7;31.01.2026;2;1.234,50 €',
      'R-1;K-7;31.01.2026;1;0,99 €',
      'R-2;K-8;01.02.2026;3;12,00',
    ].join('\r\n')
    const r = (await upload(cookie, file, { currency: 'EUR', timezone: 'Europe/Berlin' })).json()
    expect(r).toMatchObject({ status: 'imported', added: 3, customersAdded: 2 })
    expect(r.notes[0]).toMatch(/semicolons, decimal commas, dates day first/)
    const v = await value(cookie)
    expect(v.totalRevenue).toBeCloseTo(1234.5 + 0.99 + 12, 2)
    const list = (await customers(cookie)).customers
    expect(list.find((c: { externalId: string }) => c.externalId === 'K-7').value).toMatchObject({
      lifetimeRevenue: 1235.49,
      orderCount: 1,
    })
  })

  it('reads UTF-16 with a BOM, tab-separated, as Excel saves "Unicode text"', async () => {
    const cookie = await workspace('utf16')
    const text =
      'Order\tCustomer\tDate\tQty\tPrice\r\nA1\tZoë\t2026-03-01\t2\t9.95\r\nA2\tJürgen\t2026-03-02\t1\t100\r\n'
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const r = (await upload(cookie, le)).json()
    expect(r).toMatchObject({ status: 'imported', added: 2, customersAdded: 2 })
    expect(r.notes[0]).toMatch(/UTF-16 \(little-endian\), columns separated by tabs/)
    const ids = (await customers(cookie)).customers.map((c: { externalId: string }) => c.externalId).sort()
    expect(ids).toEqual(['Jürgen', 'Zoë'])
    expect((await value(cookie)).totalRevenue).toBeCloseTo(2 * 9.95 + 100, 2)

    // big-endian too
    const cookie2 = await workspace('utf16be')
    const be = Buffer.from(le.subarray(2).toString('utf16le'), 'utf16le').swap16()
    const r2 = (await upload(cookie2, Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).json()
    expect(r2).toMatchObject({ status: 'imported', added: 2 })
  })

  it('reads Windows-1252 with £ and é, money with signs and thousands commas', async () => {
    const cookie = await workspace('cp1252')
    const text =
      'Invoice,Client,Date,Quantity,Amount\nF1,Café Rouge,09/12/2025,1,"£1,200.00"\nF2,Café Rouge,25/12/2025,2,£7.50\n'
    const r = (await upload(cookie, Buffer.from(text, 'latin1'))).json()
    expect(r).toMatchObject({ status: 'imported', added: 2, customersAdded: 1 })
    expect(r.notes[0]).toMatch(/Windows-1252.*dates day first/)
    const [c] = (await customers(cookie)).customers
    expect(c).toMatchObject({ externalId: 'Café Rouge', value: { lifetimeRevenue: 1207.5, orderCount: 2 } })
  })

  it('reads pipes, US dates month first and Excel day numbers', async () => {
    const cookie = await workspace('pipes')
    const pipes =
      'order_id|account|purchase_date|units|sales\n1|X|12/25/2025|1|$10.00\n2|X|01/02/2026|1|$5.25\n'
    const r = (await upload(cookie, pipes, { currency: 'USD', timezone: 'America/Chicago' })).json()
    expect(r).toMatchObject({ status: 'imported', added: 2 })
    expect(r.notes[0]).toMatch(/pipes \(\|\), dates month first/)
    const serials = 'Invoice,Customer,Date,Total\nS1,Y,45658,20\nS2,Y,45658.5,30\n'
    const s = (await upload(cookie, serials, { currency: 'USD' })).json()
    expect(s).toMatchObject({ status: 'imported', added: 2 })
    const p = (await preview(cookie, serials, { timezone: 'Europe/London' })).json()
    // 45658 is 2025-01-01 in Excel's count of days; .5 is noon
    expect(p.rows.map((x: { stored: { purchasedAt: string } }) => x.stored.purchasedAt)).toEqual([
      '2025-01-01 00:00',
      '2025-01-01 12:00',
    ])
  })

  it('settles day or month first from the whole column, beyond the first rows', {
    timeout: 60_000,
  }, async () => {
    const cookie = await workspace('late-day')
    // 8,000 lines of dates that read either way, then one that says day first
    const body = ['Invoice,Customer,Date,Amount']
    for (let i = 0; i < 8000; i++) body.push(`I${i},C${i % 50},0${1 + (i % 9)}/0${1 + (i % 3)}/2025,1.00`)
    body.push('Z,C1,25/03/2025,1.00')
    const r = (await upload(cookie, `${body.join('\n')}\n`)).json()
    expect(r).toMatchObject({ status: 'imported', added: 8001 })
    expect(r.notes[0]).toMatch(/dates day first/)
    // the person may say it, too
    const chosen = (
      await preview(cookie, 'Invoice,Customer,Date,Amount\nA,B,03/04/2025,1\n', { dateOrder: 'mdy' })
    ).json()
    expect(chosen.rows[0].stored.purchasedAt).toBe('2025-03-04 00:00')
  })

  it('takes an explicit mapping for the columns it names and detects the rest', async () => {
    const cookie = await workspace('partial-map')
    const file = 'Ref,Who,When,Qty,Line total\nA,Q1,2026-01-01,2,3.00\n'
    const r = (
      await upload(cookie, file, {
        mapping: JSON.stringify({ Ref: 'invoice number', Who: 'customerExternalId' }),
      })
    ).json()
    expect(r).toMatchObject({ status: 'imported', added: 1 })
    expect(r.mapping).toEqual({
      Ref: 'invoiceId',
      Who: 'customerExternalId',
      When: 'purchasedAt',
      Qty: 'quantity',
      'Line total': 'amount',
    })
  })
})

describe('bad input: a message naming the row, the column and what to do, and nothing stored', () => {
  let cookie: string
  beforeAll(async () => {
    cookie = await workspace('bad')
  })
  const refused = async (body: string | Buffer, message: RegExp, query: Record<string, string> = {}) => {
    const res = await upload(cookie, body, query)
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().error.message).toMatch(message)
  }
  afterAll(async () => {
    expect((await value(cookie)).customers).toBe(0)
  })

  it('refuses a binary file, a workbook and a header without rows', async () => {
    await refused(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]),
      /not a text file \(byte 9 is a NUL/,
    )
    await refused(
      Buffer.from('PK\u0003\u0004rest of a zip'),
      /looks like an Excel workbook.*save the sheet as CSV/,
    )
    await refused('Invoice,Customer,Date,Amount\r\n', /has a header line and no rows under it/)
  })

  it('refuses two columns that both look like the line total, naming them and the way out', async () => {
    await refused(
      'Invoice,Customer,Date,Total,Revenue\n1,A,2026-01-01,5,5\n',
      /"Total" and "Revenue" both look like the line total.*--map "Total=line total"/,
    )
    // once told, it imports
    const ok = (
      await upload(cookie, 'Invoice,Customer,Date,Total,Revenue\n1,A,2026-01-01,5,4\n', {
        dryRun: 'true',
        mapping: JSON.stringify({ Revenue: 'amount' }),
      })
    ).json()
    expect(ok).toMatchObject({ status: 'dry_run', errorCount: 0 })
  })

  it('refuses dates that read day first or month first throughout, naming the row and column', async () => {
    await refused(
      'Invoice,Customer,Purchased,Amount\n1,A,03/04/2025,5\n2,A,05/06/2025,5\n',
      /every date in column "Purchased" could be day first or month first \(row 2: 03\/04\/2025\).*--date-order dmy/,
    )
  })

  it('reports ragged rows by row, and dates against the column’s order', async () => {
    const res = (
      await upload(
        cookie,
        'customer date qty amount\n1 19970101 1 2.00\n2 19970102 1\n3 19970103 1 1.00 extra\n',
      )
    ).json()
    expect(res.status).toBe('rejected')
    expect(res.errors.map((e: { row: number; reason: string }) => [e.row, e.reason.slice(0, 40)])).toEqual([
      [3, 'has 3 columns where the header has 4 (a '],
      [4, 'has 5 columns where the header has 4 (a '],
    ])
    expect(res.errors[0].reason).toMatch(/runs of spaces/)
    const mixed = (
      await upload(cookie, 'Invoice,Customer,Date,Amount\n1,A,25/03/2025,5\n2,A,03/25/2025,5\n')
    ).json()
    expect(mixed.errors).toEqual([
      {
        row: 3,
        column: 'Date',
        reason:
          '"03/25/2025" cannot be read day first (DD/MM/YYYY) as the rest of this column is: correct it, or choose the date order',
      },
    ])
  })

  it('keeps a dry run’s error report, so its link works', async () => {
    const dry = (
      await upload(cookie, 'Invoice,Customer,Date,Amount\n1,A,2026-01-01,five\n2,A,2026-13-01,1\n', {
        dryRun: 'true',
        fileName: 'try.csv',
      })
    ).json()
    expect(dry).toMatchObject({ status: 'dry_run', errorCount: 2, id: expect.any(String) })
    const report = await t.app.inject({ url: `/api/imports/${dry.id}/errors.csv`, headers: { cookie } })
    expect(report.statusCode).toBe(200)
    expect(report.body).toContain('try.csv,2,Amount,"the line total ""five"" is not a number"')
    expect(report.body).toContain('try.csv,3,Date,')
    const list = (await t.app.inject({ url: '/api/imports', headers: { cookie } })).json()
    expect(list.imports[0]).toMatchObject({ id: dry.id, status: 'dry_run' })
  })

  it('names missing fields as people read them, and a one-column file with what to try', async () => {
    await refused('Invoice,Qty\n1,2\n', /no column for the date, the customer id and the line total/)
    await refused('a;b\n1;2\n', /no column for the date/)
    await refused('Total\n1\n', /only one column.*--delimiter/)
  })
})
