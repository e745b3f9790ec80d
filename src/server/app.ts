import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod'
import { sql } from 'kysely'
import { auditLog } from '../db/audit.store.ts'
import { refreshConcepts } from '../db/concepts-refresh.ts'
import type { Database } from '../db/connection.ts'
import { identityStore } from '../db/identity.store.ts'
import { queueDailyMomentSearch } from '../db/moments.store.ts'
import { inWorkspace } from '../db/workspace-scope.ts'
import { type Clock, systemClock } from '../domain/clock.ts'
import { MEANING_VERSION } from '../domain/meaning/lexicon.ts'
import type { ConceptExpander } from '../domain/secrets/ports.ts'
import { createAuth } from './auth.ts'
import { sharedMeaningConcepts } from './concepts/meaning-concepts.ts'
import type { AppConfig } from './config.ts'
import type { ServerDeps } from './deps.ts'
import { errorBody, frameworkErrors, installErrorHandling } from './errors.ts'
import { jobHandlers } from './jobs/job-handlers.ts'
import { createJobRunner, type JobRunnerOptions } from './jobs/runner.ts'
import { createMailer, type Mailer } from './mailer.ts'
import { registerWritePositions } from './replica-route.ts'
import { auditRoutes } from './routes/audit.routes.ts'
import { authRoutes } from './routes/auth.routes.ts'
import { awardRoutes } from './routes/awards.routes.ts'
import { bonusRoutes } from './routes/bonus.routes.ts'
import { customerRoutes } from './routes/customers.routes.ts'
import { feedRoutes, loadFeedItems } from './routes/feed.routes.ts'
import { feedbackRoutes } from './routes/feedback.routes.ts'
import { growthRoutes } from './routes/growth.routes.ts'
import { healthRoutes } from './routes/health.routes.ts'
import { importRoutes } from './routes/imports.routes.ts'
import { invitationRoutes } from './routes/invitations.routes.ts'
import { manualRoutes } from './routes/manual.routes.ts'
import { momentRoutes } from './routes/moments.routes.ts'
import { notesRoutes } from './routes/notes.routes.ts'
import { notificationRoutes } from './routes/notifications.routes.ts'
import { performancePlanRoutes } from './routes/performance-plans.routes.ts'
import { privacyRoutes } from './routes/privacy.routes.ts'
import { recoveryRoutes } from './routes/recovery.routes.ts'
import { relationshipDepthRoutes } from './routes/relationship-depth.routes.ts'
import { reportCardRoutes } from './routes/report-cards.routes.ts'
import { scoreboardRoutes } from './routes/scoreboard.routes.ts'
import { searchRoutes } from './routes/search.routes.ts'
import { secretRoutes } from './routes/secrets.routes.ts'
import { storyRoutes } from './routes/stories.routes.ts'
import { surpriseRoutes } from './routes/surprises.routes.ts'
import { tokenRoutes } from './routes/tokens.routes.ts'
import { valueRoutes } from './routes/value.routes.ts'
import { wallRoutes } from './routes/wall.routes.ts'
import { webhookRoutes } from './routes/webhooks.routes.ts'
import { workspaceRoutes } from './routes/workspaces.routes.ts'
import { createFeedHub } from './sse/feed-hub.ts'
import { tokenMint } from './token-mint.ts'
import { findUnstorableText } from './unstorable-text.ts'

/** The host of an Origin header; null for `Origin: null` (sandboxed frames, file: pages) or garbage. */
const hostOf = (origin: string): string | null => {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

export const WEB_DIST = path.resolve(import.meta.dirname, '../../dist/web')

/**
 * The built web UI: the .br/.gz the build wrote beside each file, picked by Accept-Encoding (Vary
 * says so); hashed files under /assets/ cached for a year, never revalidated (a new build makes new
 * names); index.html and the other unhashed files (favicon, colour-scheme script) revalidated on
 * every visit, so a deploy is seen at once. The SPA fallback (errors.ts) sends index.html the same way.
 */
export const serveWebUi = async (app: FastifyInstance, root: string) => {
  const assets = path.join(root, 'assets') + path.sep
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    // the compressed copies are not pages of their own
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply, file) => {
      reply.header(
        'cache-control',
        file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    },
  })
}

/** The signing secret is shared by every instance: from the environment, else kept in the database. */
export const resolveAuthSecret = async (config: AppConfig, database: Database): Promise<string> => {
  if (config.authSecret) return config.authSecret
  await sql`insert into instance_setting (key, value) values ('auth_secret', ${randomBytes(32).toString('base64url')})
            on conflict (key) do nothing`.execute(database.raw)
  const r = await sql<{
    value: string
  }>`select value from instance_setting where key = 'auth_secret'`.execute(database.raw)
  return r.rows[0]!.value
}

