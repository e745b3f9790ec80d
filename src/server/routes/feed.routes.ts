import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { type FeedCursor, type FeedRow, feedStore } from '../../db/feed.store.ts'
import { secretsStore } from '../../db/secrets.store.ts'
import { DomainError } from '../../domain/errors.ts'
import { type FeedFilters, readFeedPage, subscribeToFeed } from '../../domain/secrets/read-feed.ts'
import type { SecretCategory } from '../../domain/secrets/taxonomy.ts'
import { authorize } from '../../domain/workspaces/roles.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import {
  FEED_CURSOR_PATTERN,
  type FeedItem,
  feedPageSchema,
  feedQuerySchema,
  feedStreamQuerySchema,
} from '../../schemas/feed.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requireMember, WORKSPACE_HEADER } from '../principal.ts'
import { openEventStream } from '../sse/event-stream.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'

/**
 * How far back a catch-up looks before the last item a reader saw. Items reach readers in commit
 * order, but are placed by the moment they were recorded (the recording instance's clock): one that
 * committed late, or on an instance whose clock runs behind, can sit just before an item already
 * sent. Looking back a little resends a few (readers de-duplicate by id) and misses none.
 */
export const FEED_OVERLAP_MS = 30_000
/** a reader that missed more than this reloads its first page instead (the stream says `gap`) */
const CATCH_UP_MAX = 500

export const formatCursor = (c: FeedCursor) => `${c.us}_${c.id}`
const parseCursor = (s: string | undefined, field: string): FeedCursor | undefined => {
  if (!s) return undefined
  const m = FEED_CURSOR_PATTERN.exec(s)
  if (!m || !Number.isSafeInteger(Number(m[1]))) {
    throw new DomainError('invalid_input', 'Not a feed cursor: use one the feed gave you.', { field })
  }
  return { us: Number(m[1]), id: m[2]! }
}
const lookBack = (c: FeedCursor): FeedCursor => ({ us: c.us - FEED_OVERLAP_MS * 1000, id: c.id })

export const presentFeedItem = (r: FeedRow, categories: readonly SecretCategory[]): FeedItem => ({
  id: r.id,
  cursor: formatCursor({ us: r.recordedUs, id: r.id }),
  recordedAt: r.recordedAt,
  customer: { id: r.customerId, name: r.customerName, tier: r.customerTier as 'A' | 'B' | 'C' | null },
  personId: r.personId,
  personName: r.personName,
  layer: r.layer as 'need' | 'secret',
  category: r.category,
  categoryLabel: categories.find((c) => c.key === r.category)?.label ?? r.category,
  text: r.text,
  certainty: r.certainty as 'heard' | 'inferred' | 'second_hand',
  recordedBy: r.recordedBy,
  recordedByName: r.recordedByName,
  status: r.status as 'active' | 'outdated',
})

/** The feed items of `ids`, read inside their workspace (RLS on): what the hub sends on a notification. */
export const loadFeedItems = (deps: ServerDeps, workspaceId: string, ids: string[]): Promise<FeedItem[]> =>
  runInWorkspace(deps, null, workspaceId, async (w) => {
    const [rows, categories] = await Promise.all([
      feedStore(w.trx, workspaceId).byIds(ids),
      secretsStore(w.trx, workspaceId).categories(),
    ])
    return rows.map((r) => presentFeedItem(r, categories))
  })

const lastEventId = (request: FastifyRequest) => {
  const h = request.headers['last-event-id']
  return typeof h === 'string' && h ? h : undefined
}

const tags = ['secrets']

