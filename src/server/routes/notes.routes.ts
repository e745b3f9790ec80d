import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { proposeSecretsFromNotes } from '../../domain/secrets/propose-secrets-from-notes.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import { notesInputSchema, secretProposalsSchema } from '../../schemas/notes.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'
import { idParams } from './secrets.routes.ts'

/** The ports of proposing secrets from notes, from a workspace route's context. */
const notesDeps = (w: WorkspaceContext) => ({
  secrets: w.stores.secrets,
  audit: w.audit,
  peopleOf: async (customerId: string) =>
    (await w.stores.customers.get(customerId)) ?? { people: [], relations: [] },
  ourNames: async () =>
    (await w.stores.workspace.listMembers()).flatMap((m) =>
      [m.name, m.email.split('@')[0] ?? ''].filter(Boolean),
    ),
})

/** Notes → secrets: what was heard, read into candidate secrets to accept, edit or drop. */
export const notesRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.post(
      '/api/customers/:id/notes/proposals',
      {
        // notes over the schema's limit get its clear message rather than the generic 413
        bodyLimit: 2 * 1024 * 1024,
        schema: {
          tags: ['secrets'],
          summary:
            'Propose candidate secrets from meeting notes or a call transcript (nothing is stored; accept by recording each secret)',
          params: idParams,
          body: notesInputSchema,
          response: { 200: secretProposalsSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.write', (w) =>
          proposeSecretsFromNotes(notesDeps(w), w.actor, { ...request.body, customerId: request.params.id }),
        ),
    )
  }
