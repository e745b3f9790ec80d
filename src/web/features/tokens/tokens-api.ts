import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../app/api.ts'
import type { ApiToken, CreatedApiToken, Role } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

export const tokensKey = (slug: string) => ['workspace', slug, 'tokens'] as const

export const useTokens = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: tokensKey(slug),
    queryFn: ({ signal }) =>
      api<{ tokens: ApiToken[] }>('/workspace/tokens', { workspace: slug, signal }).then((r) => r.tokens),
  })
}

export interface CreateTokenInput {
  name: string
  role?: Role
  expiresInDays?: number | null
}

export const useCreateToken = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: CreateTokenInput) =>
      api<CreatedApiToken>('/workspace/tokens', { method: 'POST', body: input, workspace: slug }),
    onSettled: () => qc.invalidateQueries({ queryKey: tokensKey(slug) }),
  })
}

export const useRevokeToken = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      api<unknown>(`/workspace/tokens/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        body: {},
        workspace: slug,
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: tokensKey(slug) }),
  })
}

export type TokenStatus = 'active' | 'revoked' | 'expired'
export const tokenStatus = (t: ApiToken, now = Date.now()): TokenStatus =>
  t.revokedAt ? 'revoked' : t.expiresAt && new Date(t.expiresAt).getTime() <= now ? 'expired' : 'active'
