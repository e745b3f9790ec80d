import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { DB } from '../../db/schema.ts'
import { DomainError } from '../../domain/errors.ts'
import { checkFeedbackLink, FEEDBACK_TTL_DAYS, WOW, WOW_SCALE } from '../../domain/recovery/feedback.ts'
import { OOPS_TYPE_LABELS, type OopsType } from '../../domain/recovery/oops.ts'
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

/**
 * Gives the closed OOPS! its one-time "did we blow you away?" link (only the hash is kept) and
 * returns the link, to be emailed or handed to the customer.
 */
export const issueFeedbackLink = async (
  deps: ServerDeps,
  trx: Kysely<DB>,
  workspaceId: string,
  oopsId: string,
) => {
  const { token, hash } = deps.mint.newToken('wow')
  const expiresAt = new Date(deps.clock.now().getTime() + FEEDBACK_TTL_DAYS * 86_400_000)
  await trx
    .updateTable('oops')
    .set({ feedbackTokenHash: hash, feedbackExpiresAt: expiresAt })
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', oopsId)
    .execute()
  return `${deps.config.baseUrl}/feedback/${token}`
}

/** The customer's side: no sign-in, one answer, an expiring link; answers attach to the OOPS! and its owner. */
export const feedbackRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const resolve = async (token: string) => {
      const found = await deps.identity.oopsByFeedbackHash(deps.mint.hash(token))
      if (!found) {
        throw new DomainError(
          'feedback_link_invalid',
          'This link is not valid. Please use the link exactly as it was sent to you.',
        )
      }
      return found
    }
    const load = (trx: Kysely<DB>, workspaceId: string, id: string) =>
      trx
        .selectFrom('oops as o')
        .innerJoin('customer as c', 'c.id', 'o.customerId')
        .innerJoin('workspace as w', 'w.id', 'o.workspaceId')
        .leftJoin('customerPerson as p', 'p.id', 'o.personId')
        .select([
          'o.id',
          'o.type',
          'o.ownerUserId',
          'o.feedbackExpiresAt',
          'o.feedbackUsedAt',
          'c.name as customerName',
          'p.name as personName',
          'w.name as companyName',
        ])
        .where('o.workspaceId', '=', workspaceId)
        .where('o.id', '=', id)
        .executeTakeFirstOrThrow()

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
      async (request) => {
        const { id, workspaceId } = await resolve(request.params.token)
        return runInWorkspace(deps, request, workspaceId, async ({ trx }) => {
          const o = await load(trx, workspaceId, id)
          checkFeedbackLink(
            {
              expiresAt: o.feedbackExpiresAt ? new Date(o.feedbackExpiresAt) : null,
              usedAt: o.feedbackUsedAt ? new Date(o.feedbackUsedAt) : null,
            },
            deps.clock.now(),
          )
          return {
            companyName: o.companyName,
            customerName: o.personName ?? o.customerName,
            what: OOPS_TYPE_LABELS[o.type as OopsType] ?? 'What went wrong',
            scale: WOW_SCALE.map((s) => ({ ...s })),
          }
        })
      },
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
        const { id, workspaceId } = await resolve(request.params.token)
        return runInWorkspace(deps, request, workspaceId, async ({ trx, audit }) => {
          const o = await load(trx, workspaceId, id)
          const now = deps.clock.now()
          checkFeedbackLink(
            {
              expiresAt: o.feedbackExpiresAt ? new Date(o.feedbackExpiresAt) : null,
              usedAt: o.feedbackUsedAt ? new Date(o.feedbackUsedAt) : null,
            },
            now,
          )
          const b = request.body
          // the "used" mark and the answer in one guarded update: a double submit records once
          const r = await trx
            .updateTable('oops')
            .set({
              feedbackUsedAt: now,
              wow: b.wow,
              feedbackFixed: b.fixed,
              npsAfter: b.nps,
              feedbackComment: b.comment ?? null,
            })
            .where('workspaceId', '=', workspaceId)
            .where('id', '=', id)
            .where('feedbackUsedAt', 'is', null)
            .executeTakeFirst()
          if (Number(r.numUpdatedRows) === 0) {
            throw new DomainError(
              'feedback_already_given',
              'Thank you — we already have your answer to this one.',
            )
          }
          if (o.ownerUserId) {
            await trx
              .insertInto('notification')
              .values({
                workspaceId,
                userId: o.ownerUserId,
                kind: 'oops.feedback',
                oopsId: id,
                title:
                  b.wow >= WOW
                    ? `${o.customerName}: “You blew me away!”`
                    : `${o.customerName} answered: ${WOW_SCALE[b.wow - 1]!.label}`,
                body: b.fixed ? 'They say it was fixed.' : 'They say it was NOT fixed.',
              })
              .execute()
          }
          await audit.record({
            actorUserId: null,
            actorLabel: 'customer (feedback link)',
            action: 'oops.feedback_received',
            targetType: 'oops',
            targetId: id,
            details: { wow: b.wow, fixed: b.fixed, nps: b.nps },
          })
          return { ok: true as const }
        })
      },
    )
  }
