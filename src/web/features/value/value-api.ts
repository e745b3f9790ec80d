import { useQuery } from '@tanstack/react-query'
import { api } from '../../app/api.ts'
import type { ValueReport } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

export const useValueReport = (enabled: boolean) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: ['workspace', slug, 'value'],
    enabled,
    queryFn: ({ signal }) => api<ValueReport>('/value', { workspace: slug, signal }),
  })
}
