import type { Clock } from '../clock.ts'
import type { AuditLog } from '../workspaces/ports.ts'
import type { ReactionKind, Story, StoryPrivacy, StoryView } from './story.ts'
import type { StoryTimeline } from './story-draft.ts'

/** A recovery as a story is written from: its timeline, whose it is, whether it is closed. */
export interface StorySource extends StoryTimeline {
  oopsId: string
  customerId: string
  status: 'open' | 'recovered' | 'closed'
  ownerUserId: string | null
}

export interface NewStory {
  oopsId: string
  authorUserId: string
  authorName: string
  title: string
  body: string
  secretNote: string | null
  privacy: StoryPrivacy
  customerLabel: string | null
  publishedAt: Date
}

/** A stored story with what the rules about it need: the recovery's owner and the names to keep out. */
export interface StoredStory extends Story {
  ownerUserId: string | null
  customerName: string
  personName: string | null
}

/** A feed row before the reader's role is applied (the secret is still there). */
export type FeedRow = Omit<StoryView, 'secretHidden'>

/** The stories of one workspace. */
export interface StoriesPort {
  /** the recovery and its timeline; undefined when it is not one of this workspace's */
  source(oopsId: string): Promise<StorySource | undefined>
  storyOfOops(oopsId: string): Promise<{ id: string } | undefined>
  story(id: string): Promise<StoredStory | undefined>
  insertStory(s: NewStory): Promise<string>
  updateStory(
    id: string,
    patch: Pick<Story, 'title' | 'body' | 'secretNote' | 'privacy' | 'customerLabel' | 'editedAt'>,
  ): Promise<void>
  removeStory(id: string): Promise<void>
  /** newest first; `before` is the `publishedAt` of the last row of the page before */
  feed(
    q: { limit: number; before?: Date | undefined; oopsId?: string | undefined },
    viewerUserId: string,
  ): Promise<FeedRow[]>
  /** one reaction of this kind per member per story: on adds it (once), off takes it away */
  setReaction(storyId: string, userId: string, kind: ReactionKind, on: boolean, at: Date): Promise<void>
  /** the weekly digest job (one per week, whoever publishes) */
  scheduleDigest(runAt: Date): Promise<void>
  /** stories published before `until` and in no digest yet, oldest first */
  undigested(until: Date): Promise<(FeedRow & { reactionCount: number })[]>
  markDigested(ids: string[], at: Date): Promise<void>
  /** every member of the workspace, to email */
  recipients(): Promise<{ name: string; email: string }[]>
}

export interface StoriesDeps {
  stories: StoriesPort
  audit: AuditLog
  clock: Clock
}
