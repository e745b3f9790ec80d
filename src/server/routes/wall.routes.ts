import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { awardsStore } from '../../db/awards.store.ts'
import { scoreboardStore } from '../../db/scoreboard.store.ts'
import { storiesStore } from '../../db/stories.store.ts'
import { findWallLink, instanceSecret, wallStore } from '../../db/wall.store.ts'
import { DomainError } from '../../domain/errors.ts'
import {
  changeWallSettings,
  createWallLink,
  type FoundWallLink,
  listWallLinks,
  openWallLink,
  readWallSettings,
  revokeWallLink,
} from '../../domain/wall/manage-wall-links.ts'
import type { WallMint } from '../../domain/wall/ports.ts'
import { readWall } from '../../domain/wall/read-wall.ts'
import { refuseWallLink, WALL_STREAMS_PER_LINK } from '../../domain/wall/wall-link.ts'
import { errorResponses, errorSchema, idParam, okSchema } from '../../schemas/common.schemas.ts'
import {
  createdWallLinkSchema,
  createWallLinkSchema,
  wallLinkSchema,
  wallSettingsSchema,
  wallTokenParams,
  wallViewSchema,
} from '../../schemas/wall.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { openEventStream } from '../sse/event-stream.ts'
import { createWallHub } from '../sse/wall-hub.ts'
import { wallMint } from '../wall-mint.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'

const tags = ['wall']
const publicWall = { security: [] as Record<string, string[]>[] }

/**
 * The wall (issue 12, part 6): an admin's kiosk links, and what a link shows — the JSON and a live
 * stream — with no sign-in, for its own workspace only. Public links sit outside the request hook
 * (decision 014): the token finds its workspace, whose transaction (RLS on) the read runs in.
 */
