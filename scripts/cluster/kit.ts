/**
 * The pieces of a Dazzle deployment on loopback, as throwaway processes under one folder (#16):
 * a PostgreSQL primary and a streaming replica (Debian's PostgreSQL, pg_basebackup), a PgBouncer
 * in transaction mode beside each, HAProxy in front of N Dazzle instances. Used by
 * `npm run cluster` and by the tests that need the same topology.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'

export const findBin = (name: string): string | null => {
  const base = '/usr/lib/postgresql'
  if (['postgres', 'initdb', 'pg_ctl', 'pg_basebackup'].includes(name) && existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(path.join(base, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a))
    if (versions[0]) return path.join(base, versions[0], 'bin', name)
  }
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']) {
    if (existsSync(path.join(dir, name))) return path.join(dir, name)
  }
  return null
}

const need = (name: string, pkg: string): string => {
  const bin = findBin(name)
  if (!bin) throw new Error(`${name} not found: run \`apt-get install -y ${pkg}\``)
  return bin
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })

/** PostgreSQL and PgBouncer refuse to run as root: run them as the postgres system user then. */
const asServerUser = (cmd: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]

/** starts a process that outlives the script that started it, its output in `log` */
const daemon = (cmd: string, args: string[], log: string, env?: NodeJS.ProcessEnv): ChildProcess => {
  const fd = openSync(log, 'a')
  chmodSync(log, 0o666)
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env: env ?? process.env })
  child.unref()
  return child
}

export const waitFor = async (
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 60_000,
  log?: string,
) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let gone = false
    const up = await probe().catch((e: unknown) => {
      gone = e instanceof Error && /exited/.test(e.message)
      return false
    })
    if (up) return
    if (gone || Date.now() > deadline) {
      const tail =
        log && existsSync(log) ? `\n${readFileSync(log, 'utf8').split('\n').slice(-20).join('\n')}` : ''
      throw new Error(
        `${what} ${gone ? 'exited' : `did not come up within ${Math.round(timeoutMs / 1000)} s`}${tail}`,
      )
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}

const canQuery = async (url: string, sql = 'select 1') => {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  try {
    await c.connect()
    await c.query(sql)
    return true
  } finally {
    await c.end().catch(() => undefined)
  }
}

export interface PostgresNode {
  name: string
  data: string
  port: number
  url: (db?: string) => string
}

const pgUrl =
  (port: number) =>
  (db = 'postgres') =>
    `postgres://postgres@127.0.0.1:${port}/${db}`

const postgresArgs = (data: string, port: number, dir: string, extra: Record<string, string>) => {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    max_connections: '300',
    wal_level: 'replica',
    max_wal_senders: '10',
    hot_standby: 'on',
    wal_keep_size: '256MB',
    ...extra,
  }
  return [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ]
}

const startPostgresProcess = async (node: PostgresNode, dir: string, extra: Record<string, string>) => {
  const log = path.join(dir, `${node.name}.log`)
  const [cmd, args] = asServerUser(
    need('postgres', 'postgresql'),
    postgresArgs(node.data, node.port, dir, extra),
  )
  daemon(cmd, args, log)
  await waitFor(`PostgreSQL ${node.name} on port ${node.port}`, () => canQuery(node.url()), 60_000, log)
}

/** a new primary in `dir/<name>` (replication is made synchronous once a standby exists: `requireStandby`) */
export const startPrimary = async (
  dir: string,
  opts: { name?: string; port?: number } = {},
): Promise<PostgresNode> => {
  const name = opts.name ?? 'primary'
  const data = path.join(dir, name)
  const [initCmd, initArgs] = asServerUser(need('initdb', 'postgresql'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ])
  execFileSync(initCmd, initArgs, { stdio: 'pipe' })
  const port = opts.port ?? (await freePort())
  const node = { name, data, port, url: pgUrl(port) }
  await startPostgresProcess(node, dir, {})
  return node
}

