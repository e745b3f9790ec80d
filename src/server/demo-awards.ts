import { sql } from 'kysely'
import { awardsStore } from '../db/awards.store.ts'
import { periodOf } from '../domain/awards/award.ts'
import { decideAward } from '../domain/awards/decide-award.ts'
import { nominateSecret } from '../domain/awards/nominate-secret.ts'
import type { AwardsDeps } from '../domain/awards/ports.ts'
import { computeCandidates } from '../domain/awards/read-awards.ts'
import { SENSITIVE_CATEGORY_KEYS } from '../domain/secrets/taxonomy.ts'
import type { Actor } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runInWorkspace } from './in-workspace.ts'

const DAY = 86_400_000

/**
 * Awards the demo can show: last month's secret agent (nominated by two colleagues, decided by Leo on
 * the first of this month), last month's recovery hero confirmed from the computed candidates, and
 * this month's nominations open. Everything goes through the use-cases, each at its own moment.
 */
export const seedDemoAwards = async (
  deps: ServerDeps,
  workspaceId: string,
  people: { leo: Actor; nora: Actor; sam: Actor; sofia: Actor; maya: Actor },
) => {
  const now = deps.clock.now()
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
  const lastMonth = new Date(monthStart.getTime() - 15 * DAY)
  await runInWorkspace(deps, null, workspaceId, async (w) => {
    const at = (t: Date): AwardsDeps => ({
      awards: awardsStore(w.trx, workspaceId, () => t),
      audit: w.audit,
      clock: { now: () => t },
    })
    // colleagues' secrets worth a nomination: not sensitive, short enough to read at a glance
    const secrets = (
      await sql<{ id: string; recordedBy: string }>`
        select s.id, s.recorded_by from secret s
        join customer c on c.id = s.customer_id and c.erased_at is null
        where s.workspace_id = ${workspaceId} and s.status = 'active' and s.recorded_by in (${people.sofia.userId}, ${people.maya.userId})
          and s.category not in (${sql.join(SENSITIVE_CATEGORY_KEYS)}) and length(s.text) between 20 and 120
        order by c.value_rank nulls last, s.recorded_at desc
        limit 4`.execute(w.trx)
    ).rows
    const [past, pastOther, open1, open2] = secrets
    if (past && pastOther) {
      const t1 = new Date(lastMonth.getTime() - 5 * DAY)
      await nominateSecret(at(t1), people.nora, {
        secretId: past.id,
        reason: 'Now every one of us knows what to bring to the next meeting.',
      })
      await nominateSecret(at(new Date(t1.getTime() + 2 * DAY)), people.sam, {
        secretId: past.id,
        reason: 'This is the kind of thing that turns a screw-up into a WOW.',
      })
      await nominateSecret(at(new Date(t1.getTime() + 3 * DAY)), people.nora, {
        secretId: pastOther.id,
        reason: 'A detail nobody else would have thought to ask about.',
      })
      await decideAward(at(new Date(monthStart.getTime() + 2 * 3600_000)), people.leo, {
        kind: 'secret_agent',
        period: periodOf('secret_agent', lastMonth),
        secretId: past.id,
        reason: 'Two colleagues nominated it: the coolest secret of the month, and it is already being used.',
      })
    }
    // the recovery hero of last month (or of this one, early in a month with few recoveries)
    for (const month of [lastMonth, now]) {
      const period = periodOf('recovery_hero', month)
      const { candidates } = await computeCandidates(at(now), 'recovery_hero', period)
      const hero = candidates[0]
      if (!hero) continue
      await decideAward(at(month === now ? now : new Date(monthStart.getTime() + 3 * 3600_000)), people.leo, {
        kind: 'recovery_hero',
        period,
        userId: hero.winner.userId,
      })
      break
    }
    // nominations open this month
    for (const [s, who, reason] of [
      [open1, people.nora, 'Perfect for the spring campaign — and nobody would have guessed it.'],
      [open2, people.sam, 'Exactly what a surprise after an OOPS! should be built on.'],
    ] as const) {
      if (s && s.recordedBy !== who.userId) await nominateSecret(at(now), who, { secretId: s.id, reason })
    }
  })
}
