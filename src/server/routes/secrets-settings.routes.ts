import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { recordConsent } from '../../domain/secrets/record-consent.ts'
import { changeWorkspaceSettings } from '../../domain/workspaces/change-workspace-settings.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import {
  consentInputSchema,
  consentSchema,
  secretsSettingsPatchSchema,
  secretsSettingsSchema,
} from '../../schemas/secrets.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { workspaceRoute } from '../workspace-route.ts'

const tags = ['secrets']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()

/** Special categories of personal data: the workspace's switch and each customer's consent. */
export const secretsSettingsRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.get(
      '/api/secrets/settings',
      {
        schema: {
          tags,
          summary: 'Privacy settings of the secrets layer',
          response: { 200: secretsSettingsSchema, ...errorResponses },
        },
      },
      (request) => inWorkspace(request, 'secrets.read', (w) => w.stores.secrets.settings()),
    )

    app.patch(
      '/api/secrets/settings',
      {
        schema: {
          tags,
          summary: 'Turn special categories of personal data on or off (admins)',
          body: secretsSettingsPatchSchema,
          response: { 200: secretsSettingsSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'privacy.manage', async (w) => {
          await changeWorkspaceSettings(
            { settings: w.stores.secrets, audit: w.audit },
            { ...w.actor, workspaceId: w.workspaceId },
            request.body,
          )
          return w.stores.secrets.settings()
        }),
    )

    app.put(
      '/api/customers/:id/consent',
      {
        schema: {
          tags,
          summary: "Record (or withdraw) the customer's consent to special categories of personal data",
          params: idParams,
          body: consentInputSchema,
          response: { 200: consentSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'secrets.write', (w) =>
          recordConsent(
            { secrets: w.stores.secrets, audit: w.audit, clock: w.clock },
            w.actor,
            request.params.id,
            request.body,
          ),
        ),
    )
  }
