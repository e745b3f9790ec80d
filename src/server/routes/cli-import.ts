import { createReadStream, statSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { DELIMITERS, ENCODINGS } from '../../domain/customers/file-dialect.ts'
import { DomainError, isDomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'
import { runImportOfKind } from '../imports/run-import-of-kind.ts'
import { clientGone } from '../imports/upload.ts'

const cliImportSchema = z
  .object({
    workspace: z.string().min(1).max(200),
    kind: z.enum(['purchases', 'customers', 'secrets', 'oops']),
    /** absolute paths on this machine: the CLI runs beside the server, as the same user */
    files: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    dryRun: z.boolean().default(false),
    keepGoodRows: z.boolean().default(false),
    mapping: z.record(z.string(), z.string()).optional(),
    currency: z.string().min(3).max(3).default('GBP'),
    timezone: z.string().min(1).max(100).default('Europe/London'),
    encoding: z.enum(ENCODINGS).optional(),
    delimiter: z.enum(DELIMITERS).optional(),
    dateOrder: z.enum(['dmy', 'mdy']).optional(),
  })
  .strict()

/**
 * The CLI's import, run inside the server that holds the data folder. All the files go in one
 * request, so the import is what it is locally (purchases: one transaction for every file). The
 * CLI and the server share a machine, so the server reads the files itself; the answer is a stream
 * of JSON lines, the bytes read so far, then the result. If the CLI goes away (Ctrl-C) the import
 * is rolled back.
 */
export const registerCliImport = (
  app: FastifyInstance,
  deps: ServerDeps,
  checkSecret: (h: unknown, ip: string) => void,
) => {
  app.post('/api/_cli/import', { schema: { hide: true } }, async (request, reply) => {
    checkSecret(request.headers['x-dazzle-cli-secret'], request.ip)
    const parsed = cliImportSchema.safeParse(request.body)
    if (!parsed.success) throw new DomainError('invalid_input', parsed.error.message)
    const q = parsed.data
    const ws = await deps.identity.workspaceBySlug(q.workspace)
    if (!ws) throw new DomainError('workspace_not_found', `There is no workspace "${q.workspace}".`)
    for (const f of q.files) {
      if (!path.isAbsolute(f)) throw new DomainError('invalid_input', `Give the file's full path: ${f}.`)
      try {
        if (!statSync(f).isFile()) throw new Error('not a file')
      } catch {
        throw new DomainError('invalid_input', `No such file: ${f}`)
      }
    }
    const signal = clientGone(reply)
    reply.hijack()
    const out = reply.raw
    out.writeHead(200, { 'content-type': 'application/x-ndjson' })
    const line = (v: unknown) => out.write(`${JSON.stringify(v)}\n`)
    let last = 0
    try {
      const results = await runImportOfKind(
        deps,
        ws.id,
        q.files.map((f) => ({
          name: path.basename(f),
          stream: createReadStream(f),
          reopen: () => createReadStream(f),
          fileName: path.basename(f),
        })),
        {
          kind: q.kind,
          // the CLI acts on the server's machine, for no member
          importer: { userId: null, label: 'cli', name: 'Import' },
          dryRun: q.dryRun,
          keepGoodRows: q.keepGoodRows,
          mapping: q.mapping,
          currency: q.currency,
          timezone: q.timezone,
          encoding: q.encoding,
          delimiter: q.delimiter,
          dateOrder: q.dateOrder,
          signal,
          onProgress: (bytes) => {
            const now = Date.now()
            if (now - last < 200) return
            last = now
            line({ bytes })
          },
        },
      )
      line({ results })
    } catch (e) {
      if (!signal.aborted) {
        if (!isDomainError(e)) request.log.error(e)
        line({
          error: isDomainError(e)
            ? { code: e.code, message: e.message }
            : {
                code: 'internal',
                message: `The import failed (request ${request.id}); nothing was imported.`,
              },
        })
      }
    } finally {
      out.end()
    }
  })
}