export interface BuildAppOptions {
  config: AppConfig
  database: Database
  mailer?: Mailer | undefined
  clock?: Clock | undefined
  /** what secrets' words stand for; WordNet unless a test or bench passes another */
  concepts?: ConceptExpander | undefined
  logger?: FastifyServerOptions['logger']
  /**
   * The stored-job loop (reminders, emails, webhooks) runs in every app process unless this is
   * false or DAZZLE_JOB_POLL_MS=0; tests turn it off and call `jobs.runDueJobs()` themselves.
   */
  jobs?: false | JobRunnerOptions | undefined
  /** extra routes (the local CLI bridge) registered by the caller */
  extend?: ((app: FastifyInstance, deps: ServerDeps) => Promise<void>) | undefined
}

/** Builds every dependency once; the HTTP app and the CLI's local tasks share it. */
export const createDeps = async (opts: BuildAppOptions, log: (msg: string) => void): Promise<ServerDeps> => {
  const { config, database } = opts
  const mailer = opts.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log })
  const clock = opts.clock ?? systemClock
  const identity = identityStore(database.db)
  const auth = createAuth({
    raw: database.raw,
    baseUrl: config.baseUrl,
    secret: await resolveAuthSecret(config, database),
    mailer,
    signInPerMinute: config.signInPerMinute,
    onSignIn: async (s) => {
      const user = await identity.userById(s.userId)
      for (const ws of await identity.membershipsOf(s.userId)) {
        await inWorkspace(database.db, ws.id, (trx) =>
          auditLog(trx, ws.id, { ip: s.ipAddress, userAgent: s.userAgent }).record({
            actorUserId: s.userId,
            actorLabel: user?.email ?? s.userId,
            action: 'auth.sign_in',
            targetType: 'user',
            targetId: s.userId,
          }),
        )
      }
    },
  })
  const deps: ServerDeps = {
    config,
    database,
    identity,
    auth,
    mailer,
    clock,
    mint: tokenMint,
    concepts: opts.concepts ?? sharedMeaningConcepts(),
    feed: createFeedHub({ database, log, load: (workspaceId, ids) => loadFeedItems(deps, workspaceId, ids) }),
  }
  return deps
}

