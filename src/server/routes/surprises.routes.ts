import type { Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { recoveryStore } from '../../db/recovery.store.ts'
import { surprisesStore } from '../../db/surprises.store.ts'
import { DomainError } from '../../domain/errors.ts'
import {
  addSurpriseItem,
  changeSurpriseItem,
  removeSurpriseItem,
} from '../../domain/recovery/manage-surprise-catalogue.ts'
import { suggestSurprises } from '../../domain/recovery/suggest-surprises.ts'
import type { SurpriseItem } from '../../domain/recovery/surprise-catalogue.ts'
import type { SurpriseDeps } from '../../domain/recovery/surprise-ports.ts'
import { authorize, type WorkspaceAction } from '../../domain/workspaces/roles.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import {
  surpriseImportQuerySchema,
  surpriseImportReportSchema,
  surpriseInputSchema,
  surpriseItemSchema,
  surpriseListQuerySchema,
  surpriseListSchema,
  surprisePatchSchema,
  surpriseRemovedSchema,
  surpriseSuggestionsSchema,
} from '../../schemas/surprises.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runSurpriseImport } from '../imports/run-surprise-import.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requireMember } from '../principal.ts'
import { surpriseCatalogueCache } from '../surprise-catalogue-cache.ts'

const tags = ['surprises']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()
const csvBody = z.any().meta({ description: 'the CSV file, sent as text/csv', type: 'string' })

type Member = Awaited<ReturnType<typeof requireMember>>

const presentItem = (i: SurpriseItem) => ({
  id: i.id,
  title: i.title,
  description: i.description,
  cost: i.cost,
  leadTimeHours: i.leadTimeHours,
  kind: i.kind,
  tags: i.tags,
  active: i.active,
  sourceKey: i.sourceKey,
  createdAt: i.createdAt,
})

const parseMapping = (raw: string | undefined) => {
  if (!raw) return undefined
  try {
    const m = JSON.parse(raw) as unknown
    if (
      m &&
      typeof m === 'object' &&
      !Array.isArray(m) &&
      Object.values(m).every((v) => typeof v === 'string')
    ) {
      return m as Record<string, string>
    }
  } catch {}
  throw new DomainError('invalid_input', 'mapping must be a JSON object such as {"Price":"cost"}.', {
    field: 'mapping',
  })
}

/**
 * The surprise catalogue (issue #5, part 6) and the suggestions for one OOPS! (part 7). Everyone
 * reads the catalogue; leaders and admins change it (recovery.manage_plans).
 */
