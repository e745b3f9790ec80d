import { stringify } from 'csv-stringify/sync'
import type { ExportRow } from '../domain/secrets/search-secrets.ts'

const HEADER = [
  'Customer',
  'External id',
  'Kind',
  'Tier',
  'Segment',
  'Country',
  'Owner',
  'Owner email',
  'Matching secrets',
  'Matched by',
  'People',
  'People emails',
]

// csv-stringify's escape_formulas covers = + - @ tab and CR; spreadsheets also read the full-width forms
const FULL_WIDTH_FORMULA = /^[\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * An audience as a spreadsheet: one line per customer, no secret text (what matched stays in
 * Dazzle, where reading it is audited). Cells that a spreadsheet would run as a formula are
 * prefixed with an apostrophe.
 */
export const audienceCsv = (rows: readonly ExportRow[]): string =>
  stringify(
    [
      HEADER,
      ...rows.map((r) => [
        r.name,
        r.externalId ?? '',
        r.kind,
        r.tier ?? '',
        r.segment ?? '',
        r.country ?? '',
        r.ownerName ?? '',
        r.ownerEmail ?? '',
        r.matchCount,
        r.matchedBy,
        r.people ?? '',
        r.emails ?? '',
      ]),
    ],
    {
      escape_formulas: true,
      bom: true,
      cast: { string: (v) => (FULL_WIDTH_FORMULA.test(v) ? `'${v}` : v) },
    },
  )

/** audience-wine-lovers-2026-11-24.csv, with a plain-ASCII fallback for old clients */
export const csvFileName = (name: string, now: Date) => {
  const day = now.toISOString().slice(0, 10)
  const slug = name
    .normalize('NFKC')
    .replace(/[\p{C}"\\/:*?<>|]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60)
  const ascii = slug
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return {
    full: `audience-${slug || 'export'}-${day}.csv`,
    ascii: `audience-${ascii || 'export'}-${day}.csv`,
  }
}
