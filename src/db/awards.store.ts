import { type Kysely, sql } from 'kysely'
import type { AddictFigures, AwardKind, Figures, HeroFigures } from '../domain/awards/award.ts'
import type { Award, AwardSecret, AwardsPort } from '../domain/awards/ports.ts'
import { WOW } from '../domain/recovery/feedback.ts'
import { isRole } from '../domain/workspaces/roles.ts'
import type { DB } from './schema.ts'
import { secretsStore } from './secrets.store.ts'
import { fromWorkspace, insertInWorkspace } from './store-kit.ts'

const FORMER = 'former member'

/** One row of a secret with its customer, as every award query reads it (erased customers left out). */
const secretRow = (r: any): AwardSecret => ({
  id: r.secretId,
  customerId: r.customerId,
  customerName: r.customerName,
  category: r.category,
  text: r.text,
  recordedBy: r.recordedBy,
  recordedByName: r.recordedByName,
})

/** Nominations, awards and the figures award candidates are computed from, of one workspace. */
export const awardsStore = (trx: Kysely<DB>, workspaceId: string, now: () => Date): AwardsPort => {
  const secrets = () =>
    trx
      .selectFrom('secret')
      .where('secret.workspaceId', '=', workspaceId)
      .innerJoin('customer as c', (j) =>
        j
          .onRef('c.id', '=', 'secret.customerId')
          .on('c.workspaceId', '=', workspaceId)
          .on('c.erasedAt', 'is', null),
      )
      .select([
        'secret.id as secretId',
        'secret.customerId',
        'c.name as customerName',
        'secret.category',
        'secret.text',
        'secret.recordedBy',
        'secret.recordedByName',
      ])

  const awardRows = () =>
    trx
      .selectFrom('award')
      .where('award.workspaceId', '=', workspaceId)
      .innerJoin('authUser as w', 'w.id', 'award.winnerUserId')
      .leftJoin('authUser as d', 'd.id', 'award.decidedBy')
      .leftJoin('secret as s', (j) =>
        j.onRef('s.id', '=', 'award.secretId').on('s.workspaceId', '=', workspaceId),
      )
      .leftJoin('customer as sc', (j) => j.onRef('sc.id', '=', 's.customerId').on('sc.erasedAt', 'is', null))
      .leftJoin('customer as mc', (j) =>
        j.onRef('mc.id', '=', 'award.customerId').on('mc.workspaceId', '=', workspaceId),
      )
      .select([
        'award.id',
        'award.kind',
        'award.period',
        'award.winnerUserId',
        'w.name as winnerName',
        'award.reason',
        'award.figures',
        'award.decidedBy',
        'd.name as decidedByName',
        'award.decidedAt',
        's.id as secretId',
        's.customerId',
        'sc.name as customerName',
        's.category',
        's.text',
        's.recordedBy',
        's.recordedByName',
        'mc.id as manualCustomerId',
        'mc.name as manualCustomerName',
      ])
      .orderBy('award.decidedAt', 'desc')
      .orderBy('award.id', 'desc')

  const toAward = (r: any): Award => ({
    id: r.id,
    kind: r.kind as AwardKind,
    period: r.period,
    winner: { userId: r.winnerUserId, name: r.winnerName },
    // a secret of an erased customer is gone with it
    secret: r.secretId && r.customerName ? secretRow(r) : null,
    customer: r.manualCustomerId
      ? { id: r.manualCustomerId, name: r.manualCustomerName }
      : r.secretId && r.customerName
        ? { id: r.customerId, name: r.customerName }
        : null,
    reason: r.reason,
    figures: (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as Figures,
    decidedBy: r.decidedBy ? { userId: r.decidedBy, name: r.decidedByName ?? FORMER } : null,
    decidedAt: new Date(r.decidedAt),
  })

  /** members of this workspace now, by id: figures are for people still here */
  const memberNames = async () =>
    new Map(
      (
        await trx
          .selectFrom('membership')
          .where('membership.workspaceId', '=', workspaceId)
          .innerJoin('authUser as u', 'u.id', 'membership.userId')
          .select(['membership.userId', 'u.name'])
          .execute()
      ).map((m) => [m.userId, m.name] as const),
    )

  return {
    async member(userId) {
      const m = await trx
        .selectFrom('membership')
        .where('membership.workspaceId', '=', workspaceId)
        .innerJoin('authUser as u', 'u.id', 'membership.userId')
        .select(['membership.userId', 'u.name', 'membership.role'])
        .where('membership.userId', '=', userId)
        .executeTakeFirst()
      return m && isRole(m.role) ? { userId: m.userId, name: m.name, role: m.role } : null
    },
    async secret(secretId) {
      const r = await secrets().where('secret.id', '=', secretId).executeTakeFirst()
      return r ? secretRow(r) : null
    },
    async customerExists(customerId) {
      const r = await fromWorkspace(trx, 'customer', workspaceId)
        .select('id')
        .where('id', '=', customerId)
        .where('erasedAt', 'is', null)
        .executeTakeFirst()
      return r !== undefined
    },
    async nominations(period) {
      const rows = await secrets()
        .innerJoin('awardNomination as n', (j) =>
          j
            .onRef('n.secretId', '=', 'secret.id')
            .on('n.workspaceId', '=', workspaceId)
            .on('n.period', '=', period),
        )
        .innerJoin('authUser as by', 'by.id', 'n.nominatedBy')
        .select([
          'n.id as nominationId',
          'n.period',
          'n.nominatedBy',
          'by.name as byName',
          'n.reason',
          'n.createdAt',
        ])
        .orderBy('n.createdAt')
        .orderBy('n.id')
        .execute()
      return rows.map((r) => ({
        id: r.nominationId,
        period: r.period,
        secret: secretRow(r),
        by: { userId: r.nominatedBy, name: r.byName },
        reason: r.reason,
        at: new Date(r.createdAt as unknown as string),
      }))
    },
    async hasNominated(period, secretId, userId) {
      const r = await fromWorkspace(trx, 'awardNomination', workspaceId)
        .select('id')
        .where('period', '=', period)
        .where('secretId', '=', secretId)
        .where('nominatedBy', '=', userId)
        .executeTakeFirst()
      return r !== undefined
    },
    addNomination: (n) =>
      insertInWorkspace(trx, 'awardNomination', workspaceId, {
        period: n.period,
        secretId: n.secretId,
        nominatedBy: n.userId,
        reason: n.reason,
        createdAt: now(),
      }),
    async award(kind, period) {
      const r = await awardRows()
        .where('award.kind', '=', kind)
        .where('award.period', '=', period)
        .executeTakeFirst()
      return r ? toAward(r) : null
    },
    addAward: (a) =>
      insertInWorkspace(trx, 'award', workspaceId, {
        kind: a.kind,
        period: a.period,
        winnerUserId: a.winnerUserId,
        secretId: a.secretId,
        customerId: a.customerId,
        reason: a.reason,
        figures: JSON.stringify(a.figures),
        decidedBy: a.decidedBy,
        decidedAt: a.decidedAt,
      }),
    async awards(filter) {
      let q = awardRows()
      if (filter.winnerUserId) q = q.where('award.winnerUserId', '=', filter.winnerUserId)
      return (await q.limit(500).execute()).map(toAward)
    },

    // the scoreboard's own definitions (scoreboard.store.ts), per owner who is a member now
    async heroFigures(from, to, at) {
      const r = await sql<HeroFigures>`
        select o.owner_user_id as user_id, u.name,
          count(*) filter (where (o.fixed_at is not null and o.surprised_at is not null) or o.deadline_at < ${at})::int as decided,
          count(*) filter (where o.fixed_at <= o.deadline_at and o.surprised_at <= o.deadline_at)::int as dazzling,
          count(o.wow)::int as answers,
          count(*) filter (where o.wow >= ${WOW})::int as wows
        from oops o
        join membership m on m.workspace_id = o.workspace_id and m.user_id = o.owner_user_id
        join auth_user u on u.id = o.owner_user_id
        where o.workspace_id = ${workspaceId} and o.let_down_at >= ${from} and o.let_down_at < ${to}
        group by o.owner_user_id, u.name`.execute(trx)
      return r.rows
    },
    async addictFigures(from, to) {
      const r = await sql<Omit<AddictFigures, 'name'>>`
        with first_owner as (
          select o.id,
            case when exists (select 1 from oops_handoff h where h.workspace_id = o.workspace_id and h.oops_id = o.id)
              then (select h.from_user_id from oops_handoff h where h.workspace_id = o.workspace_id and h.oops_id = o.id
                    order by h.at, h.id limit 1)
              else o.owner_user_id end as user_id
          from oops o
          where o.workspace_id = ${workspaceId} and o.reported_at >= ${from} and o.reported_at < ${to}
        ),
        finished as (
          -- closed, or fixed and surprised (recovered) without being closed yet, in the period
          select o.owner_user_id as user_id
          from oops o
          where o.workspace_id = ${workspaceId} and o.owner_user_id is not null
            and coalesce(o.closed_at, case when o.status = 'recovered' then greatest(o.fixed_at, o.surprised_at) end) >= ${from}
            and coalesce(o.closed_at, case when o.status = 'recovered' then greatest(o.fixed_at, o.surprised_at) end) < ${to}
        ),
        taken as (
          select h.to_user_id as user_id from oops_handoff h
          where h.workspace_id = ${workspaceId} and h.to_user_id is not null and h.at >= ${from} and h.at < ${to}
        )
        select m.user_id,
          (select count(*) from first_owner f where f.user_id = m.user_id)::int as opened_for_them,
          (select count(*) from taken t where t.user_id = m.user_id)::int as handovers_taken,
          (select count(*) from finished f where f.user_id = m.user_id)::int as finished
        from membership m
        where m.workspace_id = ${workspaceId}`.execute(trx)
      const names = await memberNames()
      return r.rows.map((x) => ({ ...x, name: names.get(x.userId) ?? FORMER }))
    },
    async manualFigures(from, to) {
      const [active, reads, used, names] = await Promise.all([
        sql<{
          customerId: string
          name: string
          kind: string
          ownerUserId: string | null
          category: string
          lastConfirmedAt: string
          recordedBy: string | null
        }>`
          select c.id as customer_id, c.name, c.kind, c.owner_user_id, s.category, s.last_confirmed_at, s.recorded_by
          from secret s
          join customer c on c.workspace_id = s.workspace_id and c.id = s.customer_id and c.erased_at is null
          where s.workspace_id = ${workspaceId} and s.status = 'active' and s.recorded_at < ${to}`.execute(
          trx,
        ),
        sql<{ customerId: string; actorUserId: string }>`
          select distinct a.target_id as customer_id, a.actor_user_id
          from audit_event a
          where a.workspace_id = ${workspaceId} and a.target_type = 'customer'
            and a.action in ('secrets.read_manual', 'secrets.read_known')
            and a.actor_user_id is not null and a.created_at >= ${from} and a.created_at < ${to}`.execute(
          trx,
        ),
        sql<{ customerId: string; used: number }>`
          select s.customer_id, count(distinct s.id)::int as used
          from oops o
          cross join lateral unnest(o.surprise_secret_ids) as cited(secret_id)
          join secret s on s.workspace_id = o.workspace_id and s.id = cited.secret_id
          where o.workspace_id = ${workspaceId} and o.surprised_at >= ${from} and o.surprised_at < ${to}
          group by s.customer_id`.execute(trx),
        memberNames(),
      ])
      const byCustomer = new Map<
        string,
        {
          name: string
          kind: string
          owner: string | null
          secrets: { category: string; lastConfirmedAt: Date }[]
          recorders: Map<string, number>
        }
      >()
      for (const s of active.rows) {
        const c = byCustomer.get(s.customerId) ?? {
          name: s.name,
          kind: s.kind,
          owner: s.ownerUserId,
          secrets: [],
          recorders: new Map<string, number>(),
        }
        c.secrets.push({ category: s.category, lastConfirmedAt: new Date(s.lastConfirmedAt) })
        if (s.recordedBy && names.has(s.recordedBy))
          c.recorders.set(s.recordedBy, (c.recorders.get(s.recordedBy) ?? 0) + 1)
        byCustomer.set(s.customerId, c)
      }
      const readers = new Map<string, Set<string>>()
      for (const r of reads.rows) {
        const set = readers.get(r.customerId) ?? new Set<string>()
        set.add(r.actorUserId)
        readers.set(r.customerId, set)
      }
      const usedBy = new Map(used.rows.map((u) => [u.customerId, u.used] as const))
      return [...byCustomer.entries()].map(([customerId, c]) => {
        // the owner keeps the manual; with no owner here, whoever recorded most of it
        const top = [...c.recorders.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0]
        const keeperId = c.owner && names.has(c.owner) ? c.owner : (top ?? null)
        const keeper = keeperId ? { userId: keeperId, name: names.get(keeperId) ?? FORMER } : null
        const readBy = readers.get(customerId) ?? new Set<string>()
        return {
          customerId,
          customerName: c.name,
          customerKind: c.kind,
          keeper,
          activeSecrets: c.secrets,
          readers: [...readBy].filter((u) => u !== keeperId).length,
          usedInRecoveries: usedBy.get(customerId) ?? 0,
        }
      })
    },
    categories: () => secretsStore(trx, workspaceId).categories(),
    async notify(n) {
      await trx
        .insertInto('notification')
        .values({
          workspaceId,
          userId: n.userId,
          kind: 'award.won',
          oopsId: null,
          title: n.title,
          body: n.body,
          createdAt: now(),
        })
        .execute()
    },
  }
}
