import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, downloadFile } from '../../app/api.ts'
import type { CustomerList, CustomerSummary } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation, type WorkspaceRequest } from '../../app/workspace-mutation.ts'
import type {
  ConsentState,
  Engagement,
  EngagementInput,
  Known,
  NextQuestions,
  Question,
  Secret,
  SecretCategory,
  SecretInput,
  SecretPatch,
  SecretsManual,
} from './secrets-types.ts'

const enc = encodeURIComponent
const customerBase = (id: string) => `/customers/${enc(id)}`

/** Everything the secrets layer caches for the workspace. */
export const secretsKey = (slug: string) => ['workspace', slug, 'secrets'] as const
/** Everything cached about one customer's secrets: what we know, the list, next questions, the manual. */
export const customerSecretsKey = (slug: string, customerId: string) =>
  [...secretsKey(slug), 'customer', customerId] as const

// ---- categories, settings, consent ------------------------------------------------------------

export const useCategories = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...secretsKey(slug), 'categories'],
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) =>
      api<{ categories: SecretCategory[]; sensitiveCategories: boolean }>('/secret-categories', {
        workspace: slug,
        signal,
      }),
  })
}

/** A change to the workspace's secrets set-up (categories, settings, the question bank): all of it refetches. */
const useSecretsChange = <V, R>(request: (v: V) => WorkspaceRequest) =>
  useWorkspaceMutation<V, R>(request, { refresh: secretsKey })

export const useAddCategory = () =>
  useSecretsChange<
    { label: string; scope: 'person' | 'organisation' | 'any'; cues: string[] },
    SecretCategory
  >((body) => ({ path: '/secret-categories', method: 'POST', body }))

export const useRemoveCategory = () =>
  useSecretsChange<string, { ok: true }>((key) => ({
    path: `/secret-categories/${enc(key)}`,
    method: 'DELETE',
  }))

export const useUpdateSecretsSettings = () =>
  useSecretsChange<{ sensitiveCategories: boolean }, { sensitiveCategories: boolean }>((body) => ({
    path: '/secrets/settings',
    method: 'PATCH',
    body,
  }))

export const useConsent = (customerId: string) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...customerSecretsKey(slug, customerId), 'consent'],
    queryFn: ({ signal }) =>
      api<ConsentState>(`${customerBase(customerId)}/consent`, { workspace: slug, signal }),
  })
}

export const useRecordConsent = (customerId: string) =>
  useCustomerSecretsChange<
    { consented: boolean; note?: string | null },
    { consentAt: string | null; note: string | null }
  >(customerId, (body) => ({ path: `${customerBase(customerId)}/consent`, method: 'PUT', body }))

// ---- one customer's secrets -------------------------------------------------------------------

/**
 * "What secrets do we know about this customer?" Each read is audited, so it is fetched only when
 * shown (`enabled`) and kept for a minute.
 */
export const useKnown = (customerId: string, enabled = true) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...customerSecretsKey(slug, customerId), 'known'],
    enabled: enabled && !!customerId,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    queryFn: ({ signal }) => api<Known>(`${customerBase(customerId)}/known`, { workspace: slug, signal }),
  })
}

export const useSecrets = (customerId: string, status: 'active' | 'outdated' = 'active', enabled = true) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...customerSecretsKey(slug, customerId), 'list', status],
    enabled,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    queryFn: ({ signal }) =>
      api<{ secrets: Secret[] }>(`${customerBase(customerId)}/secrets?status=${status}`, {
        workspace: slug,
        signal,
      }).then((r) => r.secrets),
  })
}

export interface NextQuestionsQuery {
  personId: string | null
  round: number
  skip: readonly string[]
  limit?: number
}

export const useNextQuestions = (customerId: string, q: NextQuestionsQuery, enabled = true) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...customerSecretsKey(slug, customerId), 'next', q],
    enabled: enabled && !!customerId,
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: false,
    queryFn: ({ signal }) => {
      const p = new URLSearchParams({ round: String(q.round), limit: String(q.limit ?? 3) })
      if (q.personId) p.set('personId', q.personId)
      if (q.skip.length > 0) p.set('skip', q.skip.join(','))
      return api<NextQuestions>(`${customerBase(customerId)}/next-questions?${p}`, {
        workspace: slug,
        signal,
      })
    },
  })
}

