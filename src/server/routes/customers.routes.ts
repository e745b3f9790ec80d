import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { customersStore } from '../../db/customers.store.ts'
import { recomputeValue } from '../../db/value.store.ts'
import { DomainError } from '../../domain/errors.ts'
import { authorize } from '../../domain/workspaces/roles.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import {
  customerDetailSchema,
  customerInputSchema,
  customerListQuerySchema,
  customerListSchema,
  customerPatchSchema,
  pageQuerySchema,
  personInputSchema,
  personSchema,
  purchasePageSchema,
  relationInputSchema,
  relationSchema,
  revenueByMonthSchema,
} from '../../schemas/customers.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'
import { requireMember } from '../principal.ts'

const tags = ['customers']
const idParams = z.object({ id: z.string().min(1).max(100) }).strict()
const personParams = idParams.extend({ personId: z.string().min(1).max(100) }).strict()
const relationParams = idParams.extend({ relationId: z.string().min(1).max(100) }).strict()

/** A customer's external id (the key imports match on) belongs to one customer only. */
const assertExternalIdFree = async (
  s: ReturnType<typeof customersStore>,
  externalId: string | null | undefined,
  exceptId?: string,
) => {
  if (externalId && (await s.externalIdTaken(externalId, exceptId))) {
    throw new DomainError('external_id_taken', `Another customer already has the id ${externalId}.`)
  }
}

/** A customer's owner is one of the workspace's people: nobody else may be shown as having them. */
const assertOwnerIsMember = async (
  s: ReturnType<typeof customersStore>,
  ownerUserId: string | null | undefined,
  current?: string | null,
) => {
  // the owner it already has may be sent back unchanged, even after they left the workspace
  if (ownerUserId && ownerUserId !== current && !(await s.isMember(ownerUserId))) {
    throw new DomainError('member_not_found', 'The owner must be a member of this workspace.', {
      field: 'ownerUserId',
    })
  }
}

/** An erased customer is kept for its revenue figures only: nothing is added to it or changed on it. */
const live = <T extends { erasedAt: Date | null }>(c: T): T => {
  if (c.erasedAt) {
    throw new DomainError(
      'invalid_input',
      'This customer was erased on request: it is kept, anonymised, for the revenue figures only and cannot be changed.',
    )
  }
  return c
}

