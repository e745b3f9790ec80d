import { type Kysely, type RawBuilder, sql } from 'kysely'
import { lexemesOf, parseTsquery, queryBound } from '../domain/secrets/query-bound.ts'
import {
  type AudienceQuery,
  type MatchKind,
  markedWords,
  type SearchFilters,
} from '../domain/secrets/search-query.ts'
import type { CustomerHits, ExportRow, SearchPage, SearchRequest } from '../domain/secrets/search-secrets.ts'
import type { DB } from './schema.ts'
import { deleteInWorkspace } from './store-kit.ts'

/**
 * Marketing search over the active secrets of one workspace, grouped by customer (decision 008).
 *
 * A secret matches in one of three ways, and customers are ranked by their best one, then by
 * value (lifetime revenue): 1 its own words (English stemming: "sailing" finds "sails"), 2 what its
 * words mean (the `concepts` stored with it: "Burgundy" → wine), 3 a near spelling: a searched word
 * that no secret says or means is replaced by the nearest words of the workspace's vocabulary
 * (`secret_word`, trigram similarity over short words), and the query runs on the same index.
 *
 * How each class is read depends on its size, bounded first from `secret_lexeme` (how many active
 * secrets hold each word, per category: see its migration) without touching the index: a small
 * class is read whole from the index and grouped (exact totals); a large one is read customer by
 * customer in value order until the page is full, so "wine" over a million secrets costs the same
 * as over a thousand (the total is then a lower bound). A bound is exact for one word and an upper
 * bound for several ("pinot" and "golf" may both be common and never meet): a value-order read is
 * given a budget of customers from the density the bound suggests, and a class that does not fill
 * the page within it is read from the index after all.
 */

