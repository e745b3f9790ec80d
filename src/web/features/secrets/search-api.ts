import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { SearchSort } from '../../../domain/secrets/search-query.ts'
import type {
  audienceInputSchema,
  audienceSchema,
  searchCustomerSchema,
  searchHitSchema,
  searchResultSchema,
} from '../../../schemas/search.schemas.ts'
import { api, downloadFile } from '../../app/api.ts'
import type { CustomerList } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

export type SearchResult = z.input<typeof searchResultSchema>
export type SearchCustomer = z.input<typeof searchCustomerSchema>
export type SearchHit = z.input<typeof searchHitSchema>
export type Audience = z.input<typeof audienceSchema>
export type AudienceInput = z.input<typeof audienceInputSchema>
export type Tier = 'A' | 'B' | 'C'
export type { SearchSort }

/** What a search is: the words and the filters. Also what an audience keeps. */
export interface SearchState {
  q: string
  categories: string[]
  tiers: Tier[]
  segments: string[]
  layer: 'need' | 'secret' | null
}

export const SEARCH_PAGE_SIZE = 20

export const searchKey = (slug: string) => ['workspace', slug, 'search'] as const
export const audiencesKey = (slug: string) => ['workspace', slug, 'audiences'] as const

/** Whether there is anything to search for: words, or at least a category. */
export const searchable = (s: SearchState) => s.q.trim() !== '' || s.categories.length > 0

/** One page of customers whose secrets match; POST, so the words never reach a server log line. */
export const useSecretSearch = (s: SearchState, page: number, sort: SearchSort = 'relevance') => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...searchKey(slug), s, page, sort],
    enabled: searchable(s),
    placeholderData: keepPreviousData,
    // each run is an audited read: no refetch on window focus, a minute before it is stale
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    queryFn: ({ signal }) =>
      api<SearchResult>('/secrets/search', {
        method: 'POST',
        body: { ...s, q: s.q.trim(), page, pageSize: SEARCH_PAGE_SIZE, sort },
        workspace: slug,
        signal,
      }),
  })
}

/** The segments customers are in, for the filter. */
export const useSegments = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: ['workspace', slug, 'customers', 'segments'],
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) =>
      (await api<CustomerList>('/customers?pageSize=1', { workspace: slug, signal })).segments,
  })
}

export const useAudiences = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: audiencesKey(slug),
    queryFn: ({ signal }) => api<{ audiences: Audience[] }>('/audiences', { workspace: slug, signal }),
  })
}

export const useSaveAudience = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: AudienceInput) =>
      api<Audience>('/audiences', { method: 'POST', body: input, workspace: slug }),
    onSettled: () => qc.invalidateQueries({ queryKey: audiencesKey(slug) }),
  })
}

export const useDeleteAudience = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      api<{ ok: true }>(`/audiences/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        body: {},
        workspace: slug,
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: audiencesKey(slug) }),
  })
}

/** Downloads an audience's CSV (the request carries the workspace header, so a plain link cannot). */
export const downloadAudienceCsv = (slug: string, a: { id: string; name: string }) =>
  downloadFile(`/audiences/${encodeURIComponent(a.id)}/export.csv`, {
    workspace: slug,
    accept: 'text/csv',
    fallbackName: `audience-${a.name}.csv`,
  })

/**
 * A search as the fragment of the search page's address (#q=wine&tier=A), and back: it can be
 * bookmarked and gone back to, and a fragment is never sent to the server, so never logged.
 */
export const searchToParams = (s: SearchState): URLSearchParams => {
  const p = new URLSearchParams()
  if (s.q.trim()) p.set('q', s.q.trim())
  for (const c of s.categories) p.append('category', c)
  for (const t of s.tiers) p.append('tier', t)
  for (const g of s.segments) p.append('segment', g)
  if (s.layer) p.set('layer', s.layer)
  return p
}

export const searchFromParams = (p: URLSearchParams): SearchState => {
  const layer = p.get('layer')
  return {
    q: p.get('q') ?? '',
    categories: p.getAll('category').filter(Boolean),
    tiers: p.getAll('tier').filter((t): t is Tier => t === 'A' || t === 'B' || t === 'C'),
    segments: p.getAll('segment').filter(Boolean),
    layer: layer === 'need' || layer === 'secret' ? layer : null,
  }
}
