import { sql } from 'kysely'
import { accountabilityStore } from '../db/accountability.store.ts'
import { answerReportCard } from '../domain/accountability/answer-report-card.ts'
import { planComponent } from '../domain/accountability/bonus-plan.ts'
import {
  adjustStatement,
  closeBonusPeriod,
  createBonusPlan,
} from '../domain/accountability/manage-bonus-plans.ts'
import type { AccountabilityDeps, ReportCardDeps } from '../domain/accountability/ports.ts'
import { sendReportCard } from '../domain/accountability/send-report-card.ts'
import type { Actor } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runInWorkspace } from './in-workspace.ts'

const DAY = 86_400_000

/** How the demo's customers rated each behaviour, card by card (one row per card; null = can't say). */
const SOFIA_CARDS: (number | null)[][] = [
  [4, 3, 4, 3, 3, 4, 4],
  [4, 4, 5, 3, null, 4, 5],
  [5, 4, 5, 4, 3, 4, 5],
  [4, 4, 4, 4, 4, 5, 4],
  [5, 5, 5, 4, 4, 4, 5],
  [5, 4, 5, 5, 4, 5, 5],
  [5, 5, 5, 4, null, 5, 5],
]
const MAYA_CARDS: (number | null)[][] = [
  [3, 3, 4, 2, 4, 4, 3],
  [3, 4, 3, 3, 5, 4, 4],
  [4, 3, 4, 3, 5, null, 4],
  [4, 4, 4, 3, 5, 4, 4],
]
const COMMENTS = [
  'Sofia remembered that our daughter started university — nobody else ever asks.',
  'Always asks how the shop is doing before she talks about the order.',
  null,
  'Came back with an idea for our Christmas window without us asking.',
]

const quarterStart = (d: Date, back: number) => {
  const q = Math.floor(d.getUTCMonth() / 3) - back
  const y = d.getUTCFullYear() + Math.floor(q / 4)
  const m = ((q % 4) + 4) % 4
  return `${y}-${String(m * 3 + 1).padStart(2, '0')}-01`
}

/**
 * Accountability the demo can show: report cards the customers answered over the past months (and
 * two still out), last quarter's bonus plan closed with its statements frozen and one adjustment,
 * this quarter's plan accruing. Everything goes through the use-cases, each at its own moment.
 */
export const seedDemoAccountability = async (
  deps: ServerDeps,
  workspaceId: string,
  people: { leo: Actor & { name: string }; sofia: Actor & { name: string }; maya: Actor & { name: string } },
) => {
  const now = deps.clock.now().getTime()
  await runInWorkspace(deps, null, workspaceId, async (w) => {
    const at = (t: number) => ({ now: () => new Date(Math.min(t, now)) })
    const cardDeps = (t: number): ReportCardDeps => ({
      accountability: accountabilityStore(w.trx, workspaceId),
      audit: w.audit,
      clock: at(t),
      // the demo's customers are not written to: the links are for the demo to open
      mail: { send: async () => {} },
      mint: deps.mint,
      reportCardUrl: (token) => `${deps.config.baseUrl}/report-card/${token}`,
      notify: async () => {},
    })
    const plainDeps = (t: number): AccountabilityDeps => ({
      accountability: accountabilityStore(w.trx, workspaceId),
      audit: w.audit,
      clock: at(t),
    })
    // the customers each of them looks after, with a person to ask
    const owned = async (userId: string) =>
      (
        await sql<{ customerId: string; personId: string | null }>`
          select c.id as customer_id, (select p.id from customer_person p where p.customer_id = c.id order by p.created_at limit 1) as person_id
          from customer c where c.workspace_id = ${workspaceId} and c.owner_user_id = ${userId} and c.erased_at is null
          order by c.value_rank nulls last limit 12`.execute(w.trx)
      ).rows
    const behaviours = (await plainDeps(now).accountability.behaviours()).filter((b) => !b.retiredAt)
    for (const [who, rows] of [
      [people.sofia, SOFIA_CARDS],
      [people.maya, MAYA_CARDS],
    ] as const) {
      const customers = await owned(who.userId)
      for (const [i, ratings] of rows.entries()) {
        const c = customers[i % customers.length]
        if (!c) break
        // one card every three weeks or so, the last a few days ago
        const sentAt = now - (rows.length - i) * 21 * DAY
        const sent = await sendReportCard(cardDeps(sentAt), who, {
          customerId: c.customerId,
          personId: c.personId,
          sendEmail: false,
        })
        await answerReportCard(cardDeps(sentAt + 2 * DAY), sent.id, {
          ratings: Object.fromEntries(behaviours.map((b, j) => [b.id, ratings[j] ?? null])),
          comment: (who === people.sofia ? COMMENTS[i % COMMENTS.length] : null) ?? undefined,
        })
      }
      // one still out, sent two days ago
      const c = customers[rows.length % Math.max(customers.length, 1)]
      if (c) {
        await sendReportCard(cardDeps(now - 2 * DAY), who, {
          customerId: c.customerId,
          personId: c.personId,
          sendEmail: false,
        })
      }
    }

    const leo = people.leo
    const today = new Date(now)
    const members = [
      { userId: people.sofia.userId, targetBonus: 12_000, quota: null as number | null },
      { userId: people.maya.userId, targetBonus: 9_000, quota: null as number | null },
    ]
    // quotas from what each of them sold in the quarter before: a stretch of about 10 %
    const revenueOf = async (from: string, to: string) => {
      const f = await plainDeps(now).accountability.figures(
        members.map((m) => m.userId),
        new Date(`${from}T00:00:00Z`),
        new Date(`${to}T00:00:00Z`),
        today,
      )
      return members.map((m) => ({
        ...m,
        quota: Math.max(1000, Math.round((f.get(m.userId)!.revenue.total * 1.1) / 100) * 100),
      }))
    }
    const components = [
      planComponent('revenue', 50, 100_000),
      planComponent('secret_effectiveness', 25, 320),
      planComponent('report_card', 15, 4.2),
      planComponent('recovery', 10, 60),
    ]
    const last = quarterStart(today, 1)
    const current = quarterStart(today, 0)
    const closedPlan = await createBonusPlan(plainDeps(new Date(`${last}T09:00:00Z`).getTime()), leo, {
      name: 'Secret agents',
      periodKind: 'quarter',
      periodStart: last,
      currency: 'GBP',
      components,
      members: await revenueOf(quarterStart(today, 2), last),
    })
    const closeAt = new Date(`${current}T10:00:00Z`).getTime() + 3 * DAY
    await closeBonusPeriod(plainDeps(closeAt), leo, closedPlan.id)
    await adjustStatement(plainDeps(closeAt + DAY), leo, {
      planId: closedPlan.id,
      userId: people.sofia.userId,
      amount: 350,
      reason: 'Hartley & Finch’s September reorder was invoiced on 1 October',
    })
    await createBonusPlan(plainDeps(new Date(`${current}T09:00:00Z`).getTime()), leo, {
      name: 'Secret agents',
      periodKind: 'quarter',
      periodStart: current,
      currency: 'GBP',
      components,
      members: await revenueOf(last, current),
    })
  })
}
