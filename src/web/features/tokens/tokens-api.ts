import { useQuery } from '@tanstack/react-query'
import { api } from '../../app/api.ts'
import type { ApiToken, CreatedApiToken, Role } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation } from '../../app/workspace-mutation.ts'

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

export const useCreateToken = () =>
  useWorkspaceMutation<CreateTokenInput, CreatedApiToken>(
    (body) => ({ path: '/workspace/tokens', method: 'POST', body }),
    { refresh: tokensKey },
  )

export const useRevokeToken = () =>
  useWorkspaceMutation<string, unknown>(
    (id) => ({ path: `/workspace/tokens/${encodeURIComponent(id)}`, method: 'DELETE' }),
    { refresh: tokensKey },
  )

export { credentialStatus as tokenStatus } from '../../ui/credential-status.tsx'