/** Up to this many matching secrets a class is read whole; beyond, customer by customer. */
export const WHOLE_CLASS_LIMIT = 500
/** An export has at most this many customers (the most valuable first, best matches first). */
export const EXPORT_LIMIT = 100_000
/** trigram similarity at or above which a word of the workspace is a near spelling of a searched one */
export const SPELLING_THRESHOLD = 0.3
/** the ts_headline marks; control characters never reach the database from a search string */
export const MARK_START = '\u0001'
export const MARK_STOP = '\u0002'
const HEADLINE_OPTIONS = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_STOP}`

const KIND: Record<number, MatchKind> = { 1: 'words', 2: 'meaning', 3: 'spelling' }

type Correction = { word: string; nearest: string[] }
type Terms = {
  fq: RawBuilder<unknown> | null
  /** the same held to the words typed (no interests): what a secret's own text can say */
  fw: RawBuilder<unknown> | null
  fz: RawBuilder<unknown> | null
  q: RawBuilder<boolean>
  wordsRow: RawBuilder<boolean>
  spelling: RawBuilder<boolean> | null
  /** each part of the query on its own: how many a customer matches ranks the partial matches */
  parts: RawBuilder<boolean>[]
}

/** where a class is read whole from the index: its query, and the customers it leaves out */
type Source = {
  tsquery: RawBuilder<unknown> | null
  wordsOnly?: boolean
  unless?: RawBuilder<boolean> | null
}

type Plan =
  | { cls: 1 | 2 | 3; mode: 'whole'; ids: string[] }
  | {
      cls: 1 | 2 | 3
      mode: 'scan'
      has: RawBuilder<boolean>
      better: RawBuilder<boolean> | null
      /** at most how many secrets match the class (Infinity: unknown) */
      bound: number
      /** read whole when a budgeted value-order read falls short; absent: read on without budget */
      source?: Source
      /** the query (all of its parts, or any) and its bounds */
      terms: Terms
      bounds: Bounds | null
    }

/** upper bounds, in secrets, of the query's classes, and the workspace's number of customers */
type Bounds = { all: number; query: number; words: number; spelling: number; customers: number }

/** Search and audiences of one workspace; `trx` comes from inWorkspace (RLS on). */
export const searchStore = (
  trx: Kysely<DB>,
  workspaceId: string,
  opts: { wholeClassLimit?: number; scanBudget?: number } = {},
) => {
  const wholeLimit = opts.wholeClassLimit ?? WHOLE_CLASS_LIMIT
  /**
   * The query as tsqueries: every part (`all`, for the first tier) or any part (`any`, for the
   * customers who match only some), each part through its words or the interests they name,
   * the left-out words never. `wordsRow` is the same held to the secret's own words (weight A).
   */
  const terms = (
    r: Pick<SearchRequest, 'fullText' | 'plan'>,
    corrections: Correction[] = [],
    mode: 'all' | 'any' = 'all',
  ): Terms => {
    if (r.fullText === '' || (r.plan.groups.length === 0 && r.plan.negatives.length === 0)) {
      // filters only: every secret they let through matches, as if by its words
      const all = sql<boolean>`true`
      return { fq: null, fw: null, fz: null, q: all, wordsRow: all, spelling: null, parts: [] }
    }
    const words = (text: string) => sql`websearch_to_tsquery('english', ${text})`
    // the same words held to weight A (the secret's own words; concepts are weight C)
    const weightA = (text: string) =>
      sql`regexp_replace(websearch_to_tsquery('english', ${text})::text, '''((?:[^'']|'''')*)''', '''\\1'':A', 'g')::tsquery`
    const markers = (ms: string[]) =>
      sql`(${sql.join(
        ms.map((m) => sql`plainto_tsquery('english', ${m})`),
        sql` || `,
      )})`
    const either = (xs: RawBuilder<unknown>[]) =>
      xs.length === 1 ? xs[0]! : sql`(${sql.join(xs, sql` || `)})`
    const join = (xs: RawBuilder<unknown>[], op: 'all' | 'any') =>
      xs.length === 1 ? xs[0]! : sql`(${sql.join(xs, op === 'all' ? sql` && ` : sql` || `)})`
    const parts = r.plan.groups.map((g) =>
      either(
        g.alts.map((a) =>
          a.markers.length === 0
            ? words(a.text)
            : a.interestOnly
              ? markers(a.markers)
              : sql`(${words(a.text)} || ${markers(a.markers)})`,
        ),
      ),
    )
    const partsA = r.plan.groups.map((g) =>
      either(
        g.alts.map((a) =>
          a.interestOnly ? sql`(${weightA(a.text)} && ${markers(a.markers)})` : weightA(a.text),
        ),
      ),
    )
    const without = r.plan.negatives.map((n) => sql`!! ${words(n)}`)
    // "-golf" alone: every secret that does not say it
    const all = (xs: RawBuilder<unknown>[]) =>
      join([...(xs.length > 0 ? [join(xs, mode)] : []), ...without], 'all')
    const fq = all(parts)
    const fw = all(r.plan.groups.map((g) => either(g.alts.map((a) => words(a.text)))))
    const fa = all(partsA)
    // each word no secret has is replaced by itself or its nearest spellings, inside the same query
    const fz =
      corrections.length === 0
        ? null
        : corrections.reduce<RawBuilder<unknown>>(
            (query, c) =>
              sql`ts_rewrite(${query}, plainto_tsquery('english', ${c.word}), ${sql.join(
                [c.word, ...c.nearest].map((w) => sql`plainto_tsquery('english', ${w})`),
                sql` || `,
              )})`,
            fq,
          )
    return {
      fq,
      fw,
      fz,
      q: sql<boolean>`s.search @@ ${fq}`,
      wordsRow: sql<boolean>`s.search @@ ${fa}`,
      spelling: fz ? sql<boolean>`s.search @@ ${fz}` : null,
      parts: parts.map((p) => sql<boolean>`s.search @@ ${p}`),
    }
  }
  /**
   * the searched words no secret says or means (one of their lexemes is in no active secret), with
   * the nearest words the workspace's secrets use
   */
  const nearestSpellings = async (words: string[]): Promise<Correction[]> => {
    if (words.length === 0) return []
    const r = await sql<{ word: string; near: string }>`
      select q.w as word, v.word as near
      from unnest(${words}::text[]) as q(w)
      cross join lateral dazzle_secret_words_near(q.w, 3) as v(word)
      where to_tsvector('english', q.w) <> ''::tsvector
        and exists (
          select 1 from unnest(tsvector_to_array(to_tsvector('english', q.w))) as l(lexeme)
          where not exists (
            select 1 from secret_lexeme x
            where x.workspace_id = ${workspaceId} and x.lexeme = l.lexeme and x.docs > 0))`.execute(trx)
    const out = new Map<string, string[]>()
    for (const x of r.rows) out.set(x.word, [...(out.get(x.word) ?? []), x.near])
    return [...out].map(([word, nearest]) => ({ word, nearest }))
  }
  /**
   * Upper bounds of each class, in secrets, from the lexeme counts of the workspace (narrowed to
   * the category filter), and how many customers the workspace has, to turn a bound into a density.
   */
  const bounds = async (f: SearchFilters, t: Terms): Promise<Bounds> => {
    const texts = await sql<{ fq: string | null; fw: string | null; fz: string | null; customers: number }>`
      select (${t.fq ?? sql`null`})::text as fq, (${t.fw ?? sql`null`})::text as fw, (${t.fz ?? sql`null`})::text as fz,
        coalesce(
          (select (v.report->>'customers')::int from value_snapshot v where v.workspace_id = ${workspaceId}),
          (select greatest(reltuples, 0)::int from pg_class where oid = 'customer'::regclass)
        ) as customers`.execute(trx)
    const row = texts.rows[0]!
    const fq = row.fq === null ? null : parseTsquery(row.fq)
    const fz = row.fz === null ? null : parseTsquery(row.fz)
    const fw = row.fw === null ? null : parseTsquery(row.fw)
    const lexemes = [...new Set([...lexemesOf(fq), ...lexemesOf(fz), ...lexemesOf(fw)])]
    const counts = new Map<string, { docs: number; words: number }>()
    if (lexemes.length > 0) {
      const r = await sql<{ lexeme: string; docs: number; words: number }>`
        select lexeme, sum(docs)::int as docs, sum(words)::int as words from secret_lexeme
        where workspace_id = ${workspaceId} and lexeme = any(${lexemes}::text[])
          ${f.categories.length > 0 ? sql`and category = any(${f.categories}::text[])` : sql``}
        group by lexeme`.execute(trx)
      for (const x of r.rows) counts.set(x.lexeme, x)
    }
    const docs = (l: string) => counts.get(l)?.docs ?? 0
    const query = queryBound(fq, docs)
    const spelling = queryBound(fz, docs)
    return {
      query,
      // the first class needs the words in the text itself: bounded by how many texts hold them
      words: queryBound(fw, (l) => counts.get(l)?.words ?? 0),
      spelling,
      all: query + spelling,
      customers: row.customers,
    }
  }
  const secretScope = (f: SearchFilters) => {
    const parts = [sql`s.workspace_id = ${workspaceId}`, sql`s.status = 'active'`]
    if (f.categories.length > 0) parts.push(sql`s.category = any(${f.categories}::text[])`)
    if (f.layer) parts.push(sql`s.layer = ${f.layer}`)
    return sql.join(parts, sql` and `)
  }
  const customerScope = (f: SearchFilters) => {
    const parts = [sql`c.workspace_id = ${workspaceId}`, sql`c.erased_at is null`]
    // one value is an equality, so the walk in value order can use the tier's or segment's index
    // (PostgreSQL reads `= any` of one value through an index in index order only for its first column)
    const oneOf = (column: RawBuilder<unknown>, values: string[]) =>
      values.length === 1 ? sql`${column} = ${values[0]}` : sql`${column} = any(${values}::text[])`
    if (f.tiers.length > 0) parts.push(oneOf(sql`c.value_tier`, f.tiers))
    if (f.segments.length > 0) parts.push(oneOf(sql`c.segment`, f.segments))
    return sql.join(parts, sql` and `)
  }
  /**
   * The matching secrets of the workspace (customer and search document), read through the
   * index by a function that filters on the workspace setting itself (see the migration: under
   * row-level security `@@` could not use the index); at most `lim` of them.
   */
  const hitsOf = (
    f: SearchFilters,
    tsquery: RawBuilder<unknown> | null,
    lim: number | null,
    wordsOnly = false,
  ) => {
    if (!tsquery) {
      return sql`(select s.customer_id, s.search from secret s where ${secretScope(f)} limit ${lim}) as s`
    }
    const fn = sql.raw(wordsOnly ? 'dazzle_secret_text_hits' : 'dazzle_secret_hits')
    const categories = f.categories.length > 0 ? sql`${f.categories}::text[]` : sql`null::text[]`
    return sql`${fn}(${tsquery}, ${categories}, ${f.layer}::text, ${lim}::int) as s`
  }
  const classOf = (t: Terms) =>
    sql<number>`case when ${t.q} and ${t.wordsRow} then 1 when ${t.q} then 2 else 3 end`

  /**
   * The customers (in rank order, with their best class) of the secrets matching `from`, read whole
   * from the index when there are at most `wholeLimit` such secrets (more: `overflow` and no
   * customers). With `unless`, only customers none of whose secrets matches it.
   */
  const whole = async (
    f: SearchFilters,
    t: Terms,
    from: Source,
  ): Promise<{ overflow: boolean; rows: { id: string; cls: number }[] }> => {
    // how many parts of the query the customer's secrets match between them (one: every part)
    const partCols = t.parts.length > 1 ? t.parts.map((p, i) => sql`, ${p} as ${sql.ref(`p${i}`)}`) : []
    const cover =
      t.parts.length > 1
        ? sql.join(
            t.parts.map((_, i) => sql`bool_or(${sql.ref(`p${i}`)})::int`),
            sql` + `,
          )
        : sql`1`
    const r = await sql<{ n: number; id: string | null; cls: number | null }>`
      with hits as materialized (
        select s.customer_id, ${classOf(t)} as cls ${sql.join(partCols, sql` `)}
        from ${hitsOf(f, from.tsquery, wholeLimit + 1, from.wordsOnly)}
      ),
      counted as (select count(*)::int as n from hits),
      best as (select customer_id, min(cls) as cls, ${cover} as cover from hits group by customer_id)
      select counted.n, x.id, x.cls
      from counted
      left join lateral (
        select c.id, b.cls, b.cover, c.lifetime_revenue
        from best b join customer c on c.id = b.customer_id
        where counted.n <= ${wholeLimit} and ${customerScope(f)}
        ${
          from.unless
            ? sql`and not exists (
          select 1 from secret s where ${secretScope(f)} and s.customer_id = b.customer_id and ${from.unless})`
            : sql``
        }
      ) x on true
      order by x.cover desc, x.cls, x.lifetime_revenue desc, x.id`.execute(trx)
    return {
      overflow: (r.rows[0]?.n ?? 0) > wholeLimit,
      rows: r.rows.flatMap((x) => (x.id === null ? [] : [{ id: x.id, cls: x.cls ?? 3 }])),
    }
  }
  /**
   * customers in value order with a secret matching `has` and none matching `better`; with a
   * budget, among the first `budget` customers of the filters only
   */
  const scanFrom = (
    f: SearchFilters,
    has: RawBuilder<boolean>,
    better: RawBuilder<boolean> | null,
    budget: number | null = null,
  ) => sql`
    from ${
      budget === null
        ? sql`customer c`
        : sql`(select c.id, c.lifetime_revenue from customer c where ${customerScope(f)}
            order by c.lifetime_revenue desc, c.id limit ${budget}) c`
    }
    cross join lateral (
      select 1 from secret s where ${secretScope(f)} and s.customer_id = c.id and ${has} limit 1
    ) hit
    ${
      better
        ? sql`left join lateral (
      select 1 as x from secret s where ${secretScope(f)} and s.customer_id = c.id and ${better} limit 1
    ) above on true`
        : sql``
    }
    where ${budget === null ? customerScope(f) : sql`true`} ${better ? sql`and above.x is null` : sql``}`
  const scan = async (
    f: SearchFilters,
    p: Extract<Plan, { mode: 'scan' }>,
    offset: number,
    limit: number,
    budget: number | null = null,
  ): Promise<string[]> => {
    const r = await sql<{ id: string }>`
      select c.id ${scanFrom(f, p.has, p.better, budget)}
      order by c.lifetime_revenue desc, c.id limit ${limit} offset ${offset}`.execute(trx)
    return r.rows.map((x) => x.id)
  }
  const scanCount = async (f: SearchFilters, p: Extract<Plan, { mode: 'scan' }>) => {
    const r = await sql<{ n: number }>`select count(*)::int as n ${scanFrom(f, p.has, p.better)}`.execute(trx)
    return r.rows[0]!.n
  }

  /**
   * Decides, class by class, whether to read it whole or customer by customer, from the bounds: a
   * class that cannot hold more than the limit is read whole (exact); a larger one is read in
   * value order, from its index after all if it proves sparse (see `search`).
   */
  const plan = async (
    f: SearchFilters,
    t: Terms,
    b: Bounds | null,
    /** customers with a secret matching this are found already (by every part of the query) */
    found: RawBuilder<boolean> | null = null,
  ): Promise<Plan[]> => {
    // filters only: every secret they let through is of the first class
    if (!t.fq || !b)
      return [
        {
          cls: 1,
          mode: 'scan',
          has: t.q,
          better: null,
          bound: Number.POSITIVE_INFINITY,
          terms: t,
          bounds: b,
        },
      ]
    const unless = (x: RawBuilder<boolean> | null | undefined) =>
      x && found ? sql<boolean>`(${x} or ${found})` : (x ?? found)
    const read = async (from: Source, cls: (1 | 2 | 3)[]): Promise<Plan[]> => {
      // (never more than the limit: a class is read whole only when its bound fits)
      const rows = (await whole(f, t, { ...from, unless: unless(from.unless) })).rows.filter((x) =>
        cls.includes(x.cls as 1 | 2 | 3),
      )
      // customers who match some parts stay in the order of how many they match, not by class
      return found ? [{ cls: 1 as const, mode: 'whole' as const, ids: rows.map((x) => x.id) }] : split(rows)
    }
    if (b.all <= wholeLimit) return read({ tsquery: t.fz ? sql`(${t.fq}) || (${t.fz})` : t.fq }, [1, 2, 3])
    const classes: Plan[] = []
    const wordsHere = sql<boolean>`${t.q} and ${t.wordsRow}`
    if (b.query === 0) {
      // nothing as typed: only near spellings below
    } else if (b.query <= wholeLimit) {
      classes.push(...(await read({ tsquery: t.fq }, [1, 2])))
    } else {
      // the words class has its own bound and index: it may be empty while meaning is huge ("wine")
      const words: Source = { tsquery: t.fw, wordsOnly: true, unless: found }
      if (b.words > wholeLimit)
        classes.push({
          cls: 1,
          mode: 'scan',
          has: wordsHere,
          better: found,
          bound: b.words,
          source: words,
          terms: t,
          bounds: b,
        })
      else if (b.words > 0) classes.push(...(await read(words, [1])))
      classes.push({
        cls: 2,
        mode: 'scan',
        has: t.q,
        better: unless(b.words === 0 ? null : wordsHere),
        bound: b.query,
        source: { tsquery: t.fq, unless: found },
        terms: t,
        bounds: b,
      })
    }
    if (t.spelling && t.fz && b.spelling > 0) {
      const spelt: Source = { tsquery: t.fz, unless: unless(b.query === 0 ? null : t.q) }
      if (b.spelling <= wholeLimit) classes.push(...(await read(spelt, [3])))
      else
        classes.push({
          cls: 3,
          mode: 'scan',
          has: t.spelling,
          better: spelt.unless ?? null,
          bound: b.spelling,
          source: spelt,
          terms: t,
          bounds: b,
        })
    }
    return classes
  }
  /**
   * How many customers (of the filters, in value order) a read of a large class may walk before it
   * is taken for sparse: four times what the class's bound would need to fill the page if its
   * secrets were spread one to a customer. No budget (null) when that is every customer.
   */
  const budgetFor = (p: Extract<Plan, { mode: 'scan' }>, rows: number): number | null => {
    const b = p.bounds
    if (!p.source || !b || !Number.isFinite(p.bound)) return null
    if (opts.scanBudget !== undefined) return opts.scanBudget
    const k = Math.max(200, Math.ceil((4 * rows * b.customers) / Math.max(1, p.bound)))
    return k >= b.customers ? null : k
  }
  // every statement here reads a capped number of rows: compiling it (PostgreSQL's JIT, chosen
  // from cost estimates that count the rows a LIMIT never reads) took longer than running it
  const noJit = () => sql`select set_config('jit', 'off', true)`.execute(trx)
  const corrected = async (r: Pick<SearchRequest, 'fullText' | 'spellable'>) => {
    if (r.fullText === '' || r.spellable.length === 0) return []
    await sql`select set_config('pg_trgm.similarity_threshold', ${String(SPELLING_THRESHOLD)}, true)`.execute(
      trx,
    )
    return nearestSpellings(r.spellable)
  }
  const split = (rows: { id: string; cls: number }[]): Plan[] =>
    ([1, 2, 3] as const).map((cls) => ({
      cls,
      mode: 'whole' as const,
      ids: rows.filter((x) => x.cls === cls).map((x) => x.id),
    }))

  /** The page's customers with their matching secrets, names and highlights. */
  const details = async (r: SearchRequest, t: Terms, ids: string[], perCustomer: number) => {
    if (ids.length === 0) return []
    const cond = t.spelling ? sql`(${t.q} or ${t.spelling})` : t.q
    const [customers, secrets] = await Promise.all([
      sql<any>`
        select c.id, c.name, c.kind, c.value_tier, c.segment, u.name as owner_name,
          (select coalesce(array_agg(p.name order by p.name), '{}') from customer_person p
            where p.workspace_id = ${workspaceId} and p.customer_id = c.id) as people
        from customer c left join auth_user u on u.id = c.owner_user_id
        where c.workspace_id = ${workspaceId} and c.id = any(${ids}::text[])`.execute(trx),
      sql<any>`
        select s.id, s.customer_id, s.category, s.layer, s.text, s.recorded_at, p.name as person_name,
          ${classOf(t)} as cls,
          ${
            t.fq
              ? sql`ts_headline('english', s.text, ${t.fz ? sql`case when ${t.q} then ${t.fw} else ${t.fz} end` : t.fw}, ${HEADLINE_OPTIONS}) as text_marks,
          case when not ${t.wordsRow} then ts_headline('english', s.concepts, ${t.fz ? sql`case when ${t.q} then ${t.fq} else ${t.fz} end` : t.fq}, ${HEADLINE_OPTIONS}) end as concept_marks`
              : sql`null as text_marks, null as concept_marks`
          }
        from secret s left join customer_person p on p.id = s.person_id
        where ${secretScope(r.filters)} and s.customer_id = any(${ids}::text[]) and ${cond}`.execute(trx),
    ])
    const byId = new Map(customers.rows.map((c) => [c.id as string, c]))
    return ids.flatMap((id): CustomerHits[] => {
      const c = byId.get(id)
      if (!c) return []
      const mine = secrets.rows
        .filter((s) => s.customerId === id)
        .sort((a, b) => a.cls - b.cls || new Date(b.recordedAt).getTime() - new Date(a.recordedAt).getTime())
      return [
        {
          id,
          name: c.name,
          kind: c.kind,
          tier: c.valueTier,
          segment: c.segment,
          ownerName: c.ownerName ?? null,
          people: c.people ?? [],
          matchedBy: KIND[mine[0]?.cls ?? 3]!,
          matchCount: mine.length,
          secrets: mine.slice(0, perCustomer).map((s) => ({
            id: s.id,
            customerId: id,
            category: s.category,
            layer: s.layer,
            text: s.text,
            personName: s.personName ?? null,
            recordedAt: new Date(s.recordedAt),
            matchedBy: KIND[s.cls]!,
            textWords: marks(s.textMarks),
            conceptWords: marks(s.conceptMarks),
          })),
        },
      ]
    })
  }

  return {
    /** One page of customers, best match first, then the most valuable. */
    async search(r: SearchRequest, perCustomer = 3): Promise<SearchPage> {
      await noJit()
      const corrections = await corrected(r)
      const t = terms(r, corrections)
      const b = t.fq ? await bounds(r.filters, t) : null
      // then the customers who match only some parts of the query, those matching more first
      const some = r.plan.groups.length > 1 && t.fq ? terms(r, corrections, 'any') : t
      // by value: every customer a part of the query finds, the most valuable first
      const classes: Plan[] =
        r.sort === 'value' && some.fq
          ? [
              {
                cls: 1,
                mode: 'scan',
                has: some.spelling ? sql<boolean>`(${some.q} or ${some.spelling})` : some.q,
                better: null,
                bound: Number.POSITIVE_INFINITY,
                terms: some,
                bounds: null,
              },
            ]
          : await plan(r.filters, t, b)
      if (some !== t && r.sort !== 'value') {
        const found = t.spelling ? sql<boolean>`(${t.q} or ${t.spelling})` : t.q
        classes.push(...(await plan(r.filters, some, await bounds(r.filters, some), found)))
      }
      let offset = (r.page - 1) * r.pageSize
      // one more than the page tells whether there is a next one
      let need = r.pageSize + 1
      const picked: string[] = []
      let total = 0
      let totalExact = true
      const takeWhole = (ids: string[]) => {
        const n = ids.length
        total += n
        if (need > 0 && offset < n) {
          const taken = ids.slice(offset, offset + need)
          picked.push(...taken)
          need -= taken.length
          offset = 0
        } else offset -= Math.min(offset, n)
      }
      for (const c of classes) {
        if (c.mode === 'whole') {
          takeWhole(c.ids)
          continue
        }
        if (need === 0) {
          totalExact = false
          continue
        }
        const budget = budgetFor(c, offset + need)
        let rows = await scan(r.filters, c, offset, need, budget)
        if (rows.length < need && budget !== null && c.source) {
          // the budget ran out before the page was full: the class is sparse, read it from its index
          const w = await whole(r.filters, c.terms, c.source)
          if (!w.overflow) {
            takeWhole(w.rows.filter((x) => x.cls === c.cls).map((x) => x.id))
            continue
          }
          rows = await scan(r.filters, c, offset, need)
        }
        picked.push(...rows)
        if (rows.length === need) {
          // more may follow: what is known is a lower bound
          totalExact = false
          total += offset + rows.length
          need = 0
          offset = 0
          continue
        }
        // the class ends on this page, or before it (then it is counted to know how far)
        const n = rows.length > 0 || offset === 0 ? offset + rows.length : await scanCount(r.filters, c)
        total += n
        need -= rows.length
        offset = rows.length > 0 ? 0 : offset - Math.min(offset, n)
      }
      const hasMore = picked.length > r.pageSize
      const ids = picked.slice(0, r.pageSize)
      return {
        customers: await details(r, some, ids, perCustomer),
        total: Math.max(total, (r.page - 1) * r.pageSize + ids.length),
        totalExact,
        hasMore,
        corrections,
      }
    },

    /** Every customer of the search (up to the export limit), in the same order, for a CSV. */
    async exportRows(r: Omit<SearchRequest, 'page' | 'pageSize'>): Promise<ExportRow[]> {
      const corrections = await corrected(r)
      const t = terms(r, corrections, 'any')
      const tsquery = t.fz ? sql`(${t.fq}) || (${t.fz})` : t.fq
      const rows = await sql<any>`
        with best as (
          select s.customer_id, min(${classOf(t)}) as cls, count(*)::int as n
          from ${hitsOf(r.filters, tsquery, null)}
          group by s.customer_id
        )
        select c.id, c.name, c.external_id, c.kind, c.value_tier, c.segment, c.country,
          u.name as owner_name, u.email as owner_email, b.n, b.cls,
          (select string_agg(p.name, '; ' order by p.name) from customer_person p
            where p.workspace_id = ${workspaceId} and p.customer_id = c.id) as people,
          (select string_agg(p.email, '; ' order by p.name) from customer_person p
            where p.workspace_id = ${workspaceId} and p.customer_id = c.id and p.email is not null) as emails
        from best b join customer c on c.id = b.customer_id
        left join auth_user u on u.id = c.owner_user_id
        where ${customerScope(r.filters)}
        order by b.cls, c.lifetime_revenue desc, c.id
        limit ${EXPORT_LIMIT}`.execute(trx)
      return rows.rows.map((x) => ({
        id: x.id,
        name: x.name,
        externalId: x.externalId,
        kind: x.kind,
        tier: x.valueTier,
        segment: x.segment,
        country: x.country,
        ownerName: x.ownerName,
        ownerEmail: x.ownerEmail,
        matchCount: x.n,
        matchedBy: KIND[x.cls]!,
        people: x.people,
        emails: x.emails,
      }))
    },

    async audiences() {
      const rows = await trx
        .selectFrom('audience as a')
        .leftJoin('authUser as u', 'u.id', 'a.createdBy')
        .select(['a.id', 'a.name', 'a.query', 'a.createdBy', 'u.name as createdByName', 'a.createdAt'])
        .where('a.workspaceId', '=', workspaceId)
        .orderBy('a.name')
        .execute()
      return rows.map((a) => ({
        ...a,
        query: a.query as AudienceQuery,
        createdByName: a.createdByName ?? null,
      }))
    },
    async audience(id: string) {
      const a = await trx
        .selectFrom('audience')
        .select(['id', 'name', 'query', 'createdBy', 'createdAt'])
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst()
      return a && { ...a, query: a.query as AudienceQuery }
    },
    /** null when the workspace already has an audience of that name */
    async saveAudience(a: { name: string; query: AudienceQuery; createdBy: string | null }) {
      const r = await trx
        .insertInto('audience')
        .values({ workspaceId, name: a.name, query: JSON.stringify(a.query), createdBy: a.createdBy })
        .onConflict((oc) => oc.columns(['workspaceId', 'name']).doNothing())
        .returning('id')
        .executeTakeFirst()
      return r?.id ?? null
    },
    removeAudience: (id: string) => deleteInWorkspace(trx, 'audience', workspaceId, { id }),
  }
}

const marks = (marked: unknown): string[] =>
  typeof marked === 'string' ? markedWords(marked, MARK_START, MARK_STOP) : []

export type SearchStore = ReturnType<typeof searchStore>
