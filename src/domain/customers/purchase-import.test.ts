import { describe, expect, it } from 'vitest'
import {
  detectPurchaseMapping,
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
