/**
 * Generated data shared by the secrets and recovery benches: `scale` customers (a person for every
 * fourth), `secretCount` secrets built from a few dozen phrases (concepts from the server's own
 * expander), in one workspace with an admin.
 */
import { sql } from 'kysely'
import type { Database } from '../src/db/connection.ts'
import { BUILTIN_CATEGORIES } from '../src/domain/secrets/taxonomy.ts'
import type { ServerDeps } from '../src/server/deps.ts'
import { createUserInWorkspace } from '../src/server/tasks/tasks.ts'

const time = async <T>(f: () => Promise<T>) => {
  const t0 = performance.now()
  const r = await f()
  return [performance.now() - t0, r] as const
}

export const generateSecretsWorkspace = async (
  database: Database,
  deps: ServerDeps,
  opts: { slug: string; scale: number; secretCount: number },
) => {
  const { slug, scale, secretCount } = opts
  await createUserInWorkspace(deps, {
    workspace: slug,
    email: `admin@${slug}.test`,
    password: 'correct horse battery',
    role: 'admin',
  })
  const ws = (await deps.identity.workspaceBySlug(slug))!
  const admin = (await deps.identity.userByEmail(`admin@${slug}.test`))!

  const PHRASES = [
    'only drinks red Burgundy',
    'loves Pinot Noir from Oregon',
    'collects single malt whisky',
    'sails every weekend on the Solent',
    'plays golf on Saturday mornings',
    'daughter starts university in September',
    'son plays football for the county',
    'afraid the new warehouse will not open on time',
    'dreams of walking the Camino de Santiago',
    'hopes to retire to Portugal',
    'vegetarian for ten years',
    'runs marathons, best time 3:20',
    'bakes sourdough every Sunday',
    'follows Arsenal home and away',
    'listens to jazz, Miles Davis above all',
    'reads crime novels on the train',
    'proud of the award for the new shop front',
    'margins squeezed by freight costs',
    'out of stock on best sellers every December',
    'struggles to hire weekend staff',
    'returns up because of faulty zips',
    'goes skiing in Val d’Isère each February',
    'keeps bees in the garden',
    'grows tomatoes in a greenhouse',
    'speaks fluent Italian',
    'learning to play the cello',
    'walks the dog before work',
    'coffee, black, no sugar',
    'wife is a painter with a show in May',
    'best friend from school is the local MP',
  ]
  const categoryKeys = BUILTIN_CATEGORIES.filter((c) => !c.sensitive).map((c) => c.key)
  const [genMs] = await time(async () => {
    const phraseRows = await Promise.all(
      PHRASES.map(async (p, i) => ({ i: i + 1, text: p, concepts: await deps.concepts.expand(p) })),
    )
    await sql`create table bench_phrase (i int primary key, text text, concepts text)`.execute(database.raw)
    for (const r of phraseRows) {
      await sql`insert into bench_phrase values (${r.i}, ${r.text}, ${r.concepts})`.execute(database.raw)
    }
    await sql`insert into customer (workspace_id, kind, name, external_id, country, currency, lifetime_revenue,
                trailing_12m_revenue, order_count, value_tier, segment)
              select ${ws.id}, case when g % 5 = 0 then 'person' else 'organisation' end,
                     (array['Acme','Globex','Initech','Umbrella','Hooli','Stark','Wayne','Tyrell','Cyberdyne','Soylent'])[1 + g % 10]
                       || ' ' || (array['Trading','Holdings','Retail','Partners','Supplies','Group','Foods','Garden'])[1 + (g / 10) % 8]
                       || ' ' || g,
                     'X' || g, 'United Kingdom', 'GBP', round((power(random(), 3) * 50000)::numeric, 2),
                     round((random() * 1000)::numeric, 2), (g % 40), (array['A','B','C'])[1 + g % 3],
                     (array['Retail','Wholesale','Hospitality','Online'])[1 + g % 4]
              from generate_series(1, ${scale}) g`.execute(database.raw)
    await sql`create table bench_customer_no as
              select id, row_number() over (order by id)::int as n from customer where workspace_id = ${ws.id}`.execute(
      database.raw,
    )
    await sql`create unique index on bench_customer_no(n)`.execute(database.raw)
    await sql`insert into customer_person (workspace_id, customer_id, name, title)
              select ${ws.id}, c.id, (array['Grace','Ada','Alan','Edsger','Barbara','Ken','Frances','Donald'])[1 + c.n % 8]
                     || ' ' || (array['Lee','Lovelace','Turing','Dijkstra','Liskov','Thompson','Allen','Knuth'])[1 + (c.n / 8) % 8],
                     'Buyer'
              from bench_customer_no c where c.n % 4 = 0`.execute(database.raw)
    await sql`insert into secret (workspace_id, customer_id, layer, category, text, certainty, recorded_by, recorded_by_name,
                recorded_at, last_confirmed_at, status, concepts)
              select ${ws.id}, c.id, case when g % 7 = 0 then 'need' else 'secret' end,
                     (${sql.val(categoryKeys)}::text[])[1 + g % ${categoryKeys.length}],
                     initcap(p.text) || ' (' || g || ')', 'heard', ${admin.id}, 'Bench',
                     now() - (g % 500) * interval '1 day', now() - (g % 500) * interval '1 day',
                     case when g % 11 = 0 then 'outdated' else 'active' end, p.concepts
              from generate_series(1, ${secretCount}) g
              join bench_customer_no c on c.n = 1 + (g::bigint * 7919) % ${scale}
              join bench_phrase p on p.i = 1 + g % ${PHRASES.length}`.execute(database.raw)
    await sql`analyze`.execute(database.raw)
  })
  if (database.mode === 'postgres') {
    // the bulk load's aftermath (autovacuum of a million new rows, dirty pages to write) would run
    // during the measurements and take one of the two cores: a table this size in service has long
    // been vacuumed and checkpointed
    await sql`vacuum analyze`.execute(database.raw)
    await sql`checkpoint`.execute(database.raw)
  }

  const sampleIds = (
    await sql<{
      id: string
    }>`select id from bench_customer_no where n % ${Math.max(1, Math.floor(scale / 200))} = 0 limit 200`.execute(
      database.raw,
    )
  ).rows.map((r) => r.id)

  return { ws, admin, sampleIds, genMs }
}
