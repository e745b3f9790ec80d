import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { auditLog } from '../db/audit.store.ts'
import { lostPrimary } from '../db/primary-pool.ts'
import { type Lsn, parseLsn } from '../db/replica-reads.ts'
import type { DB } from '../db/schema.ts'
import { inWorkspace } from '../db/workspace-scope.ts'
import type { AuditEventInput } from '../domain/audit/audit-event.ts'
import { DomainError } from '../domain/errors.ts'
import type { AuditLog } from '../domain/workspaces/ports.ts'
import type { ServerDeps } from './deps.ts'
import { requestContext } from './principal.ts'

/**
 * Read-your-writes across instances (decision 022): every successful write answers with the
 * primary's WAL position after it, as a header for API clients and as a short-lived cookie for the
 * browser; a later read carries it back (cookie, or the `Dazzle-Read-After` header) and is served by
 * the replica only once the replica has replayed that far. The position is not a secret: a client
 * that sends an older one only reads older data of its own workspace, one that sends a later one
 * only reads from the primary.
 */
export const WRITE_POSITION_HEADER = 'dazzle-write-position'
export const READ_AFTER_HEADER = 'dazzle-read-after'
export const READ_FROM_HEADER = 'dazzle-read-from'
const COOKIE = 'dazzle_wal'
/** long enough for any healthy replica to catch up; after it, the staleness bound rules alone */
const COOKIE_SECONDS = 120

/** every dazzle_wal value the request carries (a client may hold more than one), as positions */
const cookiePositions = (header: string | undefined): Lsn[] => {
  const out: Lsn[] = []
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k !== COOKIE) continue
    let text = v.join('=')
    try {
      text = decodeURIComponent(text)
    } catch {}
    const lsn = parseLsn(text)
    if (lsn !== null) out.push(lsn)
  }
  return out
}

/** What this request must see: the later of the header's and the cookie's position. */
export const readAfterOf = (request: FastifyRequest): Lsn | null => {
  const header = request.headers[READ_AFTER_HEADER]
  let after: Lsn | null = null
  if (typeof header === 'string' && header !== '') {
    after = parseLsn(header)
    if (after === null)
      throw new DomainError(
        'invalid_input',
        `The ${READ_AFTER_HEADER} header must be a position as Dazzle wrote it in ${WRITE_POSITION_HEADER} (like "16/B374D848").`,
      )
  }
  // a cookie that does not parse is ignored: the browser did not make it up, an old one expired
  for (const lsn of cookiePositions(request.headers.cookie)) if (after === null || lsn > after) after = lsn
  return after
}

const READ_ONLY = '25006'
/** which server answered a replica-eligible read: a header of the answer, for operators and tests */
const servedFrom = new WeakMap<FastifyRequest, 'primary' | 'replica'>()
/** replica reads that wrote their audit rows on the primary: the reader may look them up next */
const audited = new WeakSet<FastifyRequest>()

/**
 * Runs a read on the replica when it may serve it, else `onPrimary`. Audit rows of the read (who
 * read which secrets) are written on the primary before the answer leaves. A read that turns out
 * to write anything else (the replica refuses it) runs again on the primary.
 */
export const readFromReplica = async <T>(
  deps: ServerDeps,
  request: FastifyRequest,
  workspaceId: string,
  onPrimary: () => Promise<T>,
  onReplica: (trx: Transaction<DB>, audit: AuditLog) => Promise<T>,
): Promise<T> => {
  const replica = deps.database.replica
  const db = replica ? await replica.pick(readAfterOf(request)) : null
  if (!db) {
    if (replica) servedFrom.set(request, 'primary')
    return onPrimary()
  }
  const audits: AuditEventInput[] = []
  let result: T
  try {
    result = await inWorkspace(db, workspaceId, (trx) =>
      onReplica(trx, { record: async (e) => void audits.push(e) }),
    )
  } catch (e) {
    // the replica refused a write, went away, or had no free connection in time: the primary serves
    const code = (e as { code?: unknown }).code
    const replicaTrouble =
      lostPrimary(e) || /timeout exceeded when trying to connect/i.test(String((e as Error)?.message))
    if (code !== READ_ONLY && !replicaTrouble) throw e
    request.log.warn(
      { route: request.routeOptions.url, code },
      code === READ_ONLY
        ? 'a replica read wrote: served by the primary'
        : 'the replica failed a read: served by the primary',
    )
    servedFrom.set(request, 'primary')
    return onPrimary()
  }
  if (audits.length > 0)
    await inWorkspace(deps.database.db, workspaceId, async (trx) => {
      const log = auditLog(trx, workspaceId, requestContext(request))
      for (const e of audits) await log.record(e)
    })
  if (audits.length > 0) audited.add(request)
  servedFrom.set(request, 'replica')
  return result
}

/** After each successful write, the position its reads must see (only when there is a replica). */
export const registerWritePositions = (app: FastifyInstance, deps: ServerDeps) => {
  const replica = deps.database.replica
  if (!replica) return
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    const from = servedFrom.get(request)
    if (from) reply.header(READ_FROM_HEADER, from)
    if (reply.statusCode >= 400) return
    // a read (a search is a POST) wrote nothing its reader must see again, but for its audit rows
    const read = from !== undefined || ['GET', 'HEAD', 'OPTIONS'].includes(request.method)
    if (read && !audited.has(request)) return
    const lsn = await replica.writePosition()
    if (!lsn) return
    reply.header(WRITE_POSITION_HEADER, lsn)
    const secure = new URL(deps.config.baseUrl).protocol === 'https:' ? '; Secure' : ''
    reply.header('set-cookie', [
      ...[reply.getHeader('set-cookie') ?? []].flat().map(String),
      `${COOKIE}=${encodeURIComponent(lsn)}; Path=/; Max-Age=${COOKIE_SECONDS}; HttpOnly; SameSite=Lax${secure}`,
    ])
  })
}
