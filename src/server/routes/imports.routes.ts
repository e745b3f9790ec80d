import { Readable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { importPreferencesStore } from '../../db/import-preferences.store.ts'
import { sniffEncoding } from '../../domain/customers/file-dialect.ts'
import { isTimeZone } from '../../domain/customers/zoned-time.ts'
import { DomainError } from '../../domain/errors.ts'
import { authorize } from '../../domain/workspaces/roles.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import {
  importKindSchema,
  importListSchema,
  importPreviewSchema,
  importQuerySchema,
  importResultSchema,
} from '../../schemas/customers.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { parseMappingParam } from '../imports/import-kit.ts'
import { openFile } from '../imports/read-rows.ts'
import { previewCustomerRows } from '../imports/run-customer-import.ts'
import { headerSignature, previewPurchaseRows } from '../imports/run-import.ts'
import { runImportOfKind } from '../imports/run-import-of-kind.ts'
import { previewOopsRows } from '../imports/run-oops-import.ts'
import { previewSecretRows } from '../imports/run-secret-import.ts'
import { clientGone, spoolUpload } from '../imports/upload.ts'
import { requireMember } from '../principal.ts'
import { workspaceRoute } from '../workspace-route.ts'
import { sendFile } from './file-reply.ts'

const tags = ['imports']
const csvBody = z.any().meta({ description: 'the CSV file, sent as text/csv', type: 'string' })

/** A refused mapping shows one for purchases. */
const parseMapping = (raw: string | undefined) => parseMappingParam(raw, '{"InvoiceNo":"invoiceId"}')

