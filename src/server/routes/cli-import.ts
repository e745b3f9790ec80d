import type { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { DomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'
import { runCustomerImport } from '../imports/run-customer-import.ts'
import { runPurchaseImport } from '../imports/run-import.ts'
import { runOopsImport } from '../imports/run-oops-import.ts'
import { runSecretImport } from '../imports/run-secret-import.ts'

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
      const source = { name: q.fileName ?? 'file', stream: request.body as Readable }
      if (q.kind === 'secrets') {
        return runSecretImport(deps, ws.id, { userId: null, label: 'cli', name: 'Import' }, source, {
          dryRun: q.dryRun === 'true',
          keepGoodRows: q.keepGoodRows === 'true',
          mapping: q.mapping ? JSON.parse(q.mapping) : undefined,
          fileName: q.fileName,
        })
      }
      if (q.kind === 'oops') {
        // the CLI acts for no member: imported cases have no owner unless the file names one
        return runOopsImport(deps, ws.id, { userId: null, label: 'cli', name: 'Import' }, source, {
          dryRun: q.dryRun === 'true',
          keepGoodRows: q.keepGoodRows === 'true',
          mapping: q.mapping ? JSON.parse(q.mapping) : undefined,
          currency: q.currency ?? 'GBP',
          fileName: q.fileName,
        })
      }
      if (q.kind === 'customers') {
        return runCustomerImport(deps, ws.id, null, source, {
          dryRun: q.dryRun === 'true',
          keepGoodRows: q.keepGoodRows === 'true',
          mapping: q.mapping ? JSON.parse(q.mapping) : undefined,
          currency: q.currency ?? 'GBP',
          fileName: q.fileName,
        })
      }
      return runPurchaseImport(deps, ws.id, null, [source], {
        kind: 'purchases',
        dryRun: q.dryRun === 'true',
        keepGoodRows: q.keepGoodRows === 'true',
        mapping: q.mapping ? JSON.parse(q.mapping) : undefined,
        timezone: q.timezone ?? 'Europe/London',
        currency: q.currency ?? 'GBP',
        fileName: q.fileName,
      })
    },
  )
}
