import { relationshipDepthStore } from '../db/relationship-depth.store.ts'
import { markClue } from '../domain/accountability/mark-clue.ts'
import type { ClueKind } from '../domain/accountability/relationship-depth.ts'
import type { Actor } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runInWorkspace } from './in-workspace.ts'

const DAY = 86_400_000

type Mark = [daysAgo: number, clue: ClueKind, holds: boolean, evidence: string]

/**
 * Each key account's story so far, the most valuable first: some climbing, some slipping, some never
 * looked at. The days are before today; a clue's marks come in time order, as people made them.
 */
const STORIES: Mark[][] = [
  [
    [400, 'strategic_planning', true, 'Eleanor asked us to her spring planning day to talk about the range.'],
    [210, 'office_on_premises', true, 'We have a desk in their buying office on Tuesdays.'],
    [40, 'not_a_salesperson', true, 'Introduced to their new board as “our retail partner”.'],
  ],
  [
    [320, 'no_rfp', true, 'Reordered the whole Christmas line with us without asking anyone else to quote.'],
    [260, 'strategic_planning', true, 'Joined their annual strategy offsite in Leeds.'],
    [18, 'strategic_planning', false, 'The new MD held the 2027 planning without us.'],
  ],
  [[130, 'office_on_premises', true, 'Listed on their team page as “supplier lead”.']],
  [[25, 'strategic_planning', true, 'Priya invited us to the range review for next season.']],
  [
    [520, 'strategic_planning', true, 'A standing seat at their quarterly planning.'],
    [480, 'office_on_premises', true, 'A hot desk and a badge at their warehouse.'],
    [430, 'no_rfp', true, 'Three years of repeat orders with no tender.'],
    [400, 'not_a_salesperson', true, 'Tom calls us “part of the team” in his emails.'],
    [45, 'not_a_salesperson', false, 'Their new buyer introduced us as “the sales rep from Northwind”.'],
  ],
  [
    [200, 'strategic_planning', true, 'Asked to present at their planning week.'],
    [150, 'office_on_premises', true, 'They gave us a meeting room on site every other Thursday.'],
  ],
  [],
  [
    [80, 'strategic_planning', true, 'First invitation to their yearly plan: we brought the market view.'],
    [12, 'office_on_premises', true, 'A desk in their design studio from this month.'],
  ],
]

const PLAIN: Record<ClueKind, string> = {
  strategic_planning: 'Invited to their yearly planning meeting.',
  office_on_premises: 'A desk at their office when we visit.',
  no_rfp: 'Their last three orders came to us without a tender.',
  not_a_salesperson: 'Their owner introduces us as a partner.',
}
const plain = (...marks: [number, ClueKind][]): Mark[] => marks.map(([d, c]) => [d, c, true, PLAIN[c]])
/** After the told stories, the next accounts in a repeating pattern, so each depth has accounts. */
const PATTERNS: Mark[][] = [
  plain([300, 'strategic_planning']),
  plain([350, 'strategic_planning'], [250, 'office_on_premises']),
  plain(
    [420, 'strategic_planning'],
    [330, 'office_on_premises'],
    [240, 'no_rfp'],
    [150, 'not_a_salesperson'],
  ),
  plain([380, 'strategic_planning'], [260, 'office_on_premises'], [170, 'not_a_salesperson']),
  [],
]
const storyOf = (i: number): Mark[] | undefined =>
  STORIES[i] ?? (i < 40 ? PATTERNS[(i - STORIES.length) % PATTERNS.length] : undefined)

/**
 * Relationship depth the demo can show: clue histories on the key accounts (tier A), each marked by
 * the account's owner (the leader for an account without one) at its own moment, through the same
 * use-case the page uses. Beyond the first 40, tier A is left unmarked, depth 0.
 */
export const seedDemoRelationshipDepth = async (
  deps: ServerDeps,
  workspaceId: string,
  people: { leo: Actor; owners: Actor[] },
) => {
  const now = deps.clock.now().getTime()
  await runInWorkspace(deps, null, workspaceId, async (w) => {
    const store = relationshipDepthStore(w.trx, workspaceId)
    const accounts = await store.keyAccounts()
    const ranked = await w.trx
      .selectFrom('customer')
      .select(['id'])
      .where('workspaceId', '=', workspaceId)
      .where('valueTier', '=', 'A')
      .orderBy('valueRank')
      .execute()
    for (const [i, { id }] of ranked.entries()) {
      const story = storyOf(i)
      const account = accounts.find((a) => a.customerId === id)
      if (!story || !account) continue
      const actor = people.owners.find((o) => o.userId === account.ownerUserId) ?? people.leo
      for (const [daysAgo, clue, holds, evidence] of story) {
        const at = now - daysAgo * DAY
        await markClue({ depth: store, audit: w.audit, clock: { now: () => new Date(at) } }, actor, id, {
          clue,
          holds,
          since: new Date(at).toISOString().slice(0, 10),
          evidence,
        })
      }
    }
  })
}
