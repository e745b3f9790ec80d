import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { recordContact } from '../../domain/recovery/record-contact.ts'
import { recordFix, recordSurprise } from '../../domain/recovery/record-recovery-step.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import { contactSchema, fixSchema, oopsDetailSchema, surpriseSchema } from '../../schemas/recovery.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { type WorkspaceContext, workspaceRoute } from '../workspace-route.ts'
import { idParams, namedActor, presentedOops, recoveryDeps, tags } from './recovery.context.ts'

/** The steps of a recovery: the fix, the surprise, and each contact with the customer. */
export const recoveryStepRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    /** writing to the customer: the mail leaves from here, the feedback link points back here */
    const contactDeps = (w: WorkspaceContext) => ({
      ...recoveryDeps(w),
      mail: deps.mailer,
      mint: w.mint,
      feedbackUrl: (token: string) => `${deps.config.baseUrl}/feedback/${token}`,
    })

    app.post(
      '/api/oops/:id/fix',
      {
        schema: {
          tags,
          summary: 'Record the fix (once)',
          params: idParams,
          body: fixSchema,
          response: { 200: oopsDetailSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.write', async (w) => {
          await recordFix(recoveryDeps(w), namedActor(w), {
            oopsId: request.params.id,
            note: request.body.note,
          })
          return presentedOops(w, request.params.id)
        }),
    )

    app.post(
      '/api/oops/:id/surprise',
      {
        schema: {
          tags,
          summary:
            'Record the surprise (once): a catalogue item or a custom one, and the secrets it draws on',
          params: idParams,
          body: surpriseSchema,
          response: { 200: oopsDetailSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.write', async (w) => {
          await recordSurprise(recoveryDeps(w), namedActor(w), { oopsId: request.params.id, ...request.body })
          return presentedOops(w, request.params.id)
        }),
    )

    app.post(
      '/api/oops/:id/steps',
      {
        schema: {
          tags,
          summary:
            'Record a contact with the customer (first contact, status report, follow-up, final resolution) or a note; optionally email it',
          params: idParams,
          body: contactSchema,
          response: { 200: oopsDetailSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'recovery.write', async (w) => {
          const done = await recordContact(contactDeps(w), namedActor(w), {
            oopsId: request.params.id,
            ...request.body,
          })
          // the OOPS! is closed either way; the owner still has the link to hand over
          if (done.feedbackEmailError)
            request.log.warn({ err: done.feedbackEmailError }, 'feedback link email failed')
          return presentedOops(w, request.params.id, done.feedbackLink)
        }),
    )
  }
