import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { changeSecret, removeSecret } from '../../domain/secrets/change-secret.ts'
import { readSecretsOf } from '../../domain/secrets/read-secrets-of.ts'
import { recordSecret } from '../../domain/secrets/record-secret.ts'
import type { Secret } from '../../domain/secrets/secret.ts'
import { suggestCategoryWithConfidence } from '../../domain/secrets/taxonomy.ts'
import { nextQuestionsFor, whatWeKnow } from '../../domain/secrets/what-we-know.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import {
  knownSchema,
  nextQuestionsQuerySchema,
  nextQuestionsSchema,
  secretInputSchema,
  secretListQuerySchema,
  secretListSchema,
  secretPatchSchema,
  secretSchema,
  suggestQuerySchema,
  suggestSchema,
} from '../../schemas/secrets.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { requestContext } from '../principal.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'
import { engagementRoutes } from './engagements.routes.ts'
import { secretBankRoutes } from './secret-bank.routes.ts'
import { presentKnown, presentSecret } from './secrets.presenters.ts'
import { secretsSettingsRoutes } from './secrets-settings.routes.ts'

const tags = ['secrets']
export const idParams = z.object({ id: z.string().min(1).max(100) }).strict()

/** The ports of the secrets use-cases, from a workspace route's context. */
export const secretsDeps = (w: WorkspaceContext) => ({
  secrets: w.stores.secrets,
  audit: w.audit,
  clock: w.clock,
  concepts: w.concepts,
})

/** The secrets layer: what was heard about a customer, "what do we know", and what to ask next. */
export const secretRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    await app.register(secretBankRoutes(deps))
    await app.register(secretsSettingsRoutes(deps))
    await app.register(engagementRoutes(deps))

    const presented = async (w: WorkspaceContext, s: Secret) =>
      presentSecret(s, await w.stores.secrets.categories())

    app.get(
      '/api/customers/:id/secrets',
      {
        schema: {
          tags,
          summary: "A customer's secrets (active by default; outdated ones are the history)",
          params: idParams,
          querystring: secretListQuerySchema,
          response: { 200: secretListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.read', async (w) => {
          const [secrets, categories] = await Promise.all([
            readSecretsOf(secretsDeps(w), w.actor, request.params.id, request.query.status),
            w.stores.secrets.categories(),
          ])
          return { secrets: secrets.map((s) => presentSecret(s, categories)) }
        }),
    )

    app.post(
      '/api/customers/:id/secrets',
      {
        schema: {
          tags,
          summary: 'Record a secret heard from the customer or one of their people',
          params: idParams,
          body: secretInputSchema,
          response: { 201: secretSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const saved = await inWorkspace(request, 'secrets.write', async (w) => {
          const id = await recordSecret(
            secretsDeps(w),
            { ...w.actor, name: w.member.user.name || w.member.user.email },
            { ...request.body, customerId: request.params.id },
          )
          return presented(w, (await w.stores.secrets.get(id)) as Secret)
        })
        return reply.status(201).send(saved)
      },
    )

    app.patch(
      '/api/secrets/:id',
      {
        schema: {
          tags,
          summary: 'Change, confirm or mark outdated a secret (whoever recorded it, or an admin)',
          params: idParams,
          body: secretPatchSchema,
          response: { 200: secretSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.write', async (w) =>
          presented(w, await changeSecret(secretsDeps(w), w.actor, request.params.id, request.body)),
        ),
    )

    app.delete(
      '/api/secrets/:id',
      {
        schema: {
          tags,
          summary: 'Delete a secret (whoever recorded it, or an admin)',
          params: idParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.write', async (w) => {
          await removeSecret(secretsDeps(w), w.actor, request.params.id)
          return { ok: true as const }
        }),
    )

    app.get(
      '/api/customers/:id/known',
      {
        schema: {
          tags,
          summary: '"What secrets do we know about this customer?" — compact, one query, audited',
          params: idParams,
          response: { 200: knownSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.read', async (w) => {
          const ctx = requestContext(request)
          const known = await whatWeKnow(
            { knownAbout: (id, audit) => w.stores.secrets.known(id, { ...audit, ctx }), clock: w.clock },
            w.actor,
            request.params.id,
          )
          return presentKnown(known)
        }),
    )

    app.get(
      '/api/customers/:id/next-questions',
      {
        schema: {
          tags,
          summary: 'The next questions to ask: categories with nothing known first, stale ones next',
          params: idParams,
          querystring: nextQuestionsQuerySchema,
          response: { 200: nextQuestionsSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.read', (w) =>
          nextQuestionsFor({ secrets: w.stores.secrets, clock: w.clock }, w.actor, request.params.id, {
            personId: request.query.personId,
            limit: request.query.limit,
            round: request.query.round,
            skip: request.query.skip ? request.query.skip.split(',').map((x) => x.trim()) : [],
          }),
        ),
    )

    app.get(
      '/api/secrets/suggest-category',
      {
        schema: {
          tags,
          summary: 'The category the words suggest (the person can always choose another)',
          querystring: suggestQuerySchema,
          response: { 200: suggestSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.read', async (w) => {
          const s = suggestCategoryWithConfidence(
            request.query.text,
            await w.stores.secrets.categories(),
            request.query.about,
          )
          return { category: s?.category ?? null, confidence: s?.confidence ?? 0, because: s?.because ?? [] }
        }),
    )
  }
