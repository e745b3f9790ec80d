import type { Readable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import type { FastifyRequest } from 'fastify'
import { surprisesStore } from '../../db/surprises.store.ts'
import { DomainError } from '../../domain/errors.ts'
import {
  type ImportRowProblem,
  importSurpriseRows,
  type SurpriseImportReport,
} from '../../domain/recovery/manage-surprise-catalogue.ts'
import {
  detectSurpriseMapping,
  parseSurpriseRow,
  SURPRISE_FIELDS,
  SURPRISE_LIMITS,
  SURPRISE_REQUIRED,
  type SurpriseField,
  type SurpriseRow,
} from '../../domain/recovery/surprise-catalogue.ts'
import type { Actor } from '../../domain/workspaces/roles.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'

/** A catalogue file is small: read it whole (at most this many bytes) rather than stream it. */
export const SURPRISE_FILE_LIMIT = 5 * 1024 * 1024

export interface SurpriseImportAnswer extends SurpriseImportReport {
  headers: string[]
  mapping: Record<string, SurpriseField>
  fields: SurpriseField[]
  required: SurpriseField[]
  missing: SurpriseField[]
}

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
 * Imports a surprise catalogue from CSV: headers mapped to fields (detected, or as given), each
 * row checked by the domain, then all or nothing (or the good rows with `keepGoodRows`) in the
 * request's one transaction, idempotent by each item's key. A dry run answers the same report and
 * writes nothing.
 */
export const runSurpriseImport = async (
  deps: ServerDeps,
  request: FastifyRequest | null,
  workspaceId: string,
  actor: Actor,
  source: Readable | string,
  opts: {
    dryRun: boolean
    keepGoodRows: boolean
    mapping?: Record<string, string> | undefined
    fileName?: string | undefined
  },
): Promise<SurpriseImportAnswer> => {
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
  const mapping = opts.mapping ? checkMapping(opts.mapping) : detectSurpriseMapping(headers)
  const mapped = new Set(Object.values(mapping))
  const missing = SURPRISE_REQUIRED.filter((f) => !mapped.has(f))
  const byField = new Map(Object.entries(mapping).map(([h, f]) => [f, h]))
  const headerOf = (f: SurpriseField) => byField.get(f) ?? f
  const frame = { headers, mapping, fields: [...SURPRISE_FIELDS], required: [...SURPRISE_REQUIRED], missing }

  const rows: Array<{ row: number; item: SurpriseRow }> = []
  const errors: ImportRowProblem[] = []
  if (missing.length > 0) {
    errors.push({
      row: 1,
      column: null,
      reason: `no column for ${missing.join(', ')}: name the columns (Title, Cost, Lead time hours …) or map them`,
    })
  } else {
    const index = Object.entries(mapping).map(([h, f]) => [f, headers.indexOf(h)] as const)
    body.forEach((r, i) => {
      const values: Partial<Record<SurpriseField, string>> = {}
      for (const [f, at] of index) values[f] = r[at]
      const parsed = parseSurpriseRow(values, headerOf)
      if (parsed.kind === 'row') rows.push({ row: i + 2, item: parsed.row })
      else for (const p of parsed.problems) errors.push({ row: i + 2, ...p })
    })
  }
  const report = await runInWorkspace(deps, request, workspaceId, (w) =>
    importSurpriseRows(
      { surprises: surprisesStore(w.trx, workspaceId), audit: w.audit, concepts: deps.concepts },
      actor,
      { rows, errors, total: body.length },
      { dryRun: opts.dryRun, keepGoodRows: opts.keepGoodRows, fileName: opts.fileName },
    ),
  )
  return { ...frame, ...report }
}
