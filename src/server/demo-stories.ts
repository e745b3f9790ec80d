import { storiesStore } from '../db/stories.store.ts'
import { draftStoryOf, publishStory, reactToStory } from '../domain/stories/manage-stories.ts'
import type { StoryPrivacy } from '../domain/stories/story.ts'
import type { Actor } from '../domain/workspaces/roles.ts'
import type { ServerDeps } from './deps.ts'
import { runInWorkspace } from './in-workspace.ts'

const DAY = 86_400_000
type Who = 'sam' | 'sofia' | 'leo' | 'maya' | 'nora'
type Person = Actor & { name: string }

/**
 * Three stories told of the demo's closed recoveries, each from Dazzle's draft through the same
 * use-cases as the API: the owner of the dazzling late delivery tells it by name, the leader tells
 * the broken promise with the customer anonymised, the owner of the billing mistake adds a line of
 * her own. Colleagues have cheered them on.
 */
const STORIES: {
  /** the start of the OOPS!'s description, as demo-recoveries.ts writes it */
  oops: string
  by: Who
  privacy: StoryPrivacy
  daysAgo: number
  addendum?: string
  reactions: [Who, 'applause' | 'heart' | 'party'][]
}[] = [
  {
    oops: 'The spring display stock',
    by: 'sam',
    privacy: 'named',
    daysAgo: 17,
    addendum:
      'What I learnt: call first, then fix — they forgave the delay the moment they heard a person own it.',
    reactions: [
      ['maya', 'applause'],
      ['leo', 'party'],
      ['sofia', 'heart'],
      ['nora', 'applause'],
    ],
  },
  {
    oops: 'Invoice charged the trade order twice',
    by: 'sofia',
    privacy: 'named',
    daysAgo: 11,
    reactions: [['sam', 'applause']],
  },
  {
    oops: 'We promised to hold the last twenty gift hampers',
    by: 'leo',
    privacy: 'anonymised',
    daysAgo: 2,
    addendum:
      'Maya drove the hampers over herself. That is how a broken promise becomes a story they tell about us.',
    reactions: [
      ['sam', 'party'],
      ['sofia', 'party'],
      ['nora', 'heart'],
    ],
  },
]

export const seedDemoStories = async (deps: ServerDeps, workspaceId: string, people: Record<Who, Person>) => {
  const now = deps.clock.now().getTime()
  for (const s of STORIES) {
    await runInWorkspace(deps, null, workspaceId, async (w) => {
      const oops = await w.trx
        .selectFrom('oops')
        .select('id')
        .where('workspaceId', '=', workspaceId)
        .where('status', '=', 'closed')
        .where('description', 'like', `${s.oops}%`)
        .executeTakeFirst()
      if (!oops) return
      const at = new Date(now - s.daysAgo * DAY)
      const d = { stories: storiesStore(w.trx, workspaceId), audit: w.audit, clock: { now: () => at } }
      const draft = await draftStoryOf(d, people[s.by], oops.id, s.privacy)
      if (draft.alreadyTold) return
      const story = await publishStory(d, people[s.by], {
        oopsId: oops.id,
        title: draft.title,
        body: s.addendum ? `${draft.body}\n\n${s.addendum}` : draft.body,
        secretNote: draft.secretNote,
        privacy: s.privacy,
        customerLabel: draft.customerLabel,
      })
      for (const [who, kind] of s.reactions) await reactToStory(d, people[who], story.id, kind, true)
    })
  }
}
