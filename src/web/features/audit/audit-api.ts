import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../../app/api.ts'
import type { AuditAction, AuditPage } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

const PAGE_SIZE = 50

/** Newest first; "older" pages continue from the last event seen (keyset, not offsets). */
export const useAuditTrail = (action: AuditAction | null) => {
  const { slug } = useWorkspace()
  return useInfiniteQuery({
    queryKey: ['workspace', slug, 'audit', action],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams({ limit: String(PAGE_SIZE) })
      if (pageParam) q.set('before', pageParam)
      if (action) q.set('action', action)
      return api<AuditPage>(`/workspace/audit?${q}`, { workspace: slug, signal })
    },
    getNextPageParam: (last) => last.nextBefore,
  })
}
