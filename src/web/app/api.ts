/** The one way the web talks to the Dazzle API: JSON in, JSON out, errors as ApiError. */

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown> | undefined

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** sent as JSON; mutating requests always send a body (`{}` when there is nothing to say) */
  body?: unknown
  /** the workspace slug the request is about (the `x-dazzle-workspace` header) */
  workspace?: string | undefined
  signal?: AbortSignal | undefined
  /** a non-JSON body (e.g. CSV text), sent as is with its content type instead of `body` */
  raw?: { body: string | Blob; contentType: string } | undefined
}

const isErrorBody = (
  v: unknown,
): v is { error: { code: string; message: string; details?: Record<string, unknown> } } =>
  typeof v === 'object' &&
  v !== null &&
  'error' in v &&
  typeof (v as { error: unknown }).error === 'object' &&
  (v as { error: unknown }).error !== null

export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.workspace) headers['x-dazzle-workspace'] = options.workspace
  let body: string | Blob | undefined
  if (options.raw) {
    headers['content-type'] = options.raw.contentType
    body = options.raw.body
  } else if (method !== 'GET') {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.body ?? {})
  }

  let res: Response
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(
      0,
      'network_error',
      'Dazzle could not reach the server. Check your connection and try again.',
    )
  }

  return readAnswer<T>(res.status, res.statusText, await res.text())
}

/** JSON of an answer, or the ApiError it carries; shared with uploads that go through XMLHttpRequest. */
export function readAnswer<T>(status: number, statusText: string, text: string): T {
  let data: unknown = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (status < 200 || status >= 300) {
    if (isErrorBody(data)) {
      const { code, message, details } = data.error
      throw new ApiError(status, code ?? 'error', message ?? statusText, details)
    }
    throw new ApiError(status, 'http_error', `The server answered ${status} ${statusText}.`.trim())
  }
  return data as T
}

/** A message fit for a person, whatever was thrown. */
export const errorMessage = (e: unknown): string =>
  e instanceof Error ? e.message : 'Something went wrong. Try again in a moment.'

/** The name a `content-disposition` header gives a file: the exact one (RFC 6266) if sent, else the plain one. */
const attachmentName = (disposition: string | null): string | undefined => {
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1]
  if (exact) return decodeURIComponent(exact)
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1]
}

/**
 * Fetches a file the API makes for a workspace and hands it to the browser to save: a plain link
 * cannot carry the workspace header. It is saved as `name` when given, else under the name the
 * server chose, else `fallbackName`; resolves to the name used. A refusal throws the ApiError.
 */
export async function downloadFile(
  path: string,
  options: { workspace: string; accept?: string } & ({ name: string } | { fallbackName: string }),
): Promise<string> {
  const headers: Record<string, string> = { 'x-dazzle-workspace': options.workspace }
  if (options.accept) headers.accept = options.accept
  const res = await fetch(`/api${path}`, { headers, credentials: 'same-origin' })
  if (!res.ok) readAnswer(res.status, res.statusText, await res.text())
  const name =
    'name' in options
      ? options.name
      : (attachmentName(res.headers.get('content-disposition')) ?? options.fallbackName)
  const url = URL.createObjectURL(await res.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
  return name
}
