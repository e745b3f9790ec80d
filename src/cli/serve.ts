import net from 'node:net'
import { buildApp } from '../server/app.ts'
import { type AppConfig, loadConfig } from '../server/config.ts'
import { updateLock } from '../server/data-folder-lock.ts'
import { DEMO_SLUG, ensureDemoWorkspace } from '../server/demo.ts'
import { registerCliBridge } from '../server/routes/cli-bridge.routes.ts'
import { openConfiguredDatabase } from './open.ts'
import { buildWeb, webBuildIsStale } from './web-build.ts'

/** `dazzle serve`: API and web UI in one process, migrations on start, the demo workspace on first start. */
export const serve = async (given: AppConfig, opts: { buildIfStale: boolean; demo: boolean }) => {
  // PORT=0 means "any free port"; links in emails need the real one, so pick it before building the app
  const config = given.port === 0 ? loadConfig({ ...process.env, PORT: String(await freePort()) }) : given
  if (opts.buildIfStale && webBuildIsStale()) {
    process.stdout.write('Building the web UI (first start or sources changed)…\n')
    await buildWeb()
  }
  const { database, lock, migrated } = await openConfiguredDatabase(config, {
    kind: 'server',
    command: 'serve',
  })
  const { app, deps } = await buildApp({
    config,
    database,
    extend: lock?.info.secret ? (a, d) => registerCliBridge(a, d, lock.info.secret!) : undefined,
  })
  if (migrated.length) app.log.info({ migrated }, 'database migrated')
  const demoMessage = opts.demo ? await ensureDemoWorkspace(deps) : null

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info(`${signal}: shutting down`)
    await app.close()
    await database.close()
    lock?.release()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  await app.listen({ port: config.port, host: config.host })
  const port = config.port
  if (lock) updateLock(config.dataDir, { ...lock.info, port })
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`
  process.stdout.write(`\nDazzle is running on http://localhost:${port} — database: ${where}\n`)
  if (demoMessage) process.stdout.write(`${demoMessage}\n`)
  else if (opts.demo && (await deps.identity.workspaceBySlug(DEMO_SLUG)))
    process.stdout.write(`Demo workspace: sign in as maya@northwind.demo (password dazzle-demo-2026).\n`)
  process.stdout.write(`API docs: http://localhost:${port}/api/docs\n\n`)
  return { app, port }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
