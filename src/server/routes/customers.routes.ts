import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { changeCustomer } from '../../domain/customers/change-customer.ts'
import { createCustomer } from '../../domain/customers/create-customer.ts'
import {
  listCustomers,
  readCustomer,
  readPurchases,
  readRevenueByMonth,
} from '../../domain/customers/read-customer.ts'
import { errorResponses } from '../../schemas/common.schemas.ts'
import {
  customerDetailSchema,
  customerInputSchema,
  customerListQuerySchema,
  customerListSchema,
  customerPatchSchema,
  pageQuerySchema,
  purchasePageSchema,
  revenueByMonthSchema,
} from '../../schemas/customers.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { workspaceRoute } from '../workspace-route.ts'
import { customerPeopleRoutes } from './customer-people.routes.ts'
import { customerIdParams, customersDeps } from './customers.deps.ts'
import { presentCustomer, presentCustomerPage } from './customers.presenters.ts'

const tags = ['customers']
/** Customers: the list, a customer's page, purchases and revenue; their people and family beside. */
export const customerRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const inWorkspace = workspaceRoute(deps)
    /** reads that may be a moment old: the replica's, when there is one (read-your-writes kept) */
    const readInWorkspace = workspaceRoute(deps, { reads: 'replica' })
    await app.register(customerPeopleRoutes(deps))

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
      (request) =>
        readInWorkspace(request, 'customers.read', async (w) =>
          presentCustomerPage(await listCustomers(customersDeps(w), w.actor, request.query)),
        ),
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
        const detail = await inWorkspace(request, 'customers.write', async (w) =>
          presentCustomer(await createCustomer(customersDeps(w), w.actor, request.body)),
        )
        return reply.status(201).send(detail)
      },
    )

    app.get(
      '/api/customers/:id',
      {
        schema: {
          tags,
          summary: 'A customer with value figures, people and family',
          params: customerIdParams,
          response: { 200: customerDetailSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'customers.read', async (w) =>
          presentCustomer(await readCustomer(customersDeps(w), w.actor, request.params.id)),
        ),
    )

    app.patch(
      '/api/customers/:id',
      {
        schema: {
          tags,
          summary: 'Change a customer',
          params: customerIdParams,
          body: customerPatchSchema,
          response: { 200: customerDetailSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'customers.write', async (w) =>
          presentCustomer(await changeCustomer(customersDeps(w), w.actor, request.params.id, request.body)),
        ),
    )

    app.get(
      '/api/customers/:id/purchases',
      {
        schema: {
          tags,
          summary: "A customer's purchase lines, newest first",
          params: customerIdParams,
          querystring: pageQuerySchema,
          response: { 200: purchasePageSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'customers.read', (w) =>
          readPurchases(customersDeps(w), w.actor, request.params.id, request.query),
        ),
    )

    app.get(
      '/api/customers/:id/revenue-by-month',
      {
        schema: {
          tags,
          summary: "A customer's revenue and orders per month",
          params: customerIdParams,
          response: { 200: revenueByMonthSchema, ...errorResponses },
        },
      },
      (request) =>
        inWorkspace(request, 'customers.read', (w) =>
          readRevenueByMonth(customersDeps(w), w.actor, request.params.id),
        ),
    )
  }
