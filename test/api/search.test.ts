import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MEANING_VERSION_KEY, refreshConcepts } from '../../src/db/concepts-refresh.ts'
import { searchStore } from '../../src/db/search.store.ts'
import { inWorkspace } from '../../src/db/workspace-scope.ts'
import { interestMarker, MEANING_VERSION } from '../../src/domain/meaning/lexicon.ts'
import { normaliseFilters, parseSearch, planQuery } from '../../src/domain/secrets/search-query.ts'
import { buildTestApp, ORIGIN, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

const call = (method: string, url: string, cookie: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...ORIGIN },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })

const search = (cookie: string, body: Record<string, unknown>) =>
  call('POST', '/api/secrets/search', cookie, body)
const names = (r: { json(): any }) => (r.json().customers as { name: string }[]).map((c) => c.name)

/** a customer with a tier and segment, its people, and secrets recorded by the salesperson */
const customer = async (
  w: { admin: string; sales: string },
  c: {
    name: string
    kind?: 'person' | 'organisation'
    tier?: 'A' | 'B' | 'C'
    revenue?: number
    segment?: string
    people?: { name: string; email?: string }[]
    secrets: { category: string; text: string; layer?: 'need' | 'secret'; person?: number }[]
  },
) => {
  const res = await call('POST', '/api/customers', w.admin, {
    name: c.name,
    kind: c.kind ?? 'organisation',
    ...(c.segment ? { segment: c.segment } : {}),
  })
  expect(res.statusCode, res.body).toBe(201)
  const id = res.json().id as string
  const people: string[] = []
  for (const p of c.people ?? []) {
    const r = await call('POST', `/api/customers/${id}/people`, w.admin, p)
    expect(r.statusCode, r.body).toBe(201)
    people.push(r.json().id)
  }
  const secrets: string[] = []
  for (const s of c.secrets) {
    const r = await call('POST', `/api/customers/${id}/secrets`, w.sales, {
      category: s.category,
      text: s.text,
      ...(s.layer ? { layer: s.layer } : {}),
      ...(s.person !== undefined ? { personId: people[s.person] } : {}),
    })
    expect(r.statusCode, r.body).toBe(201)
    secrets.push(r.json().id)
  }
  return {
    id,
    people,
    secrets,
    value: { valueTier: c.tier ?? null, lifetimeRevenue: String(c.revenue ?? 0) },
  }
}

const marked = (s: { text: string; highlights: [number, number][] }) =>
  s.highlights.map(([a, b]) => s.text.slice(a, b))

