import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { lostPrimary } from '../db/primary-pool.ts'
import { type DomainErrorCode, isDomainError } from '../domain/errors.ts'
import type { ErrorBody } from '../schemas/common.schemas.ts'

/** The compiler makes every new domain code choose its status here. */
const STATUS: Record<DomainErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  no_workspace: 403,
  workspace_not_found: 404,
  workspace_slug_taken: 409,
  user_not_found: 404,
  email_taken: 409,
  member_not_found: 404,
  already_member: 409,
  last_admin: 409,
  role_not_allowed: 403,
  invitation_not_found: 404,
  invitation_expired: 410,
  invitation_used: 409,
  invitation_email_mismatch: 403,
  token_not_found: 404,
  invalid_input: 422,
  data_folder_in_use: 409,
  customer_not_found: 404,
  external_id_taken: 409,
  person_not_found: 404,
  relation_not_found: 404,
  import_not_found: 404,
  secret_not_found: 404,
  engagement_not_found: 404,
  question_not_found: 404,
  category_not_found: 404,
  category_taken: 409,
  audience_not_found: 404,
  audience_name_taken: 409,
  sensitive_not_allowed: 422,
  oops_not_found: 404,
  oops_closed: 409,
  already_done: 409,
  approval_required: 403,
  plan_not_found: 404,
  surprise_not_found: 404,
  feedback_link_invalid: 404,
  feedback_link_expired: 410,
  feedback_already_given: 409,
  webhook_not_found: 404,
  notification_not_found: 404,
  email_failed: 502,
  behaviour_not_found: 404,
  behaviour_taken: 409,
  report_card_invalid: 404,
  report_card_expired: 410,
  report_card_answered: 409,
  report_card_not_found: 404,
  bonus_plan_secret_weight: 422,
  bonus_plan_not_found: 404,
  bonus_plan_overlap: 409,
  bonus_plan_closed: 409,
  growth_goal_not_found: 404,
  growth_group_empty: 422,
  bonus_plan_open: 409,
  statement_not_found: 404,
  nomination_own_secret: 422,
  nomination_taken: 409,
  award_taken: 409,
  award_not_candidate: 422,
  story_not_found: 404,
  story_exists: 409,
  oops_not_closed: 409,
  moment_not_found: 404,
  moment_closed: 409,
  wall_link_invalid: 404,
  wall_link_revoked: 401,
  wall_link_expired: 401,
  wall_link_not_found: 404,
  wall_busy: 429,
  performance_plan_not_found: 404,
  performance_plan_exists: 409,
  performance_plan_closed: 409,
}

export const statusOf = (code: DomainErrorCode) => STATUS[code]

const body = (code: string, message: string, details?: Record<string, unknown>): ErrorBody => ({
  error: details ? { code, message, details } : { code, message },
})

/** Fastify's own refusals (parsing, size, media type) in words a person can act on. */
const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'malformed_json',
    message: 'The request says it sends JSON but the body is empty: send {} or leave out the Content-Type.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'Send the body as JSON with Content-Type: application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad_request',
    message: 'The Content-Length header does not match the body.',
  },
}

/**
 * What PostgreSQL (or PGlite) refuses because of what the client sent, by SQLSTATE: a value the
 * column cannot take, a duplicate two requests raced to create, a reference that is gone. The
 * request's transaction is rolled back, so nothing was changed. Anything else stays a 500.
 */
const databaseRefusal = (
  err: unknown,
): { status: number; code: string; message: string; details?: Record<string, unknown> } | null => {
  const e = err as { code?: unknown; severity?: unknown; message?: unknown }
  if (!e || typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code) || typeof e.severity !== 'string') {
    return null
  }
  if (e.code === '23505' || e.code === '40001' || e.code === '40P01') {
    return {
      status: 409,
      code: 'conflict',
      message: 'Another request changed or created the same thing at the same moment: reload and try again.',
    }
  }
  if (e.code === '23503') {
    return {
      status: 422,
      code: 'invalid_reference',
      message: 'Something the request refers to does not exist (any more) in this workspace.',
    }
  }
  // class 22, data exception: out of range, too long, not valid for its type
  if (e.code.startsWith('22')) {
    return {
      status: 400,
      code: 'invalid_value',
      message: 'A value in the request cannot be stored as sent (out of range or not valid for its field).',
      details: { reason: String(e.message ?? '') },
    }
  }
  return null
}

/** Router-level refusals (a path parameter too long, a malformed URL) in the same shape. */
export const frameworkErrors = (err: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH'
  reply
    .status(err.statusCode ?? 400)
    .send(
      body(
        tooLong ? 'uri_too_long' : 'bad_url',
        tooLong ? 'A part of the address is too long.' : 'The address is not valid.',
      ),
    )
}

/** `spa`: the web app routes on the client, so any non-API GET gets its index.html. */
export const installErrorHandling = (app: FastifyInstance, opts: { spa: boolean }) => {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (isDomainError(err)) {
      return reply.status(STATUS[err.code]).send(body(err.code, err.message, err.details))
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [
          err.validationContext,
          ...String(v.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ].join('.'),
        message: v.message ?? 'is not valid',
      }))
      const first = issues[0]
      return reply.status(422).send(
        body('validation_failed', first ? `${first.path}: ${first.message}` : 'The request is not valid.', {
          issues,
        }),
      )
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response did not match its schema')
      return reply
        .status(500)
        .send(body('internal_error', `Something went wrong on our side (request ${request.id}).`))
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined
    if (known) return reply.status(err.statusCode ?? 400).send(body(known.code, known.message))
    if (err instanceof SyntaxError && (err as FastifyError).statusCode === 400) {
      return reply.status(400).send(body('malformed_json', 'The request body is not valid JSON.'))
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(body('bad_request', err.message))
    }
    const refused = databaseRefusal(err)
    if (refused) {
      // the client's input, not our failure; logged so a missing check upstream can still be found
      request.log.warn({ err }, 'database refused the request')
      return reply.status(refused.status).send(body(refused.code, refused.message, refused.details))
    }
    if (lostPrimary(err)) {
      // the database went away (restart, failover): nothing was committed, the next try may work
      request.log.warn({ err }, 'database unavailable')
      return reply
        .status(503)
        .header('retry-after', '2')
        .send(
          body(
            'database_unavailable',
            'The database is not reachable right now; nothing was changed. Try again in a few seconds.',
          ),
        )
    }
    request.log.error({ err }, 'unhandled error')
    return reply
      .status(500)
      .send(
        body(
          'internal_error',
          `Something went wrong on our side; quote request ${request.id} when you report it.`,
        ),
      )
  })

  app.setNotFoundHandler((request, reply) => {
    // HEAD as GET (a link checker, a monitor): the same page, headers only
    if (
      opts.spa &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/')
    ) {
      return reply.type('text/html').sendFile('index.html')
    }
    return reply
      .status(404)
      .send(body('route_not_found', `There is no ${request.method} ${request.url.split('?')[0]}.`))
  })
}

export const errorBody = body