export const wallRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const hub = createWallHub({ database: deps.database, log: (m) => app.log.info(m) })
    app.addHook('preClose', () => hub.close())
    const inWorkspace = workspaceRoute(deps)

    let minting: Promise<WallMint> | null = null
    const mint = () => {
      minting ??= instanceSecret(deps.database.db, deps.config.authSecret).then(wallMint)
      minting.catch(() => {
        minting = null
      })
      return minting
    }
    /** the mint is resolved before the request's transaction: PGlite has one connection, so a read
     * outside the transaction from inside it would wait for it forever */
    const manageDeps = (w: WorkspaceContext, m: WallMint) => ({
      links: wallStore(w.trx, w.workspaceId),
      mint: m,
      audit: w.audit,
      clock: w.clock,
    })
    const withWorkspace = (w: WorkspaceContext) => ({ ...w.actor, workspaceId: w.workspaceId })

    app.get(
      '/api/workspace/wall-links',
      {
        schema: {
          tags,
          summary: 'The wall links of this workspace, newest first (admins)',
          response: { 200: z.object({ links: z.array(wallLinkSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const m = await mint()
        return inWorkspace(request, 'wall.manage', async (w) => ({
          links: await listWallLinks(manageDeps(w, m), withWorkspace(w)),
        }))
      },
    )

    app.post(
      '/api/workspace/wall-links',
      {
        schema: {
          tags,
          summary: 'Create a wall link for a screen in the office; the token is in this answer only (admins)',
          body: createWallLinkSchema,
          response: { 201: createdWallLinkSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const m = await mint()
        const created = await inWorkspace(request, 'wall.manage', async (w) =>
          createWallLink(manageDeps(w, m), w.actor, request.body),
        )
        return reply.status(201).send(created)
      },
    )

    app.delete(
      '/api/workspace/wall-links/:id',
      {
        schema: {
          tags,
          summary: 'Revoke a wall link: refused at once, its open streams end (admins)',
          params: idParam,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      async (request) => {
        const m = await mint()
        return inWorkspace(request, 'wall.manage', async (w) => {
          await revokeWallLink(manageDeps(w, m), w.actor, request.params.id)
          return { ok: true as const }
        })
      },
    )

    app.get(
      '/api/workspace/wall-settings',
      {
        schema: {
          tags,
          summary: 'Whether the wall shows secret text (admins)',
          response: { 200: wallSettingsSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'wall.manage', (w) =>
          readWallSettings({ links: wallStore(w.trx, w.workspaceId) }, w.actor),
        ),
    )

    app.put(
      '/api/workspace/wall-settings',
      {
        schema: {
          tags,
          summary: 'Let the wall show secret text in stories and awards, or not (default: not; admins)',
          body: wallSettingsSchema,
          response: { 200: wallSettingsSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'wall.manage', (w) =>
          changeWallSettings(
            { links: wallStore(w.trx, w.workspaceId), audit: w.audit },
            withWorkspace(w),
            request.body,
          ),
        ),
    )

    const open = async (token: string) =>
      openWallLink(
        { find: (hash) => findWallLink(deps.database.db, hash), mint: await mint(), clock: deps.clock },
        token,
      )
    const read = (found: FoundWallLink, request: Parameters<typeof runInWorkspace>[1]) =>
      runInWorkspace(deps, request, found.workspaceId, ({ trx, audit }) => {
        const store = wallStore(trx, found.workspaceId)
        return readWall(
          {
            links: store,
            scoreboard: scoreboardStore(trx, found.workspaceId),
            openClocks: store.openClocks,
            stories: storiesStore(trx, found.workspaceId),
            awards: awardsStore(trx, found.workspaceId, deps.clock.now),
            audit,
            clock: deps.clock,
          },
          found,
        )
      })

    app.get(
      '/api/wall/:token',
      {
        schema: {
          tags,
          summary:
            "What a wall link shows (no sign-in): the scoreboard's figures, the trend, stories, awards",
          description:
            'Read-only, for the workspace that made the link. An unknown or tampered token answers 404, a revoked or expired one 401. Secret text only when the workspace lets the wall show it.',
          params: wallTokenParams,
          response: { 200: wallViewSchema, ...errorResponses },
          ...publicWall,
        },
      },
      async (request, reply) => {
        const found = await open(request.params.token)
        reply.header('cache-control', 'no-store')
        return read(found, request)
      },
    )

    app.get(
      '/api/wall/:token/stream',
      {
        schema: {
          tags,
          summary: 'Live: the wall again each time a recovery, story or award changes (no sign-in)',
          description: `text/event-stream. Events: \`wall\` (data: the same JSON as GET /api/wall/{token}), \`revoked\` and \`expired\` (data: {"message"}; the stream then ends). A comment line every 15 s keeps it open; the stream ends after 10 minutes and EventSource reconnects (checking the link again). At most ${WALL_STREAMS_PER_LINK} open streams per link (429 beyond).`,
          params: wallTokenParams,
          response: { ...errorResponses, 429: errorSchema },
          ...publicWall,
        },
      },
      async (request, reply) => {
        const { token } = request.params
        const found = await open(token)
        if (hub.streamsOf(found.link.id) >= WALL_STREAMS_PER_LINK) {
          throw new DomainError(
            'wall_busy',
            `This wall link is already open on ${WALL_STREAMS_PER_LINK} screens; close one, or make another link for this screen.`,
          )
        }
        const first = await read(found, request)
        await hub.start()
        const stream = openEventStream(request, reply, hub.timing)
        const end = (event: 'revoked' | 'expired') => {
          stream.send({ event, data: JSON.stringify({ message: refuseWallLink(event).message }) })
          stream.close()
        }
        let reading = false
        let again = false
        const changed = async () => {
          if (reading) {
            again = true
            return
          }
          reading = true
          try {
            do {
              again = false
              // the link again: revoked or expired since the stream opened ends it
              const now = await open(token)
              stream.send({ event: 'wall', data: JSON.stringify(await read(now, null)) })
            } while (again && !stream.closed)
          } catch (err) {
            if (err instanceof DomainError && err.code === 'wall_link_revoked') end('revoked')
            else if (err instanceof DomainError && err.code === 'wall_link_expired') end('expired')
            else {
              request.log.warn({ err }, 'wall: reading the figures failed; the screen will reconnect')
              stream.close()
            }
          } finally {
            reading = false
          }
        }
        const unsubscribe = hub.subscribe({
          workspaceId: found.workspaceId,
          linkId: found.link.id,
          changed: () => void changed(),
          revoked: () => end('revoked'),
          close: () => stream.close(),
        })
        stream.onClose(unsubscribe)
        const expiresIn = found.link.expiresAt
          ? found.link.expiresAt.getTime() - deps.clock.now().getTime()
          : null
        if (expiresIn !== null && expiresIn < hub.timing.maxAgeMs) {
          const t = setTimeout(() => end('expired'), Math.max(0, expiresIn))
          stream.onClose(() => clearTimeout(t))
        }
        stream.send({ event: 'wall', data: JSON.stringify(first) })
      },
    )
  }
