import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { DomainError } from '../../domain/errors.ts'
import type { ServerDeps } from '../deps.ts'
import { isTaskName, runTask } from '../tasks/tasks.ts'
import { registerCliImport } from './cli-import.ts'

export const CLI_SECRET_HEADER = 'x-dazzle-cli-secret'

/**
 * Lets `dazzle <command>` run its task inside this server while the server holds the embedded
 * data folder. Loopback only, and only with the secret from the 0600 lock file in that folder.
 */
export const registerCliBridge = async (app: FastifyInstance, deps: ServerDeps, secret: string) => {
  const expected = Buffer.from(secret)
  const checkSecret = (header: unknown, ip: string) => {
    const given = Buffer.from(String(header ?? ''))
    const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(ip)
    if (!loopback || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainError('forbidden', 'Only the dazzle CLI on this machine may call this.')
    }
  }
  registerCliImport(app, deps, checkSecret)
  // `dazzle backup` while this server holds the folder: a dump of the open instance
  app.get('/api/_cli/backup', { schema: { hide: true } }, async (request, reply) => {
    checkSecret(request.headers[CLI_SECRET_HEADER], request.ip)
    const via = deps.database.listenVia
    if (via.mode !== 'embedded')
      throw new DomainError('invalid_input', 'This server runs on PostgreSQL: use pg_dump.')
    const dump = await via.pglite.dumpDataDir('gzip')
    return reply.type('application/gzip').send(Buffer.from(await dump.arrayBuffer()))
  })
  app.post<{ Params: { task: string }; Body: unknown }>(
    '/api/_cli/:task',
    { schema: { hide: true } },
    async (request) => {
      checkSecret(request.headers[CLI_SECRET_HEADER], request.ip)
      if (!isTaskName(request.params.task)) {
        throw new DomainError('invalid_input', `Unknown task ${request.params.task}.`)
      }
      return runTask(deps, request.params.task, request.body ?? {})
    },
  )
}
