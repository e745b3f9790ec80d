import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  caseCustomer,
  classifyOopsType,
  detectOopsMapping,
  type OopsField,
  parseCaseDate,
  parseOopsRow,
  readOutcome,
  settleImportedCase,
} from './oops-import.ts'

const now = new Date('2026-11-24T09:00:00Z')
const ctx = { now, headerOf: (f: OopsField) => `<${f}>` }
const CFPB_HEADER = [
  'Date received',
  'Product',
  'Sub-product',
  'Issue',
  'Sub-issue',
  'Consumer complaint narrative',
  'Company public response',
  'Company',
  'State',
  'ZIP code',
  'Tags',
  'Consumer consent provided?',
  'Submitted via',
  'Date sent to company',
  'Company response to consumer',
  'Timely response?',
  'Consumer disputed?',
  'Complaint ID',
]
const cfpb = {
  caseKey: '3384392',
  letDownAt: '2019/9/24',
  reportedAt: '2019/9/25',
  segment: 'Debt collection',
  description: 'Attempts to collect debt not owed',
  detail: 'Debt is not yours',
  narrative: '  XXXX is trying to collect a debt that is not mine.\n\nIt is inaccurate.  ',
  region: 'FL',
  outcome: 'Closed with monetary relief',
  disputed: 'N/A',
}

describe('reading a file of past OOPS! cases', () => {
  it('recognises the CFPB export and leaves the company complained about unmapped', () => {
    expect(detectOopsMapping(CFPB_HEADER)).toEqual({
      'Date received': 'letDownAt',
      Product: 'segment',
      Issue: 'description',
      'Sub-issue': 'detail',
      'Consumer complaint narrative': 'narrative',
      State: 'region',
      'Date sent to company': 'reportedAt',
      'Company response to consumer': 'outcome',
      'Consumer disputed?': 'disputed',
      'Complaint ID': 'caseKey',
    })
    expect(detectOopsMapping(['Ticket ID', 'Customer ID', 'Customer', 'Type', 'Owner', 'Fixed at'])).toEqual({
      'Ticket ID': 'caseKey',
      'Customer ID': 'customerExternalId',
      Customer: 'customerName',
      Type: 'type',
      Owner: 'ownerEmail',
      'Fixed at': 'fixedAt',
    })
  })

  it('joins the headline, detail and narrative into one description, the narrative as written', () => {
    const r = parseOopsRow(cfpb, ctx)
    expect(r.kind).toBe('row')
    if (r.kind !== 'row') return
    expect(r.row).toMatchObject({
      caseKey: '3384392',
      customerExternalId: null,
      customerName: null,
      description:
        'Attempts to collect debt not owed — Debt is not yours\n\nXXXX is trying to collect a debt that is not mine.\n\nIt is inaccurate.',
      letDownAt: new Date('2019-09-24T12:00:00Z'),
      reportedAt: new Date('2019-09-25T12:00:00Z'),
      severity: 'medium',
      segment: 'Debt collection',
      region: 'FL',
      outcome: 'fixed',
      feedbackFixed: null,
      type: 'other',
      typeFromText: true,
    })
  })

  it('accepts cases years back, reported when let down unless it says otherwise', () => {
    const r = parseOopsRow({ caseKey: '1', description: 'x', letDownAt: '2012-01-05' }, ctx)
    expect(r).toMatchObject({
      kind: 'row',
      row: { letDownAt: new Date('2012-01-05T12:00:00Z'), reportedAt: new Date('2012-01-05T12:00:00Z') },
    })
  })

  it('refuses future dates, non-dates, empty keys and descriptions, unknown types and outcomes, by column', () => {
    const r = parseOopsRow(
      {
        caseKey: ' ',
        description: '',
        letDownAt: '2027/1/1',
        reportedAt: '2019/2/30',
        type: 'Disaster',
        outcome: 'Maybe later',
        disputed: 'perhaps',
        severity: 'apocalyptic',
        ownerEmail: 'sam at acme',
      },
      ctx,
    )
    expect(r.kind).toBe('error')
    if (r.kind !== 'error') return
    expect(r.problems.map((p) => p.column)).toEqual([
      '<caseKey>',
      '<description>',
      '<type>',
      '<severity>',
      '<ownerEmail>',
      '<letDownAt>',
      '<reportedAt>',
      '<outcome>',
      '<disputed>',
    ])
    expect(r.problems.find((p) => p.column === '<letDownAt>')?.reason).toBe(
      '2027/1/1 (let down) is in the future',
    )
    expect(r.problems.find((p) => p.column === '<reportedAt>')?.reason).toMatch(/"2019\/2\/30" is not a date/)
  })

  it('refuses a case reported, fixed or closed before it happened', () => {
    const r = parseOopsRow(
      {
        caseKey: '9',
        description: 'x',
        letDownAt: '2020-05-10',
        reportedAt: '2020-05-09',
        fixedAt: '2020-05-01',
      },
      ctx,
    )
    expect(r.kind === 'error' && r.problems.map((p) => p.column)).toEqual(['<reportedAt>', '<fixedAt>'])
  })

  it('takes today, given as a bare date, as now rather than noon to come', () => {
    const r = parseOopsRow({ caseKey: '1', description: 'x', letDownAt: '2026-11-24' }, ctx)
    expect(r).toMatchObject({ kind: 'row', row: { letDownAt: now } })
  })

  it('reads a given type by key or label, and the disputed flag as the customer’s verdict on the fix', () => {
    const given = parseOopsRow({ ...cfpb, type: 'Late delivery', disputed: 'Yes' }, ctx)
    expect(given).toMatchObject({
      kind: 'row',
      row: { type: 'late_delivery', typeFromText: false, feedbackFixed: false },
    })
    expect(parseOopsRow({ ...cfpb, type: 'billing_mistake', disputed: 'No' }, ctx)).toMatchObject({
      row: { type: 'billing_mistake', feedbackFixed: true },
    })
  })

  it('never throws on any input', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...Object.keys(cfpb), 'type', 'fixedAt'), fc.string()),
        (v) => {
          const r = parseOopsRow(v, ctx)
          expect(['row', 'error']).toContain(r.kind)
        },
      ),
    )
  })
})

