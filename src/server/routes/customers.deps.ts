import { z } from 'zod'
import type { CustomersDeps } from '../../domain/customers/ports.ts'
import type { WorkspaceContext } from '../workspace-route.ts'

export const customerIdParams = z.object({ id: z.string().min(1).max(100) }).strict()

/** The ports of the customers use-cases, from a workspace route's context. */
export const customersDeps = (w: WorkspaceContext): CustomersDeps => ({
  customers: w.stores.customers,
  value: w.stores.value,
  audit: w.audit,
  clock: w.clock,
})
