import { openDatabase } from './src/db/connection.ts'
import { migrateToLatest } from './src/db/migrate.ts'
import { createDeps } from './src/server/app.ts'
import { loadConfig } from './src/server/config.ts'
import { ensureDemoWorkspace } from './src/server/demo.ts'
const database = await openDatabase({})
await migrateToLatest(database.raw)
const deps = await createDeps({ config: loadConfig({}), database }, () => {})
const t = performance.now()
await ensureDemoWorkspace(deps)
console.log('demo total', Math.round(performance.now() - t), 'ms')
const q = (s: string) => database.raw.query(s).then((r: any) => r.rows)
console.log(await q(`select status, count(*)::int n, count(distinct customer_id)::int customers, count(*) filter (where recorded_at < now() - interval '180 days')::int stale, count(*) filter (where engagement_id is not null)::int linked, count(*) filter (where person_id is null)::int org from secret group by status`))
console.log(await q(`select c.value_tier, count(s.*)::int from secret s join customer c on c.id = s.customer_id group by 1 order by 1`))
console.log(await q(`select recorded_by_name, count(*)::int from secret group by 1`))
console.log(await q(`select category, count(*)::int from secret group by 1 order by 2 desc`))
console.log(await q(`select count(*)::int people, count(distinct name)::int names from customer_person`))
console.log(await q(`select count(*)::int from engagement`))
await database.close()
