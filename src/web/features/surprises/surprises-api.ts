import { useQuery } from '@tanstack/react-query'
import type { SurpriseDraft, SurpriseField } from '../../../domain/recovery/surprise-catalogue.ts'
import { api, downloadFile } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation, type WorkspaceRequest } from '../../app/workspace-mutation.ts'

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

/** The recovery screens' suggestions read the catalogue too: the whole workspace refetches. */
const everything = (slug: string) => ['workspace', slug]

const useCatalogueChange = <V, R>(request: (v: V) => WorkspaceRequest) =>
  useWorkspaceMutation<V, R>(request, { refresh: everything })

const item = (id: string) => `/surprises/${encodeURIComponent(id)}`

export const useAddSurprise = () =>
  useCatalogueChange<SurpriseInput, SurpriseItem>((body) => ({ path: '/surprises', method: 'POST', body }))

export const useChangeSurprise = () =>
  useCatalogueChange<{ id: string; patch: Partial<SurpriseInput> }, SurpriseItem>(({ id, patch }) => ({
    path: item(id),
    method: 'PATCH',
    body: patch,
  }))

export const useRemoveSurprise = () =>
  useCatalogueChange<string, { outcome: 'deleted' | 'deactivated'; timesGiven: number }>((id) => ({
    path: item(id),
    method: 'DELETE',
  }))

export interface SurpriseImportInput {
  csv: string
  fileName: string
  dryRun: boolean
  keepGoodRows: boolean
  mapping?: Record<string, string> | undefined
}

export const useImportSurprises = () =>
  useWorkspaceMutation<SurpriseImportInput, SurpriseImportReport>(
    (v) => {
      const q = new URLSearchParams({
        dryRun: String(v.dryRun),
        keepGoodRows: String(v.keepGoodRows),
        fileName: v.fileName,
      })
      if (v.mapping) q.set('mapping', JSON.stringify(v.mapping))
      return { path: `/surprises/import?${q}`, method: 'POST', raw: { body: v.csv, contentType: 'text/csv' } }
    },
    {
      // a check or a refused file stored nothing
      refresh: (slug, _v, r) =>
        r?.status === 'imported' || r?.status === 'partial' ? everything(slug) : null,
      refreshOnlyOnSuccess: true,
    },
  )

/** The export needs the workspace header, so it is fetched and handed to the browser as a file. */
export const downloadCatalogue = async (slug: string) => {
  await downloadFile('/surprises/export.csv', {
    workspace: slug,
    accept: 'text/csv',
    name: 'surprise-catalogue.csv',
  })
}
