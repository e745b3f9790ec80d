import { type Kysely, sql } from 'kysely'
import { WOW } from '../domain/recovery/feedback.ts'
import type { ScoreboardPort, ScoreLine } from '../domain/recovery/read-scoreboard.ts'
import type { DB } from './schema.ts'

const HOURS = (col: string) => sql.raw(`extract(epoch from (${col} - o.let_down_at)) / 3600.0`)
const nps = (col: string) =>
  sql.raw(
    `case when count(${col}) = 0 then null else round(100.0 * (count(*) filter (where ${col} >= 9) - count(*) filter (where ${col} <= 6)) / count(${col})) end`,
  )

/**
 * "Measure constantly" (seed 003): the share of recoveries that dazzled (fix and surprise both inside
 * the window), the median hours to fix and to surprise, the WOW rate (answers of "you blew me away"),
 * and loyalty (NPS) before vs after — for the whole workspace, per owner and per tier.
 */
export const scoreboard = async (trx: Kysely<DB>, workspaceId: string, from: Date, to: Date, now: Date) => {
  const run = async (group: 'all' | 'owner' | 'tier') => {
    const key =
      group === 'owner'
        ? sql`o.owner_user_id`
        : group === 'tier'
          ? sql`coalesce(c.value_tier, '—')`
          : sql`null::text`
    const label =
      group === 'owner'
        ? // no owner: imported past cases (from the CLI) and those whose owner's account was deleted
          sql`case when o.owner_user_id is null then 'No owner' else coalesce(max(u.name), 'former member') end`
        : group === 'tier'
          ? sql`coalesce(c.value_tier, 'No tier')`
          : sql`'Everyone'`
    const r = await sql<any>`
      select ${key} as key, ${label} as label,
        count(*)::int as oops,
        count(*) filter (where (o.fixed_at is not null and o.surprised_at is not null) or o.deadline_at < ${now})::int as decided,
        count(*) filter (where o.fixed_at <= o.deadline_at and o.surprised_at <= o.deadline_at)::int as dazzling,
        percentile_cont(0.5) within group (order by ${HOURS('o.fixed_at')}) filter (where o.fixed_at is not null) as median_fix,
        percentile_cont(0.5) within group (order by ${HOURS('o.surprised_at')}) filter (where o.surprised_at is not null) as median_surprise,
        count(o.wow)::int as answers,
        count(*) filter (where o.wow >= ${WOW})::int as wows,
        ${nps('o.nps_before')} as nps_before,
        ${nps('o.nps_after')} as nps_after
      from oops o
      join customer c on c.id = o.customer_id
      left join auth_user u on u.id = o.owner_user_id
      where o.workspace_id = ${workspaceId} and o.let_down_at >= ${from} and o.let_down_at <= ${to}
      group by ${key}${group === 'tier' ? sql`, c.value_tier` : sql``}
      order by 3 desc`.execute(trx)
    return r.rows.map(
      (x): ScoreLine => ({
        key: x.key,
        label: x.label,
        oops: x.oops,
        decided: x.decided,
        dazzling: x.dazzling,
        dazzlingShare: x.decided > 0 ? x.dazzling / x.decided : null,
        medianHoursToFix: x.medianFix === null ? null : Math.round(Number(x.medianFix) * 10) / 10,
        medianHoursToSurprise:
          x.medianSurprise === null ? null : Math.round(Number(x.medianSurprise) * 10) / 10,
        answers: x.answers,
        wowRate: x.answers > 0 ? x.wows / x.answers : null,
        npsBefore: x.npsBefore === null ? null : Number(x.npsBefore),
        npsAfter: x.npsAfter === null ? null : Number(x.npsAfter),
      }),
    )
  }
  const [all, byOwner, byTier] = [await run('all'), await run('owner'), await run('tier')]
  const empty: ScoreLine = {
    key: null,
    label: 'Everyone',
    oops: 0,
    decided: 0,
    dazzling: 0,
    dazzlingShare: null,
    medianHoursToFix: null,
    medianHoursToSurprise: null,
    answers: 0,
    wowRate: null,
    npsBefore: null,
    npsAfter: null,
  }
  return { overall: all[0] ?? empty, byOwner, byTier }
}

/** The scoreboard of one workspace, as a port of the recovery use-cases. */
export const scoreboardStore = (trx: Kysely<DB>, workspaceId: string): ScoreboardPort => ({
  board: (from, to, now) => scoreboard(trx, workspaceId, from, to, now),
})
