import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { DomainError } from '../../domain/errors.ts'
import { removeAudience, saveAudience } from '../../domain/secrets/manage-audiences.ts'
import {
  exportAudience,
  type SearchDeps,
  type SearchResult,
  searchSecrets,
} from '../../domain/secrets/search-secrets.ts'
import type { SecretCategory } from '../../domain/secrets/taxonomy.ts'
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
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'

const tags = ['search']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()

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
    const inWorkspace = workspaceRoute(deps)
    /** reads that may be a moment old: the replica's, when there is one (read-your-writes kept) */
    const readInWorkspace = workspaceRoute(deps, { reads: 'replica' })
    /** search's ports: the workspace's categories are read once per request, when asked for */
    const searchDeps = (
      w: WorkspaceContext,
    ): SearchDeps & { categoryList: () => Promise<SecretCategory[]> } => {
      let categories: Promise<SecretCategory[]> | null = null
      const categoryList = () => {
        categories ??= w.stores.secrets.categories()
        return categories
      }
      return {
        search: w.stores.search,
        concepts: w.concepts,
        audit: w.audit,
        categories: categoryList,
        categoryList,
      }
    }
    const presentAudience = <A extends { createdAt: Date | string }>(a: A) => ({
      ...a,
      createdAt: new Date(a.createdAt),
    })

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
        readInWorkspace(request, 'secrets.search', async (w) => {
          const d = searchDeps(w)
          const { q, page, pageSize, sort, ...filters } = request.body
          const r = await searchSecrets(d, w.actor, { q, filters, page, pageSize, sort })
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
        readInWorkspace(request, 'secrets.search', async (w) => ({
          audiences: (await w.stores.search.audiences()).map(presentAudience),
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
        const saved = await inWorkspace(request, 'audiences.manage', async (w) => {
          const { name, q, ...filters } = request.body
          const id = await saveAudience({ audiences: w.stores.search, audit: w.audit }, w.actor, {
            name,
            q,
            filters,
          })
          return presentAudience((await w.stores.search.audiences()).find((x) => x.id === id)!)
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
        inWorkspace(request, 'audiences.manage', async (w) => {
          await removeAudience({ audiences: w.stores.search, audit: w.audit }, w.actor, request.params.id)
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
        readInWorkspace(request, 'secrets.search', async (w) => {
          const d = searchDeps(w)
          const a = await w.stores.search.audience(request.params.id)
          if (!a) throw audienceNotFound()
          const { q, ...filters } = a.query
          const { page, pageSize } = request.body
          const r = await searchSecrets(d, w.actor, { q, filters, page, pageSize })
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
        const { name, csv } = await readInWorkspace(request, 'audiences.manage', async (w) => {
          const a = await w.stores.search.audience(request.params.id)
          if (!a) throw audienceNotFound()
          const rows = await exportAudience(searchDeps(w), w.actor, a)
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