/** The member running an import, as secrets and OOPS! imports name them (recorder or owner of rows without one, audit). */
const importerOf = (p: Awaited<ReturnType<typeof requireMember>>) => ({
  userId: p.user.id,
  label: p.actor.label,
  name: p.user.name || p.user.email,
})

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const importRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    const importer = async (request: Parameters<typeof requireMember>[1]) => {
      const p = await requireMember(deps, request)
      authorize(p.actor, 'imports.run')
      return p
    }

    app.post(
      '/api/imports/preview',
      {
        schema: {
          tags,
          summary:
            'Detect how a file is written (encoding, delimiter, dates, decimal mark) and its column mapping, and show its first rows as they will be stored (admin)',
          querystring: z
            .object({
              kind: importKindSchema,
              mapping: z.string().max(4000).optional(),
              timezone: z.string().min(1).max(60).optional(),
              currency: z
                .string()
                .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as GBP.')
                .optional(),
              encoding: importQuerySchema.shape.encoding,
              delimiter: importQuerySchema.shape.delimiter,
              dateOrder: importQuerySchema.shape.dateOrder,
              complete: z
                .enum(['true', 'false'])
                .default('false')
                .meta({ description: 'the body is the whole file (its last line is whole)' }),
            })
            .strict(),
          body: csvBody,
          response: { 200: importPreviewSchema, ...errorResponses },
        },
        bodyLimit: 1024 * 1024,
      },
      async (request) => {
        const p = await importer(request)
        const body = request.body as Readable | undefined
        if (!body || typeof body.pipe !== 'function') {
          throw new DomainError(
            'invalid_input',
            'Send the start of the file as the request body with Content-Type: text/csv.',
          )
        }
        const q = request.query
        const chunks: Buffer[] = []
        for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
        const bytes = Buffer.concat(chunks)
        const complete = q.complete === 'true'
        const given = parseMapping(q.mapping)
        if (q.kind === 'purchases') {
          if (q.timezone && !isTimeZone(q.timezone)) {
            throw new DomainError(
              'invalid_input',
              `"${q.timezone}" is not a time zone: use one such as Europe/London.`,
            )
          }
          const opened = await openFile(Readable.from([bytes]), 'The file', {
            encoding: q.encoding,
            delimiter: q.delimiter,
            complete,
          })
          const headers = (opened.sample.find((r) => !(r.length === 1 && r[0] === '')) ?? []).map((h) =>
            h.trim(),
          )
          const settings = await inWorkspace(request, 'imports.run', async (w) => {
            const prefs = importPreferencesStore(w.trx, p.workspace.id)
            const remembered = await prefs.remembered('purchases', headerSignature(headers))
            const defaults = remembered ?? (await prefs.defaults())
            return { remembered, defaults }
          })
          const timezone = q.timezone ?? settings.defaults.timezone
          const currency = q.currency ?? settings.defaults.currency
          return {
            ...previewPurchaseRows(deps, opened, given ?? settings.remembered?.mapping, {
              timezone,
              currency,
              dateOrder: q.dateOrder,
            }),
            settings: { timezone, currency, remembered: !!settings.remembered },
          }
        }
        const text = new TextDecoder(sniffEncoding(bytes, 'The file', complete).encoding).decode(bytes)
        const lines = text.split(/\r?\n/)
        // the sample may end mid-line: keep whole lines only
        const whole = lines.length > 2 && !complete ? lines.slice(0, -1).join('\n') : text
        const records = parse(whole, {
          bom: true,
          relax_column_count: true,
          relax_quotes: true,
          skip_empty_lines: true,
          // a sample cut inside a cell over several lines (a complaint's narrative) ends with half a
          // record: it is left out of the preview, not an error
          skip_records_with_error: true,
        }) as string[][]
        const headers = (records[0] ?? []).map((h) => h.trim())
        const sample = records.slice(1, 11)
        if (q.kind === 'secrets' || q.kind === 'oops') {
          // these two run the import's own code on the sample
          const preview = q.kind === 'secrets' ? previewSecretRows : previewOopsRows
          const run = { deps, workspaceId: p.workspace.id, importer: importerOf(p) }
          return preview(run, { headers, records: sample, mapping: given })
        }
        return previewCustomerRows(headers, sample, given)
      },
    )

    app.post(
      '/api/imports',
      {
        schema: {
          tags,
          summary:
            'Import a CSV file (admin): streamed, idempotent, all or nothing unless keepGoodRows; a refused file answers status "rejected" with the reasons',
          querystring: importQuerySchema,
          body: csvBody,
          response: { 200: importResultSchema, ...errorResponses },
        },
        bodyLimit: 64 * 1024 ** 3,
      },
      async (request, reply) => {
        const p = await importer(request)
        const q = request.query
        if (!request.body || typeof (request.body as Readable).pipe !== 'function') {
          throw new DomainError(
            'invalid_input',
            'Send the file as the request body with Content-Type: text/csv.',
          )
        }
        const mapping = parseMapping(q.mapping)
        // the whole file first: a cut or stalled upload must never hold a transaction open
        const file = await spoolUpload(request.body as Readable)
        try {
          const [result] = await runImportOfKind(
            deps,
            p.workspace.id,
            [
              {
                name: q.fileName ?? 'upload.csv',
                stream: file.open(),
                reopen: file.open,
                fileName: q.fileName,
              },
            ],
            {
              kind: q.kind,
              importer: importerOf(p),
              dryRun: q.dryRun,
              keepGoodRows: q.keepGoodRows,
              mapping,
              currency: q.currency,
              timezone: q.timezone,
              encoding: q.encoding,
              delimiter: q.delimiter,
              dateOrder: q.dateOrder,
              signal: clientGone(reply),
            },
          )
          return result!
        } finally {
          await file.remove()
        }
      },
    )

    app.get(
      '/api/imports',
      {
        schema: {
          tags,
          summary: 'Recent imports (admin)',
          response: { 200: importListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'imports.run', async (w) => ({
          imports: (await w.stores.imports.recent(50)).map((r) => ({
            ...r,
            errors: r.errors.slice(0, 100),
            rowsPerSecond: Math.round(r.rows / Math.max(r.seconds, 0.001)),
          })),
        })),
    )

    app.get(
      '/api/imports/:id/errors.csv',
      {
        schema: {
          tags,
          summary: 'The error report of an import as CSV: row, column, reason (admin)',
          params: z.object({ id: z.string().min(1).max(100) }).strict(),
        },
      },
      async (request, reply) => {
        const run = await inWorkspace(request, 'imports.run', (w) =>
          w.stores.imports.errorsOf(request.params.id),
        )
        if (!run) throw new DomainError('import_not_found', 'No such import in this workspace.')
        const lines = [
          'file,row,column,reason',
          ...run.errors.map((e) =>
            [(e as { file?: string }).file ?? run.fileName, e.row, e.column, e.reason].map(csvCell).join(','),
          ),
        ]
        return sendFile(reply, {
          name: `import-errors-${request.params.id}.csv`,
          type: 'text/csv; charset=utf-8',
          body: `${lines.join('\n')}\n`,
        })
      },
    )
  }
