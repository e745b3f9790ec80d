import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type { createdWallLinkSchema, WallViewWire, wallLinkSchema } from '../../../schemas/wall.schemas.ts'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation } from '../../app/workspace-mutation.ts'

export type WallLink = z.input<typeof wallLinkSchema>
export type CreatedWallLink = z.input<typeof createdWallLinkSchema>
export type WallView = WallViewWire

export const wallLinksKey = (slug: string) => ['workspace', slug, 'wall-links'] as const
export const wallSettingsKey = (slug: string) => ['workspace', slug, 'wall-settings'] as const

/** Where a link's wall opens: a page outside the signed-in shell. */
export const wallUrl = (token: string) => `${window.location.origin}/wall/${encodeURIComponent(token)}`

export const useWallLinks = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: wallLinksKey(slug),
    queryFn: ({ signal }) =>
      api<{ links: WallLink[] }>('/workspace/wall-links', { workspace: slug, signal }).then((r) => r.links),
  })
}

export const useCreateWallLink = () =>
  useWorkspaceMutation<{ name: string; expiresInDays?: number | null }, CreatedWallLink>(
    (body) => ({ path: '/workspace/wall-links', method: 'POST', body }),
    { refresh: wallLinksKey },
  )

export const useRevokeWallLink = () =>
  useWorkspaceMutation<string, unknown>(
    (id) => ({ path: `/workspace/wall-links/${encodeURIComponent(id)}`, method: 'DELETE' }),
    { refresh: wallLinksKey },
  )

export const useWallSettings = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: wallSettingsKey(slug),
    queryFn: ({ signal }) =>
      api<{ showSecrets: boolean }>('/workspace/wall-settings', { workspace: slug, signal }),
  })
}

export const useChangeWallSettings = () =>
  useWorkspaceMutation<{ showSecrets: boolean }, { showSecrets: boolean }>(
    (body) => ({ path: '/workspace/wall-settings', method: 'PUT', body }),
    { refresh: wallSettingsKey },
  )

export { credentialStatus as wallLinkStatus } from '../../ui/credential-status.tsx'
