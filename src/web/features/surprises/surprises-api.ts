import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { SurpriseDraft, SurpriseField } from '../../../domain/recovery/surprise-catalogue.ts'
import { api, downloadFile } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

/** What a person writes of a catalogue item: the domain's draft. */
export type SurpriseInput = SurpriseDraft

export interface SurpriseItem extends SurpriseDraft {
  id: string
  sourceKey: string | null
  createdAt: string
}

export interface SurpriseImportReport {
  status: 'imported' | 'checked' | 'rejected' | 'partial'
  headers: string[]
  mapping: Record<string, SurpriseField>
  fields: SurpriseField[]
  required: SurpriseField[]
  missing: SurpriseField[]
  rows: number
  added: number
  updated: number
  unchanged: number
  errorCount: number
  errors: Array<{ row: number; column: string | null; reason: string }>
  preview: Array<{
    row: number
    action: 'add' | 'update' | 'unchanged'
    item: Omit<SurpriseInput, 'active'> & { active: boolean; sourceKey: string }
  }>
}

export const surprisesKey = (slug: string) => ['workspace', slug, 'surprises'] as const

export const useSurprises = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: surprisesKey(slug),
    queryFn: ({ signal }) =>
      api<{ items: SurpriseItem[] }>('/surprises', { workspace: slug, signal }).then((r) => r.items),
  })
}

const useCatalogueChange = <V, R>(fn: (slug: string, v: V) => Promise<R>) => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: V) => fn(slug, v),
    // the recovery screens' suggestions read the catalogue too
    onSettled: () => qc.invalidateQueries({ queryKey: ['workspace', slug] }),
  })
}

export const useAddSurprise = () =>
  useCatalogueChange((slug, input: SurpriseInput) =>
    api<SurpriseItem>('/surprises', { method: 'POST', body: input, workspace: slug }),
  )

export const useChangeSurprise = () =>
  useCatalogueChange((slug, v: { id: string; patch: Partial<SurpriseInput> }) =>
    api<SurpriseItem>(`/surprises/${encodeURIComponent(v.id)}`, {
      method: 'PATCH',
      body: v.patch,
      workspace: slug,
    }),
  )

export const useRemoveSurprise = () =>
  useCatalogueChange((slug, id: string) =>
    api<{ outcome: 'deleted' | 'deactivated'; timesGiven: number }>(`/surprises/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      body: {},
      workspace: slug,
    }),
  )

export const useImportSurprises = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: {
      csv: string
      fileName: string
      dryRun: boolean
      keepGoodRows: boolean
      mapping?: Record<string, string> | undefined
    }) => {
      const q = new URLSearchParams({
        dryRun: String(v.dryRun),
        keepGoodRows: String(v.keepGoodRows),
        fileName: v.fileName,
      })
      if (v.mapping) q.set('mapping', JSON.stringify(v.mapping))
      return api<SurpriseImportReport>(`/surprises/import?${q}`, {
        method: 'POST',
        raw: { body: v.csv, contentType: 'text/csv' },
        workspace: slug,
      })
    },
    onSuccess: (r) => {
      if (r.status === 'imported' || r.status === 'partial') {
        void qc.invalidateQueries({ queryKey: ['workspace', slug] })
      }
    },
  })
}

/** The export needs the workspace header, so it is fetched and handed to the browser as a file. */
export const downloadCatalogue = async (slug: string) => {
  await downloadFile('/surprises/export.csv', {
    workspace: slug,
    accept: 'text/csv',
    name: 'surprise-catalogue.csv',
  })
}
