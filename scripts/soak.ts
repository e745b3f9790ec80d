/**
 * `npm run soak -- --minutes 30 [--instances 2] [--dir D] [--keep]` (#16 part 8; not in CI)
 *
 * Starts `npm run cluster`'s deployment (primary + synchronous replica, PgBouncer, N instances
 * behind HAProxy) in a throwaway folder, seeds a workspace of its own through the API, then:
 * 1. the peak: requests/s of the mixed traffic (four reads — what do we know, search, customer
 *    list, scoreboard — to one write — a secret, a customer, an OOPS! and its fix) at rising
 *    concurrency through HAProxy; the best of them is the peak;
 * 2. the soak: the same mix at 80 % of that peak, open loop, for --minutes, sampling each
 *    instance's resident memory (VmRSS) every minute (every 10 s below 5 minutes).
 * Prints errors, p99 per period and memory growth after warm-up as a table and as JSON, and exits
 * non-zero when a rule fails: errors must be 0, memory growth after warm-up at most 10 %.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startCluster, stopCluster } from './cluster/cluster.ts'
import { closedLoop, openLoop, percentile, rssMiB, type Sample, seedWorkspace } from './cluster/traffic.ts'

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    instances: { type: 'string', default: '2' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
})
const minutes = Number(values.minutes)
const instances = Number(values.instances)
if (!(minutes > 0) || !Number.isInteger(instances) || instances < 1 || instances > 8) {
  process.stderr.write('--minutes must be above 0 and --instances 1 to 8\n')
  process.exit(2)
}
const say = (line: string) => process.stdout.write(`${line}\n`)
const dir = values.dir ? path.resolve(values.dir) : mkdtempSync(path.join(os.tmpdir(), 'dazzle-soak-'))
const periodMs = minutes < 5 ? 10_000 : 60_000

say(`Dazzle soak: ${minutes} min through HAProxy to ${instances} instances, in ${dir}`)
const cluster = await startCluster(dir, {
  instances,
  synchronous: true,
  demo: false,
  log: (l) => say(`  ${l}`),
})
let failed = false
try {
  const s = await seedWorkspace(cluster.balancer.url, cluster.env.DAZZLE_URL, { customers: 40 })
  say(`  seeded a workspace: ${s.customerIds.length} customers with their secrets`)

  // 1. the peak, at rising concurrency
  await closedLoop(s, { connections: 4, ms: 5_000 }) // warm: plans, caches, JIT
  const steps: { connections: number; rps: number; p99: number; errors: number }[] = []
  let flat = 0
  for (const connections of [2, 4, 8, 16, 32, 64]) {
    const r = await closedLoop(s, { connections, ms: 8_000 })
    steps.push({ connections, rps: r.rps, p99: r.p99, errors: r.errors })
    say(
      `  finding the peak: ${String(connections).padStart(3)} connections → ${r.rps.toFixed(0).padStart(5)} req/s, p99 ${r.p99.toFixed(0)} ms, ${r.errors} errors`,
    )
    // past the knee: twice the connections for less than 5 % more over the best so far, twice in a row
    const best = Math.max(...steps.slice(0, -1).map((x) => x.rps))
    flat = steps.length > 1 && r.rps < best * 1.05 ? flat + 1 : 0
    if (flat >= 2) break
  }
  const peak = Math.max(...steps.map((x) => x.rps))
  const rate = Math.max(1, Math.round(peak * 0.8))
  say(`  peak ${peak.toFixed(0)} req/s; soaking at 80 %: ${rate} req/s`)

  // 2. the soak, memory sampled each period
  const periods: { minute: number; requests: number; errors: number; p50: number; p99: number }[] = []
  const memory: { minute: number; rss: Record<string, number | null> }[] = []
  const sampleMemory = (minute: number) =>
    memory.push({
      minute,
      rss: Object.fromEntries(cluster.instances.map((i) => [i.name, rssMiB(i.pid)])),
    })
  sampleMemory(0)
  const start = Date.now()
  let bucket: Sample[] = []
  const errorsSeen = new Map<string, number>()
  const close = () => {
    const minute = Number(((Date.now() - start) / 60_000).toFixed(2))
    const ms = bucket.map((x) => x.ms)
    periods.push({
      minute,
      requests: bucket.length,
      errors: bucket.filter((x) => !x.ok).length,
      p50: Number(percentile(ms, 0.5).toFixed(1)),
      p99: Number(percentile(ms, 0.99).toFixed(1)),
    })
    sampleMemory(minute)
    const p = periods.at(-1)!
    const m = memory.at(-1)!
    say(
      `  ${minute.toFixed(2).padStart(6)} min  ${String(p.requests).padStart(6)} req  ${String(p.errors).padStart(4)} errors  p50 ${String(p.p50).padStart(6)} ms  p99 ${String(p.p99).padStart(7)} ms  RSS ${Object.values(
        m.rss,
      )
        .map((v) => (v === null ? 'gone' : `${v.toFixed(0)} MiB`))
        .join(' / ')}`,
    )
    bucket = []
  }
  const timer = setInterval(close, periodMs)
  await openLoop(s, {
    rate,
    ms: minutes * 60_000,
    onSample: (x) => {
      bucket.push(x)
      if (!x.ok) errorsSeen.set(`${x.name} ${x.status}`, (errorsSeen.get(`${x.name} ${x.status}`) ?? 0) + 1)
    },
  })
  clearInterval(timer)
  if (bucket.length > 0) close()

  // memory after warm-up: the first fifth of the run (at least one period) is warm-up
  const warm = Math.max(1, Math.ceil(memory.length / 5))
  const growth = cluster.instances.map((i) => {
    const after = memory.slice(warm).map((m) => m.rss[i.name])
    // the mean of the first and of the last two samples: one garbage collection is not a trend
    const mean = (xs: (number | null | undefined)[]) =>
      xs.length === 0 || xs.some((v) => v == null)
        ? null
        : (xs as number[]).reduce((a, v) => a + v, 0) / xs.length
    const first = mean(after.slice(0, 2))
    const last = after.at(-1) == null ? null : mean(after.slice(-2))
    const max = Math.max(...after.map((v) => v ?? 0))
    return {
      instance: i.name,
      warmMiB: first,
      lastMiB: last,
      maxMiB: max,
      growthPct: first && last ? Number((((last - first) / first) * 100).toFixed(1)) : null,
      alive: last !== null,
    }
  })
  const errors = periods.reduce((a, p) => a + p.errors, 0)
  const requests = periods.reduce((a, p) => a + p.requests, 0)
  const rules = {
    errors: { value: errors, limit: 0, ok: errors === 0 },
    memoryGrowthPct: {
      value: Math.max(...growth.map((g) => g.growthPct ?? Number.POSITIVE_INFINITY)),
      limit: 10,
      ok: growth.every((g) => g.alive && g.growthPct !== null && g.growthPct <= 10),
    },
  }
  failed = !rules.errors.ok || !rules.memoryGrowthPct.ok

  say('')
  say(`requests ${requests} at ${rate} req/s target (${(requests / (minutes * 60)).toFixed(0)} req/s served)`)
  say(
    `errors   ${errors}${errors ? `  (${[...errorsSeen].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}  — rule: 0 ${rules.errors.ok ? 'ok' : 'FAILED'}`,
  )
  say(`p99      ${periods.map((p) => p.p99).join(' · ')} ms per ${periodMs / 1000} s`)
  say(`memory after warm-up (from ${memory[warm]?.minute ?? '-'} min):`)
  for (const g of growth)
    say(
      `  ${g.instance}  ${g.warmMiB?.toFixed(0) ?? '-'} → ${g.lastMiB?.toFixed(0) ?? 'gone'} MiB (max ${g.maxMiB.toFixed(0)})  ${g.growthPct ?? '-'} %`,
    )
  say(`  — rule: growth ≤ 10 % ${rules.memoryGrowthPct.ok ? 'ok' : 'FAILED'}`)
  say(
    `cores ${os.availableParallelism()} (shared by PostgreSQL ×2, PgBouncer ×2, HAProxy, the instances and this load generator)`,
  )
  say('')
  say(
    JSON.stringify({
      minutes,
      instances,
      cores: os.availableParallelism(),
      peak: { rps: Number(peak.toFixed(1)), steps },
      rate,
      requests,
      errors,
      errorsByKind: Object.fromEntries(errorsSeen),
      periods,
      memory,
      growth,
      rules,
      ok: !failed,
    }),
  )
} catch (e) {
  failed = true
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
} finally {
  await stopCluster(cluster)
  if (!values.keep && !values.dir) rmSync(dir, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
