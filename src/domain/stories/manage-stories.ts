import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { FeedRow, StoredStory, StoriesDeps, StorySource } from './ports.ts'
import {
  checkStoryText,
  maySpeakFor,
  type ReactionKind,
  readsSecrets,
  type StoryPrivacy,
  type StoryText,
  type StoryView,
  storyForReader,
} from './story.ts'
import { nextDigestAt, storyDigestEmail } from './story-digest.ts'
import { draftStory, type StoryDraft } from './story-draft.ts'

/**
 * Recovery stories (issue 12, part 2): drafted from a closed recovery, published by its owner or a
 * leader, changed or taken down by them, read and cheered by the whole team. Grouped in one file as
 * decision 014 allows: one port, one set of guards. Audited without text.
 */

const NOT_FOUND = 'No such OOPS! in this workspace.'

/** The closed recovery a story is told of, if the actor may tell it. */
const closedSource = async (deps: StoriesDeps, actor: Actor, oopsId: string): Promise<StorySource> => {
  const s = await deps.stories.source(oopsId)
  if (!s) throw new DomainError('oops_not_found', NOT_FOUND)
  if (s.status !== 'closed') {
    throw new DomainError(
      'oops_not_closed',
      'This recovery is still open: its story is told once it is closed, when the customer has had the final resolution.',
      { status: s.status },
    )
  }
  if (!maySpeakFor(actor, s.ownerUserId)) {
    throw new DomainError(
      'forbidden',
      'The story of a recovery is written by its owner or a leader; ask one of them to tell it.',
    )
  }
  return s
}

/** Dazzle's draft of a closed recovery's story, for its owner or a leader to edit. */
export const draftStoryOf = async (
  deps: StoriesDeps,
  actor: Actor,
  oopsId: string,
  privacy: StoryPrivacy,
): Promise<StoryDraft & { alreadyTold: string | null }> => {
  authorize(actor, 'recovery.write')
  const s = await closedSource(deps, actor, oopsId)
  const told = await deps.stories.storyOfOops(oopsId)
  return { ...draftStory(s, privacy, deps.clock.now()), alreadyTold: told?.id ?? null }
}

const toView = (row: FeedRow, actor: Actor): StoryView =>
  storyForReader(row, { readsSecrets: readsSecrets(actor) })

/** Publishes the story of a closed recovery (one per recovery); the weekly digest will carry it. */
export const publishStory = async (
  deps: StoriesDeps,
  actor: Actor & { name: string },
  input: StoryText & { oopsId: string },
): Promise<StoryView> => {
  authorize(actor, 'recovery.write')
  const s = await closedSource(deps, actor, input.oopsId)
  const text = checkStoryText(input, { name: s.customerName, personName: s.personName })
  if (await deps.stories.storyOfOops(input.oopsId)) {
    throw new DomainError(
      'story_exists',
      'The story of this recovery has been told already: change that one instead of telling it twice.',
    )
  }
  const now = deps.clock.now()
  const id = await deps.stories.insertStory({
    oopsId: input.oopsId,
    authorUserId: actor.userId,
    authorName: actor.name,
    ...text,
    publishedAt: now,
  })
  await deps.stories.scheduleDigest(nextDigestAt(now))
  await deps.audit.record(
    actedBy(actor, 'story.published', { type: 'story', id }, { oopsId: input.oopsId, privacy: text.privacy }),
  )
  const [row] = await deps.stories.feed({ limit: 1, oopsId: input.oopsId }, actor.userId)
  return toView(row!, actor)
}

/** A story the actor may change: its author, the recovery's owner, a leader or an admin. */
const ownStory = async (deps: StoriesDeps, actor: Actor, id: string): Promise<StoredStory> => {
  const story = await deps.stories.story(id)
  if (!story) throw new DomainError('story_not_found', 'No such story in this workspace.')
  if (story.authorUserId !== actor.userId && !maySpeakFor(actor, story.ownerUserId)) {
    throw new DomainError(
      'forbidden',
      'A story is changed by whoever told it, the recovery’s owner or a leader; ask one of them.',
    )
  }
  return story
}

