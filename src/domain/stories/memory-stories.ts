import type { AuditEventInput } from '../audit/audit-event.ts'
import type { FeedRow, NewStory, StoriesPort, StorySource } from './ports.ts'
import { REACTION_KINDS, type ReactionKind, type Story } from './story.ts'

/** A working in-memory StoriesPort for unit tests: recoveries by id, stories, reactions, digest jobs. */
export const memoryStories = (
  opts: { sources?: StorySource[]; members?: { name: string; email: string }[] } = {},
) => {
  const sources = new Map((opts.sources ?? []).map((s) => [s.oopsId, s]))
  const stories = new Map<string, Story & { digestedAt: Date | null }>()
  const reactions = new Set<string>()
  const digestJobs = new Set<string>()
  const audit: AuditEventInput[] = []
  let n = 0

  const row = (s: Story, viewer: string): FeedRow => {
    const src = sources.get(s.oopsId)!
    const count = (k: ReactionKind) =>
      [...reactions].filter((r) => r.startsWith(`${s.id}|`) && r.endsWith(`|${k}`)).length
    const named = s.privacy === 'named'
    return {
      ...s,
      customerShown: named ? src.customerName : (s.customerLabel ?? ''),
      customerName: named ? src.customerName : null,
      customerId: named ? src.customerId : null,
      outcome: null,
      reactions: Object.fromEntries(REACTION_KINDS.map((k) => [k, count(k)])) as Record<ReactionKind, number>,
      mine: REACTION_KINDS.filter((k) => reactions.has(`${s.id}|${viewer}|${k}`)),
    }
  }
  const port: StoriesPort = {
    async source(oopsId) {
      return sources.get(oopsId)
    },
    async storyOfOops(oopsId) {
      const s = [...stories.values()].find((x) => x.oopsId === oopsId)
      return s && { id: s.id }
    },
    async story(id) {
      const s = stories.get(id)
      if (!s) return undefined
      const src = sources.get(s.oopsId)!
      return {
        ...s,
        ownerUserId: src.ownerUserId,
        customerName: src.customerName,
        personName: src.personName,
      }
    },
    async insertStory(s: NewStory) {
      const id = `story-${++n}`
      stories.set(id, { id, ...s, editedAt: null, digestedAt: null })
      return id
    },
    async updateStory(id, patch) {
      Object.assign(stories.get(id)!, patch)
    },
    async removeStory(id) {
      stories.delete(id)
      for (const r of [...reactions]) if (r.startsWith(`${id}|`)) reactions.delete(r)
    },
    async feed(q, viewer) {
      return [...stories.values()]
        .filter((s) => (q.oopsId ? s.oopsId === q.oopsId : true))
        .filter((s) => (q.before ? s.publishedAt < q.before : true))
        .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
        .slice(0, q.limit)
        .map((s) => row(s, viewer))
    },
    async setReaction(storyId, userId, kind, on) {
      const key = `${storyId}|${userId}|${kind}`
      if (on) reactions.add(key)
      else reactions.delete(key)
    },
    async scheduleDigest(runAt) {
      digestJobs.add(runAt.toISOString())
    },
    async undigested(until) {
      return [...stories.values()]
        .filter((s) => !s.digestedAt && s.publishedAt < until)
        .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime())
        .map((s) => {
          const r = row(s, '')
          return { ...r, reactionCount: Object.values(r.reactions).reduce((a, b) => a + b, 0) }
        })
    },
    async markDigested(ids, at) {
      for (const id of ids) stories.get(id)!.digestedAt = at
    },
    async recipients() {
      return opts.members ?? []
    },
  }
  return {
    port,
    audit,
    auditLog: { record: async (e: AuditEventInput) => void audit.push(e) },
    digestJobs,
    stories,
    sources,
  }
}
