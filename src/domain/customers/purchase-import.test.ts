import { describe, expect, it } from 'vitest'
import {
  detectPurchaseMapping,
  fieldFromName,
  fieldList,
  mergeMapping,
  moneyLookalikes,
  normaliseExternalId,
  type PurchaseLine,
  parsePurchaseRow,
  purchaseLineKeys,
} from './purchase-import.ts'
import { parseTimestamp } from './zoned-time.ts'

const opts = {
  timezone: 'Europe/London',
  currency: 'GBP',
  now: new Date('2026-11-24T00:00:00Z'),
  headerOf: (f: string) => f,
}
const row = {
  invoiceId: '536365',
  productCode: '85123A',
  description: 'WHITE HANGING HEART T-LIGHT HOLDER',
  quantity: '6',
  purchasedAt: '2010-12-01 08:26:00',
  unitPrice: '2.55',
  customerExternalId: '17850.0',
  country: 'United Kingdom',
}

describe('purchase rows', () => {
  it('maps the retail file’s headers automatically', () => {
    const headers = [
      'InvoiceNo',
      'StockCode',
      'Description',
      'Quantity',
      'InvoiceDate',
      'UnitPrice',
      'CustomerID',
      'Country',
    ]
    expect(detectPurchaseMapping(headers)).toEqual({
      InvoiceNo: 'invoiceId',
      StockCode: 'productCode',
      Description: 'description',
      Quantity: 'quantity',
      InvoiceDate: 'purchasedAt',
      UnitPrice: 'unitPrice',
      CustomerID: 'customerExternalId',
      Country: 'country',
    })
  })

  it('reads a line: float-formatted id, amount = quantity × price, UK time to the instant', () => {
    const r = parsePurchaseRow(row, opts)
    expect(r).toMatchObject({
      kind: 'line',
      line: {
        customerExternalId: '17850',
        amount: 15.3,
        currency: 'GBP',
        isCancellation: false,
        isProduct: true,
      },
    })
    if (r.kind === 'line') expect(r.line.purchasedAt.toISOString()).toBe('2010-12-01T08:26:00.000Z')
  })

  it('reads British summer time as one hour ahead of UTC', () => {
    expect(parseTimestamp('2011-07-01 10:00:00', 'Europe/London')!.toISOString()).toBe(
      '2011-07-01T09:00:00.000Z',
    )
    expect(parseTimestamp('2011-07-01T10:00:00Z', 'Europe/London')!.toISOString()).toBe(
      '2011-07-01T10:00:00.000Z',
    )
    expect(parseTimestamp('2011-02-30 10:00', 'Europe/London')).toBeNull()
  })

  it('counts a row without a customer instead of refusing it', () => {
    expect(parsePurchaseRow({ ...row, customerExternalId: '' }, opts)).toEqual({ kind: 'no_customer' })
  })

  it('marks cancellations and non-product lines', () => {
    const c = parsePurchaseRow({ ...row, invoiceId: 'C536379', quantity: '-1', productCode: 'D' }, opts)
    expect(c).toMatchObject({ kind: 'line', line: { isCancellation: true, isProduct: false, amount: -2.55 } })
    const post = parsePurchaseRow({ ...row, productCode: 'POST' }, opts)
    expect(post).toMatchObject({ line: { isProduct: false } })
  })

  it('names the column and the reason for each problem', () => {
    const r = parsePurchaseRow({ ...row, quantity: 'six', purchasedAt: '2031-01-01 00:00:00' }, opts)
    expect(r).toEqual({
      kind: 'error',
      problems: [
        { column: 'quantity', reason: 'the quantity "six" is not a number' },
        { column: 'purchasedAt', reason: 'the date 2031-01-01 00:00:00 is in the future' },
      ],
    })
    const neg = parsePurchaseRow({ ...row, quantity: '-3' }, opts)
    expect(neg).toMatchObject({ kind: 'error', problems: [{ column: 'quantity' }] })
  })

  it('keeps non-float ids as written', () => {
    expect(normaliseExternalId(' AB-12.5 ')).toBe('AB-12.5')
    expect(normaliseExternalId('12345.00')).toBe('12345')
  })

  it('tells identical lines of one invoice apart by their place, and starts again with the next invoice', () => {
    const digested: string[] = []
    const keyOf = purchaseLineKeys((text) => {
      digested.push(text)
      return `digest-${digested.length}-of-its-content`
    })
    const line = (parsePurchaseRow(row, opts) as { line: PurchaseLine }).line
    const at = line.purchasedAt.toISOString()
    expect(keyOf(line, at)).toBe('536365|digest-1-of-its-|1')
    // the format already on file: changing it would make a second import add everything again
    expect(digested[0]).toBe('17850|2010-12-01T08:26:00.000Z|85123A|6|2.55|15.3|GBP')
    expect(keyOf(line, at)).toBe('536365|digest-2-of-its-|2')
    expect(keyOf({ ...line, quantity: 7, amount: 17.85 }, at)).toMatch(/\|1$/)
    expect(keyOf({ ...line, invoiceId: '536366' }, at)).toMatch(/^536366\|.*\|1$/)
  })
})

