import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, downloadFile } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

export interface Erasure {
  ok: true
  erasedAt: string
  counts: {
    secrets: number
    engagements: number
    people: number
    relations: number
    purchasesAnonymised: number
    oopsAnonymised: number
  }
}

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
