import type { z } from 'zod'
import type { erasureSchema } from '../../../schemas/privacy.schemas.ts'
import { downloadFile } from '../../app/api.ts'
import { useWorkspaceMutation } from '../../app/workspace-mutation.ts'

/** What an erasure removed and kept, by counts: the API's answer. */
export type Erasure = z.infer<typeof erasureSchema>

/**
 * Everything held about a customer as a JSON file. The export needs the workspace header, so it is
 * fetched and handed to the browser as a download, under the name the server chose.
 */
export const downloadCustomerExport = (slug: string, id: string) =>
  downloadFile(`/customers/${encodeURIComponent(id)}/export`, {
    workspace: slug,
    accept: 'application/json',
    fallbackName: 'customer.json',
  })

export const useEraseCustomer = (id: string) =>
  useWorkspaceMutation<string, Erasure>(
    (confirm) => ({ path: `/customers/${encodeURIComponent(id)}/erase`, method: 'POST', body: { confirm } }),
    // the customer, its lists, its secrets and the value page all change
    { refresh: (slug) => ['workspace', slug], refreshOnlyOnSuccess: true },
  )
