import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { addPerson, changePerson, removePerson } from '../../domain/customers/add-person.ts'
import { addRelation, removeRelation } from '../../domain/customers/add-relation.ts'
import { errorResponses, okSchema } from '../../schemas/common.schemas.ts'
import {
  personInputSchema,
  personSchema,
  relationInputSchema,
  relationSchema,
} from '../../schemas/customers.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { workspaceRoute } from '../workspace-route.ts'
import { customerIdParams, customersDeps } from './customers.deps.ts'

const tags = ['customers']
const personParams = customerIdParams.extend({ personId: z.string().min(1).max(100) }).strict()
const relationParams = customerIdParams.extend({ relationId: z.string().min(1).max(100) }).strict()

/** A customer's people (decision makers, contacts) and family, known by name. */
export const customerPeopleRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)

    app.post(
      '/api/customers/:id/people',
      {
        schema: {
          tags,
          summary: 'Add a person (decision maker) to a customer',
          params: customerIdParams,
          body: personInputSchema,
          response: { 201: personSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const person = await inWorkspace(request, 'customers.write', (w) =>
          addPerson(customersDeps(w), w.actor, request.params.id, request.body),
        )
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
      (request) =>
        inWorkspace(request, 'customers.write', (w) =>
          changePerson(customersDeps(w), w.actor, request.params.id, request.params.personId, request.body),
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
      (request) =>
        inWorkspace(request, 'customers.write', async (w) => {
          await removePerson(customersDeps(w), w.actor, request.params.id, request.params.personId)
          return { ok: true as const }
        }),
    )

    app.post(
      '/api/customers/:id/relations',
      {
        schema: {
          tags,
          summary: 'Add family or a key person (spouse, children by name, assistant…)',
          params: customerIdParams,
          body: relationInputSchema,
          response: { 201: relationSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const relation = await inWorkspace(request, 'customers.write', (w) =>
          addRelation(customersDeps(w), w.actor, request.params.id, request.body),
        )
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
      (request) =>
        inWorkspace(request, 'customers.write', async (w) => {
          await removeRelation(customersDeps(w), w.actor, request.params.id, request.params.relationId)
          return { ok: true as const }
        }),
    )
  }
