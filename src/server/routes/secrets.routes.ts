import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { sql } from 'kysely'
import { z } from 'zod'
import { type SecretRow, type SecretsStore, secretsStore } from '../../db/secrets.store.ts'
import { DomainError } from '../../domain/errors.ts'
import { coverage, coverageShare, nextQuestions } from '../../domain/secrets/coverage.ts'
import { recordSecret } from '../../domain/secrets/record-secret.ts'
import { assertMayEdit, checkCategory } from '../../domain/secrets/secret.ts'
import {
  allCategories,
  categoriesFor,
  categoryKeyFromLabel,
  coverageCategoriesOf,
  type SecretCategory,
  suggestCategory,
} from '../../domain/secrets/taxonomy.ts'
import { authorize, type WorkspaceAction } from '../../domain/workspaces/roles.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import {
  categoryInputSchema,
  categoryListSchema,
  consentInputSchema,
  consentSchema,
  engagementInputSchema,
  engagementListSchema,
  engagementPatchSchema,
  engagementSchema,
  knownSchema,
  nextQuestionsQuerySchema,
  nextQuestionsSchema,
  questionInputSchema,
  questionListSchema,
  questionPatchSchema,
  questionSchema,
  secretInputSchema,
  secretListQuerySchema,
  secretListSchema,
  secretPatchSchema,
  secretSchema,
  secretsSettingsPatchSchema,
  secretsSettingsSchema,
  suggestQuerySchema,
  suggestSchema,
} from '../../schemas/secrets.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requestContext, requireMember } from '../principal.ts'

const tags = ['secrets']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()
const engagementParams = idParams.extend({ engagementId: z.string().min(1).max(100) }).strict()
const keyParams = z.object({ key: z.string().min(1).max(40) }).strict()

type Scope = Parameters<Parameters<typeof runInWorkspace>[3]>[0]
type Member = Awaited<ReturnType<typeof requireMember>>

export const presentSecret = (s: SecretRow, categories: readonly SecretCategory[]) => ({
  id: s.id,
  customerId: s.customerId,
  personId: s.personId,
  personName: s.personName,
  layer: s.layer as 'need' | 'secret',
  category: s.category,
  categoryLabel: categories.find((c) => c.key === s.category)?.label ?? s.category,
  text: s.text,
  certainty: s.certainty as 'heard' | 'inferred' | 'second_hand',
  recordedBy: s.recordedBy,
  recordedByName: s.recordedByName,
  recordedAt: new Date(s.recordedAt),
  engagementId: s.engagementId,
  lastConfirmedAt: new Date(s.lastConfirmedAt),
  status: s.status as 'active' | 'outdated',
  supersededBy: s.supersededBy,
  outdatedAt: s.outdatedAt ? new Date(s.outdatedAt) : null,
})

const notFound = (
  code: 'customer_not_found' | 'secret_not_found' | 'engagement_not_found' | 'question_not_found',
) =>
  new DomainError(
    code,
    {
      customer_not_found: 'No such customer in this workspace.',
      secret_not_found: 'No such secret in this workspace.',
      engagement_not_found: 'No such engagement for this customer.',
      question_not_found: 'No such question in this workspace.',
    }[code],
  )

/** The customer, refusing one that is not in this workspace or was erased. */
export const liveCustomer = async (s: SecretsStore, customerId: string) => {
  const c = await s.customerFacts(customerId)
  if (!c || c.erasedAt) throw notFound('customer_not_found')
  return c
}

