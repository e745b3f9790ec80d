import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { can, ROLES, type Role, type WorkspaceAction } from '../../src/domain/workspaces/roles.ts'
import { type Route, routesOf, type Schema } from '../support/openapi-routes.ts'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

/**
 * Every pair checked (issue 16, part 6): each operation of the OpenAPI document × each role × own or
 * another workspace. Workspace A has a member of each role and a row of each kind a few calls make;
 * B is a workspace of its own. B's admin sends every operation with A's ids and must never get A's rows back nor change
 * them; each of A's roles sends every operation with the same valid request, and what it may do is
 * what `domain/workspaces/roles.ts` grants — no more.
 */

/** the least allowed first, so a refusal is seen before a privileged write changes what is there */
const ORDER: Role[] = ['marketing', 'service', 'sales', 'leader', 'admin']
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

let t: TestApp
let a: { id: string; slug: string; cookies: Record<Role, string> }
let b: { id: string; slug: string; cookie: string }
let routes: Route[]
/** the workspace's tables, and a few ids of each of A's; every id of A and of B */
let tables: string[] = []
const idsOfA = new Map<string, string[]>()
let allOfA = new Set<string>()
let allOfB = new Set<string>()

const workspaceIds = async (workspaceId: string): Promise<Set<string>> => {
  const out = new Set<string>([workspaceId])
  for (const table of tables) {
    const r = await sql<{ v: string }>`
      select x::text as v from ${sql.table(table)} t,
        lateral jsonb_each_text(to_jsonb(t)) as j(k, x)
      where t.workspace_id = ${workspaceId} and x ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`.execute(
      t.database.db,
    )
    for (const row of r.rows) out.add(row.v.toLowerCase())
  }
  // the ids both share (a built-in category …) are no one's own
  return out
}

/** Per table of A: how many rows and a hash of them all. */
const snapshotOfA = async (): Promise<string> => {
  const r = await sql<{ t: string; n: number; h: string }>`${sql.join(
    tables.map(
      (name) =>
        sql`select ${name} as t, count(*)::int as n, coalesce(sum(hashtext(x::text)::bigint), 0)::text as h
            from ${sql.table(name)} x where x.workspace_id = ${a.id}`,
    ),
    sql` union all `,
  )}`.execute(t.database.db)
  return r.rows.map((x) => `${x.t}:${x.n}:${x.h}`).join('\n')
}

const singular = (w: string) =>
  w
    .replace(/-/g, '_')
    .replace(/ies$/, 'y')
    .replace(/(?<!s)s$/, '')
/** The table a path parameter names: by the segment before it ("customers/{id}") or its own name ("personId"). */
const tableFor = (segment: string, param: string): string | null => {
  const names = [
    singular(segment),
    param
      .replace(/Id$/, '')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toLowerCase(),
  ]
  if (names.some((n) => /^(?:member|user)$/.test(n))) return 'membership.user_id'
  if (names[0] === 'people' || names[1] === 'person') return 'customer_person'
  for (const n of names) {
    const hit =
      tables.find((x) => x === n) ??
      tables.find((x) => x.endsWith(`_${n}`)) ??
      tables.find((x) => x.includes(n))
    if (hit) return hit
  }
  return null
}
const idFor = (segment: string, param: string): string => {
  const table = tableFor(segment, param)
  return (table && idsOfA.get(table)?.[0]) ?? '00000000-0000-4000-8000-000000000000'
}

/** A value the schema accepts, as plain as can be, ids taken from A. */
const valueFor = (s: Schema | undefined, name: string): unknown => {
  if (!s) return undefined
  const options = s.anyOf ?? s.oneOf
  if (options) return valueFor(options.find((o) => o.type !== 'null' && !o.nullable) ?? options[0], name)
  if (s.allOf) return valueFor(s.allOf[0], name)
  if (s.enum) return s.enum[0]
  switch (s.type) {
    case 'string': {
      if (s.format === 'uuid' || /(?:^id|Id)$/.test(name)) return idFor('', name)
      if (s.format === 'date-time') return t.clock.now().toISOString()
      if (s.format === 'date') return t.clock.now().toISOString().slice(0, 10)
      if (s.format === 'email') return 'matrix@example.test'
      if (s.format === 'uri' || name === 'url') return 'https://hooks.example.test/in'
      if (s.pattern) return fc.sample(fc.stringMatching(new RegExp(s.pattern)), { seed: 16, numRuns: 1 })[0]
      const text = `Matrix ${name}`.padEnd(s.minLength ?? 0, 'x')
      return s.maxLength ? text.slice(0, s.maxLength) : text
    }
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1)
      return s.maximum !== undefined ? Math.min(Math.max(lo, 1), s.maximum) : Math.max(lo, 1)
    }
    case 'boolean':
      return false
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => valueFor(s.items, name))
    case 'object':
      // a change of nothing is refused: a patch of only optional fields sends its first
      if (!s.required?.length && s.properties && Object.keys(s.properties).length) {
        const [k, v] = Object.entries(s.properties)[0]!
        return { [k]: valueFor(v, k) }
      }
      return Object.fromEntries(
        (s.required ?? []).filter((k) => s.properties?.[k]).map((k) => [k, valueFor(s.properties![k], k)]),
      )
    default:
      return s.nullable ? null : undefined
  }
}

