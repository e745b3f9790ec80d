import type { Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { DomainError } from '../../domain/errors.ts'
import {
  addSurpriseItem,
  changeSurpriseItem,
  importSurpriseRows,
  readSurpriseItem,
  removeSurpriseItem,
} from '../../domain/recovery/manage-surprise-catalogue.ts'
import { suggestSurprises } from '../../domain/recovery/suggest-surprises.ts'
import type { SurpriseDeps } from '../../domain/recovery/surprise-ports.ts'
import { authorize } from '../../domain/workspaces/roles.ts'
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
import { parseMappingParam } from '../imports/import-kit.ts'
import { readSurpriseFile } from '../imports/run-surprise-import.ts'
import { requireMember } from '../principal.ts'
import { surpriseCatalogueCache } from '../surprise-catalogue-cache.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'
import { sendFile } from './file-reply.ts'
import { CATALOGUE_CSV_COLUMNS, catalogueCsvRow, presentSurpriseItem } from './surprises.presenters.ts'

const tags = ['surprises']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()
const csvBody = z.any().meta({ description: 'the CSV file, sent as text/csv', type: 'string' })

/**
 * The surprise catalogue (issue #5, part 6) and the suggestions for one OOPS! (part 7). Everyone
 * reads the catalogue; leaders and admins change it (recovery.manage_plans).
 */
export const surpriseRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const catalogueFor = surpriseCatalogueCache()
    const inWorkspace = workspaceRoute(deps)
    const surpriseDeps = (w: WorkspaceContext): SurpriseDeps => ({
      surprises: w.stores.surprises,
      recovery: w.stores.recovery,
      audit: w.audit,
      clock: w.clock,
      concepts: w.concepts,
      catalogue: catalogueFor(w.workspaceId),
    })

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
        inWorkspace(request, 'recovery.read', async (w) => {
          const all = await w.stores.surprises.list({ includeInactive: request.query.active !== 'true' })
          const items = request.query.active === 'false' ? all.filter((i) => !i.active) : all
          return { items: items.map(presentSurpriseItem) }
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
        const items = await inWorkspace(request, 'recovery.read', (w) =>
          w.stores.surprises.list({ includeInactive: true }),
        )
        const csv = stringify(items.map(catalogueCsvRow), {
          header: true,
          columns: [...CATALOGUE_CSV_COLUMNS],
        })
        return sendFile(reply, { name: 'surprise-catalogue.csv', type: 'text/csv; charset=utf-8', body: csv })
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
        inWorkspace(request, 'recovery.read', async (w) =>
          presentSurpriseItem(await readSurpriseItem(surpriseDeps(w), w.actor, request.params.id)),
        ),
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
        const item = await inWorkspace(request, 'recovery.manage_plans', (w) =>
          addSurpriseItem(surpriseDeps(w), w.actor, request.body),
        )
        return reply.status(201).send(presentSurpriseItem(item))
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
        inWorkspace(request, 'recovery.manage_plans', async (w) =>
          presentSurpriseItem(
            await changeSurpriseItem(surpriseDeps(w), w.actor, request.params.id, request.body),
          ),
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
        inWorkspace(request, 'recovery.manage_plans', (w) =>
          removeSurpriseItem(surpriseDeps(w), w.actor, request.params.id),
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
        // the whole file is read and parsed before the transaction opens
        const file = await readSurpriseFile(
          body,
          parseMappingParam(q.mapping, '{"Price":"cost"}', { field: 'mapping' }),
        )
        const report = await inWorkspace(request, 'recovery.manage_plans', (w) =>
          importSurpriseRows(surpriseDeps(w), w.actor, file.parsed, {
            dryRun: q.dryRun,
            keepGoodRows: q.keepGoodRows,
            fileName: q.fileName,
          }),
        )
        return { ...file.frame, ...report }
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
        inWorkspace(request, 'recovery.read', (w) =>
          suggestSurprises(surpriseDeps(w), w.actor, request.params.id),
        ),
    )
  }
