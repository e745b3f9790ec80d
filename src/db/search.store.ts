import { type Kysely, type RawBuilder, sql } from 'kysely'
import {
  type AudienceQuery,
  type MatchKind,
  markedWords,
  type SearchFilters,
} from '../domain/secrets/search-query.ts'
import type { CustomerHits, ExportRow, SearchPage, SearchRequest } from '../domain/secrets/search-secrets.ts'
import type { DB } from './schema.ts'

/**
 * Marketing search over the active secrets of one workspace, grouped by customer (decision 008).
 *
 * A secret matches in one of three ways, and customers are ranked by their best one, then by
 * value (lifetime revenue): 1 its own words (English stemming: "sailing" finds "sails"), 2 what its
 * words mean (the `concepts` stored with it: "Burgundy" → wine), 3 a near spelling: a searched word
 * that no secret says or means is replaced by the nearest words of the workspace's vocabulary
 * (`secret_word`, trigram similarity over short words), and the query runs on the same index.
 *
 * How each class is read depends on its size, measured first by a capped count on its index:
 * a small class is read whole from the index and grouped (exact totals); a large one is read
 * customer by customer in value order until the page is full, so "wine" over a million secrets
 * costs the same as over a thousand (the total is then a lower bound).
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
  fz: RawBuilder<unknown> | null
  q: RawBuilder<boolean>
  wordsRow: RawBuilder<boolean>
  spelling: RawBuilder<boolean> | null
}

type Plan =
  | { cls: 1 | 2 | 3; mode: 'whole'; ids: string[] }
  | { cls: 1 | 2 | 3; mode: 'scan'; has: RawBuilder<boolean>; better: RawBuilder<boolean> | null }

/** Search and audiences of one workspace; `trx` comes from inWorkspace (RLS on). */
export const searchStore = (
  trx: Kysely<DB>,
  workspaceId: string,
  opts: { wholeClassLimit?: number } = {},
) => {
  const wholeLimit = opts.wholeClassLimit ?? WHOLE_CLASS_LIMIT
  const terms = (r: { fullText: string }, corrections: Correction[] = []): Terms => {
    if (r.fullText === '') {
      // filters only: every secret they let through matches, as if by its words
      const all = sql<boolean>`true`
      return { fq: null, fz: null, q: all, wordsRow: all, spelling: null }
    }
    const fq = sql`websearch_to_tsquery('english', ${r.fullText})`
    // the same query held to weight A (the secret's own words; concepts are weight C)
    const fa = sql`regexp_replace(websearch_to_tsquery('english', ${r.fullText})::text, '''((?:[^'']|'''')*)''', '''\\1'':A', 'g')::tsquery`
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
      fz,
      q: sql<boolean>`s.search @@ ${fq}`,
      wordsRow: sql<boolean>`s.search @@ ${fa}`,
      spelling: fz ? sql<boolean>`s.search @@ ${fz}` : null,
    }
  }
  /** the searched words no secret says or means, with the nearest words the workspace's secrets use */
  const nearestSpellings = async (words: string[]): Promise<Correction[]> => {
    if (words.length === 0) return []
    const r = await sql<{ word: string; near: string }>`
      select q.w as word, v.word as near
      from unnest(${words}::text[]) as q(w)
      cross join lateral dazzle_secret_words_near(q.w, 3) as v(word)
      where to_tsvector('english', q.w) <> ''::tsvector
        and not exists (select 1 from dazzle_secret_hits(plainto_tsquery('english', q.w), null, null, 1))`.execute(
      trx,
    )
    const out = new Map<string, string[]>()
    for (const x of r.rows) out.set(x.word, [...(out.get(x.word) ?? []), x.near])
    return [...out].map(([word, nearest]) => ({ word, nearest }))
  }
  const secretScope = (f: SearchFilters) => {
    const parts = [sql`s.workspace_id = ${workspaceId}`, sql`s.status = 'active'`]
    if (f.categories.length > 0) parts.push(sql`s.category = any(${f.categories}::text[])`)
    if (f.layer) parts.push(sql`s.layer = ${f.layer}`)
    return sql.join(parts, sql` and `)
  }
  const customerScope = (f: SearchFilters) => {
    const parts = [sql`c.workspace_id = ${workspaceId}`, sql`c.erased_at is null`]
    if (f.tiers.length > 0) parts.push(sql`c.value_tier = any(${f.tiers}::text[])`)
    if (f.segments.length > 0) parts.push(sql`c.segment = any(${f.segments}::text[])`)
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
   * from the index when there are at most `wholeLimit` such secrets; `n` is their number, capped
   * at the limit plus one (then `overflow` and no customers). With `unless`, only customers none
   * of whose secrets matches it.
   */
  const whole = async (
    f: SearchFilters,
    t: Terms,
    from: { tsquery: RawBuilder<unknown> | null; wordsOnly?: boolean },
    unless: RawBuilder<boolean> | null = null,
  ): Promise<{ n: number; ones: number; overflow: boolean; rows: { id: string; cls: number }[] }> => {
    const r = await sql<{ n: number; ones: number; id: string | null; cls: number | null }>`
      with hits as materialized (
        select s.customer_id, ${classOf(t)} as cls
        from ${hitsOf(f, from.tsquery, wholeLimit + 1, from.wordsOnly)}
      ),
      counted as (select count(*)::int as n, (count(*) filter (where cls = 1))::int as ones from hits),
      best as (select customer_id, min(cls) as cls from hits group by customer_id)
      select counted.n, counted.ones, x.id, x.cls
      from counted
      left join lateral (
        select c.id, b.cls, c.lifetime_revenue
        from best b join customer c on c.id = b.customer_id
        where counted.n <= ${wholeLimit} and ${customerScope(f)}
        ${
          unless
            ? sql`and not exists (
          select 1 from secret s where ${secretScope(f)} and s.customer_id = b.customer_id and ${unless})`
            : sql``
        }
      ) x on true
      order by x.cls, x.lifetime_revenue desc, x.id`.execute(trx)
    const n = r.rows[0]?.n ?? 0
    return {
      n,
      ones: r.rows[0]?.ones ?? 0,
      overflow: n > wholeLimit,
      rows: r.rows.flatMap((x) => (x.id === null ? [] : [{ id: x.id, cls: x.cls ?? 3 }])),
    }
  }
  /** customers in value order with a secret matching `has` and none matching `better` */
  const scanFrom = (f: SearchFilters, has: RawBuilder<boolean>, better: RawBuilder<boolean> | null) => sql`
    from customer c
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
    where ${customerScope(f)} ${better ? sql`and above.x is null` : sql``}`
  const scan = async (
    f: SearchFilters,
    p: Extract<Plan, { mode: 'scan' }>,
    offset: number,
    limit: number,
  ): Promise<string[]> => {
    const r = await sql<{ id: string }>`
      select c.id ${scanFrom(f, p.has, p.better)}
      order by c.lifetime_revenue desc, c.id limit ${limit} offset ${offset}`.execute(trx)
    return r.rows.map((x) => x.id)
  }
  const scanCount = async (f: SearchFilters, p: Extract<Plan, { mode: 'scan' }>) => {
    const r = await sql<{ n: number }>`select count(*)::int as n ${scanFrom(f, p.has, p.better)}`.execute(trx)
    return r.rows[0]!.n
  }

  /**
   * Decides, class by class, whether to read it whole or customer by customer: each attempt to
   * read whole stops after the limit, so a common word costs one capped read before the scan.
   */
  const plan = async (f: SearchFilters, t: Terms): Promise<Plan[]> => {
    const all = await whole(f, t, { tsquery: t.fz ? sql`(${t.fq}) || (${t.fz})` : t.fq })
    if (!all.overflow) return split(all.rows)
    // filters only: every secret they let through is of the first class
    if (!t.fq) return [{ cls: 1, mode: 'scan', has: t.q, better: null }]
    const classes: Plan[] = []
    const byQuery = t.spelling ? await whole(f, t, { tsquery: t.fq }) : all
    if (!byQuery.overflow) {
      classes.push(...split(byQuery.rows).filter((c) => c.cls !== 3))
    } else {
      // the words class is read on its own index: it may be empty while meaning is huge ("wine");
      // when most of the capped read was of that class, it is large: no second read
      const byWords =
        byQuery.ones * 2 > wholeLimit
          ? { n: byQuery.ones, ones: byQuery.ones, overflow: true, rows: [] }
          : await whole(f, t, { tsquery: t.fq, wordsOnly: true })
      const wordsHere = sql<boolean>`${t.q} and ${t.wordsRow}`
      if (byWords.overflow) classes.push({ cls: 1, mode: 'scan', has: wordsHere, better: null })
      else classes.push(...split(byWords.rows).filter((c) => c.cls === 1))
      classes.push({ cls: 2, mode: 'scan', has: t.q, better: byWords.n === 0 ? null : wordsHere })
    }
    if (t.spelling) {
      // when nothing matched as typed, all the overflow was near spellings
      const bySpelling = byQuery.n === 0 ? all : await whole(f, t, { tsquery: t.fz }, t.q)
      if (bySpelling.overflow) {
        classes.push({ cls: 3, mode: 'scan', has: t.spelling, better: byQuery.n === 0 ? null : t.q })
      } else classes.push(...split(bySpelling.rows).filter((c) => c.cls === 3))
    }
    return classes
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
              ? sql`ts_headline('english', s.text, ${t.fz ? sql`case when ${t.q} then ${t.fq} else ${t.fz} end` : t.fq}, ${HEADLINE_OPTIONS}) as text_marks,
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
      const classes = await plan(r.filters, t)
      let offset = (r.page - 1) * r.pageSize
      // one more than the page tells whether there is a next one
      let need = r.pageSize + 1
      const picked: string[] = []
      let total = 0
      let totalExact = true
      for (const c of classes) {
        if (c.mode === 'whole') {
          const n = c.ids.length
          total += n
          if (need > 0 && offset < n) {
            const taken = c.ids.slice(offset, offset + need)
            picked.push(...taken)
            need -= taken.length
            offset = 0
          } else offset -= Math.min(offset, n)
          continue
        }
        if (need === 0) {
          totalExact = false
          continue
        }
        const rows = await scan(r.filters, c, offset, need)
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
        customers: await details(r, t, ids, perCustomer),
        total: Math.max(total, (r.page - 1) * r.pageSize + ids.length),
        totalExact,
        hasMore,
        corrections,
      }
    },

    /** Every customer of the search (up to the export limit), in the same order, for a CSV. */
    async exportRows(r: Omit<SearchRequest, 'page' | 'pageSize'>): Promise<ExportRow[]> {
      const t = terms(r, await corrected(r))
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
    async removeAudience(id: string) {
      const r = await trx
        .deleteFrom('audience')
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numDeletedRows) > 0
    },
  }
}

const marks = (marked: unknown): string[] =>
  typeof marked === 'string' ? markedWords(marked, MARK_START, MARK_STOP) : []

export type SearchStore = ReturnType<typeof searchStore>