/** One request per operation, the same for every caller: A's ids in the path, a plain valid body. */
const requestFor = (route: Route) => {
  const url = route.path.replace(/\/([^/{}]+)\/\{([^}]+)\}/g, (_m, segment: string, param: string) => {
    const schema = route.params.find((p) => p.in === 'path' && p.name === param)?.schema
    const value = schema?.enum ? String(schema.enum[0]) : idFor(segment, param)
    return `/${segment}/${encodeURIComponent(value)}`
  })
  const query = route.params
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(String(valueFor(p.schema, p.name)))}`)
    .join('&')
  return {
    method: route.method.toUpperCase() as 'POST',
    url: query ? `${url}?${query}` : url,
    body: route.body ? valueFor(route.body, '') : undefined,
  }
}

const send = (req: ReturnType<typeof requestFor>, cookie: string, slug: string) =>
  t.app.inject({
    method: req.method,
    url: req.url,
    headers: { cookie, ...ORIGIN, 'x-dazzle-workspace': slug },
    ...(req.body === undefined ? {} : { payload: req.body as object }),
  })

const foreignIds = (body: string, foreign: Set<string>, own: Set<string>) =>
  [...new Set((body.match(UUID) ?? []).map((x) => x.toLowerCase()))].filter(
    (x) => foreign.has(x) && !own.has(x),
  )

/** GETs first, then writes, deletes last: each caller still finds what the last one left */
const ordered = (list: Route[]) => {
  const rank = (r: Route) => (r.method === 'get' ? 0 : r.method === 'delete' ? 2 : 1)
  return [...list].sort((x, y) => rank(x) - rank(y) || x.path.localeCompare(y.path))
}

beforeAll(async () => {
  t = await buildTestApp()
  const admin = await t.admin('ann@alpha.test', 'Alpha')
  const cookies = { admin: admin.cookie } as Record<Role, string>
  for (const role of ROLES.filter((r) => r !== 'admin'))
    cookies[role] = await t.member(admin.cookie, `${role}@alpha.test`, role)
  a = { id: admin.workspace.id, slug: admin.workspace.slug, cookies }
  // a workspace with one of each kind of row the API makes in a few calls
  const call = async (url: string, payload: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: admin.cookie, ...ORIGIN },
      payload,
    })
    if (res.statusCode >= 300) throw new Error(`seed ${url}: ${res.statusCode} ${res.body}`)
    return res.json() as { id: string }
  }
  const customer = await call('/api/customers', { name: 'Harbour Wines' })
  const person = await call(`/api/customers/${customer.id}/people`, { name: 'Grace Lee' })
  await call(`/api/customers/${customer.id}/relations`, { kind: 'spouse', name: 'Tom Lee' })
  const engagement = await call(`/api/customers/${customer.id}/engagements`, {
    channel: 'visit',
    summary: 'Tasting at the shop',
    personIds: [person.id],
  })
  const secret = await call(`/api/customers/${customer.id}/secrets`, {
    personId: person.id,
    category: 'recreation_preference',
    text: 'Plays golf on Saturdays',
    engagementId: engagement.id,
  })
  const oops = await call('/api/oops', {
    customerId: customer.id,
    type: 'late_delivery',
    description: 'Three days late',
  })
  const surprise = await call('/api/surprises', { title: 'Flowers', cost: 30, leadTimeHours: 2 })
  // the rows each path parameter is tried with: these first, so every run asks the same questions
  const seeded: Record<string, string> = {
    customer: customer.id,
    customer_person: person.id,
    engagement: engagement.id,
    secret: secret.id,
    oops: oops.id,
    surprise_item: surprise.id,
  }
  await call('/api/workspace/tokens', { name: 'nightly export', role: 'marketing' })

  const other = await t.admin('bo@elsewhere.test', 'Elsewhere')
  b = { id: other.workspace.id, slug: other.workspace.slug, cookie: other.cookie }
  // B has rows of its own too, so "another workspace's" is never "nothing there"
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/customers',
    headers: { cookie: b.cookie, ...ORIGIN },
    payload: { name: 'Elsewhere Traders' },
  })
  expect(c.statusCode).toBe(201)

  const r = await sql<{ name: string }>`
    select distinct table_name as name from information_schema.columns
    where table_schema = 'public' and column_name = 'workspace_id' order by name`.execute(t.database.db)
  tables = r.rows.map((x) => x.name)
  for (const table of tables) {
    const hasId = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.columns
      where table_schema = 'public' and table_name = ${table} and column_name = 'id'`.execute(t.database.db)
    if (!hasId.rows[0]!.n) continue
    // by what a row says rather than its random id, so a run picks the same row as the last one
    const ids = await sql<{ id: string }>`
      select id::text as id from ${sql.table(table)} t where workspace_id = ${a.id}
      order by (to_jsonb(t) - 'id' - 'workspace_id' - 'created_at' - 'updated_at' - 'recorded_at')::text, id
      limit 3`.execute(t.database.db)
    const first = seeded[table]
    idsOfA.set(table, [...(first ? [first] : []), ...ids.rows.map((x) => x.id).filter((x) => x !== first)])
  }
  const members = await sql<{ id: string }>`
    select user_id::text as id from membership where workspace_id = ${a.id} order by role <> 'admin', user_id`.execute(
    t.database.db,
  )
  idsOfA.set(
    'membership.user_id',
    members.rows.map((x) => x.id),
  )
  allOfA = await workspaceIds(a.id)
  allOfB = await workspaceIds(b.id)

  // the routes a session reaches (a public link's token is its own credential: not this test's)
  const all = (await routesOf(t.app)).filter((x) => !x.stream && x.path.startsWith('/api/'))
  routes = []
  for (const route of all) {
    const res = await send(requestFor(route), '', '')
    if (res.statusCode === 401) routes.push(route)
  }
}, 600_000)
afterAll(() => t?.close())