describe('search for marketing', () => {
  let w: { admin: string; sales: string; marketing: string; service: string }
  let ids: Record<string, string>
  let workspaceId: string
  beforeAll(async () => {
    const { cookie: admin, workspace } = await t.admin('ada@find.test', 'Find Co')
    workspaceId = workspace.id
    const sales = await t.member(admin, 'sam@find.test', 'sales')
    const marketing = await t.member(admin, 'mo@find.test', 'marketing')
    const service = await t.member(admin, 'sue@find.test', 'service')
    w = { admin, sales, marketing, service }
    const harbour = await customer(w, {
      name: 'Harbour Wines',
      tier: 'A',
      revenue: 90_000,
      segment: 'Hospitality',
      people: [{ name: 'Grace Lee', email: 'grace@harbour.test' }],
      secrets: [
        { category: 'lifestyle_choice', text: 'Only drinks red Burgundy, never white.', person: 0 },
        { category: 'recreation_preference', text: 'Gave up golf; sails every weekend now', person: 0 },
      ],
    })
    const oak = await customer(w, {
      name: 'Oak & Barrel',
      tier: 'B',
      revenue: 20_000,
      segment: 'Retail',
      people: [{ name: 'Tom Oak', email: 'tom@oak.test' }],
      secrets: [{ category: 'habit', text: 'Loves Pinot Noir from Oregon', person: 0 }],
    })
    const cellar = await customer(w, {
      name: 'Cellar Door',
      tier: 'C',
      revenue: 500,
      segment: 'Retail',
      people: [{ name: 'Ann Door' }],
      secrets: [{ category: 'entertainment_choice', text: 'Hosts a wine tasting every Friday', person: 0 }],
    })
    const dock = await customer(w, {
      name: '=HYPERLINK("http://evil.test","click")',
      tier: 'B',
      revenue: 10_000,
      segment: 'Retail',
      people: [{ name: '@Bobby Tables', email: 'bobby@dock.test' }],
      secrets: [
        { category: 'dream', text: 'Dreams of sailing around the world', person: 0 },
        { category: 'habit', text: 'Needs deliveries before 8am', layer: 'need', person: 0 },
      ],
    })
    const plain = await customer(w, {
      name: 'Plain Supplies',
      tier: 'A',
      revenue: 50_000,
      segment: 'Wholesale',
      secrets: [{ category: 'inventory_problems', text: 'Afraid the new warehouse will not open on time' }],
    })
    ids = { harbour: harbour.id, oak: oak.id, cellar: cellar.id, dock: dock.id, plain: plain.id }
    // value tiers come from purchases (and are recomputed on every customer change); here the
    // figures are set, once all customers exist, as a recompute would leave them
    for (const c of [harbour, oak, cellar, dock, plain]) {
      await t.database.db.updateTable('customer').set(c.value).where('id', '=', c.id).execute()
    }
  })

  it('finds Pinot Noir first when searched for as "pinot noire", marking the words and saying what it read', async () => {
    const r = await search(w.marketing, { q: 'pinot noire' })
    expect(r.statusCode, r.body).toBe(200)
    // the Pinot Noir lover first; the other wine lovers follow (Pinot is a wine), never before
    expect(names(r)[0]).toBe('Oak & Barrel')
    expect(r.json().corrections).toEqual([{ word: 'noire', nearest: ['noir'] }])
    const hit = r.json().customers[0].secrets[0]
    expect(hit.text).toBe('Loves Pinot Noir from Oregon')
    expect(marked(hit)).toEqual(['Pinot', 'Noir'])
  })

  it('reads a misspelt word as the nearest word it knows, and says so', async () => {
    const r = await search(w.marketing, { q: 'burgandy' })
    expect(r.statusCode, r.body).toBe(200)
    expect(r.json().corrections).toEqual([{ word: 'burgandy', nearest: ['burgundy'] }])
    expect(names(r)[0]).toBe('Harbour Wines')
    const c = r.json().customers[0]
    expect(c.matchedBy).toBe('words')
    expect(marked(c.secrets[0])).toEqual(['Burgundy'])
  })

  it('corrects a word only the workspace uses from its own words, after nothing better matched', async () => {
    const r = await search(w.marketing, { q: 'Oregan' })
    expect(r.statusCode, r.body).toBe(200)
    const [c] = r.json().corrections
    expect(c.word).toBe('oregan')
    expect(c.nearest).toContain('oregon')
    expect(names(r)).toEqual(['Oak & Barrel'])
    expect(r.json().customers[0].matchedBy).toBe('spelling')
    expect(marked(r.json().customers[0].secrets[0])).toEqual(['Oregon'])
  })

  it('orders by relevance, or by value when asked, over the same customers', async () => {
    const best = await search(w.marketing, { q: 'wine' })
    const valuable = await search(w.marketing, { q: 'wine', sort: 'value' })
    expect(valuable.statusCode, valuable.body).toBe(200)
    expect(names(best)[0]).toBe('Cellar Door')
    expect(names(valuable)).toEqual(['Harbour Wines', 'Oak & Barrel', 'Cellar Door'])
    expect([...names(valuable)].sort()).toEqual([...names(best)].sort())
    const bad = await search(w.marketing, { q: 'wine', sort: 'newest' })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().error.message).toMatch(/sort/)
  })

  it('leaves out with -word, even when nothing else is asked', async () => {
    const all = await search(w.marketing, { q: 'wine' })
    const without = await search(w.marketing, { q: 'wine -burgundy' })
    expect(names(all)).toContain('Harbour Wines')
    expect(names(without)).not.toContain('Harbour Wines')
    const onlyNot = await search(w.marketing, { q: '-burgundy' })
    expect(onlyNot.statusCode, onlyNot.body).toBe(200)
    expect(names(onlyNot).length).toBeGreaterThan(0)
    for (const c of onlyNot.json().customers)
      for (const s of c.secrets) expect(s.text).not.toMatch(/burgundy/i)
  })

  it('recomputes stored concepts when the meaning layer changes, once', async () => {
    const stale = await inWorkspace(t.database.db, workspaceId, async (trx) => {
      const s = await trx
        .selectFrom('secret')
        .select(['id', 'concepts'])
        .where('workspaceId', '=', workspaceId)
        .where('text', '=', 'Only drinks red Burgundy, never white.')
        .executeTakeFirstOrThrow()
      // as a secret recorded under an older meaning layer: no interest markers
      await trx.updateTable('secret').set({ concepts: 'vino' }).where('id', '=', s.id).execute()
      return s
    })
    expect(stale.concepts).toContain(interestMarker('wine'))
    expect(names(await search(w.marketing, { q: 'wine' }))).not.toContain('Harbour Wines')
    await sql`update instance_setting set value = 'older' where key = ${MEANING_VERSION_KEY}`.execute(
      t.database.db,
    )
    const first = await refreshConcepts(t.database.db, t.deps.concepts, MEANING_VERSION, { batch: 2 })
    expect(first.skipped).toBe(false)
    expect(first.secrets).toBeGreaterThan(2)
    expect(names(await search(w.marketing, { q: 'wine' }))).toContain('Harbour Wines')
    expect(await refreshConcepts(t.database.db, t.deps.concepts, MEANING_VERSION)).toEqual({
      secrets: 0,
      skipped: true,
    })
  })

  it('never corrects a word the dictionary knows: "running" is not a misspelling of anything', async () => {
    const r = await search(w.marketing, { q: 'skydiving' })
    expect(r.statusCode, r.body).toBe(200)
    expect(r.json().corrections).toEqual([])
  })

  it('finds "only drinks red Burgundy" by meaning when searching for wine, and says why', async () => {
    const r = await search(w.marketing, { q: 'wine' })
    expect(r.statusCode, r.body).toBe(200)
    const found = r.json().customers as any[]
    // the secret that says "wine" first, then those that mean it, most valuable first
    expect(found.map((c) => c.name)).toEqual(['Cellar Door', 'Harbour Wines', 'Oak & Barrel'])
    expect(found.map((c) => c.matchedBy)).toEqual(['words', 'meaning', 'meaning'])
    expect(marked(found[0].secrets[0])).toEqual(['wine'])
    const burgundy = found[1].secrets[0]
    expect(burgundy).toMatchObject({ text: 'Only drinks red Burgundy, never white.', matchedBy: 'meaning' })
    expect(burgundy.because).toEqual([{ word: 'Burgundy', concept: 'wine' }])
    expect(marked(burgundy)).toEqual(['Burgundy'])
    expect(found[2].secrets[0].because[0]).toMatchObject({ concept: 'wine' })
    expect(found[1]).toMatchObject({ tier: 'A', segment: 'Hospitality', people: ['Grace Lee'] })
    expect(r.json()).toMatchObject({ total: 3, totalExact: true, hasMore: false })
  })

  it('stems: "sailing" finds "sails", and groups a customer’s matching secrets', async () => {
    const r = await search(w.marketing, { q: 'sailing' })
    expect(names(r)).toEqual(['Harbour Wines', '=HYPERLINK("http://evil.test","click")'])
    expect(marked(r.json().customers[0].secrets[0])).toEqual(['sails'])
    const both = await search(w.marketing, { q: 'sails OR burgundy' })
    const harbour = both.json().customers.find((c: any) => c.id === ids.harbour)
    expect(harbour.matchCount).toBe(2)
    expect(harbour.secrets).toHaveLength(2)
    expect(both.json().customers.filter((c: any) => c.id === ids.harbour)).toHaveLength(1)
  })

  it('filters by category, tier, segment and layer', async () => {
    const cat = await search(w.marketing, { q: 'sailing', categories: ['dream'] })
    expect(cat.json().customers.map((c: any) => c.id)).toEqual([ids.dock])
    const tier = await search(w.marketing, { q: 'wine', tiers: ['B', 'C'] })
    expect(names(tier)).toEqual(['Cellar Door', 'Oak & Barrel'])
    const segment = await search(w.marketing, { q: 'wine', segments: ['Hospitality'] })
    expect(names(segment)).toEqual(['Harbour Wines'])
    const needs = await search(w.marketing, { q: '', categories: ['habit'], layer: 'need' })
    expect(needs.statusCode, needs.body).toBe(200)
    expect(needs.json().customers.map((c: any) => c.id)).toEqual([ids.dock])
    const unknown = await search(w.marketing, { q: 'wine', categories: ['no_such'] })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().error.message).toContain('no_such')
  })

  it('reads a large class customer by customer with the same answer as reading it whole', async () => {
    const run = (
      q: string,
      filters: Record<string, unknown>,
      page: number,
      pageSize: number,
      opts?: { wholeClassLimit: number; scanBudget?: number },
    ) =>
      inWorkspace(t.database.db, workspaceId, async (trx) => {
        const f = normaliseFilters(filters)
        const p = parseSearch(q, f)
        const r = await searchStore(trx, workspaceId, opts ?? {}).search({
          fullText: p.fullText,
          plan: planQuery(p.text),
          spellable: p.spellable,
          filters: f,
          page,
          pageSize,
        })
        return {
          ids: r.customers.map((c) => `${c.id}:${c.matchedBy}:${c.matchCount}`),
          hasMore: r.hasMore,
          total: r.total,
        }
      })
    const queries: [string, Record<string, unknown>][] = [
      ['wine', {}],
      ['wine', { tiers: ['A', 'B'] }],
      ['sailing OR warehouse', {}],
      ['burgandy', {}],
      ['burgandy OR sailing', {}],
      ['wine OR sailing', { segments: ['Retail'] }],
      ['wine golf', {}],
      ['wine -burgundy', {}],
      ['', { categories: ['habit'] }],
    ]
    for (const [q, f] of queries) {
      for (const pageSize of [1, 3]) {
        for (let page = 1; page <= 4; page++) {
          const whole = await run(q, f, page, pageSize)
          // every class read in value order; or given a budget of one or two customers, so that it
          // falls back to its index (read whole under a limit of 2 or 3, in value order under 0)
          for (const opts of [
            { wholeClassLimit: 0 },
            { wholeClassLimit: 1 },
            { wholeClassLimit: 0, scanBudget: 1 },
            { wholeClassLimit: 1, scanBudget: 2 },
            { wholeClassLimit: 2, scanBudget: 1 },
            { wholeClassLimit: 3, scanBudget: 1 },
          ]) {
            const scanned = await run(q, f, page, pageSize, opts)
            const where = `${q} ${JSON.stringify(f)} page ${page}/${pageSize} ${JSON.stringify(opts)}`
            expect(scanned.ids, where).toEqual(whole.ids)
            expect(scanned.hasMore, where).toBe(whole.hasMore)
            // read customer by customer, the total is at least what was seen, at most the truth
            expect(scanned.total, where).toBeLessThanOrEqual(whole.total)
            expect(scanned.total, where).toBeGreaterThanOrEqual((page - 1) * pageSize + scanned.ids.length)
          }
        }
      }
    }
  })

  it('keeps the word counts the search plans by equal to a recount of the active secrets', async () => {
    const counted = () =>
      inWorkspace(t.database.db, workspaceId, async (trx) => {
        const kept = await sql<{ k: string }>`
          select lexeme || '/' || category || '/' || docs || '/' || words as k from secret_lexeme
          where workspace_id = ${workspaceId} order by 1`.execute(trx)
        const recount = await sql<{ k: string }>`
          select l.lexeme || '/' || s.category || '/' || count(*) || '/' ||
            count(*) filter (where 'A' = any(l.weights)) as k
          from secret s, unnest(s.search) l
          where s.workspace_id = ${workspaceId} and s.status = 'active'
          group by l.lexeme, s.category order by 1`.execute(trx)
        return { kept: kept.rows.map((x) => x.k), recount: recount.rows.map((x) => x.k) }
      })
    const before = await counted()
    expect(before.kept.length).toBeGreaterThan(10)
    expect(before.kept).toEqual(before.recount)
    const kite = await customer(w, {
      name: 'Kite Works',
      kind: 'person',
      secrets: [
        { category: 'dream', text: 'Dreams of kitesurfing in Tarifa' },
        { category: 'habit', text: 'Kitesurfing before breakfast, Tarifa again' },
        { category: 'fear', text: 'Afraid of zeppelins' },
      ],
    })
    const after = await counted()
    expect(after.kept).toEqual(after.recount)
    expect(after.kept).toContain('tarifa/dream/1/1')
    // changed words, marked outdated, deleted, the customer erased: each leaves the counts right
    const [dream, habit, fear] = kite.secrets
    const changed = await call('PATCH', `/api/secrets/${dream}`, w.sales, {
      text: 'Dreams of sailing to Tarifa',
    })
    expect(changed.statusCode, changed.body).toBe(200)
    const outdated = await call('PATCH', `/api/secrets/${habit}`, w.sales, { status: 'outdated' })
    expect(outdated.statusCode, outdated.body).toBe(200)
    const mid = await counted()
    expect(mid.kept).toEqual(mid.recount)
    expect(mid.kept.filter((k) => k.startsWith('kitesurf/'))).toEqual([])
    expect((await call('DELETE', `/api/secrets/${fear}`, w.sales)).statusCode).toBe(200)
    expect((await counted()).kept.filter((k) => k.startsWith('zeppelin/'))).toEqual([])
    const erased = await call('POST', `/api/customers/${kite.id}/erase`, w.admin, { confirm: 'Kite Works' })
    expect(erased.statusCode, erased.body).toBe(200)
    const end = await counted()
    expect(end.kept).toEqual(end.recount)
    // no word of the erased customer's lingers (an erased customer's words are personal data too)
    expect(end.kept.filter((k) => k.startsWith('tarifa/'))).toEqual([])
    expect(end.kept).toEqual(before.kept)
  })

  it('pages the customers', async () => {
    const first = await search(w.marketing, { q: 'wine', pageSize: 2 })
    expect(first.json()).toMatchObject({ total: 3, hasMore: true, page: 1, pageSize: 2 })
    expect(names(first)).toEqual(['Cellar Door', 'Harbour Wines'])
    const second = await search(w.marketing, { q: 'wine', pageSize: 2, page: 2 })
    expect(second.json()).toMatchObject({ total: 3, hasMore: false })
    expect(names(second)).toEqual(['Oak & Barrel'])
  })

  it('audits every search: who, which customers, how many — never the words or the secrets', async () => {
    await search(w.service, { q: 'burgandy', tiers: ['A'] })
    const events = (await call('GET', '/api/workspace/audit?limit=100', w.admin)).json().events as any[]
    const e = events.find((x) => x.action === 'secrets.searched' && x.actorLabel === 'sue@find.test')
    expect(e.details).toMatchObject({
      queryLength: 8,
      filters: { tiers: ['A'] },
      customers: [ids.harbour],
      customerCount: 1,
    })
    const all = JSON.stringify(events.filter((x) => x.action.startsWith('secrets.')))
    expect(all).not.toMatch(/burgandy|Burgundy|Pinot|sails/i)
  })

  it('saves a search as an audience, runs it again and exports it as CSV safe for spreadsheets', async () => {
    const saved = await call('POST', '/api/audiences', w.marketing, {
      name: 'Wine lovers',
      q: '  wine  ',
      tiers: ['A', 'B'],
    })
    expect(saved.statusCode, saved.body).toBe(201)
    const a = saved.json()
    expect(a).toMatchObject({
      name: 'Wine lovers',
      createdByName: 'mo',
      query: { q: 'wine', tiers: ['A', 'B'] },
    })
    expect(
      (await call('POST', '/api/audiences', w.admin, { name: 'Wine lovers', q: 'red' })).statusCode,
    ).toBe(409)
    // service may search and re-run, not save or export
    expect((await call('POST', '/api/audiences', w.service, { name: 'Mine', q: 'golf' })).statusCode).toBe(
      403,
    )
    expect((await call('GET', `/api/audiences/${a.id}/export.csv`, w.service)).statusCode).toBe(403)
    const list = (await call('GET', '/api/audiences', w.service)).json().audiences
    expect(list.map((x: any) => x.name)).toContain('Wine lovers')
    const rerun = await call('POST', `/api/audiences/${a.id}/search`, w.service, {})
    expect(names(rerun)).toEqual(['Harbour Wines', 'Oak & Barrel'])

    const csv = await call('GET', `/api/audiences/${a.id}/export.csv`, w.marketing)
    expect(csv.statusCode, csv.body).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.headers['content-disposition']).toContain('audience-Wine-lovers-')
    const rows = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows).toEqual([
      expect.objectContaining({
        Customer: 'Harbour Wines',
        Tier: 'A',
        Segment: 'Hospitality',
        'Matching secrets': '1',
        'Matched by': 'meaning',
        People: 'Grace Lee',
        'People emails': 'grace@harbour.test',
      }),
      expect.objectContaining({ Customer: 'Oak & Barrel', Tier: 'B', People: 'Tom Oak' }),
    ])
    expect(csv.body).not.toMatch(/Burgundy|Pinot/)

    // a spreadsheet never runs a cell as a formula
    const sail = (
      await call('POST', '/api/audiences', w.marketing, {
        name: '+Sailors',
        q: 'sailing',
        categories: ['dream'],
      })
    ).json()
    const hostile = parse((await call('GET', `/api/audiences/${sail.id}/export.csv`, w.marketing)).body, {
      bom: true,
      columns: true,
    }) as Record<string, string>[]
    expect(hostile[0]!.Customer).toBe(`'=HYPERLINK("http://evil.test","click")`)
    expect(hostile[0]!.People).toBe(`'@Bobby Tables`)

    const events = (await call('GET', '/api/workspace/audit?limit=100', w.admin)).json().events as any[]
    const exported = events.find((x) => x.action === 'secrets.exported' && x.targetId === a.id)
    expect(exported).toMatchObject({ actorLabel: 'mo@find.test', targetType: 'audience' })
    expect(exported.details).toMatchObject({ customerCount: 2, customers: [ids.harbour, ids.oak] })

    expect((await call('DELETE', `/api/audiences/${a.id}`, w.marketing)).statusCode).toBe(200)
    expect((await call('POST', `/api/audiences/${a.id}/search`, w.marketing, {})).statusCode).toBe(404)
    expect((await call('DELETE', `/api/audiences/${a.id}`, w.marketing)).statusCode).toBe(404)
  })

  it('answers hostile and odd searches with a clear 4xx or a safe result, never a 500', async () => {
    const cases: [unknown, number][] = [
      [{ q: '' }, 422],
      [{ q: '   ' }, 422],
      [{ q: `'"&|!:*()<>` }, 422],
      [{ q: '🍷🍷' }, 422],
      [{ q: 'x'.repeat(10_000) }, 422],
      [{ q: 'wine '.repeat(60) }, 422],
      [{ q: 'wine', page: 0 }, 422],
      [{ q: 'wine', pageSize: 1000 }, 422],
      [{ q: 42 }, 422],
      [{ q: 'wine', tiers: ['Z'] }, 422],
      [{ q: 'wine', extra: true }, 422],
      [{ q: "'; drop table secret; --" }, 200],
      [{ q: `wine' OR '1'='1` }, 200],
      [{ q: 'pinot & !noir | (golf:*) <-> <2>' }, 200],
      [{ q: '"unterminated phrase' }, 200],
      [{ q: '-wine' }, 200],
      [{ q: 'the and of' }, 200],
      // refused at the edge like every field: PostgreSQL cannot store a NUL, and no one types one
      [{ q: '\u0000wine\u0007' }, 400],
      [{ q: 'café crème brûlée' }, 200],
      [{ q: 'نبيذ أحمر' }, 200],
      [{ q: '<script>alert(1)</script>' }, 200],
      [{ q: `%_\\${'a'.repeat(5)}` }, 200],
    ]
    for (const [payload, status] of cases) {
      const res = await search(w.marketing, payload as Record<string, unknown>)
      expect(res.statusCode, `${JSON.stringify(payload).slice(0, 60)} → ${res.body.slice(0, 200)}`).toBe(
        status,
      )
      if (status === 422) expect(res.json().error.message.length).toBeGreaterThan(10)
    }
    expect((await search(w.marketing, { q: 'x'.repeat(10_000) })).json().error.message).toMatch(/at most/)
    expect((await search(w.marketing, { q: '\u0000wine\u0007' })).json().error).toMatchObject({
      code: 'invalid_characters',
      message: expect.stringMatching(/^body\.q: contains a NUL character/),
    })
    expect((await search(w.marketing, { q: 'wine\t' })).json().customers.length).toBe(3)
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/secrets/search',
      headers: { cookie: w.marketing, ...ORIGIN, 'content-type': 'application/json' },
      payload: 'not json',
    })
    expect(big.statusCode).toBe(400)
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/secrets/search', payload: { q: 'wine' } })).statusCode,
    ).toBe(401)
  })

  it('never shows another workspace’s secrets or audiences', async () => {
    const { cookie: otherAdmin } = await t.admin('ada@elsewhere.test', 'Elsewhere')
    const otherSales = await t.member(otherAdmin, 'sam@elsewhere.test', 'sales')
    await customer(
      { admin: otherAdmin, sales: otherSales },
      {
        name: 'Secret Vineyard',
        kind: 'person',
        secrets: [{ category: 'habit', text: 'Drinks Burgundy and Pinot Noir daily' }],
      },
    )
    expect(names(await search(otherAdmin, { q: 'wine' }))).toEqual(['Secret Vineyard'])
    const mine = await search(w.marketing, { q: 'burgundy OR pinot OR vineyard' })
    expect(names(mine)).not.toContain('Secret Vineyard')
    const theirs = (await call('POST', '/api/audiences', otherAdmin, { name: 'Theirs', q: 'wine' })).json()
    expect((await call('POST', `/api/audiences/${theirs.id}/search`, w.marketing, {})).statusCode).toBe(404)
    expect((await call('GET', `/api/audiences/${theirs.id}/export.csv`, w.marketing)).statusCode).toBe(404)
    expect((await call('DELETE', `/api/audiences/${theirs.id}`, w.admin)).statusCode).toBe(404)
    expect(
      (await call('GET', '/api/audiences', w.marketing)).json().audiences.map((a: any) => a.name),
    ).not.toContain('Theirs')
  })
})

