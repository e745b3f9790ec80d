import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  concentrationSchema,
  GoalInputBody,
  goalSchema,
  goalViewSchema,
  groupListSchema,
  growthAnswerSchema,
} from '../../../schemas/growth.schemas.ts'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation } from '../../app/workspace-mutation.ts'

export type GoalView = z.input<typeof goalViewSchema>
export type Goal = z.input<typeof goalSchema>
export type GroupList = z.input<typeof groupListSchema>
export type GrowthAnswer = z.input<typeof growthAnswerSchema>

export const useGrowthGoal = (enabled: boolean) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: ['workspace', slug, 'growth', 'goal'],
    enabled,
    queryFn: ({ signal }) => api<GoalView>('/growth/goal', { workspace: slug, signal }),
  })
}

export const useGrowthGroups = (enabled: boolean) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: ['workspace', slug, 'growth', 'groups'],
    enabled,
    queryFn: ({ signal }) => api<GroupList>('/growth/groups', { workspace: slug, signal }),
  })
}

/** The answer for one group against the active goal (asked again whenever the goal changes). */
export const useGrowthAnswer = (group: string | null, goalId: string | null) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: ['workspace', slug, 'growth', 'answer', group, goalId],
    enabled: group !== null && goalId !== null,
    queryFn: ({ signal }) =>
      api<GrowthAnswer>(`/growth/answer?group=${encodeURIComponent(group ?? '')}`, {
        workspace: slug,
        signal,
      }),
  })
}

export const useSetGoal = () =>
  useWorkspaceMutation<GoalInputBody, Goal>((body) => ({ path: '/growth/goal', method: 'PUT', body }), {
    refresh: (slug) => [['workspace', slug, 'growth']],
  })

export type Concentration = z.input<typeof concentrationSchema>

/** Too much from too few? The top-10 share and HHI of the last 8 quarters. */
export const useConcentration = (enabled: boolean) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: ['workspace', slug, 'growth', 'concentration'],
    enabled,
    queryFn: ({ signal }) => api<Concentration>('/growth/concentration', { workspace: slug, signal }),
  })
}