export const feedRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    /** One page of the feed, newest first, read inside the workspace (audited by the use-case). */
    const readPage = (
      w: WorkspaceContext,
      filters: FeedFilters,
      page: { before?: FeedCursor | undefined; after?: FeedCursor | undefined; limit: number },
      view: 'page' | 'catch_up',
    ) =>
      Promise.all([
        readFeedPage(
          { feed: feedStore(w.trx, w.workspaceId), audit: w.audit },
          { ...w.actor, workspaceId: w.workspaceId },
          filters,
          page,
          view,
        ),
        w.stores.secrets.categories(),
      ]).then(([rows, categories]) => rows.map((r) => presentFeedItem(r, categories)))

    app.get(
      '/api/secrets/feed',
      {
        schema: {
          tags,
          summary: 'The live feed as pages: newest secrets first, filtered by tier, category, recorder',
          description:
            'The first page, older pages (`before`), or a catch-up after a lost stream (`after`, or the `Last-Event-ID` header). Items are the same as the events of /api/secrets/feed/stream.',
          querystring: feedQuerySchema,
          response: { 200: feedPageSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.read', async (w) => {
          const { before, after, limit, ...filters } = request.query
          const b = parseCursor(before, 'before')
          const a = parseCursor(after ?? lastEventId(request), 'after')
          const rows = await readPage(
            w,
            filters,
            { before: b, after: a && lookBack(a), limit: limit + 1 },
            'page',
          )
          const items = rows.slice(0, limit)
          const newest =
            items[0]?.cursor ??
            (a
              ? formatCursor(a)
              : (before ?? formatCursor({ us: deps.clock.now().getTime() * 1000, id: '' })))
          return { items, nextBefore: rows.length > limit ? items.at(-1)!.cursor : null, newest }
        }),
    )

    app.get(
      '/api/secrets/feed/stream',
      {
        schema: {
          tags,
          summary: 'The live feed: new secrets as server-sent events, as they are recorded',
          description:
            'text/event-stream. Events: `secret` (data: a FeedItem, id: its cursor), `ready` (subscribed; what was missed since Last-Event-ID has been sent), `gap` (too much was missed: reload the first page). A comment line every 15 s keeps it open. Reconnecting with the Last-Event-ID header (EventSource does) resends what was recorded meanwhile; a few items may come twice, de-duplicate by id. Browsers pass the workspace as `?workspace=<slug>`.',
          querystring: feedStreamQuerySchema,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const { workspace, after, ...filters } = request.query
        // EventSource cannot send headers: the workspace may come in the query instead
        if (workspace && request.headers[WORKSPACE_HEADER] === undefined)
          request.headers[WORKSPACE_HEADER] = workspace
        const m = await requireMember(deps, request)
        authorize(m.actor, 'secrets.read')
        // the browser's reconnect carries Last-Event-ID; `after` is for a first connection
        const from = parseCursor(lastEventId(request) ?? after, 'after')
        await deps.feed.start()

        const workspaceId = m.workspace.id
        // what streams live is read under this one audited subscription (with its filters); each
        // catch-up is a short request of its own through the hook, as the member is now
        await inWorkspace(request, 'secrets.read', (w) =>
          subscribeToFeed(w, { ...w.actor, workspaceId }, filters),
        )
        const stream = openEventStream(request, reply, deps.feed.timing)
        const sent = new Set<string>()
        let newest: FeedCursor = from ?? { us: deps.clock.now().getTime() * 1000, id: '' }
        const emit = (items: FeedItem[]) => {
          for (const item of items) {
            if (sent.has(item.id)) continue
            sent.add(item.id)
            // what is older than the look-back cannot come again: the set stays small
            if (sent.size > 5_000) sent.delete(sent.values().next().value as string)
            const c = parseCursor(item.cursor, 'cursor')!
            if (c.us > newest.us) newest = c
            stream.send({ id: item.cursor, event: 'secret', data: JSON.stringify(item) })
          }
        }
        const catchUp = async (since: FeedCursor) => {
          const rows = await inWorkspace(request, 'secrets.read', (w) =>
            readPage(w, filters, { after: lookBack(since), limit: CATCH_UP_MAX + 1 }, 'catch_up'),
          )
          if (rows.length > CATCH_UP_MAX) stream.send({ event: 'gap', data: '{}' })
          else emit(rows.reverse())
        }
        const failed = (err: unknown) => {
          request.log.warn({ err }, 'live feed: catching up failed; the client will reconnect')
          stream.close()
        }

        // subscribed before the catch-up is read, holding what arrives meanwhile: nothing falls between
        let held: FeedItem[] | null = []
        const unsubscribe = deps.feed.subscribe({
          workspaceId,
          filters,
          deliver: (items) => (held ? held.push(...items) : emit(items)),
          resync: () => void catchUp(newest).catch(failed),
          close: () => stream.close(),
        })
        stream.onClose(unsubscribe)
        try {
          if (from) await catchUp(from)
        } catch (err) {
          return failed(err)
        }
        const waiting = held
        held = null
        emit(waiting)
        stream.send({ event: 'ready', data: '{}' })
      },
    )
  }
