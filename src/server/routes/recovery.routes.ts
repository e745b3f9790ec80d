import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CONTACT_KINDS, TEMPLATES, toneWarnings } from '../../domain/recovery/communication.ts'
import { draftContacts } from '../../domain/recovery/draft-contacts.ts'
import { handOverOops } from '../../domain/recovery/hand-over-oops.ts'
import { openOops } from '../../domain/recovery/open-oops.ts'
import { readMyRecoveries } from '../../domain/recovery/read-my-recoveries.ts'
import { listOops } from '../../domain/recovery/read-oops.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import {
  draftsSchema,
  handOverSchema,
  myRecoveriesSchema,
  oopsDetailSchema,
  oopsListQuerySchema,
  oopsListSchema,
  openOopsSchema,
  templatesSchema,
  toneSchema,
} from '../../schemas/recovery.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { workspaceRoute } from '../workspace-route.ts'
import { idParams, namedActor, presentedOops, recoveryDeps, tags } from './recovery.context.ts'
import { presentOopsSummary } from './recovery.presenters.ts'
import { recoveryPlanRoutes } from './recovery-plans.routes.ts'
import { recoveryStepRoutes } from './recovery-steps.routes.ts'

/** OOPS! recoveries: report, list, read, hand over; the steps and the plans are sub-plugins. */
export const recoveryRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    /** reads that may be a moment old: the replica's, when there is one (read-your-writes kept) */
    const readInWorkspace = workspaceRoute(deps, { reads: 'replica' })

    app.post(
      '/api/oops',
      {
        schema: {
          tags,
          summary: 'Report an OOPS!: the clock starts when the customer was let down',
          body: openOopsSchema,
          response: { 201: oopsDetailSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await inWorkspace(request, 'recovery.write', async (w) =>
          presentedOops(w, await openOops(recoveryDeps(w), w.actor, request.body)),
        )
        return reply.status(201).send(created)
      },
    )

    app.get(
      '/api/oops',
      {
        schema: {
          tags,
          summary:
            'Recoveries: open (soonest deadline first), at risk, breached, recovered, closed; by owner, tier, customer',
          querystring: oopsListQuerySchema,
          response: { 200: oopsListSchema, ...errorResponses },
        },
      },
      (request) =>
        readInWorkspace(request, 'recovery.read', async (w) => {
          const { oops, nextBefore } = await listOops(recoveryDeps(w), w.actor, request.query)
          return { oops: oops.map(presentOopsSummary), nextBefore }
        }),
    )

    app.get(
      '/api/me/recoveries',
      {
        schema: {
          tags,
          summary:
            'My open recoveries for my home page: breached first, then at risk, then by deadline, each with its clock and the contact steps due',
          response: { 200: myRecoveriesSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.read', async (w) => {
          const mine = await readMyRecoveries(recoveryDeps(w), w.actor)
          return { ...mine, oops: mine.oops.map((o) => ({ ...presentOopsSummary(o), due: o.due })) }
        }),
    )

    app.get(
      '/api/oops/templates',
      {
        schema: {
          tags,
          summary:
            'Message templates for each contact step, written the source’s way, with {name}, {what}, {owner} and {company} to fill in (GET /api/oops/{id}/drafts fills them from one case)',
          response: { 200: templatesSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.read', async () => ({
          templates: CONTACT_KINDS.map((kind) => ({ kind, ...TEMPLATES[kind] })),
        })),
    )

    app.post(
      '/api/oops/tone',
      {
        schema: {
          tags,
          summary: 'Flags a draft that quotes policy or blames the customer',
          body: z.object({ message: z.string().max(10_000) }).strict(),
          response: { 200: toneSchema, ...errorResponses },
        },
      },
      (request) => inWorkspace(request, null, async () => ({ warnings: toneWarnings(request.body.message) })),
    )

    app.get(
      '/api/oops/:id',
      {
        schema: {
          tags,
          summary: 'One OOPS!: the clock, the customer, the plan, the timeline and what is due',
          params: idParams,
          response: { 200: oopsDetailSchema, ...errorResponses },
        },
      },
      (request) => inWorkspace(request, 'recovery.read', (w) => presentedOops(w, request.params.id)),
    )

    app.get(
      '/api/oops/:id/drafts',
      {
        schema: {
          tags,
          summary:
            'Each contact step drafted for this OOPS!, from what it records (what went wrong, the fix note, the affected person), speaking for its owner',
          params: idParams,
          response: { 200: draftsSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.read', async (w) => ({
          drafts: await draftContacts(recoveryDeps(w), namedActor(w), {
            oopsId: request.params.id,
            company: w.member.workspace.name,
          }),
        })),
    )

    app.post(
      '/api/oops/:id/hand-over',
      {
        schema: {
          tags,
          summary: 'Hand the OOPS! on to whoever now has the customer in front of them',
          params: idParams,
          body: handOverSchema,
          response: { 200: oopsDetailSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.write', async (w) => {
          await handOverOops(recoveryDeps(w), w.actor, { oopsId: request.params.id, ...request.body })
          return presentedOops(w, request.params.id)
        }),
    )

    // after the routes above, so the OpenAPI document lists them in the order it always did
    await app.register(recoveryStepRoutes(deps))
    await app.register(recoveryPlanRoutes(deps))
  }
