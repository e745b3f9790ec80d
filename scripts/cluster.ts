/**
 * `npm run cluster -- start|status|failover|stop [--dir D] [--instances N] [--async] [--no-demo]`
 * A real deployment on loopback, as throwaway processes under one folder (default .cluster):
 * see scripts/cluster/cluster.ts and the README's production section.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { clusterStatus, failover, readCluster, startCluster, stopCluster } from './cluster/cluster.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string', default: '.cluster' },
    instances: { type: 'string', default: '2' },
    async: { type: 'boolean', default: false },
    'no-demo': { type: 'boolean', default: false },
  },
})
const dir = path.resolve(values.dir)
const command = positionals[0] ?? 'start'
const say = (line: string) => process.stdout.write(`${line}\n`)

try {
  if (command === 'start') {
    const instances = Number(values.instances)
    if (!Number.isInteger(instances) || instances < 1 || instances > 8)
      throw new Error('--instances must be 1 to 8')
    const c = await startCluster(dir, {
      instances,
      synchronous: !values.async,
      demo: !values['no-demo'],
      log: say,
    })
    say(`\nDazzle cluster running: ${c.balancer.url}`)
    say(
      `  PostgreSQL primary 127.0.0.1:${c.primary.port}, replica 127.0.0.1:${c.replica.port} (${c.synchronous ? 'synchronous' : 'asynchronous'})`,
    )
    say(`  PgBouncer ${c.bouncers.map((b) => `127.0.0.1:${b.port}`).join(', ')} (transaction mode)`)
    say(`  instances ${c.instances.map((i) => `${i.name} 127.0.0.1:${i.port}`).join(', ')} behind HAProxy`)
    say(
      `  logs and data in ${dir}; stop with: npm run cluster -- stop${values.dir === '.cluster' ? '' : ` --dir ${values.dir}`}`,
    )
  } else if (command === 'status') {
    say(JSON.stringify(await clusterStatus(readCluster(dir)), null, 2))
  } else if (command === 'failover') {
    const c = readCluster(dir)
    await failover(c)
    say(
      `primary on ${c.primary.port} killed, replica on ${c.replica.port} promoted; the instances find it themselves`,
    )
  } else if (command === 'stop') {
    await stopCluster(readCluster(dir))
    say(`cluster in ${dir} stopped`)
  } else {
    throw new Error(`unknown command "${command}": start, status, failover or stop`)
  }
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
  process.exitCode = 1
}
