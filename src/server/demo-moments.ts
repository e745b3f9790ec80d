import { sql } from 'kysely'
import { auditLog } from '../db/audit.store.ts'
import { actOnMoment, findMoments } from '../domain/moments/manage-moments.ts'
import { dayWords } from '../domain/moments/moment.ts'
import type { Actor } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runInWorkspace } from './in-workspace.ts'
import { momentsDeps } from './routes/moments.context.ts'

const DAY = 86_400_000
const ymd = (d: Date) => d.toISOString().slice(0, 10)

/**
 * WOW moments the demo can show (issue 13, part 5): the family of the best customers gets
 * birthdays — the top account's daughter in twelve days, so its owner has one coming with an act
 * drawn from a secret — the top account's key person told us of a race three weeks from now, and
 * then the same search as the daily job finds every moment of tier A (anniversaries with us,
 * returns after a long absence, milestones in the real purchase history). One moment of the second
 * account is already done, with a note.
 */
export const seedDemoMoments = async (deps: ServerDeps, workspaceId: string, people: { maya: Actor }) => {
  const now = deps.clock.now()
  await runInWorkspace(deps, null, workspaceId, async ({ trx }) => {
    const keyPeople = await trx
      .selectFrom('customer as c')
      .innerJoin('customerPerson as p', 'p.customerId', 'c.id')
      .select(['c.id as customerId', 'p.id as personId', 'p.name', 'c.ownerUserId'])
      .where('c.workspaceId', '=', workspaceId)
      .where('c.valueTier', '=', 'A')
      .orderBy('c.valueRank')
      .execute()
    // days from now of each key person's family's birthdays: child first, then spouse
    const soon = [12, 30, 60, 9, 41]
    for (const [i, p] of keyPeople.entries()) {
      const rel = await trx
        .selectFrom('customerRelation')
        .select(['id', 'kind'])
        .where('workspaceId', '=', workspaceId)
        .where('personId', '=', p.personId)
        .orderBy('kind')
        .execute()
      for (const [j, r] of rel.entries()) {
        const on = new Date(now.getTime() + (j === 0 ? (soon[i] ?? 90) : 150 + 17 * j + i) * DAY)
        const born = r.kind === 'child' ? 2012 + ((i + j) % 8) : 1975 + ((i * 3 + j) % 12)
        await trx
          .updateTable('customerRelation')
          .set({ birthday: `${born}-${ymd(on).slice(5)}` })
          .where('id', '=', r.id)
          .execute()
      }
    }
    const top = keyPeople[0]
    if (top) {
      const race = dayWords(new Date(now.getTime() + 20 * DAY))
      const texts = [
        `${top.name.split(' ')[0]} is running the Harbour City half marathon on ${race}, her first.`,
        `Their daughter Poppy is mad about dark chocolate — ${top.name.split(' ')[0]} hides it from her.`,
      ]
      for (const text of texts) {
        await trx
          .insertInto('secret')
          .values({
            workspaceId,
            customerId: top.customerId,
            personId: top.personId,
            category: text.includes('marathon') ? 'recreation_preference' : 'family_priority',
            text,
            layer: 'secret',
            certainty: 'heard',
            concepts: await deps.concepts.expand(text),
            recordedBy: top.ownerUserId,
            recordedAt: new Date(now.getTime() - 9 * DAY),
            lastConfirmedAt: new Date(now.getTime() - 9 * DAY),
          })
          .execute()
      }
    }
    const audit = auditLog(trx, workspaceId, {})
    const m = momentsDeps(trx, workspaceId, { clock: deps.clock, audit, concepts: deps.concepts })
    await findMoments(m, null)
    // the second account's owner already acted on one of its moments
    const second = keyPeople[1]
    if (second) {
      const done = await sql<{ id: string }>`select id from moment
        where workspace_id = ${workspaceId} and customer_id = ${second.customerId} and status = 'open'
        order by due_at limit 1`.execute(trx)
      if (done.rows[0]) {
        await actOnMoment(
          m,
          people.maya,
          done.rows[0].id,
          'Called to say thank you and sent a card signed by the team.',
        )
      }
    }
  })
}
