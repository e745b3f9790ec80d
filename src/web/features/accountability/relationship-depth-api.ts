import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  customerDepthSchema,
  depthOverviewSchema,
  markClueSchema,
} from '../../../schemas/relationship-depth.schemas.ts'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation } from '../../app/workspace-mutation.ts'

// What travels on the wire: z.input (timestamps as ISO text), not the server's parsed z.infer (Date).
export type CustomerDepth = z.input<typeof customerDepthSchema>
export type ClueMark = CustomerDepth['marks'][number]
export type DepthOverview = z.input<typeof depthOverviewSchema>
export type AccountDepth = DepthOverview['all'][number]
export type MarkClue = z.input<typeof markClueSchema>

const enc = encodeURIComponent
const depthKey = (slug: string, customerId: string) => ['workspace', slug, 'depth', customerId] as const
const overviewKey = (slug: string) => ['workspace', slug, 'depth', '*overview'] as const

export const useCustomerDepth = (customerId: string) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: depthKey(slug, customerId),
    queryFn: ({ signal }) =>
      api<CustomerDepth>(`/customers/${enc(customerId)}/depth`, { workspace: slug, signal }),
  })
}

export const useMarkClue = (customerId: string) =>
  useWorkspaceMutation<MarkClue, CustomerDepth>(
    (body) => ({ path: `/customers/${enc(customerId)}/depth`, method: 'POST', body }),
    {
      onSuccess: (depth, _v, { slug, qc }) => qc.setQueryData(depthKey(slug, customerId), depth),
      refresh: (slug) => overviewKey(slug),
      refreshOnlyOnSuccess: true,
    },
  )

export const useDepthOverview = (enabled: boolean) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: overviewKey(slug),
    enabled,
    queryFn: ({ signal }) => api<DepthOverview>('/depth', { workspace: slug, signal }),
  })
}
