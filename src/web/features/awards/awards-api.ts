import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  awardKindSchema,
  awardListSchema,
  awardSchema,
  candidateSchema,
  candidatesSchema,
  decideAwardInputSchema,
  nominationInputSchema,
} from '../../../schemas/awards.schemas.ts'
import type { feedPageSchema } from '../../../schemas/feed.schemas.ts'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation } from '../../app/workspace-mutation.ts'

export type AwardKind = z.infer<typeof awardKindSchema>
export type Award = z.input<typeof awardSchema>
export type Candidate = z.input<typeof candidateSchema>
export type Candidates = z.input<typeof candidatesSchema>
export type AwardList = z.input<typeof awardListSchema>
type FeedPage = z.input<typeof feedPageSchema>

const key = (slug: string) => ['workspace', slug, 'awards'] as const

/** The history of awards (one person's with `userId`), and the periods now running. */
export const useAwards = (userId?: string) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...key(slug), 'list', userId ?? null],
    queryFn: ({ signal }) =>
      api<AwardList>(`/awards${userId ? `?userId=${encodeURIComponent(userId)}` : ''}`, {
        workspace: slug,
        signal,
      }),
  })
}

export const useCandidates = (kind: AwardKind, period: string | null) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...key(slug), 'candidates', kind, period],
    enabled: !!period,
    queryFn: ({ signal }) =>
      api<Candidates>(`/awards/candidates?kind=${kind}&period=${period}`, { workspace: slug, signal }),
  })
}

/** The latest secrets of the workspace, to nominate one of them. */
export const useRecentSecrets = (enabled: boolean) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: ['workspace', slug, 'feed', 'for-nomination'],
    enabled,
    queryFn: ({ signal }) => api<FeedPage>('/secrets/feed?limit=100', { workspace: slug, signal }),
  })
}

export const useNominate = () =>
  useWorkspaceMutation(
    (body: z.input<typeof nominationInputSchema>) => ({
      path: '/awards/nominations',
      method: 'POST',
      body,
    }),
    { refresh: (slug) => key(slug) },
  )

export const useDecideAward = () =>
  useWorkspaceMutation<z.input<typeof decideAwardInputSchema>, Award>(
    (body) => ({ path: '/awards', method: 'POST', body }),
    { refresh: (slug) => key(slug) },
  )
