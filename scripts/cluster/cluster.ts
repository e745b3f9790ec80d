/**
 * One deployment on loopback (#16 part 1): primary + streaming replica, a PgBouncer in transaction
 * mode beside each, N Dazzle instances, HAProxy in front. Its shape is written to
 * `<dir>/cluster.json` so that `stop`, `status` and `failover` find every process again.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import {
  type Balancer,
  type Bouncer,
  crash,
  freePort,
  type Instance,
  killPid,
  type PostgresNode,
  pidFromFile,
  promote,
  requireStandby,
  startBouncer,
  startHaproxy,
  startInstance,
  startPrimary,
  startReplica,
  stopPostgres,
} from './kit.ts'

export interface Cluster {
  dir: string
  synchronous: boolean
  primary: PostgresNode
  replica: PostgresNode
  bouncers: Bouncer[]
  instances: Instance[]
  balancer: Balancer
  /** what every instance was started with */
  env: {
    DATABASE_URL: string
    DATABASE_LISTEN_URL: string
    DATABASE_REPLICA_URL: string
    DAZZLE_AUTH_SECRET: string
    DAZZLE_URL: string
    DAZZLE_REPLICA_MAX_LAG_MS?: string
  }
}

export interface ClusterOptions {
  instances?: number
  /** synchronous replication: a commit is acknowledged once the replica has it (the default) */
  synchronous?: boolean
  demo?: boolean
  /** how old the replica's data may be before reads go back to the primary (DAZZLE_REPLICA_MAX_LAG_MS) */
  replicaMaxLagMs?: number
  log?: (line: string) => void
}

const DB = 'dazzle'
const file = (dir: string) => path.join(dir, 'cluster.json')

export const startCluster = async (dir: string, opts: ClusterOptions = {}): Promise<Cluster> => {
  const log = opts.log ?? (() => {})
  if (existsSync(file(dir)))
    throw new Error(`${dir} already holds a cluster: stop it first (npm run cluster -- stop)`)
  mkdirSync(dir, { recursive: true })
  chmodSync(dir, 0o777)
  const synchronous = opts.synchronous ?? true
  log(`PostgreSQL primary (${synchronous ? 'synchronous' : 'asynchronous'} replication)…`)
  const primary = await startPrimary(dir)
  const c = new pg.Client({ connectionString: primary.url() })
  await c.connect()
  await c.query(`create database ${DB}`)
  await c.end()
  log('streaming replica (pg_basebackup)…')
  const replica = await startReplica(dir, primary)
  if (synchronous) await requireStandby(primary)
  log('PgBouncer beside each server (transaction mode)…')
  const bouncers = [await startBouncer(dir, primary), await startBouncer(dir, replica)]
  const balancerPort = await freePort()
  const env = {
    // every host, in order: the instances write to whichever answers read-write (decision 020)
    DATABASE_URL: `postgres://postgres@${bouncers.map((b) => `127.0.0.1:${b.port}`).join(',')}/${DB}`,
    // LISTEN holds a session: straight to the servers, not through the pooler
    DATABASE_LISTEN_URL: `postgres://postgres@127.0.0.1:${primary.port},127.0.0.1:${replica.port}/${DB}`,
    // reads that may be a moment old (search, lists, scoreboard, audit trail): the replica, through its pooler
    DATABASE_REPLICA_URL: `postgres://postgres@127.0.0.1:${bouncers[1]!.port}/${DB}`,
    ...(opts.replicaMaxLagMs === undefined
      ? {}
      : { DAZZLE_REPLICA_MAX_LAG_MS: String(opts.replicaMaxLagMs) }),
    DAZZLE_AUTH_SECRET: randomBytes(32).toString('hex'),
    // the public address (links in emails): HAProxy's, chosen before the instances start
    DAZZLE_URL: `http://127.0.0.1:${balancerPort}`,
  }
  const n = Math.max(1, opts.instances ?? 2)
  const instances: Instance[] = []
  // the first instance migrates (and seeds the demo) alone; the others start on a ready database
  for (let i = 1; i <= n; i++) {
    log(
      `Dazzle instance ${i} of ${n}${i === 1 && opts.demo ? ' (migrations and the demo workspace: a few minutes)' : ''}…`,
    )
    instances.push(await startInstance(dir, `dazzle-${i}`, env, { demo: i === 1 && opts.demo === true }))
  }
  log('HAProxy in front of the instances…')
  const balancer = await startHaproxy(dir, instances, { port: balancerPort })
  const cluster: Cluster = { dir, synchronous, primary, replica, bouncers, instances, balancer, env }
  writeFileSync(file(dir), `${JSON.stringify(cluster, null, 2)}\n`)
  return cluster
}

export const readCluster = (dir: string): Cluster => {
  if (!existsSync(file(dir))) throw new Error(`no cluster in ${dir}: start one with npm run cluster -- start`)
  const c = JSON.parse(readFileSync(file(dir), 'utf8')) as Cluster
  // the node objects' url() does not survive JSON
  for (const node of [c.primary, c.replica])
    node.url = (db = 'postgres') => `postgres://postgres@127.0.0.1:${node.port}/${db}`
  for (const b of c.bouncers) b.url = (db = 'postgres') => `postgres://postgres@127.0.0.1:${b.port}/${db}`
  return c
}

/** the primary dies (kill -9) and the replica is promoted; the instances keep running */
export const failover = async (c: Cluster) => {
  crash(c.primary)
  await promote(c.replica)
}

export const stopCluster = async (c: Cluster) => {
  const haproxy = pidFromFile(c.balancer.pidfile)
  if (haproxy) await killPid(haproxy)
  await Promise.all(c.instances.map((i) => killPid(i.pid)))
  for (const b of c.bouncers) {
    const pid = pidFromFile(b.pidfile)
    if (pid) await killPid(pid)
  }
  await stopPostgres(c.replica)
  await stopPostgres(c.primary)
  rmSync(file(c.dir), { force: true })
}

export const clusterStatus = async (c: Cluster) => {
  const nodes = []
  for (const node of [c.primary, c.replica]) {
    const client = new pg.Client({ connectionString: node.url(), connectionTimeoutMillis: 2_000 })
    try {
      await client.connect()
      const r = await client.query<{ r: boolean }>('select pg_is_in_recovery() as r')
      nodes.push({ name: node.name, port: node.port, role: r.rows[0]?.r ? 'standby' : 'primary' })
    } catch {
      nodes.push({ name: node.name, port: node.port, role: 'down' })
    } finally {
      await client.end().catch(() => undefined)
    }
  }
  const instances = await Promise.all(
    c.instances.map(async (i) => ({
      name: i.name,
      port: i.port,
      health: await fetch(`http://127.0.0.1:${i.port}/api/health`)
        .then((r) => (r.ok ? 'ok' : `HTTP ${r.status}`))
        .catch(() => 'down'),
    })),
  )
  return { url: c.balancer.url, synchronous: c.synchronous, nodes, instances }
}