export const secretRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** the caller as a member allowed to `action`, with the secrets of their workspace */
    const withSecrets = async <T>(
      request: FastifyRequest,
      action: WorkspaceAction,
      fn: (s: SecretsStore, m: Member, w: Scope) => Promise<T>,
    ) => {
      const m = await requireMember(deps, request)
      authorize(m.actor, action)
      return runInWorkspace(deps, request, m.workspace.id, (w) =>
        fn(secretsStore(w.trx, m.workspace.id), m, w),
      )
    }

    app.get(
      '/api/secret-categories',
      {
        schema: {
          tags,
          summary: 'The categories of secrets: the source taxonomy plus what admins added',
          response: { 200: categoryListSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.read', async (s) => ({
          categories: (await s.categories()).map(({ cues: _cues, ...c }) => c),
          sensitiveCategories: (await s.settings()).sensitiveCategories,
        })),
    )

    app.post(
      '/api/secret-categories',
      {
        schema: {
          tags,
          summary: 'Add a category of secrets (admins)',
          body: categoryInputSchema,
          response: { 201: categoryListSchema.shape.categories.element, ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await withSecrets(request, 'secrets.manage_bank', async (s) => {
          const key = request.body.key ?? categoryKeyFromLabel(request.body.label)
          if (key.length < 2) {
            throw new DomainError('invalid_input', 'Give the category a label with letters in it.', {
              field: 'label',
            })
          }
          if ((await s.categories()).some((c) => c.key === key)) {
            throw new DomainError('category_taken', `There is already a category "${key}".`)
          }
          await s.addCategory({
            key,
            label: request.body.label,
            scope: request.body.scope,
            cues: request.body.cues,
          })
          return {
            key,
            label: request.body.label,
            scope: request.body.scope,
            sensitive: false,
            builtin: false,
          }
        })
        return reply.status(201).send(created)
      },
    )

    app.delete(
      '/api/secret-categories/:key',
      {
        schema: {
          tags,
          summary: 'Remove a category the workspace added, when no secret uses it (admins)',
          params: keyParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.manage_bank', async (s) => {
          if ((await s.categories()).some((c) => c.key === request.params.key && c.builtin)) {
            throw new DomainError('invalid_input', 'The source categories cannot be removed.')
          }
          if (await s.categoryInUse(request.params.key)) {
            throw new DomainError(
              'category_taken',
              'Secrets are recorded under this category: move them to another category first.',
            )
          }
          if (!(await s.removeCategory(request.params.key))) {
            throw new DomainError('category_not_found', 'No such category in this workspace.')
          }
          return { ok: true as const }
        }),
    )

    app.get(
      '/api/secrets/settings',
      {
        schema: {
          tags,
          summary: 'Privacy settings of the secrets layer',
          response: { 200: secretsSettingsSchema, ...errorResponses },
        },
      },
      (request) => withSecrets(request, 'secrets.read', (s) => s.settings()),
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
        withSecrets(request, 'privacy.manage', async (s, m, w) => {
          await w.trx
            .updateTable('workspace')
            .set({
              settings: sql`settings || ${JSON.stringify({ sensitiveCategories: request.body.sensitiveCategories })}::jsonb`,
            })
            .where('id', '=', m.workspace.id)
            .execute()
          await w.audit.record({
            actorUserId: m.actor.userId,
            actorLabel: m.actor.label,
            action: 'workspace.settings_changed',
            targetType: 'workspace',
            targetId: m.workspace.id,
            details: { sensitiveCategories: request.body.sensitiveCategories },
          })
          return s.settings()
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
        withSecrets(request, 'secrets.write', async (s, m, w) => {
          await liveCustomer(s, request.params.id)
          const at = request.body.consented ? deps.clock.now() : null
          const note = request.body.consented ? (request.body.note ?? null) : null
          await s.recordConsent(request.params.id, at, note)
          await w.audit.record({
            actorUserId: m.actor.userId,
            actorLabel: m.actor.label,
            action: 'customer.consent_recorded',
            targetType: 'customer',
            targetId: request.params.id,
            details: { consented: request.body.consented },
          })
          return { consentAt: at, note }
        }),
    )

    app.get(
      '/api/customers/:id/secrets',
      {
        schema: {
          tags,
          summary: "A customer's secrets (active by default; outdated ones are the history)",
          params: idParams,
          querystring: secretListQuerySchema,
          response: { 200: secretListSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.read', async (s, m, w) => {
          await liveCustomer(s, request.params.id)
          const [rows, categories] = await Promise.all([
            s.forCustomer(request.params.id, request.query.status),
            s.categories(),
          ])
          await w.audit.record({
            actorUserId: m.actor.userId,
            actorLabel: m.actor.label,
            action: 'secrets.read_manual',
            targetType: 'customer',
            targetId: request.params.id,
            details: { view: 'list', status: request.query.status, count: rows.length },
          })
          return { secrets: rows.map((r) => presentSecret(r, categories)) }
        }),
    )

    app.post(
      '/api/customers/:id/secrets',
      {
        schema: {
          tags,
          summary: 'Record a secret heard from the customer or one of their people',
          params: idParams,
          body: secretInputSchema,
          response: { 201: secretSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const saved = await withSecrets(request, 'secrets.write', async (s, m, w) => {
          const id = await recordSecret(
            { secrets: s, audit: w.audit, clock: deps.clock, concepts: deps.concepts },
            { ...m.actor, name: m.user.name || m.user.email },
            { ...request.body, customerId: request.params.id },
          )
          return presentSecret((await s.get(id)) as SecretRow, await s.categories())
        })
        return reply.status(201).send(saved)
      },
    )

    app.patch(
      '/api/secrets/:id',
      {
        schema: {
          tags,
          summary: 'Change, confirm or mark outdated a secret (whoever recorded it, or an admin)',
          params: idParams,
          body: secretPatchSchema,
          response: { 200: secretSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.write', async (s, m, w) => {
          const existing = await s.get(request.params.id)
          if (!existing) throw notFound('secret_not_found')
          const { confirm, ...rest } = request.body
          // confirming what was heard again is open to every colleague; changing it is not
          if (Object.keys(rest).length > 0) assertMayEdit(m.actor, existing.recordedBy)
          const categories = await s.categories()
          if (rest.category && rest.category !== existing.category) {
            const customer = await liveCustomer(s, existing.customerId)
            checkCategory(
              categories,
              rest.category,
              existing.personId || customer.kind === 'person' ? 'person' : 'organisation',
              {
                workspaceAllows: (await s.settings()).sensitiveCategories,
                customerConsentAt: customer.sensitiveConsentAt,
              },
            )
          }
          const now = deps.clock.now()
          const patch: Record<string, unknown> = { ...rest }
          if (rest.text) patch.concepts = await deps.concepts.expand(rest.text)
          if (confirm) patch.lastConfirmedAt = now
          if (rest.status === 'outdated' && existing.status !== 'outdated') patch.outdatedAt = now
          if (rest.status === 'active') {
            patch.outdatedAt = null
            patch.supersededBy = null
          }
          await s.update(existing.id, patch)
          await w.audit.record({
            actorUserId: m.actor.userId,
            actorLabel: m.actor.label,
            action: 'secret.changed',
            targetType: 'secret',
            targetId: existing.id,
            details: { customerId: existing.customerId, fields: Object.keys(request.body) },
          })
          return presentSecret((await s.get(existing.id)) as SecretRow, categories)
        }),
    )

    app.delete(
      '/api/secrets/:id',
      {
        schema: {
          tags,
          summary: 'Delete a secret (whoever recorded it, or an admin)',
          params: idParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.write', async (s, m, w) => {
          const existing = await s.get(request.params.id)
          if (!existing) throw notFound('secret_not_found')
          assertMayEdit(m.actor, existing.recordedBy)
          await s.remove(existing.id)
          await w.audit.record({
            actorUserId: m.actor.userId,
            actorLabel: m.actor.label,
            action: 'secret.deleted',
            targetType: 'secret',
            targetId: existing.id,
            details: { customerId: existing.customerId, category: existing.category },
          })
          return { ok: true as const }
        }),
    )

    app.get(
      '/api/customers/:id/known',
      {
        schema: {
          tags,
          summary: '"What secrets do we know about this customer?" — compact, one query, audited',
          params: idParams,
          response: { 200: knownSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.read', async (s, m) => {
          const k = await s.known(request.params.id, {
            actorUserId: m.actor.userId,
            actorLabel: m.actor.label,
            action: 'secrets.read_known',
            ctx: requestContext(request),
          })
          if (!k) throw notFound('customer_not_found')
          const categories = allCategories(
            k.customCategories.map((c) => ({ ...c, sensitive: false, builtin: false, cues: [] })),
          )
          // an organisation's coverage counts what we know of its people too
          const cov = coverage(
            coverageCategoriesOf(categories, k.customer.kind, k.perCategory),
            k.perCategory,
            deps.clock.now(),
          )
          const label = (key: string) => categories.find((c) => c.key === key)?.label ?? key
          return {
            customer: { ...k.customer, tier: k.customer.tier as 'A' | 'B' | 'C' | null },
            activeCount: k.perCategory.reduce((a, g) => a + g.count, 0),
            coverageShare: coverageShare(cov),
            highlights: k.highlights.map((h) => ({
              ...h,
              categoryLabel: label(h.category),
              layer: h.layer as 'need' | 'secret',
              certainty: h.certainty as 'heard' | 'inferred' | 'second_hand',
            })),
            coverage: cov,
            people: k.people,
            family: k.family,
            lastEngagementAt: k.lastEngagementAt,
          }
        }),
    )

    app.get(
      '/api/customers/:id/next-questions',
      {
        schema: {
          tags,
          summary: 'The next questions to ask: categories with nothing known first, stale ones next',
          params: idParams,
          querystring: nextQuestionsQuerySchema,
          response: { 200: nextQuestionsSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.read', async (s) => {
          const customer = await liveCustomer(s, request.params.id)
          const q = request.query
          if (q.personId && !(await s.personOf(customer.id, q.personId))) {
            throw new DomainError('person_not_found', 'That person is not one of this customer’s people.')
          }
          const about = q.personId || customer.kind === 'person' ? 'person' : 'organisation'
          const [categories, settings, active, bank] = await Promise.all([
            s.categories(),
            s.settings(),
            s.forCustomer(customer.id, 'active'),
            s.questions(),
          ])
          // what we know about this person (or about the organisation itself)
          const mine = active.filter((x) => (q.personId ? x.personId === q.personId : x.personId === null))
          const applicable = categoriesFor(
            categories,
            about,
            settings.sensitiveCategories && !!customer.sensitiveConsentAt,
          )
          const cov = coverage(
            applicable,
            mine.map((x) => ({ category: x.category, lastConfirmedAt: new Date(x.lastConfirmedAt) })),
            deps.clock.now(),
          )
          const next = nextQuestions(cov, bank, {
            limit: q.limit,
            round: q.round,
            skip: q.skip ? q.skip.split(',').map((x) => x.trim()) : [],
          })
          const label = (key: string) => categories.find((c) => c.key === key)?.label ?? key
          return {
            about,
            questions: next.map((x) => ({ ...x, categoryLabel: label(x.category) })),
            coverage: cov,
          }
        }),
    )

    app.get(
      '/api/secrets/suggest-category',
      {
        schema: {
          tags,
          summary: 'The category the words suggest (the person can always choose another)',
          querystring: suggestQuerySchema,
          response: { 200: suggestSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.read', async (s) => ({
          category: suggestCategory(request.query.text, await s.categories(), request.query.about),
        })),
    )

    app.get(
      '/api/questions',
      {
        schema: {
          tags,
          summary: 'The question bank: good questions per category',
          response: { 200: questionListSchema, ...errorResponses },
        },
      },
      (request) => withSecrets(request, 'secrets.read', async (s) => ({ questions: await s.questions() })),
    )

    app.post(
      '/api/questions',
      {
        schema: {
          tags,
          summary: 'Add a question to the bank (admins)',
          body: questionInputSchema,
          response: { 201: questionSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const q = await withSecrets(request, 'secrets.manage_bank', async (s) => {
          if (!(await s.categories()).some((c) => c.key === request.body.category)) {
            throw new DomainError('invalid_input', `There is no category "${request.body.category}".`, {
              field: 'category',
            })
          }
          await s.questions() // the seed first, so a first edit does not replace it
          return s.addQuestion(request.body)
        })
        return reply.status(201).send(q)
      },
    )

    app.patch(
      '/api/questions/:id',
      {
        schema: {
          tags,
          summary: 'Reword or reorder a question (admins)',
          params: idParams,
          body: questionPatchSchema,
          response: { 200: questionSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.manage_bank', async (s) => {
          const q = await s.updateQuestion(request.params.id, request.body)
          if (!q) throw notFound('question_not_found')
          return q
        }),
    )

    app.delete(
      '/api/questions/:id',
      {
        schema: {
          tags,
          summary: 'Remove a question from the bank (admins)',
          params: idParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.manage_bank', async (s) => {
          if (!(await s.removeQuestion(request.params.id))) throw notFound('question_not_found')
          return { ok: true as const }
        }),
    )

    const checkPeople = async (
      s: SecretsStore,
      w: Scope,
      customerId: string,
      personIds: string[],
      userIds: string[],
    ) => {
      for (const pid of personIds) {
        if (!(await s.personOf(customerId, pid))) {
          throw new DomainError('person_not_found', 'One of the people is not this customer’s.', {
            field: 'personIds',
            id: pid,
          })
        }
      }
      if (userIds.length > 0) {
        const members = await w.store.listMembers()
        for (const uid of userIds) {
          if (!members.some((x) => x.userId === uid)) {
            throw new DomainError(
              'member_not_found',
              'One of the colleagues is not a member of this workspace.',
              {
                field: 'userIds',
                id: uid,
              },
            )
          }
        }
      }
    }

    app.get(
      '/api/customers/:id/engagements',
      {
        schema: {
          tags,
          summary: "The customer's engagements (meetings, calls, visits, messages), newest first",
          params: idParams,
          response: { 200: engagementListSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'customers.read', async (s, _m, w) => {
          await liveCustomer(s, request.params.id)
          const rows = await s.engagements(request.params.id)
          const counts = await w.trx
            .selectFrom('secret')
            .select(['engagementId', (eb) => eb.fn.countAll<number>().as('n')])
            .where('customerId', '=', request.params.id)
            .where('engagementId', 'is not', null)
            .groupBy('engagementId')
            .execute()
          return {
            engagements: rows.map((e) => ({
              ...e,
              occurredAt: new Date(e.occurredAt),
              channel: e.channel as 'meeting',
              createdByName: e.createdByName ?? null,
              secretCount: Number(counts.find((c) => c.engagementId === e.id)?.n ?? 0),
            })),
          }
        }),
    )

    app.post(
      '/api/customers/:id/engagements',
      {
        schema: {
          tags,
          summary: 'Log an engagement; secrets heard in it link to it',
          params: idParams,
          body: engagementInputSchema,
          response: { 201: engagementSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const b = request.body
        const e = await withSecrets(request, 'secrets.write', async (s, m, w) => {
          await liveCustomer(s, request.params.id)
          await checkPeople(s, w, request.params.id, b.personIds, b.userIds)
          const userIds = b.userIds.includes(m.user.id) ? b.userIds : [m.user.id, ...b.userIds]
          const id = await s.addEngagement({
            customerId: request.params.id,
            occurredAt: b.occurredAt ?? deps.clock.now(),
            channel: b.channel,
            summary: b.summary ?? null,
            notes: b.notes ?? null,
            personIds: b.personIds,
            userIds,
            createdBy: m.user.id,
          })
          const all = await s.engagements(request.params.id)
          return all.find((x) => x.id === id) as (typeof all)[number]
        })
        return reply.status(201).send({
          ...e,
          occurredAt: new Date(e.occurredAt),
          channel: e.channel as 'meeting',
          createdByName: e.createdByName ?? null,
          secretCount: 0,
        })
      },
    )

    app.patch(
      '/api/customers/:id/engagements/:engagementId',
      {
        schema: {
          tags,
          summary: 'Change an engagement',
          params: engagementParams,
          body: engagementPatchSchema,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.write', async (s, _m, w) => {
          await liveCustomer(s, request.params.id)
          await checkPeople(s, w, request.params.id, request.body.personIds ?? [], request.body.userIds ?? [])
          if (!(await s.updateEngagement(request.params.id, request.params.engagementId, request.body))) {
            throw notFound('engagement_not_found')
          }
          return { ok: true as const }
        }),
    )

    app.delete(
      '/api/customers/:id/engagements/:engagementId',
      {
        schema: {
          tags,
          summary: 'Remove an engagement (its secrets stay, unlinked)',
          params: engagementParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      (request) =>
        withSecrets(request, 'secrets.write', async (s) => {
          if (!(await s.removeEngagement(request.params.id, request.params.engagementId))) {
            throw notFound('engagement_not_found')
          }
          return { ok: true as const }
        }),
    )
  }