export const surpriseRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const catalogueFor = surpriseCatalogueCache()
    const withSurprises = async <T>(
      request: FastifyRequest,
      action: WorkspaceAction,
      fn: (x: { deps: SurpriseDeps; m: Member }) => Promise<T>,
    ) => {
      const m = await requireMember(deps, request)
      authorize(m.actor, action)
      return runInWorkspace(deps, request, m.workspace.id, (w) =>
        fn({
          m,
          deps: {
            surprises: surprisesStore(w.trx, m.workspace.id),
            recovery: recoveryStore(w.trx, m.workspace.id),
            audit: w.audit,
            clock: deps.clock,
            concepts: deps.concepts,
            catalogue: catalogueFor(m.workspace.id),
          },
        }),
      )
    }

    app.get(
      '/api/surprises',
      {
        schema: {
          tags,
          summary: 'The surprise catalogue: what the organisation can offer when it recovers',
          querystring: surpriseListQuerySchema,
          response: { 200: surpriseListSchema, ...errorResponses },
        },
      },
      (request) =>
        withSurprises(request, 'recovery.read', async (x) => {
          const all = await x.deps.surprises.list({ includeInactive: request.query.active !== 'true' })
          const items = request.query.active === 'false' ? all.filter((i) => !i.active) : all
          return { items: items.map(presentItem) }
        }),
    )

    app.get(
      '/api/surprises/export.csv',
      {
        schema: {
          tags,
          summary:
            'The catalogue as CSV, in the columns the import reads (a second import of it changes nothing)',
        },
      },
      async (request, reply) => {
        const items = await withSurprises(request, 'recovery.read', (x) =>
          x.deps.surprises.list({ includeInactive: true }),
        )
        const csv = stringify(
          items.map((i) => ({
            key: i.sourceKey?.startsWith('key:') ? i.sourceKey.slice(4) : '',
            title: i.title,
            description: i.description ?? '',
            cost: i.cost,
            lead_time_hours: i.leadTimeHours,
            kind: i.kind,
            tags: i.tags.join('; '),
            active: i.active ? 'yes' : 'no',
          })),
          {
            header: true,
            columns: ['key', 'title', 'description', 'cost', 'lead_time_hours', 'kind', 'tags', 'active'],
          },
        )
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="surprise-catalogue.csv"')
          .send(csv)
      },
    )

    app.get(
      '/api/surprises/:id',
      {
        schema: {
          tags,
          summary: 'One catalogue item',
          params: idParams,
          response: { 200: surpriseItemSchema, ...errorResponses },
        },
      },
      (request) =>
        withSurprises(request, 'recovery.read', async (x) => {
          const item = await x.deps.surprises.get(request.params.id)
          if (!item) throw new DomainError('surprise_not_found', 'No such surprise in the catalogue.')
          return presentItem(item)
        }),
    )

    app.post(
      '/api/surprises',
      {
        schema: {
          tags,
          summary: 'Add a surprise to the catalogue (leaders, admins)',
          body: surpriseInputSchema,
          response: { 201: surpriseItemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const item = await withSurprises(request, 'recovery.manage_plans', (x) =>
          addSurpriseItem(x.deps, x.m.actor, request.body),
        )
        return reply.status(201).send(presentItem(item))
      },
    )

    app.patch(
      '/api/surprises/:id',
      {
        schema: {
          tags,
          summary: 'Change a catalogue item, or take it out (active: false) or back in (leaders, admins)',
          params: idParams,
          body: surprisePatchSchema,
          response: { 200: surpriseItemSchema, ...errorResponses },
        },
      },
      (request) =>
        withSurprises(request, 'recovery.manage_plans', async (x) =>
          presentItem(await changeSurpriseItem(x.deps, x.m.actor, request.params.id, request.body)),
        ),
    )

    app.delete(
      '/api/surprises/:id',
      {
        schema: {
          tags,
          summary:
            'Remove a catalogue item (leaders, admins); one a customer already received is taken out instead, so it is never offered to them again',
          params: idParams,
          response: { 200: surpriseRemovedSchema, ...errorResponses },
        },
      },
      (request) =>
        withSurprises(request, 'recovery.manage_plans', (x) =>
          removeSurpriseItem(x.deps, x.m.actor, request.params.id),
        ),
    )

    app.post(
      '/api/surprises/import',
      {
        schema: {
          tags,
          summary:
            'Import the catalogue from CSV (leaders, admins): headers mapped automatically, all or nothing unless keepGoodRows, idempotent by key (or title); dryRun answers the same report and writes nothing',
          querystring: surpriseImportQuerySchema,
          body: csvBody,
          response: { 200: surpriseImportReportSchema, ...errorResponses },
        },
        bodyLimit: 6 * 1024 * 1024,
      },
      async (request) => {
        const m = await requireMember(deps, request)
        authorize(m.actor, 'recovery.manage_plans')
        const body = request.body as Readable | undefined
        if (!body || typeof body.pipe !== 'function') {
          throw new DomainError(
            'invalid_input',
            'Send the file as the request body with Content-Type: text/csv.',
          )
        }
        const q = request.query
        return runSurpriseImport(deps, request, m.workspace.id, m.actor, body, {
          dryRun: q.dryRun,
          keepGoodRows: q.keepGoodRows,
          mapping: parseMapping(q.mapping),
          fileName: q.fileName,
        })
      },
    )

    app.get(
      '/api/oops/:id/suggestions',
      {
        schema: {
          tags: ['recovery', ...tags],
          summary:
            'Surprises for this OOPS!, ranked by what we know of the customer: each names the secrets it draws on and why; what the cap, the clock, the plan or a past surprise rules out is listed with the reason',
          params: idParams,
          response: { 200: surpriseSuggestionsSchema, ...errorResponses },
        },
      },
      (request) =>
        withSurprises(request, 'recovery.read', (x) =>
          suggestSurprises(x.deps, x.m.actor, request.params.id),
        ),
    )
  }
