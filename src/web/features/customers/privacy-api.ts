import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { erasureSchema } from '../../../schemas/privacy.schemas.ts'
import { api, downloadFile } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

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

export const useEraseCustomer = (id: string) => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (confirm: string) =>
      api<Erasure>(`/customers/${encodeURIComponent(id)}/erase`, {
        method: 'POST',
        workspace: slug,
        body: { confirm },
      }),
    // the customer, its lists, its secrets and the value page all change
    onSuccess: () => qc.invalidateQueries({ queryKey: ['workspace', slug] }),
  })
}
