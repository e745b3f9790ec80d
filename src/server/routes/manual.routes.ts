import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { manualStore } from '../../db/manual.store.ts'
import { DomainError } from '../../domain/errors.ts'
import { type ManualUse, readSecretsManual } from '../../domain/secrets/read-secrets-manual.ts'
import { manualFileName, manualMarkdown, type SecretsManual } from '../../domain/secrets/secrets-manual.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import { consentStateSchema, secretsManualSchema } from '../../schemas/manual.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { manualPdf } from '../manual-pdf.ts'
import { workspaceRoute } from '../workspace-route.ts'

const tags = ['secrets']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()

/** `attachment` with a plain ASCII name and the exact one (RFC 6266) for browsers that read it. */
const attachment = (name: string) =>
  `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`

/** A manual as a file to keep, named after its customer; never cached (it is what we know of them). */
const sendManualFile = (
  reply: FastifyReply,
  m: SecretsManual,
  ext: 'md' | 'pdf',
  type: string,
  body: string | Buffer | Uint8Array,
) =>
  reply
    .type(type)
    .header('content-disposition', attachment(manualFileName(m.customer.name, ext)))
    .header('cache-control', 'no-store')
    .send(body)

export const manualRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    const manual = (request: FastifyRequest, customerId: string, use: ManualUse) =>
      inWorkspace(request, 'secrets.read', (w) =>
        readSecretsManual(
          {
            manual: {
              facts: (id, now) => manualStore(w.trx, w.workspaceId).facts(id, now),
              members: () => w.stores.workspace.listMembers(),
            },
            audit: w.audit,
            clock: w.clock,
          },
          w.actor,
          customerId,
          use,
        ),
      )

    app.get(
      '/api/customers/:id/manual',
      {
        schema: {
          tags,
          summary:
            'The secrets manual: every active secret by category, family and key people, coverage, purchases, engagements, who gathered what (audited)',
          params: idParams,
          response: { 200: secretsManualSchema, ...errorResponses },
        },
      },
      async (request) => {
        const m = await manual(request, request.params.id, 'read')
        // the wire narrows what the store keeps as text
        return {
          ...m,
          customer: { ...m.customer, tier: m.customer.tier as 'A' | 'B' | 'C' | null },
          engagements: m.engagements.map((e) => ({ ...e, channel: e.channel as 'meeting' })),
        }
      },
    )

    app.get(
      '/api/customers/:id/manual.md',
      {
        schema: {
          tags,
          summary: 'The secrets manual as a Markdown file (audited as an export)',
          params: idParams,
          produces: ['text/markdown'],
        },
      },
      async (request, reply) => {
        const m = await manual(request, request.params.id, 'markdown')
        return sendManualFile(reply, m, 'md', 'text/markdown; charset=utf-8', manualMarkdown(m))
      },
    )

    app.get(
      '/api/customers/:id/manual.pdf',
      {
        schema: {
          tags,
          summary: 'The secrets manual as a PDF file (audited as an export)',
          params: idParams,
          produces: ['application/pdf'],
        },
      },
      async (request, reply) => {
        const m = await manual(request, request.params.id, 'pdf')
        return sendManualFile(reply, m, 'pdf', 'application/pdf', await manualPdf(m))
      },
    )

    // The consent itself is recorded with PUT /api/customers/:id/consent (secrets routes); the
    // customer page reads it here to say whether special categories may be recorded.
    app.get(
      '/api/customers/:id/consent',
      {
        schema: {
          tags,
          summary: "The customer's consent to special categories of personal data, and the workspace setting",
          params: idParams,
          response: { 200: consentStateSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.read', async (w) => {
          const consent = await manualStore(w.trx, w.workspaceId).consent(request.params.id)
          if (!consent) throw new DomainError('customer_not_found', 'No such customer in this workspace.')
          const settings = await w.stores.secrets.settings()
          return { ...consent, sensitiveCategories: settings.sensitiveCategories }
        }),
    )
  }
