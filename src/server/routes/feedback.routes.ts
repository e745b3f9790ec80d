import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { inboxStore } from '../../db/inbox.store.ts'
import { feedbackStore } from '../../db/recovery.store.ts'
import { DomainError } from '../../domain/errors.ts'
import { answerFeedback, type FeedbackDeps, feedbackQuestion } from '../../domain/recovery/answer-feedback.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'

const tags = ['feedback']
const tokenParams = z.object({ token: z.string().min(10).max(200) }).strict()

export const feedbackPreviewSchema = z.object({
  companyName: z.string(),
  customerName: z.string(),
  what: z.string(),
  scale: z.array(z.object({ value: z.number().int(), label: z.string() })),
})
export const feedbackAnswerSchema = z
  .object({
    wow: z.number().int().min(1).max(5),
    fixed: z.boolean(),
    nps: z.number().int().min(0).max(10),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict()

/** The customer's side: no sign-in, one answer, an expiring link; answers attach to the OOPS! and its owner. */
export const feedbackRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** the link's OOPS! and, in its workspace's transaction, the ports of the feedback use-cases */
    const viaLink = async <T>(
      request: FastifyRequest,
      token: string,
      fn: (d: FeedbackDeps, oopsId: string) => Promise<T>,
    ) => {
      const found = await deps.identity.oopsByFeedbackHash(deps.mint.hash(token))
      if (!found) {
        throw new DomainError(
          'feedback_link_invalid',
          'This link is not valid. Please use the link exactly as it was sent to you.',
        )
      }
      const { id, workspaceId } = found
      return runInWorkspace(deps, request, workspaceId, ({ trx, audit }) =>
        fn(
          {
            feedback: feedbackStore(trx, workspaceId),
            people: inboxStore(trx, workspaceId, deps.clock.now),
            audit,
            clock: deps.clock,
          },
          id,
        ),
      )
    }

    app.get(
      '/api/feedback/:token',
      {
        schema: {
          tags,
          summary: 'What a "did we blow you away?" link asks (no sign-in)',
          params: tokenParams,
          response: { 200: feedbackPreviewSchema, 410: errorResponses[404], ...errorResponses },
        },
      },
      (request) => viaLink(request, request.params.token, feedbackQuestion),
    )

    app.post(
      '/api/feedback/:token',
      {
        schema: {
          tags,
          summary:
            'The customer answers: WOW scale, was it fixed, how likely to recommend us (no sign-in, once)',
          params: tokenParams,
          body: feedbackAnswerSchema,
          response: { 200: okSchema, 410: errorResponses[404], ...errorResponses },
        },
      },
      async (request) => {
        await viaLink(request, request.params.token, (d, oopsId) => answerFeedback(d, oopsId, request.body))
        return { ok: true as const }
      },
    )
  }
