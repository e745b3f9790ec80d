import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../app/api.ts'
import type { CustomerDetail } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { customerKey } from '../customers/customers-api.ts'
import type {
  ContactInput,
  HandOverInput,
  ListState,
  Oops,
  OopsList,
  OpenOopsInput,
  Plan,
  PlanInput,
  SurpriseInput,
} from './recovery-types.ts'
import type { Suggestions } from './suggestion-types.ts'

const enc = encodeURIComponent

/** Everything cached about recoveries in a workspace: lists, screens, suggestions. */
export const oopsKey = (slug: string) => ['workspace', slug, 'oops'] as const
export const oneOopsKey = (slug: string, id: string) => [...oopsKey(slug), 'one', id] as const
export const plansKey = (slug: string) => ['workspace', slug, 'recovery-plans'] as const

export interface OopsFilters {
  state: ListState
  /** a user id, "me", or null for everyone */
  owner: string | null
  tier: 'A' | 'B' | 'C' | null
  customerId?: string | undefined
}

export const LIST_PAGE = 30

export const useOopsList = (f: OopsFilters) => {
  const { slug } = useWorkspace()
  return useInfiniteQuery({
    queryKey: [...oopsKey(slug), 'list', f],
    initialPageParam: null as string | null,
    getNextPageParam: (last: OopsList) => last.nextBefore,
    // an open list moves with the clock: refresh it now and then without a reload
    refetchInterval: 60_000,
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams({ state: f.state, limit: String(LIST_PAGE) })
      if (f.owner) q.set('owner', f.owner)
      if (f.tier) q.set('tier', f.tier)
      if (f.customerId) q.set('customerId', f.customerId)
      if (pageParam) q.set('before', pageParam)
      return api<OopsList>(`/oops?${q}`, { workspace: slug, signal })
    },
  })
}

export const useOops = (id: string) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: oneOopsKey(slug, id),
    // what is due moves with time, and a colleague may log a step: keep the screen fresh
    refetchInterval: 30_000,
    queryFn: ({ signal }) => api<Oops>(`/oops/${enc(id)}`, { workspace: slug, signal }),
  })
}

/** After any change to one OOPS!: its screen gets the answer at once, lists and suggestions refresh. */
const useOopsMutation = <I>(id: string, run: (slug: string, input: I) => Promise<Oops>) => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: I) => run(slug, input),
    onSuccess: (o) => {
      qc.setQueryData(oneOopsKey(slug, id), o)
      void qc.invalidateQueries({ queryKey: [...oopsKey(slug), 'list'] })
      void qc.invalidateQueries({ queryKey: [...oneOopsKey(slug, id), 'suggestions'] })
      void qc.invalidateQueries({ queryKey: ['workspace', slug, 'scoreboard'] })
    },
  })
}

export const useRecordFix = (id: string) =>
  useOopsMutation<{ note: string }>(id, (slug, body) =>
    api<Oops>(`/oops/${enc(id)}/fix`, { method: 'POST', body, workspace: slug }),
  )

export const useRecordSurprise = (id: string) =>
  useOopsMutation<SurpriseInput>(id, (slug, body) =>
    api<Oops>(`/oops/${enc(id)}/surprise`, { method: 'POST', body, workspace: slug }),
  )

export const useRecordStep = (id: string) =>
  useOopsMutation<ContactInput>(id, (slug, body) =>
    api<Oops>(`/oops/${enc(id)}/steps`, { method: 'POST', body, workspace: slug }),
  )

export const useHandOver = (id: string) =>
  useOopsMutation<HandOverInput>(id, (slug, body) =>
    api<Oops>(`/oops/${enc(id)}/hand-over`, { method: 'POST', body, workspace: slug }),
  )

export const useOpenOops = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: OpenOopsInput) => api<Oops>('/oops', { method: 'POST', body, workspace: slug }),
    onSuccess: (o) => {
      qc.setQueryData(oneOopsKey(slug, o.id), o)
      void qc.invalidateQueries({ queryKey: [...oopsKey(slug), 'list'] })
    },
  })
}

/** Tone warnings for a draft (policy quoting, blaming the customer); call with a debounced text. */
export const useTone = (message: string) => {
  const { slug } = useWorkspace()
  const text = message.trim()
  return useQuery<{ warnings: string[] }>({
    queryKey: [...oopsKey(slug), 'tone', text],
    enabled: text.length > 0,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (prev) => prev,
    queryFn: ({ signal }) =>
      api<{ warnings: string[] }>('/oops/tone', {
        method: 'POST',
        body: { message: text },
        workspace: slug,
        signal,
      }),
  })
}

export const useSuggestions = (id: string, enabled: boolean) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...oneOopsKey(slug, id), 'suggestions'],
    enabled,
    queryFn: ({ signal }) => api<Suggestions>(`/oops/${enc(id)}/suggestions`, { workspace: slug, signal }),
  })
}

// ---- recovery plans ------------------------------------------------------------------------------

export const usePlans = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: plansKey(slug),
    queryFn: ({ signal }) =>
      api<{ plans: Plan[] }>('/recovery-plans', { workspace: slug, signal }).then((r) => r.plans),
  })
}

export const useSavePlan = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: PlanInput }) =>
      id
        ? api<Plan>(`/recovery-plans/${enc(id)}`, { method: 'PATCH', body: input, workspace: slug })
        : api<Plan>('/recovery-plans', { method: 'POST', body: input, workspace: slug }),
    onSettled: () => qc.invalidateQueries({ queryKey: plansKey(slug) }),
  })
}

export const useRemovePlan = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      api<{ ok: true }>(`/recovery-plans/${enc(id)}`, { method: 'DELETE', body: {}, workspace: slug }),
    onSettled: () => qc.invalidateQueries({ queryKey: plansKey(slug) }),
  })
}

/** A customer's record (name, people), shared with the customer page's cache; nothing while none is chosen. */
export const useCustomerBrief = (id: string | null) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: customerKey(slug, id ?? ''),
    enabled: !!id,
    queryFn: ({ signal }) => api<CustomerDetail>(`/customers/${enc(id ?? '')}`, { workspace: slug, signal }),
  })
}
