import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { searchStore } from '../../db/search.store.ts'
import { secretsStore } from '../../db/secrets.store.ts'
import { DomainError } from '../../domain/errors.ts'
import {
  audienceQuery,
  exportAudience,
  type SearchDeps,
  type SearchResult,
  searchSecrets,
} from '../../domain/secrets/search-secrets.ts'
import type { SecretCategory } from '../../domain/secrets/taxonomy.ts'
import { authorize, type WorkspaceAction } from '../../domain/workspaces/roles.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import {
  audienceInputSchema,
  audienceListSchema,
  audienceRunSchema,
  audienceSchema,
  searchInputSchema,
  searchResultSchema,
} from '../../schemas/search.schemas.ts'
import { audienceCsv, csvFileName } from '../audience-csv.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requireMember } from '../principal.ts'

const tags = ['search']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()
type Member = Awaited<ReturnType<typeof requireMember>>

const audienceNotFound = () => new DomainError('audience_not_found', 'No such audience in this workspace.')

/** The search result as the API shows it: category labels, and nothing of the store's internals. */
const presentResult = (
  r: SearchResult,
  categories: readonly SecretCategory[],
  page: { page: number; pageSize: number },
) => ({
  ...r,
  ...page,
  customers: r.customers.map((c) => ({
    ...c,
    kind: c.kind as 'person' | 'organisation',
    secrets: c.secrets.map((s) => ({
      id: s.id,
      category: s.category,
      categoryLabel: categories.find((x) => x.key === s.category)?.label ?? s.category,
      layer: s.layer as 'need' | 'secret',
      text: s.text,
      personName: s.personName,
      recordedAt: s.recordedAt,
      matchedBy: s.matchedBy,
      highlights: s.highlights.map(([a, b]) => [a, b] as [number, number]),
      because: s.because,
    })),
  })),
})

export const searchRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** the caller as a member allowed to `action`, with search, audiences and categories of their workspace */
    const withSearch = async <T>(
      request: FastifyRequest,
      action: WorkspaceAction,
      fn: (
        d: SearchDeps & {
          audiences: ReturnType<typeof searchStore>
          categoryList: () => Promise<SecretCategory[]>
        },
        m: Member,
      ) => Promise<T>,
    ) => {
      const m = await requireMember(deps, request)
      authorize(m.actor, action)
      return runInWorkspace(deps, request, m.workspace.id, (w) => {
        const store = searchStore(w.trx, m.workspace.id)
        let categories: Promise<SecretCategory[]> | null = null
        const categoryList = () => {
          categories ??= secretsStore(w.trx, m.workspace.id).categories()
          return categories
        }
        return fn(
          {
            search: store,
            audiences: store,
            concepts: deps.concepts,
            audit: w.audit,
            categories: categoryList,
            categoryList,
          },
          m,
        )
      })
    }

    app.post(
      '/api/secrets/search',
      {
        schema: {
          tags,
          summary:
            'Search secrets across customers: by their words (stemmed), by meaning, by near spelling; grouped by customer, audited',
          body: searchInputSchema,
          response: { 200: searchResultSchema, ...errorResponses },
        },
      },
      (request) =>
        withSearch(request, 'secrets.search', async (d, m) => {
          const { q, page, pageSize, ...filters } = request.body
          const r = await searchSecrets(d, m.actor, { q, filters, page, pageSize })
          return presentResult(r, await d.categoryList(), { page, pageSize })
        }),
    )

    app.get(
      '/api/audiences',
      {
        schema: {
          tags,
          summary: 'Saved searches (audiences) of the workspace',
          response: { 200: audienceListSchema, ...errorResponses },
        },
      },
      (request) =>
        withSearch(request, 'secrets.search', async (d) => ({
          audiences: (await d.audiences.audiences()).map((a) => ({ ...a, createdAt: new Date(a.createdAt) })),
        })),
    )

    app.post(
      '/api/audiences',
      {
        schema: {
          tags,
          summary: 'Save a search as an audience (marketing, leaders, admins)',
          body: audienceInputSchema,
          response: { 201: audienceSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const saved = await withSearch(request, 'audiences.manage', async (d, m) => {
          const { name, q, ...filters } = request.body
          const query = audienceQuery(q, filters)
          const id = await d.audiences.saveAudience({ name, query, createdBy: m.user.id })
          if (!id) {
            throw new DomainError('audience_name_taken', `There is already an audience called “${name}”.`, {
              field: 'name',
            })
          }
          const a = (await d.audiences.audiences()).find((x) => x.id === id)!
          return { ...a, createdAt: new Date(a.createdAt) }
        })
        return reply.status(201).send(saved)
      },
    )

    app.delete(
      '/api/audiences/:id',
      {
        schema: {
          tags,
          summary: 'Delete an audience (its customers and secrets stay)',
          params: idParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        withSearch(request, 'audiences.manage', async (d) => {
          if (!(await d.audiences.removeAudience(request.params.id))) throw audienceNotFound()
          return { ok: true as const }
        }),
    )

    app.post(
      '/api/audiences/:id/search',
      {
        schema: {
          tags,
          summary: 'Run an audience’s search again, on the secrets known now',
          params: idParams,
          body: audienceRunSchema,
          response: { 200: searchResultSchema, ...errorResponses },
        },
      },
      (request) =>
        withSearch(request, 'secrets.search', async (d, m) => {
          const a = await d.audiences.audience(request.params.id)
          if (!a) throw audienceNotFound()
          const { q, ...filters } = a.query
          const { page, pageSize } = request.body
          const r = await searchSecrets(d, m.actor, { q, filters, page, pageSize })
          return presentResult(r, await d.categoryList(), { page, pageSize })
        }),
    )

    app.get(
      '/api/audiences/:id/export.csv',
      {
        schema: {
          tags,
          summary:
            'The audience as CSV: customer, tier, segment, owner, matching secrets, people and their emails (never secret text); audited',
          params: idParams,
          response: { 200: z.string().meta({ description: 'text/csv' }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { name, csv } = await withSearch(request, 'audiences.manage', async (d, m) => {
          const a = await d.audiences.audience(request.params.id)
          if (!a) throw audienceNotFound()
          const rows = await exportAudience(d, m.actor, a)
          return { name: a.name, csv: audienceCsv(rows) }
        })
        const file = csvFileName(name, deps.clock.now())
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="${file.ascii}"; filename*=UTF-8''${encodeURIComponent(file.full)}`,
          )
          .header('cache-control', 'no-store')
          .send(csv)
      },
    )
  }
