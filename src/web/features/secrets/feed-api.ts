import { useCallback, useEffect, useReducer, useRef } from 'react'
import type { z } from 'zod'
import type { feedItemSchema, feedPageSchema } from '../../../schemas/feed.schemas.ts'
import { api, errorMessage } from '../../app/api.ts'
import type { Tier } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

/** A secret as the live feed shows it (wire form: dates are ISO strings). */
export type FeedItem = z.input<typeof feedItemSchema>
type FeedPage = z.input<typeof feedPageSchema>

export interface FeedFilters {
  tier: Tier | null
  category: string | null
  /** the user id of the recorder */
  recordedBy: string | null
}

/**
 * connecting: the first page or the stream is on its way; live: new secrets arrive as they are
 * recorded; reconnecting: the stream dropped and the browser is reopening it (nothing is lost:
 * it resumes from the last event); offline: the server refused or is gone, a retry is up to you.
 */
export type FeedConnection = 'connecting' | 'live' | 'reconnecting' | 'offline'

const PAGE = 30

interface State {
  items: FeedItem[]
  /** ids that arrived live since the page was shown (they slide in) */
  fresh: Set<string>
  nextBefore: string | null
  loaded: boolean
  loadingOlder: boolean
  connection: FeedConnection
  error: string | null
}

type Action =
  | { type: 'reset' }
  | { type: 'page'; page: FeedPage }
  | { type: 'older'; page: FeedPage }
  | { type: 'loadingOlder' }
  | { type: 'live'; items: FeedItem[] }
  | { type: 'connection'; connection: FeedConnection; error?: string | null }

/** `<microseconds>_<id>`: newer first, and for the same moment, the order the server pages in */
const compare = (a: FeedItem, b: FeedItem) => {
  const [au = '0', ai = ''] = a.cursor.split('_')
  const [bu = '0', bi = ''] = b.cursor.split('_')
  if (au.length !== bu.length) return bu.length - au.length
  if (au !== bu) return au < bu ? 1 : -1
  return ai < bi ? -1 : ai > bi ? 1 : 0
}

/** one list, newest first, each secret once (a catch-up may resend a few) */
const merge = (list: FeedItem[], more: FeedItem[]) => {
  const byId = new Map(list.map((i) => [i.id, i]))
  for (const i of more) byId.set(i.id, i)
  return [...byId.values()].sort(compare)
}

const initial: State = {
  items: [],
  fresh: new Set(),
  nextBefore: null,
  loaded: false,
  loadingOlder: false,
  connection: 'connecting',
  error: null,
}

const reducer = (s: State, a: Action): State => {
  switch (a.type) {
    case 'reset':
      return initial
    case 'page':
      return {
        ...s,
        items: merge(s.items, a.page.items),
        nextBefore: s.loaded ? s.nextBefore : a.page.nextBefore,
        loaded: true,
      }
    case 'loadingOlder':
      return { ...s, loadingOlder: true }
    case 'older':
      return { ...s, items: merge(s.items, a.page.items), nextBefore: a.page.nextBefore, loadingOlder: false }
    case 'live': {
      const known = new Set(s.items.map((i) => i.id))
      const fresh = new Set(s.fresh)
      for (const i of a.items) if (!known.has(i.id)) fresh.add(i.id)
      return { ...s, items: merge(s.items, a.items), fresh }
    }
    case 'connection':
      return { ...s, connection: a.connection, error: a.error ?? null, loadingOlder: false }
  }
}

const query = (f: FeedFilters, extra: Record<string, string>) => {
  const q = new URLSearchParams(extra)
  if (f.tier) q.set('tier', f.tier)
  if (f.category) q.set('category', f.category)
  if (f.recordedBy) q.set('recordedBy', f.recordedBy)
  return q.toString()
}

/**
 * The live feed: the first page from the JSON endpoint, then new secrets over server-sent events
 * as they are recorded, opened right where that page ends so nothing falls in between. Changing a
 * filter starts again. EventSource reconnects by itself and resumes from the last event it saw.
 */
export const useLiveFeed = (filters: FeedFilters) => {
  const { slug } = useWorkspace()
  const [state, dispatch] = useReducer(reducer, initial)
  const [attempt, retry] = useReducer((n: number) => n + 1, 0)
  const key = query(filters, {})
  const olderAbort = useRef<AbortController | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the filters; `attempt` is a retry
  useEffect(() => {
    dispatch({ type: 'reset' })
    const abort = new AbortController()
    let source: EventSource | null = null
    const firstPage = () =>
      api<FeedPage>(`/secrets/feed?${query(filters, { limit: String(PAGE) })}`, {
        workspace: slug,
        signal: abort.signal,
      })
    firstPage()
      .then((page) => {
        if (abort.signal.aborted) return
        dispatch({ type: 'page', page })
        source = new EventSource(
          `/api/secrets/feed/stream?${query(filters, { workspace: slug, after: page.newest })}`,
        )
        source.addEventListener('ready', () => dispatch({ type: 'connection', connection: 'live' }))
        source.addEventListener('secret', (e) => {
          dispatch({ type: 'live', items: [JSON.parse((e as MessageEvent<string>).data) as FeedItem] })
        })
        // more was missed than a stream resends: read the first page again, merged with what is shown
        source.addEventListener('gap', () => {
          firstPage().then(
            (p) => dispatch({ type: 'page', page: p }),
            () => undefined,
          )
        })
        source.addEventListener('error', () => {
          if (!source || abort.signal.aborted) return
          if (source.readyState === EventSource.CLOSED) {
            dispatch({
              type: 'connection',
              connection: 'offline',
              error: 'The live feed was refused or the server is gone. Sign in again or retry.',
            })
          } else dispatch({ type: 'connection', connection: 'reconnecting' })
        })
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return
        dispatch({ type: 'connection', connection: 'offline', error: errorMessage(e) })
      })
    return () => {
      abort.abort()
      olderAbort.current?.abort()
      source?.close()
    }
  }, [slug, key, attempt])

  const loadOlder = useCallback(() => {
    if (!state.nextBefore || state.loadingOlder) return
    dispatch({ type: 'loadingOlder' })
    const abort = new AbortController()
    olderAbort.current = abort
    api<FeedPage>(`/secrets/feed?${query(filters, { limit: String(PAGE), before: state.nextBefore })}`, {
      workspace: slug,
      signal: abort.signal,
    }).then(
      (page) => dispatch({ type: 'older', page }),
      (e: unknown) => {
        if (!abort.signal.aborted)
          dispatch({ type: 'connection', connection: state.connection, error: errorMessage(e) })
      },
    )
  }, [filters, slug, state.nextBefore, state.loadingOlder, state.connection])

  return { ...state, loadOlder, retry }
}
