import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  customerMomentsSchema,
  momentListSchema,
  momentSchema,
  momentScoreboardSchema,
  momentsFoundSchema,
} from '../../../schemas/moments.schemas.ts'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

/** A moment as the API sends it (dates as ISO text). */
export type Moment = z.input<typeof momentSchema>
type MomentList = z.input<typeof momentListSchema>
export type MomentFilter = { owner: string; status: 'open' | 'closed' | 'all' }

const enc = encodeURIComponent
export const momentsKey = (slug: string) => ['workspace', slug, 'moments'] as const

/** "My moments" (or the team's, for a leader), soonest first, with the counts. */
export const useMoments = (f: MomentFilter) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...momentsKey(slug), 'list', f.owner, f.status],
    queryFn: ({ signal }) =>
      api<MomentList>(`/moments?${new URLSearchParams({ owner: f.owner, status: f.status })}`, {
        workspace: slug,
        signal,
      }),
  })
}

/** One customer's moments, for its page. */
export const useCustomerMoments = (customerId: string) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...momentsKey(slug), 'customer', customerId],
    queryFn: ({ signal }) =>
      api<z.input<typeof customerMomentsSchema>>(`/customers/${enc(customerId)}/moments`, {
        workspace: slug,
        signal,
      }),
  })
}

/** The scoreboard's figures: due, acted on in time, missed. */
export const useMomentScoreboard = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...momentsKey(slug), 'scoreboard'],
    queryFn: ({ signal }) =>
      api<z.input<typeof momentScoreboardSchema>>('/moments/scoreboard', { workspace: slug, signal }),
  })
}

/** Done (with a note of what was done) or dismissed; every list of moments is read again. */
export const useCloseMoment = (how: 'act' | 'dismiss') => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string | null }) =>
      api<Moment>(`/moments/${enc(id)}/${how}`, { method: 'POST', body: { note }, workspace: slug }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: momentsKey(slug) }),
  })
}

/** Looks for moments now (the daily job does it too). */
export const useRefreshMoments = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () =>
      api<z.input<typeof momentsFoundSchema>>('/moments/refresh', { method: 'POST', workspace: slug }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: momentsKey(slug) }),
  })
}
