import { describe, expect, it } from 'vitest'
import {
  assignColumn,
  chosenMapping,
  fieldsFilledTwice,
  IGNORE,
  mappingFor,
  missingFields,
  sameMapping,
} from './column-mapping.ts'

describe('the CSV column mapper', () => {
  const headers = ['Order', 'Client', 'When', 'Notes']
  const detected = { Order: 'invoiceId', When: 'purchasedAt' }

  it('starts from the detected mapping, every other column ignored', () => {
    expect(mappingFor(headers, detected)).toEqual({
      Order: 'invoiceId',
      Client: IGNORE,
      When: 'purchasedAt',
      Notes: IGNORE,
    })
    expect(chosenMapping(mappingFor(headers, detected))).toEqual(detected)
  })

  it('names the required fields no column fills, and those filled twice', () => {
    const m = mappingFor(headers, detected)
    expect(missingFields(m, ['invoiceId', 'customerExternalId', 'purchasedAt'])).toEqual([
      'customerExternalId',
    ])
    const twice = assignColumn(m, 'Notes', 'invoiceId')
    expect(fieldsFilledTwice(twice)).toEqual(['invoiceId'])
    expect(fieldsFilledTwice(m)).toEqual([])
  })

  it('lets a field be filled by one column only when asked', () => {
    const m = mappingFor(headers, detected)
    const moved = assignColumn(m, 'Notes', 'invoiceId', { exclusive: true })
    expect(moved).toMatchObject({ Order: IGNORE, Notes: 'invoiceId' })
    expect(assignColumn(moved, 'Notes', IGNORE, { exclusive: true })).toMatchObject({
      Order: IGNORE,
      Notes: IGNORE,
    })
    expect(m.Order).toBe('invoiceId')
  })

  it('compares mappings by what they store', () => {
    expect(sameMapping(mappingFor(headers, detected), detected)).toBe(true)
    expect(sameMapping({ When: 'purchasedAt', Order: 'invoiceId' }, detected)).toBe(true)
    expect(sameMapping(assignColumn(detected, 'Client', 'customerExternalId'), detected)).toBe(false)
  })
})
