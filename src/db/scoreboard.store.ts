import { type Kysely, sql } from 'kysely'
import { WOW } from '../domain/recovery/feedback.ts'
import {
  emptyScoreLine,
  type ScoreboardPort,
  type ScoreLine,
  type ScoreWeek,
  type TierACoverage,
} from '../domain/recovery/read-scoreboard.ts'
import { STALE_AFTER_DAYS } from '../domain/secrets/coverage.ts'
import type { DB } from './schema.ts'

const HOURS = (col: string) => sql.raw(`extract(epoch from (${col} - o.let_down_at)) / 3600.0`)
const nps = (col: string) =>
  sql.raw(
    `case when count(${col}) = 0 then null else round(100.0 * (count(*) filter (where ${col} >= 9) - count(*) filter (where ${col} <= 6)) / count(${col})) end`,
  )

/** Only these owners' recoveries (or customers), when given: a leader's team (performance plans). */
const ownedBy = (col: string, owners: readonly string[] | undefined) =>
  owners === undefined
    ? sql``
    : owners.length === 0
      ? sql` and false`
      : sql` and ${sql.raw(col)} in (${sql.join(owners)})`

/**
 * "Measure constantly" (seed 003): the share of recoveries that dazzled (fix and surprise both inside
 * the window), the median hours to fix and to surprise, the WOW rate (answers of "you blew me away"),
 * and loyalty (NPS) before vs after — for the whole workspace, per owner and per tier; or for the
 * recoveries of some owners only (`owners`: a leader's team).
 */
export const scoreboard = async (
  trx: Kysely<DB>,
  workspaceId: string,
  from: Date,
  to: Date,
  now: Date,
  owners?: readonly string[],
) => {
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
        ${nps('o.nps_after')} as nps_after,
        coalesce(sum(h.n), 0)::int as hand_overs,
        count(h.n)::int as handed_over
      from oops o
      join customer c on c.id = o.customer_id
      left join auth_user u on u.id = o.owner_user_id
      left join (
        select oops_id, count(*)::int as n from oops_handoff where workspace_id = ${workspaceId} group by oops_id
      ) h on h.oops_id = o.id
      where o.workspace_id = ${workspaceId} and o.let_down_at >= ${from} and o.let_down_at <= ${to}${ownedBy('o.owner_user_id', owners)}
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
        handOvers: x.handOvers,
        handedOver: x.handedOver,
      }),
    )
  }
  const weeks = async (): Promise<ScoreWeek[]> => {
    const r = await sql<any>`
      select date_trunc('week', o.let_down_at at time zone 'UTC') as week_start,
        count(*)::int as oops,
        count(*) filter (where (o.fixed_at is not null and o.surprised_at is not null) or o.deadline_at < ${now})::int as decided,
        count(*) filter (where o.fixed_at <= o.deadline_at and o.surprised_at <= o.deadline_at)::int as dazzling,
        count(o.wow)::int as answers,
        count(*) filter (where o.wow >= ${WOW})::int as wows,
        percentile_cont(0.5) within group (order by ${HOURS('o.fixed_at')}) filter (where o.fixed_at is not null) as median_fix
      from oops o
      where o.workspace_id = ${workspaceId} and o.let_down_at >= ${from} and o.let_down_at <= ${to}
      group by 1 order by 1`.execute(trx)
    return r.rows.map((x) => ({
      // date_trunc of a timestamp without zone: the UTC wall clock of Monday 00:00
      weekStart: new Date(
        `${String(x.weekStart instanceof Date ? x.weekStart.toISOString() : x.weekStart).slice(0, 10)}T00:00:00Z`,
      ),
      oops: x.oops,
      decided: x.decided,
      dazzling: x.dazzling,
      answers: x.answers,
      wows: x.wows,
      medianHoursToFix: x.medianFix === null ? null : Math.round(Number(x.medianFix) * 10) / 10,
    }))
  }
  const tierA = async (): Promise<TierACoverage> => {
    const fresh = new Date(now.getTime() - STALE_AFTER_DAYS * 86_400_000)
    const r = await sql<any>`
      select count(*)::int as customers,
        count(*) filter (where exists (
          select 1 from secret s where s.workspace_id = c.workspace_id and s.customer_id = c.id and s.status = 'active'
        ))::int as with_secrets,
        count(*) filter (where exists (
          select 1 from secret s where s.workspace_id = c.workspace_id and s.customer_id = c.id and s.status = 'active'
            and s.last_confirmed_at >= ${fresh}
        ))::int as with_fresh_secrets
      from customer c
      where c.workspace_id = ${workspaceId} and c.value_tier = 'A' and c.erased_at is null${ownedBy('c.owner_user_id', owners)}`.execute(
      trx,
    )
    const x = r.rows[0]
    return { customers: x.customers, withSecrets: x.withSecrets, withFreshSecrets: x.withFreshSecrets }
  }
  // a team's board is its overall line and tier A coverage: the rest is the workspace's posting
  const team = owners !== undefined
  const all = await run('all')
  const [byOwner, byTier] = team ? [[], []] : [await run('owner'), await run('tier')]
  const [trend, coverage] = [team ? [] : await weeks(), await tierA()]
  return { overall: all[0] ?? emptyScoreLine(), byOwner, byTier, weeks: trend, tierA: coverage }
}

/** The scoreboard of one workspace, as a port of the recovery use-cases. */
export const scoreboardStore = (trx: Kysely<DB>, workspaceId: string): ScoreboardPort => ({
  board: (from, to, now) => scoreboard(trx, workspaceId, from, to, now),
})