describe('the kind of OOPS! read from the words', () => {
  it.each([
    ['Trouble during payment process', 'billing_mistake'],
    ["Charged fees or interest you didn't expect", 'billing_mistake'],
    ['Late fee charged twice', 'billing_mistake'],
    ['Application processing delay', 'late_delivery'],
    ['The parcel came late', 'late_delivery'],
    ['It took too long to answer', 'late_delivery'],
    ['Confusing or misleading advertising about the card', 'not_as_promised'],
    ['Other features, terms, or problems', 'not_as_promised'],
    ['Sofa not as described', 'not_as_promised'],
    ['Their investigation did not fix an error on your report', 'repair_to_redo'],
    ['Boiler repair has to be redone', 'repair_to_redo'],
    ['Money was not available when promised', 'broken_promise'],
    ["Was approved for a loan, but didn't receive money", 'broken_promise'],
    ['Loyalty discount not honoured', 'broken_promise'],
    ['Incorrect information on your report', 'other'],
    ['', 'other'],
  ])('reads "%s" as %s', (text, type) => {
    expect(classifyOopsType(text)).toBe(type)
  })
})

describe('where a past case ended', () => {
  it('reads the CFPB’s responses and the usual words', () => {
    expect(readOutcome('Closed with monetary relief')).toBe('fixed')
    expect(readOutcome('Closed with non-monetary relief')).toBe('fixed')
    expect(readOutcome('Closed with relief')).toBe('fixed')
    expect(readOutcome('Closed without relief')).toBe('closed')
    expect(readOutcome('Closed with explanation')).toBe('closed')
    expect(readOutcome('Closed')).toBe('closed')
    expect(readOutcome('In progress')).toBe('open')
    expect(readOutcome('Untimely response')).toBe('open')
    expect(readOutcome('Resolved')).toBe('fixed')
    expect(readOutcome('whatever')).toBeNull()
  })

  const base = {
    letDownAt: new Date('2019-09-24T12:00:00Z'),
    reportedAt: new Date('2019-09-25T12:00:00Z'),
    fixedAt: null,
    closedAt: null,
  }

  it('closes a fixed case, fixed when reported unless the file says when, deadline a window after the let-down', () => {
    expect(settleImportedCase({ ...base, outcome: 'fixed' }, 24, now)).toEqual({
      deadlineAt: new Date('2019-09-25T12:00:00Z'),
      status: 'closed',
      fixedAt: base.reportedAt,
      resolvedAt: base.reportedAt,
      closedAt: base.reportedAt,
    })
    const closedAt = new Date('2019-10-01T12:00:00Z')
    expect(settleImportedCase({ ...base, outcome: 'fixed', closedAt }, 24, now)).toMatchObject({
      fixedAt: closedAt,
      closedAt,
    })
  })

  it('closes an explained case without a fix', () => {
    expect(settleImportedCase({ ...base, outcome: 'closed' }, 24, now)).toMatchObject({
      status: 'closed',
      fixedAt: null,
      closedAt: base.reportedAt,
    })
  })

  it('keeps a case left open only while its window runs; an old one is closed by the import, unresolved', () => {
    expect(settleImportedCase({ ...base, outcome: 'open' }, 24, now)).toMatchObject({
      status: 'closed',
      fixedAt: null,
      resolvedAt: null,
      closedAt: now,
    })
    const fresh = { ...base, letDownAt: new Date('2026-11-24T01:00:00Z'), reportedAt: now }
    expect(settleImportedCase({ ...fresh, outcome: 'open' }, 24, now)).toMatchObject({
      status: 'open',
      deadlineAt: new Date('2026-11-25T01:00:00Z'),
      closedAt: null,
    })
  })

  it('gives a case without a customer one of its own, named after its key and region', () => {
    expect(caseCustomer({ caseKey: '3571115', region: 'FL' })).toEqual({
      externalId: 'case-3571115',
      name: 'Consumer #3571115 (FL)',
      kind: 'person',
    })
    expect(caseCustomer({ caseKey: '7', region: null }).name).toBe('Consumer #7')
  })

  it('reads the dates the CFPB sample and other systems write', () => {
    expect(parseCaseDate('2020/3/18')).toEqual({ at: new Date('2020-03-18T12:00:00Z'), dateOnly: true })
    expect(parseCaseDate('2020-03-18')).toEqual({ at: new Date('2020-03-18T12:00:00Z'), dateOnly: true })
    expect(parseCaseDate('2020-03-18T08:30:00Z')).toEqual({
      at: new Date('2020-03-18T08:30:00Z'),
      dateOnly: false,
    })
    expect(parseCaseDate('18/03/2020')?.at).toEqual(new Date('2020-03-18T12:00:00Z'))
    expect(parseCaseDate('2020/2/30')).toBeNull()
    expect(parseCaseDate('yesterday')).toBeNull()
  })
})
