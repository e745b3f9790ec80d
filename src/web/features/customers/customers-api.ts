import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../app/api.ts'
import type {
  CustomerDetail,
  CustomerFieldsInput,
  CustomerList,
  Person,
  PurchasePage,
  Relation,
  RelationKind,
  RevenueByMonth,
  Tier,
} from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

export const CUSTOMER_SORTS = ['lifetime', 'trailing12m', 'name', 'lastPurchase', 'orders'] as const
export type CustomerSort = (typeof CUSTOMER_SORTS)[number]
export type SortDir = 'asc' | 'desc'
export const PAGE_SIZE = 50

export interface CustomerFilters {
  q: string
  tier: Tier | null
  segment: string | null
  /** a user id, or "none" */
  owner: string | null
  sort: CustomerSort
  dir: SortDir
  page: number
}

export const customersKey = (slug: string) => ['workspace', slug, 'customers'] as const
export const customerKey = (slug: string, id: string) => ['workspace', slug, 'customers', 'one', id] as const

export const useCustomerList = (f: CustomerFilters) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...customersKey(slug), 'list', f],
    // the previous page stays on screen while the next one loads: no flicker while typing or paging
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => {
      const q = new URLSearchParams({
        sort: f.sort,
        dir: f.dir,
        page: String(f.page),
        pageSize: String(PAGE_SIZE),
      })
      if (f.q.trim()) q.set('q', f.q.trim())
      if (f.tier) q.set('tier', f.tier)
      if (f.segment) q.set('segment', f.segment)
      if (f.owner) q.set('owner', f.owner)
      return api<CustomerList>(`/customers?${q}`, { workspace: slug, signal })
    },
  })
}

export const useCustomer = (id: string) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: customerKey(slug, id),
    queryFn: ({ signal }) =>
      api<CustomerDetail>(`/customers/${encodeURIComponent(id)}`, { workspace: slug, signal }),
  })
}

export const usePurchases = (id: string, page: number, pageSize = 25) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...customerKey(slug, id), 'purchases', page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PurchasePage>(`/customers/${encodeURIComponent(id)}/purchases?page=${page}&pageSize=${pageSize}`, {
        workspace: slug,
        signal,
      }),
  })
}

export const useRevenueByMonth = (id: string) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...customerKey(slug, id), 'revenue-by-month'],
    queryFn: ({ signal }) =>
      api<RevenueByMonth>(`/customers/${encodeURIComponent(id)}/revenue-by-month`, {
        workspace: slug,
        signal,
      }).then((r) => r.months),
  })
}

export const useCreateCustomer = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: CustomerFieldsInput) =>
      api<CustomerDetail>('/customers', { method: 'POST', body: input, workspace: slug }),
    onSuccess: () => qc.invalidateQueries({ queryKey: customersKey(slug) }),
  })
}

export const useUpdateCustomer = (id: string) => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (patch: Partial<CustomerFieldsInput>) =>
      api<CustomerDetail>(`/customers/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: patch,
        workspace: slug,
      }),
    onSuccess: (detail) => {
      qc.setQueryData(customerKey(slug, id), detail)
      qc.invalidateQueries({ queryKey: customersKey(slug) })
    },
  })
}

export interface PersonInput {
  name: string
  title: string | null
  email: string | null
  phone: string | null
}

/** People and relations change the customer detail: refetch it after each change. */
const useCustomerChange = <V, R>(id: string, fn: (slug: string, v: V) => Promise<R>) => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: V) => fn(slug, v),
    onSettled: () => qc.invalidateQueries({ queryKey: customerKey(slug, id), exact: true }),
  })
}

const base = (id: string) => `/customers/${encodeURIComponent(id)}`

export const useAddPerson = (id: string) =>
  useCustomerChange(id, (slug, input: PersonInput) =>
    api<Person>(`${base(id)}/people`, { method: 'POST', body: input, workspace: slug }),
  )

export const useUpdatePerson = (id: string) =>
  useCustomerChange(id, (slug, { personId, input }: { personId: string; input: PersonInput }) =>
    api<Person>(`${base(id)}/people/${encodeURIComponent(personId)}`, {
      method: 'PATCH',
      body: input,
      workspace: slug,
    }),
  )

export const useRemovePerson = (id: string) =>
  useCustomerChange(id, (slug, personId: string) =>
    api<{ ok: true }>(`${base(id)}/people/${encodeURIComponent(personId)}`, {
      method: 'DELETE',
      body: {},
      workspace: slug,
    }),
  )

export interface RelationInput {
  personId: string | null
  kind: RelationKind
  name: string
  birthday: string | null
  notes: string | null
}

export const useAddRelation = (id: string) =>
  useCustomerChange(id, (slug, input: RelationInput) =>
    api<Relation>(`${base(id)}/relations`, { method: 'POST', body: input, workspace: slug }),
  )

export const useRemoveRelation = (id: string) =>
  useCustomerChange(id, (slug, relationId: string) =>
    api<{ ok: true }>(`${base(id)}/relations/${encodeURIComponent(relationId)}`, {
      method: 'DELETE',
      body: {},
      workspace: slug,
    }),
  )

/** How many customers the workspace has (for "#12 of 4,322"); one tiny page of the list. */
export const useCustomerCount = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...customersKey(slug), 'count'],
    staleTime: 60_000,
    queryFn: ({ signal }) =>
      api<CustomerList>('/customers?pageSize=1', { workspace: slug, signal }).then((r) => r.total),
  })
}
