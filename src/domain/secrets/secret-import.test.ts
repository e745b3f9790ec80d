import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  detectSecretMapping,
  parseSecretDate,
  parseSecretRow,
  resolveCategory,
  type SecretField,
  secretRowIdentity,
} from './secret-import.ts'
import { BUILTIN_CATEGORIES } from './taxonomy.ts'

const now = new Date('2026-11-24T12:00:00Z')
const ctx = { categories: BUILTIN_CATEGORIES, now, headerOf: (f: SecretField) => `<${f}>` }
const good = {
  customerKey: '17850.0',
  personName: '  Grace   Lee ',
  category: 'Lifestyle choice',
  text: '  Only drinks red Burgundy  ',
  recordedBy: 'Sam@Example.COM',
  recordedAt: '14/03/2026',
}

describe('reading a secrets file', () => {
  it('detects the columns of a typical export', () => {
    expect(
      detectSecretMapping([
        'Customer ID',
        'Contact',
        'Category',
        'What we heard',
        'Recorded by',
        'Date',
        'Notes',
      ]),
    ).toEqual({
      'Customer ID': 'customerKey',
      Contact: 'personName',
      Category: 'category',
      'What we heard': 'text',
      'Recorded by': 'recordedBy',
      Date: 'recordedAt',
    })
  })

  it('reads a good row: ids as the retail data writes them, names and emails tidied, text as heard', () => {
    const r = parseSecretRow(good, ctx)
    expect(r).toEqual({
      kind: 'row',
      row: {
        customerKey: '17850',
        personName: 'Grace Lee',
        category: 'lifestyle_choice',
        text: 'Only drinks red Burgundy',
        recordedBy: 'sam@example.com',
        recordedAt: new Date('2026-03-14T12:00:00Z'),
        layer: 'secret',
        certainty: 'heard',
      },
    })
  })

  it('finds a category by key or label, in any case and spacing', () => {
    for (const raw of ['family_priority', 'Family priority', 'FAMILY-PRIORITY', ' family   priority ']) {
      expect(resolveCategory(raw, BUILTIN_CATEGORIES)?.key).toBe('family_priority')
    }
    expect(resolveCategory('Cash-flow / margin challenges', BUILTIN_CATEGORIES)?.key).toBe('cash_flow_margin')
    expect(resolveCategory('Favourite wine', BUILTIN_CATEGORIES)).toBeNull()
  })

  it('says which column is wrong and why', () => {
    const r = parseSecretRow(
      {
        customerKey: ' ',
        category: 'Wine',
        text: '',
        recordedBy: 'sam at example',
        recordedAt: '2026-13-01',
        layer: 'want',
        certainty: 'maybe',
      },
      ctx,
    )
    expect(r.kind).toBe('error')
    if (r.kind !== 'error') return
    expect(r.problems.map((p) => p.column)).toEqual([
      '<customerKey>',
      '<category>',
      '<text>',
      '<recordedBy>',
      '<recordedAt>',
      '<layer>',
      '<certainty>',
    ])
    expect(r.problems[1]!.reason).toMatch(/^there is no category "Wine"; use a key or label such as "Habit"/)
  })

  it('refuses text longer than a secret, dates in the future, and accepts layer and certainty words', () => {
    const long = parseSecretRow({ ...good, text: 'x'.repeat(2001) }, ctx)
    expect(long.kind === 'error' && long.problems[0]!.reason).toMatch(/2,001 characters/)
    const future = parseSecretRow({ ...good, recordedAt: '2027-01-01' }, ctx)
    expect(future.kind === 'error' && future.problems[0]!.reason).toBe('2027-01-01 is in the future')
    const words = parseSecretRow({ ...good, layer: 'Need', certainty: 'second-hand' }, ctx)
    expect(words.kind === 'row' && [words.row.layer, words.row.certainty]).toEqual(['need', 'second_hand'])
  })

  it('keeps markup and quotes as text, drops control characters', () => {
    const r = parseSecretRow({ ...good, text: '<b onclick="x()">Loves "jazz"</b>\u0000\u001b' }, ctx)
    expect(r.kind === 'row' && r.row.text).toBe('<b onclick="x()">Loves "jazz"</b>')
    const empty = parseSecretRow({ ...good, text: '\u0000\u0007' }, ctx)
    expect(empty.kind).toBe('error')
  })

  it('reads ISO and day-first dates, and refuses impossible ones', () => {
    expect(parseSecretDate('2026-03-14')).toEqual(new Date('2026-03-14T12:00:00Z'))
    expect(parseSecretDate('14/03/2026')).toEqual(new Date('2026-03-14T12:00:00Z'))
    expect(parseSecretDate('4.3.2026')).toEqual(new Date('2026-03-04T12:00:00Z'))
    expect(parseSecretDate('2026-03-14T09:30:00+01:00')).toEqual(new Date('2026-03-14T08:30:00Z'))
    expect(parseSecretDate('2026-03-14 09:30')).toEqual(new Date('2026-03-14T09:30:00Z'))
    for (const bad of ['31/02/2026', '2026-02-30', '03/14/2026', 'yesterday', '14 March 2026', '']) {
      expect(parseSecretDate(bad), bad).toBeNull()
    }
  })

  it('reads any date it writes, both ways', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10)
          const [y, m, day] = iso.split('-')
          const expected = new Date(`${iso}T12:00:00Z`)
          expect(parseSecretDate(iso)).toEqual(expected)
          expect(parseSecretDate(`${day}/${m}/${y}`)).toEqual(expected)
        },
      ),
    )
  })

  it('never throws, whatever the cells hold', () => {
    // any character of the basic plane, with the ones that matter to a CSV, a date or a database often
    const unit = fc.oneof(
      fc.constantFrom('\u0000', '\u0007', '\n', '"', ',', '/', '.', '-', '@', ' ', '<', '>', '1', '2', '9'),
      fc.integer({ min: 0, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
    )
    const cell = fc.string({ unit, maxLength: 60 })
    fc.assert(
      fc.property(
        fc.record({ customerKey: cell, category: cell, text: cell, recordedBy: cell, recordedAt: cell }),
        (v) => {
          const r = parseSecretRow(v, ctx)
          // a row, or reasons; and never a NUL PostgreSQL would refuse
          return r.kind === 'error' || (r.kind === 'row' && !r.row.text.includes('\u0000'))
        },
      ),
    )
    // generous: a busy machine can stall a worker for seconds; the property itself takes milliseconds
  }, 30_000)

  it('gives the same identity to the same secret however the row is spelled', () => {
    const a = parseSecretRow(good, ctx)
    const b = parseSecretRow(
      {
        customerKey: '17850',
        personName: 'grace lee',
        category: 'LIFESTYLE_CHOICE',
        text: 'Only  drinks red burgundy',
        recordedBy: 'sam@example.com',
        recordedAt: '2026-03-14',
      },
      ctx,
    )
    const c = parseSecretRow({ ...good, text: 'Only drinks white Burgundy' }, ctx)
    if (a.kind !== 'row' || b.kind !== 'row' || c.kind !== 'row') throw new Error('rows expected')
    expect(secretRowIdentity(a.row, 'cust-1')).toBe(secretRowIdentity(b.row, 'cust-1'))
    expect(secretRowIdentity(a.row, 'cust-1')).not.toBe(secretRowIdentity(c.row, 'cust-1'))
    expect(secretRowIdentity(a.row, 'cust-1')).not.toBe(secretRowIdentity(a.row, 'cust-2'))
  })
})
