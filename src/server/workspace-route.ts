import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { accountabilityStore } from '../db/accountability.store.ts'
import { auditLog } from '../db/audit.store.ts'
import { customersStore } from '../db/customers.store.ts'
import { growthStore } from '../db/growth.store.ts'
import { importsStore } from '../db/imports.store.ts'
import { inboxStore } from '../db/inbox.store.ts'
import { performancePlansStore } from '../db/performance-plans.store.ts'
import { privacyStore } from '../db/privacy.store.ts'
import { recoveryReads, recoveryStore } from '../db/recovery.store.ts'
import type { DB } from '../db/schema.ts'
import { scoreboardStore } from '../db/scoreboard.store.ts'
import { searchStore } from '../db/search.store.ts'
import { secretsStore } from '../db/secrets.store.ts'
import { storiesStore } from '../db/stories.store.ts'
import { surprisesStore } from '../db/surprises.store.ts'
import { valueStore } from '../db/value.store.ts'
import { webhooksStore } from '../db/webhooks.store.ts'
import { inWorkspace } from '../db/workspace-scope.ts'
import { workspaceStore } from '../db/workspaces.store.ts'
import type { Clock } from '../domain/clock.ts'
import type { ConceptExpander } from '../domain/secrets/ports.ts'
import type { AuditLog, TokenMint } from '../domain/workspaces/ports.ts'
import { type Actor, authorize, type WorkspaceAction } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { type MemberPrincipal, requestContext, requireMember } from './principal.ts'
import { readFromReplica } from './replica-route.ts'

/** Each area's store, scoped to the workspace and the request's transaction, made on first use. */
const storesOf = (trx: Transaction<DB>, workspaceId: string, clock: Clock) => {
  const made = new Map<string, unknown>()
  const once = <T>(key: string, make: () => T): T => {
    if (!made.has(key)) made.set(key, make())
    return made.get(key) as T
  }
  return {
    get workspace() {
      return once('workspace', () => workspaceStore(trx, workspaceId))
    },
    get customers() {
      return once('customers', () => customersStore(trx, workspaceId))
    },
    get value() {
      return once('value', () => valueStore(trx, workspaceId))
    },
    get privacy() {
      return once('privacy', () => privacyStore(trx, workspaceId))
    },
    get imports() {
      return once('imports', () => importsStore(trx, workspaceId))
    },
    get secrets() {
      return once('secrets', () => secretsStore(trx, workspaceId))
    },
    get recovery() {
      return once('recovery', () => recoveryStore(trx, workspaceId, clock.now))
    },
    get recoveryReads() {
      return once('recoveryReads', () => recoveryReads(trx, workspaceId))
    },
    get surprises() {
      return once('surprises', () => surprisesStore(trx, workspaceId))
    },
    get webhooks() {
      return once('webhooks', () => webhooksStore(trx, workspaceId))
    },
    get inbox() {
      return once('inbox', () => inboxStore(trx, workspaceId, clock.now))
    },
    get scoreboard() {
      return once('scoreboard', () => scoreboardStore(trx, workspaceId))
    },
    get search() {
      return once('search', () => searchStore(trx, workspaceId))
    },
    get accountability() {
      return once('accountability', () => accountabilityStore(trx, workspaceId))
    },
    get stories() {
      return once('stories', () => storiesStore(trx, workspaceId))
    },
    get growth() {
      return once('growth', () => growthStore(trx, workspaceId))
    },
    get performancePlans() {
      return once('performancePlans', () => performancePlansStore(trx, workspaceId))
    },
  }
}
export type AreaStores = ReturnType<typeof storesOf>

/**
 * What a workspace route hands its one use-case: who is asking (as they are now), the request's
 * one transaction with row-level security on, and the ports every use-case may need.
 */
export interface WorkspaceContext {
  member: MemberPrincipal
  actor: Actor
  workspaceId: string
  trx: Transaction<DB>
  audit: AuditLog
  clock: Clock
  mint: TokenMint
  concepts: ConceptExpander
  stores: AreaStores
}

/**
 * The one dance every workspace route does — member → authorise → transaction → ports — done once:
 * a route reads as schema, `inWorkspace(request, action, (w) => useCase(…))`, presenter.
 * `action` is the coarse gate; use-cases still authorise what they do themselves.
 */
export const workspaceRoute =
  (
    deps: ServerDeps,
    /**
     * 'replica': a read that may be a moment old (search, lists, scoreboard, audit trail), served by
     * the streaming replica when there is one and it has what this person wrote (replica-route.ts)
     */
    opts: { reads?: 'primary' | 'replica' } = {},
  ) =>
  async <T>(
    request: FastifyRequest,
    /** null: any member; the use-case decides (tokens, leaving a workspace …) */
    action: WorkspaceAction | null,
    fn: (w: WorkspaceContext) => Promise<T>,
  ): Promise<T> => {
    const member = await requireMember(deps, request)
    if (action) authorize(member.actor, action)
    const workspaceId = member.workspace.id
    const context = (trx: Transaction<DB>, audit: AuditLog): WorkspaceContext => ({
      member,
      actor: member.actor,
      workspaceId,
      trx,
      audit,
      clock: deps.clock,
      mint: deps.mint,
      concepts: deps.concepts,
      stores: storesOf(trx, workspaceId, deps.clock),
    })
    const onPrimary = () =>
      inWorkspace(deps.database.db, workspaceId, (trx) =>
        fn(context(trx, auditLog(trx, workspaceId, requestContext(request)))),
      )
    if (opts.reads !== 'replica') return onPrimary()
    return readFromReplica(deps, request, workspaceId, onPrimary, (trx, audit) => fn(context(trx, audit)))
  }
export type InWorkspaceRoute = ReturnType<typeof workspaceRoute>

/** The ports of the workspace use-cases (members, invitations, tokens). */
export const workspaceDeps = (w: WorkspaceContext) => ({
  store: w.stores.workspace,
  audit: w.audit,
  clock: w.clock,
  mint: w.mint,
})
