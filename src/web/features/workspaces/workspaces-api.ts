import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { myTeamSchema } from '../../../schemas/workspaces.schemas.ts'
import { api } from '../../app/api.ts'
import type { CreatedInvitation, Invitation, Member, Role } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation } from '../../app/workspace-mutation.ts'

export const membersKey = (slug: string) => ['workspace', slug, 'members'] as const
export const invitationsKey = (slug: string) => ['workspace', slug, 'invitations'] as const
export const teamKey = (slug: string) => ['workspace', slug, 'team'] as const

/** `GET /api/workspace/team`: who I report to, and everyone who reports to me (nearest first). */
export type MyTeam = z.input<typeof myTeamSchema>

export const useMyTeam = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: teamKey(slug),
    queryFn: ({ signal }) => api<MyTeam>('/workspace/team', { workspace: slug, signal }),
  })
}

/** An admin says who a member reports to; null: nobody. */
export const useSetLeader = () =>
  useWorkspaceMutation<{ userId: string; leaderUserId: string | null }, Member>(
    ({ userId, leaderUserId }) => ({
      path: `/workspace/members/${encodeURIComponent(userId)}/leader`,
      method: 'PUT',
      body: { leaderUserId },
    }),
    { refresh: (slug) => [membersKey(slug), teamKey(slug)] },
  )

export const useMembers = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: membersKey(slug),
    queryFn: ({ signal }) =>
      api<{ members: Member[] }>('/workspace/members', { workspace: slug, signal }).then((r) => r.members),
  })
}

export const useInvitations = (enabled: boolean) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: invitationsKey(slug),
    enabled,
    queryFn: ({ signal }) =>
      api<{ invitations: Invitation[] }>('/workspace/invitations', { workspace: slug, signal }).then(
        (r) => r.invitations,
      ),
  })
}

export const useChangeRole = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api<unknown>(`/workspace/members/${encodeURIComponent(userId)}`, {
        method: 'PATCH',
        body: { role },
        workspace: slug,
      }),
    // optimistic: the Select shows the new role at once, and rolls back if refused
    onMutate: async ({ userId, role }) => {
      await qc.cancelQueries({ queryKey: membersKey(slug) })
      const previous = qc.getQueryData<Member[]>(membersKey(slug))
      qc.setQueryData<Member[]>(membersKey(slug), (list) =>
        list?.map((m) => (m.userId === userId ? { ...m, role } : m)),
      )
      return { previous }
    },
    onError: (_e, _v, context) => {
      if (context?.previous) qc.setQueryData(membersKey(slug), context.previous)
    },
    onSettled: () => {
      qc.invalidateQueries({ queryKey: membersKey(slug) })
      qc.invalidateQueries({ queryKey: ['me'] })
    },
  })
}

export const useRemoveMember = () =>
  useWorkspaceMutation<string, unknown>(
    (userId) => ({ path: `/workspace/members/${encodeURIComponent(userId)}`, method: 'DELETE' }),
    { refresh: (slug) => [membersKey(slug), ['me']] },
  )

export const useInvite = () =>
  useWorkspaceMutation<{ email: string; role: Role }, CreatedInvitation>(
    (body) => ({ path: '/workspace/invitations', method: 'POST', body }),
    { refresh: invitationsKey },
  )

export const useRevokeInvitation = () =>
  useWorkspaceMutation<string, unknown>(
    (id) => ({ path: `/workspace/invitations/${encodeURIComponent(id)}`, method: 'DELETE' }),
    { refresh: invitationsKey },
  )
