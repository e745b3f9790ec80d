import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { eraseCustomer } from '../../domain/customers/erase-customer.ts'
import { exportCustomer } from '../../domain/customers/export-customer.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import { customerExportSchema, eraseInputSchema, erasureSchema } from '../../schemas/privacy.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'
import { sendFile } from './file-reply.ts'

const tags = ['privacy']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()

/** "customer-hartley-finch-gifts-2026-11-24.json": a file name a person recognises in their downloads */
const fileName = (name: string, at: Date) =>
  `customer-${
    name
      .toLowerCase()
      .normalize('NFKD')
      // "Clément" → "clement": the accents NFKD splits off go, the letters stay
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'export'
  }-${at.toISOString().slice(0, 10)}.json`

const privacyDeps = (w: WorkspaceContext) => ({ privacy: w.stores.privacy, audit: w.audit, clock: w.clock })

export const privacyRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    app.get(
      '/api/customers/:id/export',
      {
        schema: {
          tags,
          summary: 'Everything held about a customer, as a JSON file (admins; audited)',
          params: idParams,
          response: { 200: customerExportSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const data = (await inWorkspace(request, 'privacy.manage', (w) =>
          exportCustomer(privacyDeps(w), w.actor, { customerId: request.params.id }),
        )) as z.output<typeof customerExportSchema>
        const name = String(data.customer.name ?? '')
        return sendFile(reply, { name: fileName(name, data.exportedAt), body: data })
      },
    )

    app.post(
      '/api/customers/:id/erase',
      {
        schema: {
          tags,
          summary:
            'Erase a customer (admins): secrets, people, family, engagements and notes deleted; purchases kept anonymised so revenue stays right',
          params: idParams,
          body: eraseInputSchema,
          response: { 200: erasureSchema, ...errorResponses },
        },
      },
      async (request) => {
        // one transaction: the deletions, the anonymisation and the audit row stand or fall together
        const r = await inWorkspace(request, 'privacy.manage', (w) =>
          eraseCustomer(privacyDeps(w), w.actor, {
            customerId: request.params.id,
            confirm: request.body.confirm,
          }),
        )
        return { ok: true as const, ...r }
      },
    )
  }