describe('every operation × another workspace', () => {
  it('never answers B’s admin with A’s rows, never changes A’s, never a 5xx', async () => {
    expect(routes.length).toBeGreaterThan(125)
    const before = await snapshotOfA()
    const problems: string[] = []
    let tried = 0
    for (const route of ordered(routes)) {
      const req = requestFor(route)
      const res = await send(req, b.cookie, b.slug)
      tried++
      const what = `${req.method} ${req.url} → ${res.statusCode}`
      if (res.statusCode >= 500) problems.push(`${what} ${res.body.slice(0, 200)}`)
      else if (res.statusCode < 300) {
        const leaked = foreignIds(res.body, allOfA, allOfB)
        if (leaked.length) problems.push(`${what} shows A's ${leaked.slice(0, 3).join(', ')}`)
      }
    }
    expect(problems).toEqual([])
    expect(tried).toBe(routes.length)
    expect(await snapshotOfA()).toBe(before)
  }, 600_000)
})

describe('every operation × every role of the workspace', () => {
  it('grants each role what roles.ts grants it, and refuses the rest with the action named', async () => {
    const problems = new Set<string>()
    const refusedFor = new Map<WorkspaceAction, Set<Role>>()
    const matrix: Record<string, Record<string, string>> = {}
    let checked = 0
    for (const route of ordered(routes)) {
      const req = requestFor(route)
      const answers = new Map<Role, { status: number; action?: WorkspaceAction }>()
      const row: Record<string, string> = {}
      matrix[`${route.method.toUpperCase()} ${route.path}`] = row
      for (const role of ORDER) {
        const res = await send(req, a.cookies[role], a.slug)
        const what = `${role} ${req.method} ${req.url} → ${res.statusCode}`
        if (res.statusCode >= 500) problems.add(`${what} ${res.body.slice(0, 200)}`)
        if (res.statusCode < 300 && foreignIds(res.body, allOfB, allOfA).length)
          problems.add(`${what} shows another workspace's ids`)
        const details = res.statusCode === 403 ? (res.json().error?.details ?? {}) : {}
        const action = details.action as WorkspaceAction | undefined
        answers.set(role, { status: res.statusCode, ...(action ? { action } : {}) })
        row[role] = res.statusCode < 300 ? 'allowed' : action ? `refused: ${action}` : 'other 4xx'
        if (!action) continue
        checked++
        if (!refusedFor.has(action)) refusedFor.set(action, new Set())
        refusedFor.get(action)!.add(role)
        if (can({ userId: '', label: '', role }, action))
          problems.add(`${what}: refused ${action}, which it has`)
        const granted = ROLES.filter((r) => can({ userId: '', label: '', role: r }, action))
        if (JSON.stringify(details.allowed) !== JSON.stringify(granted))
          problems.add(`${what}: says ${action} is for ${details.allowed}, roles.ts says ${granted}`)
      }
      // an action refused here is refused to every role roles.ts does not grant it: none of them got through
      for (const { action } of answers.values()) {
        if (!action) continue
        for (const [role, answer] of answers) {
          if (!can({ userId: '', label: '', role }, action) && answer.status < 300)
            problems.add(`${role} ${req.method} ${req.url} → ${answer.status} though ${action} is not theirs`)
        }
      }
    }
    expect([...problems]).toEqual([])
    // the matrix checked something: refusals of most restricted actions were seen and held
    const restricted = new Set(
      [...refusedFor.keys()].filter((x) => ROLES.some((r) => !can({ userId: '', label: '', role: r }, x))),
    )
    expect(checked).toBeGreaterThan(100)
    // the whole matrix, kept beside the tests: a route that forgets its check (or a grant that
    // changes) shows as a changed line here, to be looked at, not only as a refusal that went missing
    await expect(`${JSON.stringify(matrix, null, 2)}\n`).toMatchFileSnapshot('../fixtures/access-matrix.json')
    expect(restricted.size).toBeGreaterThanOrEqual(15)
  }, 600_000)
})
