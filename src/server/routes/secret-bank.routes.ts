import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  addCategory,
  addQuestion,
  changeQuestion,
  removeCategory,
  removeQuestion,
} from '../../domain/secrets/manage-secret-bank.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import {
  categoryInputSchema,
  categoryListSchema,
  questionInputSchema,
  questionListSchema,
  questionPatchSchema,
  questionSchema,
} from '../../schemas/secrets.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'

const tags = ['secrets']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()
const keyParams = z.object({ key: z.string().min(1).max(40) }).strict()

const bankDeps = (w: WorkspaceContext) => ({ bank: w.stores.secrets, audit: w.audit })

/** The workspace's categories of secrets and its bank of good questions. */
export const secretBankRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/secret-categories',
      {
        schema: {
          tags,
          summary: 'The categories of secrets: the source taxonomy plus what admins added',
          response: { 200: categoryListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.read', async (w) => ({
          categories: (await w.stores.secrets.categories()).map(({ cues: _cues, ...c }) => c),
          sensitiveCategories: (await w.stores.secrets.settings()).sensitiveCategories,
        })),
    )

    app.post(
      '/api/secret-categories',
      {
        schema: {
          tags,
          summary: 'Add a category of secrets (admins)',
          body: categoryInputSchema,
          response: { 201: categoryListSchema.shape.categories.element, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { cues: _cues, ...created } = await inWorkspace(request, 'secrets.manage_bank', (w) =>
          addCategory(bankDeps(w), w.actor, request.body),
        )
        return reply.status(201).send(created)
      },
    )

    app.delete(
      '/api/secret-categories/:key',
      {
        schema: {
          tags,
          summary: 'Remove a category the workspace added, when no secret uses it (admins)',
          params: keyParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.manage_bank', async (w) => {
          await removeCategory(bankDeps(w), w.actor, request.params.key)
          return { ok: true as const }
        }),
    )

    app.get(
      '/api/questions',
      {
        schema: {
          tags,
          summary: 'The question bank: good questions per category',
          response: { 200: questionListSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.read', async (w) => ({
          questions: await w.stores.secrets.questions(),
        })),
    )

    app.post(
      '/api/questions',
      {
        schema: {
          tags,
          summary: 'Add a question to the bank (admins)',
          body: questionInputSchema,
          response: { 201: questionSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const q = await inWorkspace(request, 'secrets.manage_bank', (w) =>
          addQuestion(bankDeps(w), w.actor, request.body),
        )
        return reply.status(201).send(q)
      },
    )

    app.patch(
      '/api/questions/:id',
      {
        schema: {
          tags,
          summary: 'Reword or reorder a question (admins)',
          params: idParams,
          body: questionPatchSchema,
          response: { 200: questionSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.manage_bank', (w) =>
          changeQuestion(bankDeps(w), w.actor, request.params.id, request.body),
        ),
    )

    app.delete(
      '/api/questions/:id',
      {
        schema: {
          tags,
          summary: 'Remove a question from the bank (admins)',
          params: idParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.manage_bank', async (w) => {
          await removeQuestion(bankDeps(w), w.actor, request.params.id)
          return { ok: true as const }
        }),
    )
  }
