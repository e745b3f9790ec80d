import { describe, expect, it } from 'vitest'
import { isDomainError } from '../errors.ts'
import {
  delimiterFromName,
  encodingFromName,
  sniffDelimiter,
  sniffEncoding,
  splitOnSpaces,
} from './file-dialect.ts'
import { decimalEvidence, decimalMarkOf, parseWrittenNumber } from './written-numbers.ts'
import { dateOrderEvidence, formatInZone, parseDateCell } from './zoned-time.ts'

const bytes = (...b: number[]) => new Uint8Array(b)
const refusal = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    if (isDomainError(e)) return e.message
    throw e
  }
  throw new Error('not refused')
}

describe('encodings', () => {
  it('reads a BOM, valid UTF-8, and anything else as Windows-1252', () => {
    expect(sniffEncoding(bytes(0xef, 0xbb, 0xbf, 0x61), 'f', true)).toEqual({ encoding: 'utf-8', bom: true })
    expect(sniffEncoding(bytes(0xff, 0xfe, 0x61, 0), 'f', true)).toEqual({ encoding: 'utf-16le', bom: true })
    expect(sniffEncoding(bytes(0xfe, 0xff, 0, 0x61), 'f', true)).toEqual({ encoding: 'utf-16be', bom: true })
    expect(sniffEncoding(new TextEncoder().encode('Café £3'), 'f', true).encoding).toBe('utf-8')
    // "Café" in Windows-1252: é is one byte, not UTF-8
    expect(sniffEncoding(bytes(0x43, 0x61, 0x66, 0xe9, 0x0a), 'f', true).encoding).toBe('windows-1252')
    // a UTF-8 character cut at the end of a head is not a reason to doubt it
    expect(sniffEncoding(bytes(0x61, 0xc3), 'f', false).encoding).toBe('utf-8')
    expect(sniffEncoding(bytes(0x61, 0xc3), 'f', true).encoding).toBe('windows-1252')
    // UTF-16 without a BOM: a NUL in every other byte
    const le = new Uint8Array(Buffer.from('a,b\n1,2\n', 'utf16le'))
    expect(sniffEncoding(le, 'f', true)).toEqual({ encoding: 'utf-16le', bom: false })
  })

  it('refuses what is not text, saying what it looks like and what to do', () => {
    expect(refusal(() => sniffEncoding(bytes(0x50, 0x4b, 3, 4), 'sales.xlsx', true))).toMatch(
      /sales\.xlsx is not a text file: it looks like an Excel workbook.*save the sheet as CSV/,
    )
    expect(refusal(() => sniffEncoding(bytes(0x25, 0x50, 0x44, 0x46), 'f', true))).toMatch(/a PDF/)
    expect(refusal(() => sniffEncoding(bytes(0x61, 0x62, 0, 0x63, 1, 2, 0, 0, 0), 'f', true))).toMatch(
      /byte 3 is a NUL/,
    )
  })

  it('takes the names people use', () => {
    expect(encodingFromName('Latin-1')).toBe('windows-1252')
    expect(encodingFromName('UTF8')).toBe('utf-8')
    expect(encodingFromName('utf-16')).toBe('utf-16le')
    expect(refusal(() => encodingFromName('ebcdic'))).toMatch(/use utf-8, utf-16le, utf-16be or windows-1252/)
    expect(delimiterFromName('semicolon')).toBe(';')
    expect(delimiterFromName('\\t')).toBe('\t')
    expect(delimiterFromName('whitespace')).toBe('spaces')
    expect(refusal(() => delimiterFromName('#'))).toMatch(/comma, semicolon, tab, pipe or spaces/)
  })
})