/** a streaming replica of `primary`, cloned with pg_basebackup, as standby `name` */
export const startReplica = async (
  dir: string,
  primary: PostgresNode,
  opts: { name?: string; port?: number } = {},
): Promise<PostgresNode> => {
  const name = opts.name ?? 'replica'
  const data = path.join(dir, name)
  const [cmd, args] = asServerUser(need('pg_basebackup', 'postgresql'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    data,
    '-X',
    'stream',
    '-R',
    '--no-sync',
    // an immediate checkpoint: the default spread one waits out minutes of checkpoint pacing
    '--checkpoint=fast',
  ])
  execFileSync(cmd, args, { stdio: 'pipe' })
  const port = opts.port ?? (await freePort())
  const node = { name, data, port, url: pgUrl(port) }
  // application_name is how the primary names this standby in synchronous_standby_names
  const conninfo = `host=127.0.0.1 port=${primary.port} user=postgres application_name=${name}`
  // a promoted standby keeps the same rule for the standby that may join it later
  await startPostgresProcess(node, dir, { primary_conninfo: conninfo })
  return node
}

/**
 * Every commit on `primary` waits until a standby has it (synchronous_standby_names = '*'): an
 * acknowledged write survives the primary's loss. Set after the standby is streaming, or the
 * commits in between would wait for nobody.
 */