export const customerRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** the caller as a member allowed to `action`, and the customers of their workspace */
    const withCustomers = async <T>(
      request: Parameters<typeof requireMember>[1],
      action: 'customers.read' | 'customers.write',
      fn: (
        s: ReturnType<typeof customersStore>,
        w: Parameters<Parameters<typeof runInWorkspace>[3]>[0],
      ) => Promise<T>,
    ) => {
      const p = await requireMember(deps, request)
      authorize(p.actor, action)
      return runInWorkspace(deps, request, p.workspace.id, (w) =>
        fn(customersStore(w.trx, p.workspace.id), w),
      )
    }
    const found = <T>(
      x: T | null | undefined,
      code: 'customer_not_found' | 'person_not_found' | 'relation_not_found',
    ) => {
      if (!x) {
        const what = {
          customer_not_found: 'customer',
          person_not_found: 'person',
          relation_not_found: 'relation',
        }[code]
        throw new DomainError(code, `No such ${what} in this workspace.`)
      }
      return x
    }

    app.get(
      '/api/customers',
      {
        schema: {
          tags,
          summary: 'Customers, paged on the server, sortable by value, filterable by tier, segment and owner',
          querystring: customerListQuerySchema,
          response: { 200: customerListSchema, ...errorResponses },
        },
      },
      async (request) => withCustomers(request, 'customers.read', (s) => s.list(request.query)),
    )

    app.post(
      '/api/customers',
      {
        schema: {
          tags,
          summary: 'Add a customer (a person or an organisation)',
          body: customerInputSchema,
          response: { 201: customerDetailSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const detail = await withCustomers(request, 'customers.write', async (s, w) => {
          await assertExternalIdFree(s, request.body.externalId)
          await assertOwnerIsMember(s, request.body.ownerUserId)
          const id = await s.create(request.body)
          // one more customer changes counts and shares: ranks, tiers and the report are worked out
          // again (a new customer has no purchases: nobody's sums change)
          await recomputeValue(w.trx, s.workspaceId, deps.clock.now(), undefined, [])
          return s.get(id)
        })
        return reply.status(201).send(found(detail, 'customer_not_found'))
      },
    )

    app.get(
      '/api/customers/:id',
      {
        schema: {
          tags,
          summary: 'A customer with value figures, people and family',
          params: idParams,
          response: { 200: customerDetailSchema, ...errorResponses },
        },
      },
      async (request) =>
        found(
          await withCustomers(request, 'customers.read', (s) => s.get(request.params.id)),
          'customer_not_found',
        ),
    )

    app.patch(
      '/api/customers/:id',
      {
        schema: {
          tags,
          summary: 'Change a customer',
          params: idParams,
          body: customerPatchSchema,
          response: { 200: customerDetailSchema, ...errorResponses },
        },
      },
      async (request) =>
        found(
          await withCustomers(request, 'customers.write', async (s) => {
            const id = request.params.id
            const current = live(found(await s.get(id), 'customer_not_found'))
            await assertExternalIdFree(s, request.body.externalId, id)
            await assertOwnerIsMember(s, request.body.ownerUserId, current.ownerUserId)
            found(await s.update(id, request.body), 'customer_not_found')
            return s.get(id)
          }),
          'customer_not_found',
        ),
    )

    app.get(
      '/api/customers/:id/purchases',
      {
        schema: {
          tags,
          summary: "A customer's purchase lines, newest first",
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: purchasePageSchema, ...errorResponses },
        },
      },
      async (request) =>
        withCustomers(request, 'customers.read', async (s) => {
          found(await s.get(request.params.id), 'customer_not_found')
          return s.purchases(request.params.id, request.query.page, request.query.pageSize)
        }),
    )

    app.get(
      '/api/customers/:id/revenue-by-month',
      {
        schema: {
          tags,
          summary: "A customer's revenue and orders per month",
          params: idParams,
          response: { 200: revenueByMonthSchema, ...errorResponses },
        },
      },
      async (request) =>
        withCustomers(request, 'customers.read', async (s) => {
          found(await s.get(request.params.id), 'customer_not_found')
          return s.revenueByMonth(request.params.id)
        }),
    )

    app.post(
      '/api/customers/:id/people',
      {
        schema: {
          tags,
          summary: 'Add a person (decision maker) to a customer',
          params: idParams,
          body: personInputSchema,
          response: { 201: personSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const person = await withCustomers(request, 'customers.write', async (s) => {
          live(found(await s.get(request.params.id), 'customer_not_found'))
          return s.addPerson(request.params.id, request.body)
        })
        return reply.status(201).send(person)
      },
    )

    app.patch(
      '/api/customers/:id/people/:personId',
      {
        schema: {
          tags,
          summary: 'Change a person of a customer',
          params: personParams,
          body: personInputSchema
            .partial()
            .strict()
            .refine((b) => Object.keys(b).length > 0, 'Send at least one of name, title, email, phone.'),
          response: { 200: personSchema, ...errorResponses },
        },
      },
      async (request) =>
        found(
          await withCustomers(request, 'customers.write', (s) =>
            s.updatePerson(request.params.id, request.params.personId, request.body),
          ),
          'person_not_found',
        ),
    )

    app.delete(
      '/api/customers/:id/people/:personId',
      {
        schema: {
          tags,
          summary: 'Remove a person from a customer',
          params: personParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      async (request) => {
        found(
          await withCustomers(request, 'customers.write', (s) =>
            s.removePerson(request.params.id, request.params.personId),
          ),
          'person_not_found',
        )
        return { ok: true as const }
      },
    )

    app.post(
      '/api/customers/:id/relations',
      {
        schema: {
          tags,
          summary: 'Add family or a key person (spouse, children by name, assistant…)',
          params: idParams,
          body: relationInputSchema,
          response: { 201: relationSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const relation = await withCustomers(request, 'customers.write', async (s) => {
          live(found(await s.get(request.params.id), 'customer_not_found'))
          if (request.body.personId && !(await s.personBelongs(request.params.id, request.body.personId))) {
            throw new DomainError('person_not_found', 'That person does not belong to this customer.')
          }
          return s.addRelation(request.params.id, request.body)
        })
        return reply.status(201).send(relation)
      },
    )

    app.delete(
      '/api/customers/:id/relations/:relationId',
      {
        schema: {
          tags,
          summary: 'Remove a relation',
          params: relationParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      async (request) => {
        found(
          await withCustomers(request, 'customers.write', (s) =>
            s.removeRelation(request.params.id, request.params.relationId),
          ),
          'relation_not_found',
        )
        return { ok: true as const }
      },
    )
  }
