import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { sql } from 'kysely'
import { healthSchema } from '../../schemas/workspaces.schemas.ts'
import type { ServerDeps } from '../deps.ts'

const started = Date.now()

export const healthRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/health',
      {
        schema: { tags: ['system'], summary: 'Liveness and database mode', response: { 200: healthSchema } },
      },
      async () => {
        await sql`select 1`.execute(deps.database.db)
        return {
          status: 'ok' as const,
          database: deps.database.mode,
          version: deps.config.version,
          uptimeSeconds: Math.round((Date.now() - started) / 1000),
        }
      },
    )
  }
