import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import type { Actor } from '../workspaces/roles.ts'
import {
  buildStoryDigest,
  deleteStory,
  draftStoryOf,
  editStory,
  publishStory,
  reactToStory,
  readStories,
} from './manage-stories.ts'
import { memoryStories } from './memory-stories.ts'
import type { StorySource } from './ports.ts'

const H = 3_600_000
const t0 = Date.parse('2026-11-20T09:00:00Z')
const at = (h: number) => new Date(t0 + h * H)

const closed: StorySource = {
  oopsId: 'oops-1',
  customerId: 'cust-1',
  status: 'closed',
  ownerUserId: 'sam',
  customerName: 'Harbour Wines',
  customerKind: 'organisation',
  customerPlace: 'Leeds',
  customerSince: new Date('2019-01-01T00:00:00Z'),
  customerTier: 'B',
  personName: 'Grace Lee',
  type: 'late_delivery',
  description: 'The spring stock arrived five days late.',
  letDownAt: at(0),
  reportedAt: at(1),
  windowHours: 24,
  ownerName: 'Sam Reyes',
  fixedAt: at(8),
  fixNote: 'Sent by courier the same day.',
  surprisedAt: at(16),
  surpriseTitle: 'A case of Burgundy',
  secrets: ['Grace collects Burgundy'],
  closedAt: at(20),
  npsBefore: 3,
  feedback: { wow: 5, fixed: true, npsAfter: 9, comment: 'Thank you.' },
}

const sam: Actor & { name: string } = { userId: 'sam', label: 'sam@x', role: 'service', name: 'Sam Reyes' }
const sofia: Actor & { name: string } = { userId: 'sofia', label: 'sofia@x', role: 'service', name: 'Sofia' }
const maya: Actor & { name: string } = { userId: 'maya', label: 'maya@x', role: 'leader', name: 'Maya Chen' }
const nora: Actor & { name: string } = { userId: 'nora', label: 'nora@x', role: 'marketing', name: 'Nora' }

const setup = () => {
  const m = memoryStories({
    sources: [closed, { ...closed, oopsId: 'oops-open', status: 'open' }, { ...closed, oopsId: 'oops-2' }],
    members: [
      { name: 'Sam Reyes', email: 'sam@x' },
      { name: 'Maya Chen', email: 'maya@x' },
    ],
  })
  const clock = fixedClock('2026-12-02T10:00:00Z')
  return { ...m, clock, deps: { stories: m.port, audit: m.auditLog, clock } }
}

const draftInput = async (deps: ReturnType<typeof setup>['deps'], oopsId = 'oops-1') => ({
  oopsId,
  ...(await draftStoryOf(deps, maya, oopsId, 'named')),
})

