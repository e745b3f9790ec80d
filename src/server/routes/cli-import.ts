import type { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { DomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'
import { runImportOfKind } from '../imports/run-import-of-kind.ts'

/** The CLI's import, run inside the server that holds the data folder: one file per request. */
export const registerCliImport = (
  app: FastifyInstance,
  deps: ServerDeps,
  checkSecret: (h: unknown, ip: string) => void,
) => {
  app.post<{ Querystring: Record<string, string> }>(
    '/api/_cli/import',
    { schema: { hide: true }, bodyLimit: 64 * 1024 ** 3 },
    async (request) => {
      checkSecret(request.headers['x-dazzle-cli-secret'], request.ip)
      const q = request.query
      const ws = await deps.identity.workspaceBySlug(q.workspace ?? '')
      if (!ws) throw new DomainError('workspace_not_found', `There is no workspace "${q.workspace}".`)
      // the CLI acts on the server's machine, for no member
      const [result] = await runImportOfKind(
        deps,
        ws.id,
        [{ name: q.fileName ?? 'file', stream: request.body as Readable, fileName: q.fileName }],
        {
          kind: (['customers', 'secrets', 'oops'] as const).find((k) => k === q.kind) ?? 'purchases',
          importer: { userId: null, label: 'cli', name: 'Import' },
          dryRun: q.dryRun === 'true',
          keepGoodRows: q.keepGoodRows === 'true',
          mapping: q.mapping ? JSON.parse(q.mapping) : undefined,
          currency: q.currency ?? 'GBP',
          timezone: q.timezone ?? 'Europe/London',
        },
      )
      return result
    },
  )
}