/** The category the words suggest; `text` is already debounced by the caller. */
export const useSuggestCategory = (text: string, about: 'person' | 'organisation', enabled = true) => {
  const { slug } = useWorkspace()
  const t = text.trim()
  return useQuery({
    queryKey: [...secretsKey(slug), 'suggest', about, t],
    enabled: enabled && t.length >= 3,
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
    queryFn: ({ signal }) =>
      api<{ category: string | null; confidence: number; because: string[] }>(
        `/secrets/suggest-category?${new URLSearchParams({ text: t.slice(0, 2000), about })}`,
        { workspace: slug, signal },
      ),
  })
}

/** After any change to a customer's secrets: what we know, lists, next questions and manual follow. */
function useCustomerSecretsChange<V, R>(customerId: string, request: (v: V) => WorkspaceRequest) {
  return useWorkspaceMutation<V, R>(request, { refresh: (slug) => customerSecretsKey(slug, customerId) })
}

export const useRecordSecret = (customerId: string) =>
  useCustomerSecretsChange<SecretInput, Secret>(customerId, (body) => ({
    path: `${customerBase(customerId)}/secrets`,
    method: 'POST',
    body,
  }))

export const usePatchSecret = (customerId: string) =>
  useCustomerSecretsChange<{ id: string; patch: SecretPatch }, Secret>(customerId, ({ id, patch }) => ({
    path: `/secrets/${enc(id)}`,
    method: 'PATCH',
    body: patch,
  }))

export const useDeleteSecret = (customerId: string) =>
  useCustomerSecretsChange<string, { ok: true }>(customerId, (id) => ({
    path: `/secrets/${enc(id)}`,
    method: 'DELETE',
  }))

// ---- engagements ------------------------------------------------------------------------------

export const useEngagements = (customerId: string, enabled = true) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...customerSecretsKey(slug, customerId), 'engagements'],
    enabled: enabled && !!customerId,
    queryFn: ({ signal }) =>
      api<{ engagements: Engagement[] }>(`${customerBase(customerId)}/engagements`, {
        workspace: slug,
        signal,
      }).then((r) => r.engagements),
  })
}

export const useAddEngagement = (customerId: string) =>
  useCustomerSecretsChange<EngagementInput, Engagement>(customerId, (body) => ({
    path: `${customerBase(customerId)}/engagements`,
    method: 'POST',
    body,
  }))

export const useRemoveEngagement = (customerId: string) =>
  useCustomerSecretsChange<string, { ok: true }>(customerId, (engagementId) => ({
    path: `${customerBase(customerId)}/engagements/${enc(engagementId)}`,
    method: 'DELETE',
  }))

// ---- the question bank ------------------------------------------------------------------------

export const useQuestions = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...secretsKey(slug), 'questions'],
    queryFn: ({ signal }) =>
      api<{ questions: Question[] }>('/questions', { workspace: slug, signal }).then((r) => r.questions),
  })
}

export const useAddQuestion = () =>
  useSecretsChange<{ category: string; text: string; position?: number }, Question>((body) => ({
    path: '/questions',
    method: 'POST',
    body,
  }))

export const usePatchQuestion = () =>
  useSecretsChange<{ id: string; patch: { text?: string; position?: number } }, Question>(
    ({ id, patch }) => ({
      path: `/questions/${enc(id)}`,
      method: 'PATCH',
      body: patch,
    }),
  )

export const useRemoveQuestion = () =>
  useSecretsChange<string, { ok: true }>((id) => ({ path: `/questions/${enc(id)}`, method: 'DELETE' }))

// ---- the secrets manual -----------------------------------------------------------------------

export const useManual = (customerId: string) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...customerSecretsKey(slug, customerId), 'manual'],
    refetchOnWindowFocus: false,
    queryFn: ({ signal }) =>
      api<SecretsManual>(`${customerBase(customerId)}/manual`, { workspace: slug, signal }),
  })
}

/** The manual as a file: fetched with the workspace header, then handed to the browser to save. */
export const downloadManual = async (slug: string, customerId: string, format: 'md' | 'pdf') => {
  await downloadFile(`${customerBase(customerId)}/manual.${format}`, {
    workspace: slug,
    fallbackName: `secrets-manual.${format}`,
  })
}

// ---- finding a customer (the capture dialog's picker) -----------------------------------------

export const useCustomerPicker = (q: string, enabled: boolean) => {
  const { slug } = useWorkspace()
  return useQuery<CustomerSummary[]>({
    queryKey: ['workspace', slug, 'customers', 'picker', q.trim()],
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    queryFn: ({ signal }) => {
      const p = new URLSearchParams({ pageSize: '8' })
      if (q.trim()) p.set('q', q.trim())
      return api<CustomerList>(`/customers?${p}`, { workspace: slug, signal }).then((r) => r.customers)
    },
  })
}