describe('mapping what a file means', () => {
  it('knows the synonyms people write, CDNOW’s included', () => {
    expect(detectPurchaseMapping(['customer_id', 'date', 'number_of_cds', 'dollar_value'])).toEqual({
      customer_id: 'customerExternalId',
      date: 'purchasedAt',
      number_of_cds: 'quantity',
      dollar_value: 'amount',
    })
    expect(detectPurchaseMapping(['Client', 'Order date', 'Units', 'Sales', 'Receipt no'])).toEqual({
      Client: 'customerExternalId',
      'Order date': 'purchasedAt',
      Units: 'quantity',
      Sales: 'amount',
      'Receipt no': 'invoiceId',
    })
    expect(detectPurchaseMapping(['Account', 'Total_EUR', 'Qty'])).toMatchObject({
      Account: 'customerExternalId',
      Total_EUR: 'amount',
    })
  })

  it('places an explicit mapping over what is detected, only for what it names', () => {
    const headers = ['Ref', 'Who', 'date', 'qty', 'revenue', 'notes']
    expect(
      mergeMapping(headers, { Ref: 'invoice number', Who: 'customerExternalId', revenue: 'ignore' }),
    ).toEqual({
      mapping: { date: 'purchasedAt', qty: 'quantity', Ref: 'invoiceId', Who: 'customerExternalId' },
      unknown: [],
    })
    // a field given to another column is taken from the one detected for it
    expect(mergeMapping(['date', 'when'], { when: 'purchasedAt' }).mapping).toEqual({ when: 'purchasedAt' })
    expect(mergeMapping(['a'], { a: 'colour' }).unknown).toEqual([['a', 'colour']])
    expect(fieldFromName('line total')).toBe('amount')
  })

  it('asks which of two money-looking columns holds the figure', () => {
    expect(moneyLookalikes(['Total', 'Revenue', 'Price'], new Set())).toEqual([
      { field: 'amount', headers: ['Total', 'Revenue'] },
    ])
    expect(moneyLookalikes(['Total', 'Revenue'], new Set(['Revenue']))).toEqual([])
  })

  it('names fields as people read them', () => {
    expect(fieldList(['invoiceId', 'purchasedAt', 'customerExternalId'])).toBe(
      'the invoice number, the date and the customer id',
    )
  })
})

describe('a log without invoice numbers', () => {
  const log = { ...opts, timezone: 'America/New_York', currency: 'USD', noInvoiceColumn: true }
  it('makes each customer and time one order, and reads a line total without a unit price', () => {
    const r = parsePurchaseRow(
      { customerExternalId: '00002', purchasedAt: '19970112', quantity: '5', amount: '77.00' },
      log,
    )
    expect(r).toMatchObject({
      kind: 'line',
      line: {
        invoiceId: '00002 · 1997-01-12 00:00',
        quantity: 5,
        amount: 77,
        unitPrice: 15.4,
        isCancellation: false,
      },
    })
    const refund = parsePurchaseRow({ customerExternalId: 'C9', purchasedAt: '19970112', amount: '-5' }, log)
    // "C9" is a customer, not a cancelled invoice; a negative total is a return
    expect(refund).toMatchObject({ kind: 'line', line: { isCancellation: true, amount: -5, quantity: 1 } })
  })

  it('says why a date is refused, and what to do', () => {
    const r = parsePurchaseRow({ customerExternalId: '1', purchasedAt: '03/04/2021', amount: '1' }, log)
    expect(r).toEqual({
      kind: 'error',
      problems: [
        {
          column: 'purchasedAt',
          reason: '"03/04/2021" could be day first or month first: choose the date order',
        },
      ],
    })
  })
})
