import { useQuery } from '@tanstack/react-query'
import { ApiError, api, downloadFile, readAnswer } from '../../app/api.ts'
import type { ImportPreview, ImportResult } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation } from '../../app/workspace-mutation.ts'
import { customersKey } from '../customers/customers-api.ts'
import { oopsKey } from '../recoveries/recovery-api.ts'

export type ImportKind = ImportResult['kind']
export type Mapping = Record<string, string>

export const importsKey = (slug: string) => ['workspace', slug, 'imports'] as const

/** What a preview reads of the file: its first ~64 KB, as bytes (the server reads the encoding). */
export const PREVIEW_BYTES = 64 * 1024

/** The start of a file for a preview: its bytes, whether that is the whole file, and its text (UTF-8 guess, for samples). */
export interface FileHead {
  bytes: Blob
  complete: boolean
  text: string
}

export const readHead = async (file: File): Promise<FileHead> => {
  const bytes = file.slice(0, PREVIEW_BYTES)
  const complete = file.size <= PREVIEW_BYTES
  const text = await bytes.text()
  // the whole file: its last line is whole too, even without a final newline
  if (complete) return { bytes, complete, text: /\r?\n$/.test(text) ? text : `${text}\n` }
  const cut = text.lastIndexOf('\n')
  return { bytes, complete, text: cut > 0 ? text.slice(0, cut + 1) : text }
}

/**
 * How a purchases file is read, as the person chose (empty: read from the file): the zone its
 * times are in, the currency of its amounts, its delimiter, encoding and date order.
 */
export interface Reading {
  timezone: string
  currency: string
  delimiter: string
  encoding: string
  dateOrder: string
}

const readingQuery = (q: URLSearchParams, r: Partial<Reading> | undefined) => {
  for (const [k, v] of Object.entries(r ?? {})) if (v) q.set(k, v)
  return q
}

export const useImports = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: importsKey(slug),
    queryFn: ({ signal }) =>
      api<{ imports: ImportResult[] }>('/imports', { workspace: slug, signal }).then((r) => r.imports),
  })
}

/** A look at the file's head: it stores nothing, so nothing refetches. */
export const usePreview = () =>
  useWorkspaceMutation<
    { kind: ImportKind; head: FileHead; mapping?: Mapping; reading?: Partial<Reading> },
    ImportPreview
  >(({ kind, head, mapping, reading }) => {
    const q = new URLSearchParams({ kind, complete: String(head.complete) })
    if (mapping) q.set('mapping', JSON.stringify(mapping))
    if (kind === 'purchases') readingQuery(q, reading)
    return {
      path: `/imports/preview?${q}`,
      method: 'POST',
      raw: { body: head.bytes, contentType: 'text/csv' },
    }
  })

export interface UploadInput {
  kind: ImportKind
  file: File
  mapping: Mapping
  dryRun: boolean
  keepGoodRows: boolean
  reading?: Partial<Reading> | undefined
}

/**
 * The whole file, through XMLHttpRequest: unlike fetch it reports upload progress, so a large file
 * shows a live bar. `onProgress` gets 0..1 of the bytes sent.
 */
export const uploadImport = (
  slug: string,
  input: UploadInput,
  onProgress: (fraction: number) => void,
): Promise<ImportResult> =>
  new Promise((resolve, reject) => {
    const q = new URLSearchParams({
      kind: input.kind,
      dryRun: String(input.dryRun),
      keepGoodRows: String(input.keepGoodRows),
      mapping: JSON.stringify(input.mapping),
      fileName: input.file.name,
    })
    if (input.kind === 'purchases') readingQuery(q, input.reading)
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/imports?${q}`)
    xhr.withCredentials = true
    xhr.setRequestHeader('accept', 'application/json')
    xhr.setRequestHeader('content-type', 'text/csv')
    xhr.setRequestHeader('x-dazzle-workspace', slug)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total)
    }
    xhr.upload.onload = () => onProgress(1)
    xhr.onload = () => {
      try {
        resolve(readAnswer<ImportResult>(xhr.status, xhr.statusText, xhr.responseText))
      } catch (e) {
        reject(e)
      }
    }
    xhr.onerror = () =>
      reject(
        new ApiError(
          0,
          'network_error',
          'Dazzle could not reach the server. Check your connection and try again.',
        ),
      )
    xhr.send(input.file)
  })

export const useUpload = (onProgress: (fraction: number) => void) =>
  useWorkspaceMutation<UploadInput, ImportResult>((input, slug) => uploadImport(slug, input, onProgress), {
    // a dry run stored nothing; OOPS! rows move the recoveries and the scoreboard too
    refresh: (slug, _input, result) =>
      !result || result.status === 'dry_run'
        ? null
        : [
            importsKey(slug),
            customersKey(slug),
            ['workspace', slug, 'value'],
            ...(result.kind === 'oops' ? [oopsKey(slug), ['workspace', slug, 'scoreboard']] : []),
          ],
    refreshOnlyOnSuccess: true,
  })

const errorReportPath = (id: string) => `/imports/${encodeURIComponent(id)}/errors.csv`
export const errorReportUrl = (id: string) => `/api${errorReportPath(id)}`

/** The error report needs the workspace header, so it is fetched and handed to the browser as a file. */
export const downloadErrorReport = async (slug: string, id: string, fileName: string) => {
  await downloadFile(errorReportPath(id), { workspace: slug, accept: 'text/csv', name: fileName })
}

/** The header and first data row of a CSV (quotes understood), to show a sample beside each column. */
export const firstRows = (head: string, count = 2): string[][] => {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < head.length && rows.length < count; i++) {
    const ch = head[i]
    if (quoted) {
      if (ch === '"' && head[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && head[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (rows.length < count && (cell || row.length)) rows.push([...row, cell])
  return rows
}