describe('near spellings', () => {
  it('come from the workspace’s own words, and a deleted secret’s words are forgotten', async () => {
    const { cookie: admin, workspace } = await t.admin('ada@vocab.test', 'Vocab')
    const sales = await t.member(admin, 'sam@vocab.test', 'sales')
    const { cookie: stranger } = await t.admin('ada@vocab-other.test', 'Vocab Other')
    const c = await customer(
      { admin, sales },
      {
        name: 'Zed Travel',
        kind: 'person',
        secrets: [{ category: 'dream', text: 'Dreams of seeing Zanzibar' }],
      },
    )
    const found = await search(admin, { q: 'zanzibr' })
    expect(found.json().corrections).toEqual([{ word: 'zanzibr', nearest: ['zanzibar'] }])
    expect(names(found)).toEqual(['Zed Travel'])
    expect(marked(found.json().customers[0].secrets[0])).toEqual(['Zanzibar'])
    // another workspace's words are not suggested
    expect((await search(stranger, { q: 'zanzibr' })).json().corrections).toEqual([])

    expect((await call('DELETE', `/api/secrets/${c.secrets[0]}`, admin)).statusCode).toBe(200)
    expect((await search(admin, { q: 'zanzibr' })).json()).toMatchObject({ corrections: [], total: 0 })
    const words = await t.database.db
      .selectFrom('secretWord')
      .select('word')
      .where('workspaceId', '=', workspace.id)
      .execute()
    expect(words.map((x) => x.word)).not.toContain('zanzibar')
    expect(words.map((x) => x.word)).not.toContain('dreams')
  })
})