describe('delimiters', () => {
  it('finds the one that splits every line alike, quotes understood', () => {
    expect(sniffDelimiter(['a,b,c', '1,2,3'])).toBe(',')
    expect(sniffDelimiter(['Datum;Kunde;Betrag', '31.01.2026;K-7;1.234,50'])).toBe(';')
    expect(sniffDelimiter(['a\tb', '1\t"x, y"'])).toBe('\t')
    expect(sniffDelimiter(['a|b|c', '1|2|3'])).toBe('|')
    expect(sniffDelimiter(['name,notes', '"Smith; Jones",ok'])).toBe(',')
    expect(
      sniffDelimiter([' customer_id  date number_of_cds  dollar_value', ' 00001 19970101  1   11.77']),
    ).toBe('spaces')
    expect(sniffDelimiter(['Total', '1'])).toBe(',')
    expect(splitOnSpaces(' 00001 19970101  1   11.77\r')).toEqual(['00001', '19970101', '1', '11.77'])
  })
})

describe('numbers as files write them', () => {
  it('reads signs, thousands and decimal marks', () => {
    expect(parseWrittenNumber('12.5')).toBe(12.5)
    expect(parseWrittenNumber('£1,234.50')).toBe(1234.5)
    expect(parseWrittenNumber('1.234,50 €', ',')).toBe(1234.5)
    expect(parseWrittenNumber('1 234,5', ',')).toBe(1234.5)
    expect(parseWrittenNumber("1'234.50")).toBe(1234.5)
    expect(parseWrittenNumber('12,5')).toBe(12.5)
    expect(parseWrittenNumber('1,234')).toBe(1234)
    expect(parseWrittenNumber('1,234', ',')).toBe(1.234)
    expect(parseWrittenNumber('1.234', ',')).toBe(1234)
    expect(parseWrittenNumber('-£3.00')).toBe(-3)
    expect(parseWrittenNumber('(12.00)')).toBe(-12)
    expect(parseWrittenNumber('USD 7')).toBe(7)
    expect(parseWrittenNumber('six')).toBeNull()
    expect(parseWrittenNumber('1,2,3')).toBeNull()
  })

  it('tells a file’s decimal mark from its cells', () => {
    expect(decimalEvidence('1.234,50')).toBe(',')
    expect(decimalEvidence('0,99')).toBe(',')
    expect(decimalEvidence('1,234')).toBeNull()
    expect(decimalEvidence('11.77')).toBe('.')
    expect(decimalMarkOf(['1,5', '2,25', '3'])).toBe(',')
    expect(decimalMarkOf(['1.5', '1,234'])).toBe('.')
  })
})

describe('dates as files write them', () => {
  const London = 'Europe/London'
  const at = (s: string, order: 'dmy' | 'mdy' | null = null, tz = London) => {
    const d = parseDateCell(s, tz, order)
    return d && formatInZone(d, tz)
  }
  it('reads ISO, YYYYMMDD, slashed dates by order, and Excel day numbers, in the zone', () => {
    expect(at('2011-12-09 12:50:00')).toBe('2011-12-09 12:50')
    expect(at('19970402', null, 'America/New_York')).toBe('1997-04-02 00:00')
    expect(parseDateCell('19970402', 'America/New_York', null)!.toISOString()).toBe(
      '1997-04-02T05:00:00.000Z',
    )
    expect(at('03/04/2021', 'dmy')).toBe('2021-04-03 00:00')
    expect(at('03/04/2021', 'mdy')).toBe('2021-03-04 00:00')
    expect(at('25/12/2025 18:30')).toBe('2025-12-25 18:30')
    expect(at('31.12.2025')).toBe('2025-12-31 00:00')
    expect(at('35431')).toBe('1997-01-01 00:00')
    expect(at('45658.75')).toBe('2025-01-01 18:00')
  })

  it('refuses what cannot be, and a date against its column’s order', () => {
    expect(at('03/04/2021')).toBeNull()
    expect(at('03/25/2021', 'dmy')).toBeNull()
    expect(at('31/04/2021')).toBeNull()
    expect(at('19971301')).toBeNull()
    // "01-02-2021" is not left to Date's own guessing
    expect(at('01-02-2021', 'dmy')).toBe('2021-02-01 00:00')
    expect(dateOrderEvidence('13/01/2021')).toBe('dmy')
    expect(dateOrderEvidence('01/13/2021')).toBe('mdy')
    expect(dateOrderEvidence('01/02/2021')).toBe('either')
    expect(dateOrderEvidence('2021-01-02')).toBeNull()
  })
})
