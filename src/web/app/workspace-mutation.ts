import { type QueryClient, type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query'
import { type ApiOptions, api } from './api.ts'
import { useWorkspace } from './workspace-context.ts'

/** One write to the workspace's API: where, how, and what it sends (`{}` when there is nothing). */
export interface WorkspaceRequest {
  path: string
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  body?: unknown
  /** a non-JSON body (CSV text), instead of `body` */
  raw?: ApiOptions['raw']
}

/** The cache of the workspace the change was made in, for an answer written straight into it. */
export interface WorkspaceCache {
  slug: string
  qc: QueryClient
}

/**
 * The one shape of a write from the web: the request, sent with the workspace's header, then the
 * queries it makes stale read again. `refresh` names them (from the workspace's slug); they are read
 * again whatever the answer (a refusal may mean the page was stale), or only after a yes with
 * `refreshOnlyOnSuccess` (a refused erasure changes nothing worth a workspace's refetch).
 * `onSuccess` writes an answer into the cache (the record the API sent back) before that.
 */
export function useWorkspaceMutation<V, R = unknown>(
  request: (v: V, slug: string) => WorkspaceRequest | Promise<R>,
  {
    refresh,
    exact = false,
    refreshOnlyOnSuccess = false,
    onSuccess,
  }: {
    refresh?: (slug: string, v: V, result: R | undefined) => QueryKey | readonly QueryKey[] | null
    /** only the queries of exactly these keys, not those below them */
    exact?: boolean
    refreshOnlyOnSuccess?: boolean
    onSuccess?: (result: R, v: V, cache: WorkspaceCache) => void
  } = {},
) {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  const invalidate = (v: V, result: R | undefined) => {
    const keys = refresh?.(slug, v, result)
    if (!keys) return
    const list = (Array.isArray(keys[0]) ? keys : [keys]) as readonly QueryKey[]
    return Promise.all(list.map((queryKey) => qc.invalidateQueries({ queryKey, exact })))
  }
  return useMutation({
    mutationFn: (v: V): Promise<R> => {
      const r = request(v, slug)
      if (r instanceof Promise) return r
      return api<R>(r.path, {
        method: r.method,
        body: r.body ?? {},
        raw: r.raw,
        workspace: slug,
      })
    },
    onSuccess: (result, v) => {
      onSuccess?.(result, v, { slug, qc })
      if (refreshOnlyOnSuccess) return invalidate(v, result)
    },
    onSettled: (result, _error, v) => {
      if (!refreshOnlyOnSuccess) return invalidate(v, result)
    },
  })
}