describe('recovery stories', () => {
  it('the owner or a leader drafts a closed recovery’s story; a colleague, or an open recovery, is refused', async () => {
    const { deps } = setup()
    expect((await draftStoryOf(deps, sam, 'oops-1', 'named')).title).toContain('Harbour Wines')
    expect((await draftStoryOf(deps, maya, 'oops-1', 'anonymised')).customerLabel).toBe(
      'a long-standing business customer in Leeds',
    )
    await expect(draftStoryOf(deps, sofia, 'oops-1', 'named')).rejects.toMatchObject({ code: 'forbidden' })
    await expect(draftStoryOf(deps, maya, 'oops-open', 'named')).rejects.toMatchObject({
      code: 'oops_not_closed',
    })
    await expect(draftStoryOf(deps, maya, 'nope', 'named')).rejects.toMatchObject({ code: 'oops_not_found' })
    await expect(draftStoryOf(deps, nora, 'oops-1', 'named')).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('publishes once per recovery, audits without text, and schedules the Monday digest', async () => {
    const { deps, audit, digestJobs, stories } = setup()
    const story = await publishStory(deps, maya, await draftInput(deps))
    expect(story).toMatchObject({ authorName: 'Maya Chen', customerShown: 'Harbour Wines', privacy: 'named' })
    expect(story.secretNote).toContain('Grace collects Burgundy')
    expect([...digestJobs]).toEqual(['2026-12-07T08:00:00.000Z'])
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'story.published',
        targetId: story.id,
        details: { oopsId: 'oops-1', privacy: 'named' },
      }),
    ])
    expect(JSON.stringify(audit)).not.toContain('Burgundy')
    await expect(publishStory(deps, maya, await draftInput(deps))).rejects.toMatchObject({
      code: 'story_exists',
    })
    expect(stories.size).toBe(1)
  })

  it('stores nothing for an open recovery, empty text or an anonymised story that names the customer', async () => {
    const { deps, stories, audit } = setup()
    const input = await draftInput(deps)
    await expect(publishStory(deps, maya, { ...input, oopsId: 'oops-open' })).rejects.toMatchObject({
      code: 'oops_not_closed',
    })
    await expect(publishStory(deps, maya, { ...input, body: ' \n ' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(
      publishStory(deps, maya, { ...input, privacy: 'anonymised', customerLabel: 'a customer in Leeds' }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: { field: 'title' } })
    expect(stories.size).toBe(0)
    expect(audit).toEqual([])
  })

  it('edits and deletes by the author, the owner or a leader only, audited', async () => {
    const { deps, audit, stories } = setup()
    const story = await publishStory(deps, sam, await draftInput(deps))
    await expect(editStory(deps, sofia, story.id, { title: 'Mine now' })).rejects.toMatchObject({
      code: 'forbidden',
    })
    const edited = await editStory(deps, maya, story.id, { title: 'A better title' })
    expect(edited.title).toBe('A better title')
    expect(edited.editedAt).not.toBeNull()
    // switching to anonymised checks the whole story again: the draft named the customer
    await expect(
      editStory(deps, sam, story.id, { privacy: 'anonymised', customerLabel: 'a customer' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(deleteStory(deps, sofia, story.id)).rejects.toMatchObject({ code: 'forbidden' })
    await deleteStory(deps, sam, story.id)
    expect(stories.size).toBe(0)
    expect(audit.map((e) => e.action)).toEqual(['story.published', 'story.edited', 'story.deleted'])
    await expect(deleteStory(deps, sam, story.id)).rejects.toMatchObject({ code: 'story_not_found' })
  })

  it('reads newest first with one reaction per member per kind, toggled', async () => {
    const { deps, clock } = setup()
    const first = await publishStory(deps, maya, await draftInput(deps))
    clock.advance(H)
    const second = await publishStory(deps, maya, await draftInput(deps, 'oops-2'))
    await reactToStory(deps, sam, first.id, 'applause', true)
    await reactToStory(deps, sam, first.id, 'applause', true)
    await reactToStory(deps, nora, first.id, 'applause', true)
    const afterHeart = await reactToStory(deps, nora, first.id, 'heart', true)
    expect(afterHeart.reactions).toEqual({ applause: 2, heart: 1, party: 0 })
    expect(afterHeart.mine).toEqual(['applause', 'heart'])
    const off = await reactToStory(deps, nora, first.id, 'applause', false)
    expect(off.reactions.applause).toBe(1)
    const page = await readStories(deps, sam, { limit: 1 })
    expect(page.stories.map((s) => s.id)).toEqual([second.id])
    expect(page.nextBefore).not.toBeNull()
    const next = await readStories(deps, sam, { limit: 1, before: new Date(page.nextBefore!) })
    expect(next.stories.map((s) => s.id)).toEqual([first.id])
    expect(next.stories[0]!.mine).toEqual(['applause'])
    expect(next.nextBefore).toBeNull()
    await expect(reactToStory(deps, sam, 'nope', 'heart', true)).rejects.toMatchObject({
      code: 'story_not_found',
    })
  })

  it('the digest emails every member the new stories once, with no secret text', async () => {
    const { deps, port } = setup()
    await publishStory(deps, maya, await draftInput(deps))
    const digest = await buildStoryDigest(deps, {
      until: new Date('2026-12-07T08:00:00Z'),
      workspaceName: 'Northwind',
      feedUrl: 'u',
    })
    expect(digest.emails.map((e) => e.to)).toEqual(['sam@x', 'maya@x'])
    expect(digest.emails[0]!.subject).toMatch(/^A new recovery story: How we blew Harbour Wines away/)
    expect(digest.emails[0]!.text).not.toContain('Burgundy')
    await port.markDigested(digest.storyIds, new Date('2026-12-07T08:00:00Z'))
    expect(
      (
        await buildStoryDigest(deps, {
          until: new Date('2026-12-14T08:00:00Z'),
          workspaceName: 'N',
          feedUrl: 'u',
        })
      ).emails,
    ).toEqual([])
  })
})
