import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import {
  deleteStory,
  draftStoryOf,
  editStory,
  publishStory,
  reactToStory,
  readStories,
} from '../../domain/stories/manage-stories.ts'
import type { StoryView } from '../../domain/stories/story.ts'
import { errorResponses, idParam, okSchema } from '../../schemas/common.schemas.ts'
import {
  reactionParams,
  storyDraftQuerySchema,
  storyDraftSchema,
  storyInputSchema,
  storyListQuerySchema,
  storyListSchema,
  storyPatchSchema,
  storySchema,
} from '../../schemas/stories.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'

const tags = ['stories']

const storiesDeps = (w: WorkspaceContext) => ({
  stories: w.stores.stories,
  audit: w.audit,
  clock: w.clock,
})

/** A story as the API gives it: the customer only as its privacy allows, the secret only to who may read it. */
export const presentStory = (s: StoryView): z.infer<typeof storySchema> => ({
  id: s.id,
  oopsId: s.oopsId,
  title: s.title,
  body: s.body,
  secretNote: s.secretNote,
  secretHidden: s.secretHidden,
  privacy: s.privacy,
  customer: { shown: s.customerShown, id: s.customerId },
  outcome: s.outcome,
  author: { id: s.authorUserId, name: s.authorName },
  publishedAt: s.publishedAt,
  editedAt: s.editedAt,
  reactions: s.reactions,
  mine: s.mine,
})

/** Recovery stories (issue 12, part 2): drafted from a closed OOPS!, published, read and cheered. */
export const storyRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/oops/:id/story-draft',
      {
        schema: {
          tags,
          summary:
            'Dazzle’s draft of a closed recovery’s story, from its timeline, for its owner or a leader to edit',
          params: idParam,
          querystring: storyDraftQuerySchema,
          response: { 200: storyDraftSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.write', (w) =>
          draftStoryOf(storiesDeps(w), w.actor, request.params.id, request.query.privacy),
        ),
    )

    app.post(
      '/api/stories',
      {
        schema: {
          tags,
          summary:
            'Publish the story of a closed recovery (its owner, a leader or an admin; one per recovery)',
          body: storyInputSchema,
          response: { 201: storySchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const b = request.body
        const story = await inWorkspace(request, 'recovery.write', (w) =>
          publishStory(
            storiesDeps(w),
            { ...w.actor, name: w.member.user.name || w.member.user.email },
            { ...b, secretNote: b.secretNote ?? null, customerLabel: b.customerLabel ?? null },
          ),
        )
        return reply.status(201).send(presentStory(story))
      },
    )

    app.get(
      '/api/stories',
      {
        schema: {
          tags,
          summary:
            'The story feed, newest first, with reactions; the secret behind a surprise only for roles that may read secrets',
          querystring: storyListQuerySchema,
          response: { 200: storyListSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { limit, before } = request.query
        const page = await inWorkspace(request, 'recovery.read', (w) =>
          readStories(storiesDeps(w), w.actor, { limit, before: before ? new Date(before) : undefined }),
        )
        return { stories: page.stories.map(presentStory), nextBefore: page.nextBefore }
      },
    )

    app.patch(
      '/api/stories/:id',
      {
        schema: {
          tags,
          summary: 'Change a story (who told it, the recovery’s owner, a leader or an admin)',
          params: idParam,
          body: storyPatchSchema,
          response: { 200: storySchema, ...errorResponses },
        },
      },
      async (request) =>
        presentStory(
          await inWorkspace(request, 'recovery.write', (w) =>
            editStory(storiesDeps(w), w.actor, request.params.id, request.body),
          ),
        ),
    )

    app.delete(
      '/api/stories/:id',
      {
        schema: {
          tags,
          summary: 'Take a story down, with its reactions',
          params: idParam,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.write', async (w) => {
          await deleteStory(storiesDeps(w), w.actor, request.params.id)
          return { ok: true as const }
        }),
    )

    for (const [method, on] of [
      ['put', true],
      ['delete', false],
    ] as const) {
      app[method](
        '/api/stories/:id/reactions/:kind',
        {
          schema: {
            tags,
            summary: on
              ? 'React to a story (one of each kind per member; again changes nothing)'
              : 'Take your reaction of this kind back',
            params: reactionParams,
            response: { 200: storySchema, ...errorResponses },
          },
        },
        async (request) =>
          presentStory(
            await inWorkspace(request, 'recovery.read', (w) =>
              reactToStory(storiesDeps(w), w.actor, request.params.id, request.params.kind, on),
            ),
          ),
      )
    }
  }