/** Changes a published story; the privacy rules are checked again on the whole of it. */
export const editStory = async (
  deps: StoriesDeps,
  actor: Actor,
  id: string,
  patch: Partial<StoryText>,
): Promise<StoryView> => {
  authorize(actor, 'recovery.write')
  const story = await ownStory(deps, actor, id)
  const text = checkStoryText(
    {
      title: patch.title ?? story.title,
      body: patch.body ?? story.body,
      secretNote: patch.secretNote === undefined ? story.secretNote : patch.secretNote,
      privacy: patch.privacy ?? story.privacy,
      customerLabel: patch.customerLabel === undefined ? story.customerLabel : patch.customerLabel,
    },
    { name: story.customerName, personName: story.personName },
  )
  await deps.stories.updateStory(id, { ...text, editedAt: deps.clock.now() })
  await deps.audit.record(
    actedBy(
      actor,
      'story.edited',
      { type: 'story', id },
      { fields: Object.keys(patch).sort(), privacy: text.privacy },
    ),
  )
  const [row] = await deps.stories.feed({ limit: 1, oopsId: story.oopsId }, actor.userId)
  return toView(row!, actor)
}

/** Takes a story down, with its reactions. */
export const deleteStory = async (deps: StoriesDeps, actor: Actor, id: string): Promise<void> => {
  authorize(actor, 'recovery.write')
  const story = await ownStory(deps, actor, id)
  await deps.stories.removeStory(id)
  await deps.audit.record(actedBy(actor, 'story.deleted', { type: 'story', id }, { oopsId: story.oopsId }))
}

/** The feed, newest first, each story as this reader may see it. */
export const readStories = async (
  deps: StoriesDeps,
  actor: Actor,
  q: { limit: number; before?: Date | undefined },
): Promise<{ stories: StoryView[]; nextBefore: string | null }> => {
  authorize(actor, 'recovery.read')
  const rows = await deps.stories.feed({ limit: q.limit + 1, before: q.before }, actor.userId)
  const page = rows.slice(0, q.limit)
  return {
    stories: page.map((r) => toView(r, actor)),
    nextBefore: rows.length > q.limit ? page.at(-1)!.publishedAt.toISOString() : null,
  }
}

/** One reaction of a kind per member: on gives it (again is no change), off takes it back. */
export const reactToStory = async (
  deps: StoriesDeps,
  actor: Actor,
  id: string,
  kind: ReactionKind,
  on: boolean,
): Promise<StoryView> => {
  authorize(actor, 'recovery.read')
  const story = await deps.stories.story(id)
  if (!story) throw new DomainError('story_not_found', 'No such story in this workspace.')
  await deps.stories.setReaction(id, actor.userId, kind, on, deps.clock.now())
  const [row] = await deps.stories.feed({ limit: 1, oopsId: story.oopsId }, actor.userId)
  return toView(row!, actor)
}

/**
 * The weekly digest: each member gets one email listing the stories published since the last one
 * (no secret text, anonymised customers by their label); the stories are then marked as sent.
 */
export const buildStoryDigest = async (
  deps: Pick<StoriesDeps, 'stories'>,
  p: { until: Date; workspaceName: string; feedUrl: string },
): Promise<{ emails: { to: string; subject: string; text: string }[]; storyIds: string[] }> => {
  const rows = await deps.stories.undigested(p.until)
  if (rows.length === 0) return { emails: [], storyIds: [] }
  const newestFirst = [...rows].reverse()
  const stories = newestFirst.map((r) => ({
    title: r.title,
    body: r.body,
    authorName: r.authorName,
    customerShown: r.customerShown,
    reactions: r.reactionCount,
  }))
  const emails = (await deps.stories.recipients()).flatMap((m) => {
    const mail = storyDigestEmail({
      memberName: m.name,
      workspaceName: p.workspaceName,
      stories,
      feedUrl: p.feedUrl,
    })
    return mail ? [{ to: m.email, ...mail }] : []
  })
  return { emails, storyIds: rows.map((r) => r.id) }
}
