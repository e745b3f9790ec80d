import type { Readable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import { DomainError } from '../../domain/errors.ts'
import type { ImportRowProblem } from '../../domain/recovery/manage-surprise-catalogue.ts'
import {
  detectSurpriseMapping,
  parseSurpriseRow,
  SURPRISE_FIELDS,
  SURPRISE_LIMITS,
  SURPRISE_REQUIRED,
  type SurpriseField,
  type SurpriseRow,
} from '../../domain/recovery/surprise-catalogue.ts'
import { previewFrame, valuesOf } from './import-kit.ts'

/** A catalogue file is small: read it whole (at most this many bytes) rather than stream it. */
export const SURPRISE_FILE_LIMIT = 5 * 1024 * 1024

const readText = async (source: Readable | string): Promise<string> => {
  if (typeof source === 'string') return source
  let text = ''
  let bytes = 0
  for await (const chunk of source) {
    bytes += (chunk as Buffer).length
    if (bytes > SURPRISE_FILE_LIMIT) {
      throw new DomainError(
        'invalid_input',
        'A catalogue file is at most 5 MB: split it, or leave out the long descriptions.',
      )
    }
    text += chunk
  }
  return text
}

const checkMapping = (m: Record<string, string>): Record<string, SurpriseField> => {
  for (const [h, f] of Object.entries(m)) {
    if (!(SURPRISE_FIELDS as readonly string[]).includes(f)) {
      throw new DomainError(
        'invalid_input',
        `The mapping sends "${h}" to "${f}", which is not a catalogue field (${SURPRISE_FIELDS.join(', ')}).`,
        { field: 'mapping' },
      )
    }
  }
  return m as Record<string, SurpriseField>
}

/**
 * A surprise catalogue file read whole, before any transaction (decision 006): headers mapped to
 * fields (detected, or as given) and each row checked by the domain. What it answers goes to
 * `importSurpriseRows` in the caller's one transaction (all or nothing, or the good rows with
 * `keepGoodRows`, idempotent by each item's key); `frame` is what the report says of the file.
 */
export const readSurpriseFile = async (
  source: Readable | string,
  givenMapping: Record<string, string> | undefined,
) => {
  const text = await readText(source)
  let records: string[][]
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][]
  } catch (e) {
    throw new DomainError(
      'invalid_input',
      `This is not a readable CSV file: ${(e as Error).message}`,
      undefined,
      e,
    )
  }
  const headers = (records[0] ?? []).map((h) => h.trim())
  if (headers.length === 0) {
    throw new DomainError(
      'invalid_input',
      'The file is empty: the first line must name the columns (Title, Cost, Lead time …).',
    )
  }
  const body = records.slice(1)
  if (body.length > SURPRISE_LIMITS.rows) {
    throw new DomainError(
      'invalid_input',
      `A catalogue file has at most ${SURPRISE_LIMITS.rows} rows; this one has ${body.length}.`,
    )
  }
  const { frame, headerOf } = previewFrame(headers, givenMapping && checkMapping(givenMapping), {
    fields: SURPRISE_FIELDS,
    required: SURPRISE_REQUIRED,
    detect: detectSurpriseMapping,
  })

  const rows: Array<{ row: number; item: SurpriseRow }> = []
  const errors: ImportRowProblem[] = []
  if (frame.missing.length > 0) {
    errors.push({
      row: 1,
      column: null,
      reason: `no column for ${frame.missing.join(', ')}: name the columns (Title, Cost, Lead time hours …) or map them`,
    })
  } else {
    body.forEach((r, i) => {
      const parsed = parseSurpriseRow(valuesOf(r, headers, frame.mapping), headerOf)
      if (parsed.kind === 'row') rows.push({ row: i + 2, item: parsed.row })
      else for (const p of parsed.problems) errors.push({ row: i + 2, ...p })
    })
  }
  return { frame, parsed: { rows, errors, total: body.length } }
}
