import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { inboxStore } from '../../db/inbox.store.ts'
import {
  markAllNotificationsRead,
  markNotificationRead,
} from '../../domain/recovery/mark-notifications-read.ts'
import { errorResponses, idParam, okSchema } from '../../schemas/common.schemas.ts'
import {
  notificationListQuerySchema,
  notificationListSchema,
  notificationStreamQuerySchema,
  readAllSchema,
} from '../../schemas/notifications.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requireMember, WORKSPACE_HEADER } from '../principal.ts'
import { openEventStream } from '../sse/event-stream.ts'
import { createNotificationsHub } from '../sse/notifications-hub.ts'
import { workspaceRoute } from '../workspace-route.ts'

const tags = ['notifications']

/** The bell: my notifications in this workspace, marked read one by one or all at once, and a live stream. */
export const notificationRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const hub = createNotificationsHub({ database: deps.database, log: (m) => app.log.info(m) })
    // open streams would hold server.close() forever: end them (and LISTEN) first
    app.addHook('preClose', () => hub.close())

    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/notifications',
      {
        schema: {
          tags,
          summary: 'My notifications in this workspace: unread first, newest first',
          querystring: notificationListQuerySchema,
          response: { 200: notificationListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, null, (w) => w.stores.inbox.list(w.actor.userId, request.query.limit)),
    )

    app.post(
      '/api/notifications/:id/read',
      {
        schema: {
          tags,
          summary: 'Mark one of my notifications read',
          params: idParam,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, null, async (w) => {
          await markNotificationRead({ inbox: w.stores.inbox }, w.actor, request.params.id)
          return { ok: true as const }
        }),
    )

    app.post(
      '/api/notifications/read-all',
      {
        schema: {
          tags,
          summary: 'Mark all my notifications in this workspace read',
          response: { 200: readAllSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, null, async (w) => ({
          marked: await markAllNotificationsRead({ inbox: w.stores.inbox }, w.actor),
        })),
    )

    app.get(
      '/api/notifications/stream',
      {
        schema: {
          tags,
          summary: 'Live: an event each time I get a new notification in this workspace',
          description:
            'text/event-stream. Events: `ready` (subscribed), `notification` (data: {"unread": n}: reload the list). A comment line every 15 s keeps it open; the stream ends after 10 minutes and EventSource reconnects (checking the session again). Browsers pass the workspace as `?workspace=<slug>`.',
          querystring: notificationStreamQuerySchema,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const { workspace } = request.query
        // EventSource cannot send headers: the workspace may come in the query instead
        if (workspace && request.headers[WORKSPACE_HEADER] === undefined)
          request.headers[WORKSPACE_HEADER] = workspace
        const m = await requireMember(deps, request)
        await hub.start()
        const workspaceId = m.workspace.id
        const userId = m.user.id
        const stream = openEventStream(request, reply, hub.timing)
        const unreadNow = () =>
          runInWorkspace(deps, null, workspaceId, (w) =>
            inboxStore(w.trx, workspaceId, deps.clock.now).unreadCount(userId),
          )
        let reading = false
        let again = false
        const changed = async () => {
          // many at once (an escalation to everyone): one count read at a time, the last one wins
          if (reading) {
            again = true
            return
          }
          reading = true
          try {
            do {
              again = false
              const unread = await unreadNow()
              stream.send({ event: 'notification', data: JSON.stringify({ unread }) })
            } while (again && !stream.closed)
          } catch (err) {
            request.log.warn({ err }, 'notifications: reading the count failed; the client will reconnect')
            stream.close()
          } finally {
            reading = false
          }
        }
        const unsubscribe = hub.subscribe(workspaceId, userId, {
          changed: () => void changed(),
          close: () => stream.close(),
        })
        stream.onClose(unsubscribe)
        stream.send({ event: 'ready', data: JSON.stringify({ unread: await unreadNow() }) })
      },
    )
  }
