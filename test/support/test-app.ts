import { inject } from 'vitest'
import { type Database, openDatabase } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { fixedClock } from '../../src/domain/clock.ts'
import { buildApp } from '../../src/server/app.ts'
import { loadConfig } from '../../src/server/config.ts'
import type { JobRunnerOptions } from '../../src/server/jobs/runner.ts'
import { type Mailer, memoryMailer } from '../../src/server/mailer.ts'
import { createDatabase } from './postgres-server.ts'

export const BASE_URL = 'http://localhost:3000'
export const ORIGIN = { origin: BASE_URL }

/** A fresh database on the test PostgreSQL; none (PGlite in memory) on the embedded run. */
export const testDatabaseUrl = async (): Promise<string | undefined> =>
  (process.env.DAZZLE_TEST_DB ?? 'embedded') === 'postgres'
    ? await createDatabase(inject('postgresUrl'))
    : undefined

/**
 * Opens the database this project runs on (PGlite in memory, or a fresh database on the test
 * PostgreSQL); given a URL, that database (a second app instance on the same PostgreSQL).
 */
export const openTestDatabase = async (url?: string) => {
  const databaseUrl = url ?? (await testDatabaseUrl())
  const database = await openDatabase({ databaseUrl })
  await migrateToLatest(database.raw)
  return database
}

/** The real HTTP app on a real database, with a readable outbox and a clock tests can move. */
export const buildTestApp = async (
  opts: {
    signInPerMinute?: number
    /** wrong passwords for one account before it is paused (default: never, in tests) */
    signInLockAfter?: number
    databaseUrl?: string
    /** an open database to share (a second instance on PGlite, a restart): the caller closes it */
    database?: Database
    clock?: ReturnType<typeof fixedClock>
    /** options of the stored-job runner; tests call `jobs.runDueJobs()` themselves */
    jobs?: JobRunnerOptions
    /** run the stored-job loop in the background (every 50 ms) as a real instance does */
    jobLoop?: boolean
    /** another mailer (a real SMTP one); `mailer.sent` then stays empty */
    mailer?: Mailer
  } = {},
) => {
  const databaseUrl = opts.database ? opts.databaseUrl : (opts.databaseUrl ?? (await testDatabaseUrl()))
  const database = opts.database ?? (await openTestDatabase(databaseUrl))
  const mailer = memoryMailer()
  const clock = opts.clock ?? fixedClock(new Date())
  const config = {
    ...loadConfig({ DAZZLE_URL: BASE_URL }),
    logLevel: 'silent',
    signInPerMinute: opts.signInPerMinute ?? 1000,
    signInLockAfter: opts.signInLockAfter ?? 1000,
    jobPollMs: opts.jobLoop ? 50 : 0,
  }
  // DAZZLE_TEST_LOG=1 prints the server's errors (a 500's cause) while debugging a test
  const logger = process.env.DAZZLE_TEST_LOG ? { level: 'error' } : false
  const { app, deps, jobs } = await buildApp({
    config,
    database,
    mailer: opts.mailer ?? mailer,
    clock,
    logger,
    jobs: opts.jobs,
  })
  await app.ready()

  let ipCounter = 1
  const api = {
    app,
    deps,
    database,
    /** the PostgreSQL database, for a second instance on it (undefined on PGlite) */
    databaseUrl,
    mailer,
    clock,
    /** the stored-job runner of this instance */
    jobs,
    async close() {
      await app.close()
      if (!opts.database) await database.close()
    },
    /** signs up a person and returns the Cookie header that carries their session */
    async signUp(email: string, name = email.split('@')[0]!, password = 'correct horse battery') {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-up/email',
        headers: ORIGIN,
        payload: { email, password, name },
        remoteAddress: `10.0.0.${ipCounter++}`,
      })
      if (res.statusCode !== 200) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`)
      return cookieOf(res.headers['set-cookie'])
    },
    async signIn(email: string, password = 'correct horse battery') {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers: ORIGIN,
        payload: { email, password },
      })
      return { res, cookie: res.statusCode === 200 ? cookieOf(res.headers['set-cookie']) : '' }
    },
    /** a person with their own new workspace, as its admin */
    async admin(email = 'ada@acme.test', workspace = 'Acme') {
      const cookie = await api.signUp(email)
      const res = await app.inject({
        method: 'POST',
        url: '/api/workspaces',
        headers: { cookie, ...ORIGIN },
        payload: { name: workspace },
      })
      if (res.statusCode !== 201) throw new Error(`workspace failed: ${res.statusCode} ${res.body}`)
      return { cookie, workspace: res.json() as { id: string; slug: string; name: string } }
    },
    /** invites `email` with `role` into the admin's workspace and returns the new member's cookie */
    async member(adminCookie: string, email: string, role: string) {
      const inv = await app.inject({
        method: 'POST',
        url: '/api/workspace/invitations',
        headers: { cookie: adminCookie, ...ORIGIN },
        payload: { email, role },
      })
      if (inv.statusCode !== 201) throw new Error(`invite failed: ${inv.statusCode} ${inv.body}`)
      const token = (inv.json().link as string).split('/invite/')[1]
      const cookie = await api.signUp(email)
      const acc = await app.inject({
        method: 'POST',
        url: `/api/invitations/${token}/accept`,
        headers: { cookie, ...ORIGIN },
      })
      if (acc.statusCode !== 200) throw new Error(`accept failed: ${acc.statusCode} ${acc.body}`)
      return cookie
    },
  }
  return api
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

export const cookieOf = (setCookie: string | string[] | undefined): string =>
  (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((c) => c.split(';')[0]).join('; ')
