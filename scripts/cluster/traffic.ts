/**
 * Traffic for a running cluster (#16 parts 8 and the scale bench): a workspace of its own seeded
 * through the API, the mix of reads and writes a working day makes, a load generator that runs
 * it at a fixed rate or as fast as it goes, and each instance's memory from /proc.
 */
import { readFileSync } from 'node:fs'

export interface Session {
  base: string
  origin: string
  cookie: string
  customerIds: string[]
}

const call = async (
  s: Pick<Session, 'base' | 'origin' | 'cookie'>,
  method: string,
  url: string,
  body?: unknown,
) => {
  const res = await fetch(`${s.base}${url}`, {
    method,
    headers: {
      origin: s.origin,
      ...(s.cookie ? { cookie: s.cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text }
}

const SECRETS = [
  ['dream', 'Wants to sail round the Hebrides before turning fifty'],
  ['recreation_preference', 'Plays golf on Saturday mornings, never on Sundays'],
  ['dream', 'Hopes to open a second shop by the harbour'],
  ['recreation_preference', 'Collects pinot noir from the Burgundy hills'],
] as const

/** signs a new person up, makes their workspace and `customers` customers with a few secrets each */
export const seedWorkspace = async (
  base: string,
  origin: string,
  opts: { customers?: number; label?: string } = {},
): Promise<Session> => {
  const label = opts.label ?? `soak-${Date.now()}`
  const up = await call({ base, origin, cookie: '' }, 'POST', '/api/auth/sign-up/email', {
    email: `${label}@load.test`,
    password: 'correct horse battery',
    name: 'Load',
  })
  if (up.status !== 200) throw new Error(`sign-up: ${up.status} ${up.text}`)
  const cookie = (up.headers.getSetCookie() ?? []).map((h) => h.split(';')[0]).join('; ')
  const s: Session = { base, origin, cookie, customerIds: [] }
  const ws = await call(s, 'POST', '/api/workspaces', { name: `Load ${label}` })
  if (ws.status !== 201) throw new Error(`workspace: ${ws.status} ${ws.text}`)
  for (let i = 0; i < (opts.customers ?? 40); i++) {
    const c = await call(s, 'POST', '/api/customers', {
      kind: 'person',
      name: `Customer ${i}`,
      segment: 'Hospitality',
    })
    if (c.status !== 201) throw new Error(`customer: ${c.status} ${c.text}`)
    const id = (JSON.parse(c.text) as { id: string }).id
    s.customerIds.push(id)
    for (const [category, text] of SECRETS.slice(0, 1 + (i % SECRETS.length))) {
      const r = await call(s, 'POST', `/api/customers/${id}/secrets`, { category, text })
      if (r.status !== 201) throw new Error(`secret: ${r.status} ${r.text}`)
    }
  }
  return s
}

export interface Request {
  name: string
  method: string
  path: string
  body?: unknown
  /** a request that follows this one's answer (an OOPS! then its fix) */
  followUp?: (answer: string) => Request | null
}

let n = 0
const pick = <T>(xs: readonly T[]) => xs[n++ % xs.length]!

/** the read API: what do we know, search, the customer list, the scoreboard */
export const readRequest = (s: Session): Request => {
  const id = pick(s.customerIds)
  return pick<() => Request>([
    () => ({ name: 'known', method: 'GET', path: `/api/customers/${id}/known` }),
    () => ({
      name: 'search',
      method: 'POST',
      path: '/api/secrets/search',
      body: { q: pick(['sailing', 'golf', 'wine', 'harbour']) },
    }),
    () => ({ name: 'customers', method: 'GET', path: `/api/customers?page=${1 + (n % 2)}&pageSize=20` }),
    () => ({ name: 'known', method: 'GET', path: `/api/customers/${pick(s.customerIds)}/known` }),
    () => ({ name: 'scoreboard', method: 'GET', path: '/api/scoreboard' }),
  ])()
}

/** the writes: a secret, a customer, an OOPS! and its fix */
export const writeRequest = (s: Session): Request => {
  const id = pick(s.customerIds)
  return pick<() => Request>([
    () => ({
      name: 'secret',
      method: 'POST',
      path: `/api/customers/${id}/secrets`,
      body: { category: 'dream', text: `Dreams of a cabin by the lake, number ${n}` },
    }),
    () => ({
      name: 'customer',
      method: 'POST',
      path: '/api/customers',
      body: { kind: 'person', name: `Walk-in ${n}` },
    }),
    () => ({
      name: 'oops',
      method: 'POST',
      path: '/api/oops',
      body: { customerId: id, type: 'late_delivery', description: 'The delivery came two days late' },
      followUp: (answer) => ({
        name: 'oops fix',
        method: 'POST',
        path: `/api/oops/${(JSON.parse(answer) as { id: string }).id}/fix`,
        body: { note: 'Sent the missing box by courier the same afternoon' },
      }),
    }),
  ])()
}

/** four reads to one write, as a day at a desk goes */
export const mixedRequest = (s: Session): Request => (n % 5 === 4 ? writeRequest(s) : readRequest(s))

export interface Sample {
  at: number
  ms: number
  ok: boolean
  name: string
  status: number
}

/** runs one request (and the one that follows it), calling `record` for each answer */
export const send = async (s: Session, req: Request, record: (x: Sample) => void) => {
  let next: Request | null = req
  while (next) {
    const r: Request = next
    const t0 = performance.now()
    let status = 0
    let text = ''
    try {
      const a = await call(s, r.method, r.path, r.body)
      status = a.status
      text = a.text
    } catch {
      status = 0
    }
    const ok = status >= 200 && status < 300
    record({ at: Date.now(), ms: performance.now() - t0, ok, name: r.name, status })
    next = ok && r.followUp ? r.followUp(text) : null
  }
}

/** as fast as `connections` workers go for `ms`: requests per second and p99 */
export const closedLoop = async (
  s: Session,
  opts: { connections: number; ms: number; request?: (s: Session) => Request },
) => {
  const samples: Sample[] = []
  const until = Date.now() + opts.ms
  const make = opts.request ?? mixedRequest
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (Date.now() < until) await send(s, make(s), (x) => samples.push(x))
    }),
  )
  return summarise(samples, opts.ms)
}

/**
 * `rate` requests per second for `ms`, started on the clock whether or not the last ones have
 * answered (an open loop: a slow server shows as latency, not as a slower client), at most
 * `maxInFlight` at once — beyond that a request is counted as refused by the client (an error).
 */
export const openLoop = async (
  s: Session,
  opts: { rate: number; ms: number; maxInFlight?: number; onSample: (x: Sample) => void },
) => {
  const start = Date.now()
  const max = opts.maxInFlight ?? 256
  let sent = 0
  let inFlight = 0
  const pending = new Set<Promise<void>>()
  while (Date.now() - start < opts.ms) {
    const due = Math.floor(((Date.now() - start) / 1000) * opts.rate)
    while (sent < due) {
      sent++
      if (inFlight >= max) {
        opts.onSample({ at: Date.now(), ms: 0, ok: false, name: 'over capacity', status: 0 })
        continue
      }
      inFlight++
      const p: Promise<void> = send(s, mixedRequest(s), opts.onSample).finally(() => {
        inFlight--
        pending.delete(p)
      })
      pending.add(p)
    }
    await new Promise((r) => setTimeout(r, 5))
  }
  await Promise.all(pending)
}

export const percentile = (xs: number[], p: number) =>
  xs.length === 0
    ? Number.NaN
    : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!

export const summarise = (samples: Sample[], ms: number) => ({
  requests: samples.length,
  errors: samples.filter((x) => !x.ok).length,
  rps: samples.length / (ms / 1000),
  p50: percentile(
    samples.map((x) => x.ms),
    0.5,
  ),
  p99: percentile(
    samples.map((x) => x.ms),
    0.99,
  ),
})

/** resident memory of a process, in MiB (VmRSS from /proc/<pid>/status) */
export const rssMiB = (pid: number): number | null => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}