export const requireStandby = async (primary: PostgresNode, on = true) => {
  const c = new pg.Client({ connectionString: primary.url() })
  await c.connect()
  try {
    await c.query(`alter system set synchronous_standby_names = '${on ? '*' : ''}'`)
    await c.query('select pg_reload_conf()')
    if (on) {
      await waitFor(
        'the standby to be synchronous',
        async () => {
          const r = await c.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_replication where sync_state = 'sync'`,
          )
          return (r.rows[0]?.n ?? 0) > 0
        },
        30_000,
      )
    }
  } finally {
    await c.end()
  }
}

/** pg_ctl promote: the standby becomes a primary and takes writes */
export const promote = async (node: PostgresNode) => {
  const [cmd, args] = asServerUser(need('pg_ctl', 'postgresql'), ['promote', '-w', '-D', node.data])
  execFileSync(cmd, args, { stdio: 'pipe' })
  await waitFor(
    `${node.name} to take writes`,
    async () => {
      const c = new pg.Client({ connectionString: node.url() })
      try {
        await c.connect()
        return !(await c.query<{ r: boolean }>('select pg_is_in_recovery() as r')).rows[0]?.r
      } finally {
        await c.end().catch(() => undefined)
      }
    },
    30_000,
  )
}

const postmasterPid = (data: string): number | null => {
  try {
    return Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) || null
  } catch {
    return null
  }
}

/** kill -9 of the postmaster: a crash, nothing flushed that was not flushed already */
export const crash = (node: PostgresNode) => {
  const pid = postmasterPid(node.data)
  if (pid) process.kill(pid, 'SIGKILL')
}

export const stopPostgres = async (node: PostgresNode) => {
  const pid = postmasterPid(node.data)
  if (!pid) return
  try {
    process.kill(pid, 'SIGINT')
  } catch {
    return
  }
  await waitFor(`${node.name} to stop`, async () => !alive(pid), 20_000).catch(() => {
    if (alive(pid)) process.kill(pid, 'SIGKILL')
  })
}

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export interface Bouncer {
  name: string
  port: number
  pidfile: string
  url: (db?: string) => string
}

/** PgBouncer in transaction mode in front of one PostgreSQL node */
export const startBouncer = async (
  dir: string,
  node: PostgresNode,
  opts: { port?: number } = {},
): Promise<Bouncer> => {
  const name = `pgbouncer-${node.name}`
  const port = opts.port ?? (await freePort())
  const pidfile = path.join(dir, `${name}.pid`)
  const ini = path.join(dir, `${name}.ini`)
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=127.0.0.1 port=${node.port} user=postgres`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = any',
      'pool_mode = transaction',
      'max_client_conn = 1000',
      'default_pool_size = 40',
      // a failover: connections to a server that is gone are dropped, not kept for the next client
      'server_check_delay = 1',
      'server_login_retry = 1',
      'server_connect_timeout = 3',
      // a client waiting for a server that is gone is told so, not kept for two minutes
      'query_wait_timeout = 5',
      'ignore_startup_parameters = extra_float_digits,options,statement_timeout',
      `pidfile = ${pidfile}`,
      `logfile = ${path.join(dir, `${name}.log`)}`,
      '',
    ].join('\n'),
  )
  chmodSync(ini, 0o644)
  const [cmd, args] = asServerUser(need('pgbouncer', 'pgbouncer'), [ini])
  const log = path.join(dir, `${name}.out`)
  daemon(cmd, args, log)
  const bouncer = { name, port, pidfile, url: pgUrl(port) }
  await waitFor(`${name} on port ${port}`, () => canQuery(bouncer.url()), 30_000, log)
  return bouncer
}

export interface Balancer {
  port: number
  pidfile: string
  url: string
}

/** HAProxy in front of the instances, each checked on /api/health */
export const startHaproxy = async (
  dir: string,
  instances: { name: string; port: number }[],
  opts: { port?: number } = {},
): Promise<Balancer> => {
  const port = opts.port ?? (await freePort())
  const pidfile = path.join(dir, 'haproxy.pid')
  const cfg = path.join(dir, 'haproxy.cfg')
  writeFileSync(
    cfg,
    [
      'global',
      '  maxconn 4000',
      'defaults',
      '  mode http',
      '  timeout connect 5s',
      '  timeout client 60s',
      '  timeout server 60s',
      // server-sent events stay open: a long tunnel timeout, not the request one
      '  timeout tunnel 1h',
      '  option forwardfor',
      '  retries 2',
      '  option redispatch',
      // an instance that dies with a request on it: a GET is tried again on another, a write is not
      // (it may have been applied) and answers 502 for the client to decide
      '  retry-on all-retryable-errors',
      'frontend dazzle',
      `  bind 127.0.0.1:${port}`,
      '  default_backend instances',
      'backend instances',
      '  balance roundrobin',
      '  http-request disable-l7-retry unless METH_GET || METH_HEAD',
      '  option httpchk GET /api/health',
      '  http-check expect status 200',
      '  default-server inter 1s fall 2 rise 2',
      ...instances.map((i) => `  server ${i.name} 127.0.0.1:${i.port} check`),
      '',
    ].join('\n'),
  )
  const log = path.join(dir, 'haproxy.log')
  const haproxy = need('haproxy', 'haproxy')
  execFileSync(haproxy, ['-c', '-q', '-f', cfg], { stdio: 'pipe' })
  const child = daemon(haproxy, ['-f', cfg, '-db'], log)
  // in the foreground (-db) HAProxy writes no pidfile of its own: without this one, stop left it running
  writeFileSync(pidfile, `${child.pid}\n`)
  const url = `http://127.0.0.1:${port}`
  await waitFor(`HAProxy on port ${port}`, async () => (await fetch(`${url}/api/health`)).ok, 120_000, log)
  return { port, pidfile, url }
}

export interface Instance {
  name: string
  port: number
  pid: number
  log: string
}

const REPO = path.resolve(import.meta.dirname, '..', '..')

/** one Dazzle instance (`dazzle serve`), stateless: everything it keeps is in the database */
export const startInstance = async (
  dir: string,
  name: string,
  env: { DATABASE_URL: string; DATABASE_LISTEN_URL?: string; DAZZLE_AUTH_SECRET: string; DAZZLE_URL: string },
  opts: { port?: number; demo?: boolean; timeoutMs?: number } = {},
): Promise<Instance> => {
  const port = opts.port ?? (await freePort())
  const log = path.join(dir, `${name}.log`)
  const child = daemon(process.execPath, [path.join(REPO, 'bin', 'dazzle.mjs'), 'serve'], log, {
    ...process.env,
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DAZZLE_TRUST_PROXY: '1',
    DAZZLE_DEMO: opts.demo ? '1' : '0',
    DAZZLE_DATA_DIR: path.join(dir, `${name}-data`),
  })
  const pid = child.pid as number
  await waitFor(
    `Dazzle ${name} on port ${port}`,
    async () => {
      if (!alive(pid)) throw new Error(`Dazzle ${name} exited`)
      return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok
    },
    opts.timeoutMs ?? 300_000,
    log,
  )
  return { name, port, pid, log }
}

export const killPid = async (pid: number, signal: NodeJS.Signals = 'SIGTERM') => {
  try {
    process.kill(pid, signal)
  } catch {
    return
  }
  await waitFor(`process ${pid} to end`, async () => !alive(pid), 15_000).catch(() => {
    if (alive(pid)) process.kill(pid, 'SIGKILL')
  })
}

export const pidFromFile = (file: string): number | null => {
  try {
    return Number(readFileSync(file, 'utf8').trim().split('\n')[0]) || null
  } catch {
    return null
  }
}
