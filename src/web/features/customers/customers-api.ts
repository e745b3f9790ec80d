import { keepPreviousData, useQuery } from '@tanstack/react-query'
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
import { useWorkspaceMutation, type WorkspaceRequest } from '../../app/workspace-mutation.ts'

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

const base = (id: string) => `/customers/${encodeURIComponent(id)}`

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
    queryFn: ({ signal }) => api<CustomerDetail>(base(id), { workspace: slug, signal }),
  })
}

export const usePurchases = (id: string, page: number, pageSize = 25) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...customerKey(slug, id), 'purchases', page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PurchasePage>(`${base(id)}/purchases?page=${page}&pageSize=${pageSize}`, {
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
      api<RevenueByMonth>(`${base(id)}/revenue-by-month`, {
        workspace: slug,
        signal,
      }).then((r) => r.months),
  })
}

export const useCreateCustomer = () =>
  useWorkspaceMutation<CustomerFieldsInput, CustomerDetail>(
    (body) => ({ path: '/customers', method: 'POST', body }),
    {
      refresh: customersKey,
      refreshOnlyOnSuccess: true,
    },
  )

export const useUpdateCustomer = (id: string) =>
  useWorkspaceMutation<Partial<CustomerFieldsInput>, CustomerDetail>(
    (body) => ({ path: base(id), method: 'PATCH', body }),
    {
      onSuccess: (detail, _patch, { slug, qc }) => qc.setQueryData(customerKey(slug, id), detail),
      refresh: customersKey,
      refreshOnlyOnSuccess: true,
    },
  )

export interface PersonInput {
  name: string
  title: string | null
  email: string | null
  phone: string | null
}

/** People and relations change the customer detail (only it: not its purchases below the same key). */
const useCustomerChange = <V, R>(id: string, request: (v: V) => WorkspaceRequest) =>
  useWorkspaceMutation<V, R>(request, { refresh: (slug) => customerKey(slug, id), exact: true })

export const useAddPerson = (id: string) =>
  useCustomerChange<PersonInput, Person>(id, (body) => ({ path: `${base(id)}/people`, method: 'POST', body }))

export const useUpdatePerson = (id: string) =>
  useCustomerChange<{ personId: string; input: PersonInput }, Person>(id, ({ personId, input }) => ({
    path: `${base(id)}/people/${encodeURIComponent(personId)}`,
    method: 'PATCH',
    body: input,
  }))

export const useRemovePerson = (id: string) =>
  useCustomerChange<string, { ok: true }>(id, (personId) => ({
    path: `${base(id)}/people/${encodeURIComponent(personId)}`,
    method: 'DELETE',
  }))

export interface RelationInput {
  personId: string | null
  kind: RelationKind
  name: string
  birthday: string | null
  notes: string | null
}

export const useAddRelation = (id: string) =>
  useCustomerChange<RelationInput, Relation>(id, (body) => ({
    path: `${base(id)}/relations`,
    method: 'POST',
    body,
  }))

export const useRemoveRelation = (id: string) =>
  useCustomerChange<string, { ok: true }>(id, (relationId) => ({
    path: `${base(id)}/relations/${encodeURIComponent(relationId)}`,
    method: 'DELETE',
  }))

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
