import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, api } from './api.ts'
import type { Me, Membership } from './types.ts'

export const meKey = (slug?: string) => ['me', slug ?? null] as const

/** Who is signed in (null when nobody), in the context of a workspace when a slug is given. */
export const fetchMe = async (slug?: string): Promise<Me | null> => {
  // ask better-auth first: it answers 200 `null` when signed out, so a signed-out visit logs no 401
  const session = await api<{ user: unknown } | null>('/auth/get-session')
  if (!session) return null
  try {
    return await api<Me>('/me', { workspace: slug })
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null
    throw e
  }
}

export const useMe = (slug?: string) => useQuery({ queryKey: meKey(slug), queryFn: () => fetchMe(slug) })

export interface SignInInput {
  email: string
  password: string
}
export interface SignUpInput extends SignInInput {
  name: string
}

export const signIn = (input: SignInInput) =>
  api<unknown>('/auth/sign-in/email', { method: 'POST', body: input })
export const signUp = (input: SignUpInput) =>
  api<unknown>('/auth/sign-up/email', { method: 'POST', body: input })
export const createWorkspace = (name: string) =>
  api<Membership>('/workspaces', { method: 'POST', body: { name } })

export const useSignOut = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => api<unknown>('/auth/sign-out', { method: 'POST', body: {} }),
    onSettled: () => {
      qc.clear()
    },
  })
}

/** Where to go after signing in: a same-origin path from `?next=`, else the home redirect. */
export const safeNext = (next: string | null): string =>
  next?.startsWith('/') && !next.startsWith('//') ? next : '/'