/** The composition root of the HTTP app: builds the dependencies and registers the routes. */
export const buildApp = async (opts: BuildAppOptions) => {
  const { config } = opts
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      // never log credentials or secret text: only method, url and status are logged for requests
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.DAZZLE_TRUST_PROXY === '1',
    frameworkErrors,
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  const spa = existsSync(path.join(WEB_DIST, 'index.html'))
  installErrorHandling(app, { spa })
  const deps = await createDeps(opts, (m) => app.log.info(m))
  // open event streams would hold server.close() forever: end them (and LISTEN) first
  app.addHook('preClose', () => deps.feed.close())
  const jobs = createJobRunner(deps, jobHandlers(deps), {
    pollMs: config.jobPollMs,
    log: (level, msg) => app.log[level](msg),
    ...(opts.jobs || {}),
  })
  if (opts.jobs !== false && config.jobPollMs > 0) app.addHook('onReady', async () => jobs.start())
  app.addHook('preClose', () => jobs.stop())
  // each workspace's search for WOW moments runs daily: today's is queued at start (once per day,
  // whichever instance starts), each run queues the next
  if (opts.jobs !== false && config.jobPollMs > 0)
    app.addHook('onReady', async () => {
      await queueDailyMomentSearch(opts.database.db, deps.clock.now()).catch((e) =>
        app.log.warn(`the daily search for moments was not queued: ${(e as Error).message}`),
      )
    })
  // concepts stored under an older meaning layer are recomputed in the background
  let refreshing: Promise<unknown> = Promise.resolve()
  app.addHook('onReady', async () => {
    refreshing = refreshConcepts(opts.database.db, deps.concepts, MEANING_VERSION)
      .then((r) => {
        if (!r.skipped)
          app.log.info(`recomputed the concepts of ${r.secrets} secrets (meaning layer ${MEANING_VERSION})`)
      })
      .catch((e) => app.log.warn(`the concepts of secrets were not recomputed: ${(e as Error).message}`))
  })
  app.addHook('preClose', async () => {
    await refreshing
  })
  // CSV uploads are streamed to the importer as they arrive, never buffered whole
  app.addContentTypeParser(['text/csv', 'application/csv'], (_request, payload, done) => done(null, payload))

  // CSRF: a cookie-authenticated change must come from our own pages. Browsers always send Origin
  // on such requests; bearer-token scripts are not exposed to CSRF and skip the check.
  const allowedOrigins = new Set([new URL(config.baseUrl).origin])
  app.addHook('onRequest', async (request, reply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return
    if (
      !request.url.startsWith('/api/') ||
      request.url.startsWith('/api/auth/') ||
      request.url.startsWith('/api/_cli/')
    )
      return
    if (request.headers.authorization || !request.headers.cookie) return
    const origin = request.headers.origin
    const sameHost = !!origin && !!request.headers.host && hostOf(origin) === request.headers.host
    if (!origin || !(allowedOrigins.has(origin) || sameHost)) {
      return reply
        .status(403)
        .send(
          errorBody('csrf_rejected', 'This request did not come from a Dazzle page (Origin check failed).'),
        )
    }
  })
  // NUL, lone surrogates and control characters are refused once, here, for every route: PostgreSQL
  // cannot store the first two (a 500 after part of the work), and nobody means to type the others
  app.addHook('preValidation', async (request, reply) => {
    const found =
      findUnstorableText(request.params, 'params') ??
      findUnstorableText(request.query, 'querystring') ??
      findUnstorableText(request.body, 'body')
    if (found) {
      return reply
        .status(400)
        .send(errorBody('invalid_characters', `${found.path}: ${found.message}`, { issues: [found] }))
    }
  })
  // Scripts only from our own files, never inline or eval'd; nothing may frame us, post our forms
  // elsewhere, load plugins or move the base URL. Styles: our stylesheets, plus <style> elements,
  // because Mantine (and Swagger UI) write the theme's CSS variables and responsive props into
  // <style> tags at run time (contents vary with theme and colour scheme, so no hash fits; a nonce
  // would need index.html made per request); styles cannot run script. Style attributes in markup
  // stay refused (style-src 'self'): React's style props go through CSSOM, which CSP leaves alone.
  // One policy for every response, the Swagger UI at /api/docs included (it needs no more).
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-elem 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  const hsts = new URL(config.baseUrl).protocol === 'https:'
  app.addHook('onSend', async (request, reply) => {
    // quote it in a bug report; the same id is on every log line of the request
    reply.header('x-request-id', request.id)
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'same-origin')
    reply.header('x-frame-options', 'DENY')
    reply.header('content-security-policy', csp)
    // only over https: a browser that saw it would refuse plain http to this host for a year
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains')
  })

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Dazzle API',
        version: config.version,
        description:
          'Secrets-layer customer system with a 24-hour service-recovery engine. Authenticate with a session cookie (sign in at /api/auth/sign-in/email) or `Authorization: Bearer <API token>`. Errors always have the shape {"error":{"code","message","details"?}}.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'dazzle.session_token' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  // read-your-writes when reads may go to a replica: each write answers with its WAL position
  registerWritePositions(app, deps)
  await app.register(healthRoutes(deps))
  await app.register(authRoutes(deps))
  await app.register(workspaceRoutes(deps))
  await app.register(invitationRoutes(deps))
  await app.register(tokenRoutes(deps))
  await app.register(auditRoutes(deps))
  await app.register(customerRoutes(deps))
  await app.register(valueRoutes(deps))
  await app.register(growthRoutes(deps))
  await app.register(importRoutes(deps))
  await app.register(secretRoutes(deps))
  await app.register(notesRoutes(deps))
  await app.register(feedRoutes(deps))
  await app.register(searchRoutes(deps))
  await app.register(recoveryRoutes(deps))
  await app.register(surpriseRoutes(deps))
  await app.register(feedbackRoutes(deps))
  await app.register(scoreboardRoutes(deps))
  await app.register(privacyRoutes(deps))
  await app.register(manualRoutes(deps))
  await app.register(notificationRoutes(deps))
  await app.register(webhookRoutes(deps))
  await app.register(reportCardRoutes(deps))
  await app.register(bonusRoutes(deps))
  await app.register(storyRoutes(deps))
  await app.register(momentRoutes(deps))
  await app.register(awardRoutes(deps))
  await app.register(performancePlanRoutes(deps))
  await app.register(relationshipDepthRoutes(deps))
  await app.register(wallRoutes(deps))
  if (opts.extend) await opts.extend(app, deps)

  if (spa) await serveWebUi(app, WEB_DIST)
  return { app, deps, jobs }
}
