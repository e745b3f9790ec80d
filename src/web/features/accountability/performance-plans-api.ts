import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  performancePlanInputSchema,
  performancePlanListSchema,
  performancePlanPatchSchema,
  performancePlanSchema,
} from '../../../schemas/performance-plans.schemas.ts'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation } from '../../app/workspace-mutation.ts'

export type PerformancePlan = z.input<typeof performancePlanSchema>
export type PerformancePlanList = z.input<typeof performancePlanListSchema>
export type PerformancePlanInput = z.input<typeof performancePlanInputSchema>
export type PerformancePlanPatch = z.input<typeof performancePlanPatchSchema>

export const plansKey = (slug: string) => ['workspace', slug, 'performance-plans'] as const

/** My plans, my team's leaders' plans, and whom I may set one for (leaders and admins). */
export const usePerformancePlans = (enabled = true) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: plansKey(slug),
    enabled,
    queryFn: ({ signal }) => api<PerformancePlanList>('/performance-plans', { workspace: slug, signal }),
  })
}

export const useSetPlan = () =>
  useWorkspaceMutation<PerformancePlanInput, PerformancePlan>(
    (body) => ({ path: '/performance-plans', method: 'POST', body }),
    { refresh: (slug) => plansKey(slug) },
  )

export const useChangePlan = (id: string) =>
  useWorkspaceMutation<PerformancePlanPatch, PerformancePlan>(
    (body) => ({ path: `/performance-plans/${encodeURIComponent(id)}`, method: 'PATCH', body }),
    { refresh: (slug) => plansKey(slug) },
  )

export const useClosePlan = (id: string) =>
  useWorkspaceMutation<void, PerformancePlan>(
    () => ({ path: `/performance-plans/${encodeURIComponent(id)}/close`, method: 'POST' }),
    { refresh: (slug) => plansKey(slug) },
  )
