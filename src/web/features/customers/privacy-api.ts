import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, readAnswer } from '../../app/api.ts'
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
export const downloadCustomerExport = async (slug: string, id: string) => {
  const res = await fetch(`/api/customers/${encodeURIComponent(id)}/export`, {
    headers: { 'x-dazzle-workspace': slug, accept: 'application/json' },
    credentials: 'same-origin',
  })
  if (!res.ok) readAnswer(res.status, res.statusText, await res.text())
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'customer.json'
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
  return name
}

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
