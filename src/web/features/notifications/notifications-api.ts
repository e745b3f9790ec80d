import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation } from '../../app/workspace-mutation.ts'

export interface AppNotification {
  id: string
  kind: string
  oopsId: string | null
  title: string
  body: string | null
  createdAt: string
  readAt: string | null
}

interface NotificationList {
  notifications: AppNotification[]
  unread: number
}

export const notificationsKey = (slug: string) => ['workspace', slug, 'notifications'] as const

/** A stream that fails for good (an old proxy, a refused session) falls back to asking this often. */
const POLL_MS = 15_000

export const useNotifications = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: notificationsKey(slug),
    queryFn: ({ signal }) => api<NotificationList>('/notifications?limit=30', { workspace: slug, signal }),
    refetchInterval: POLL_MS * 4,
  })
}

/**
 * Keeps the bell current: the server says "something new" over server-sent events the moment a
 * notification is stored (by whichever instance), and the list is read again. EventSource
 * reconnects by itself; while it cannot, the list is polled.
 */
export const useLiveNotifications = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  useEffect(() => {
    const refresh = () => qc.invalidateQueries({ queryKey: notificationsKey(slug) })
    let poll: ReturnType<typeof setInterval> | null = null
    const startPolling = () => {
      poll ??= setInterval(refresh, POLL_MS)
    }
    const stopPolling = () => {
      if (poll) clearInterval(poll)
      poll = null
    }
    if (typeof EventSource === 'undefined') {
      startPolling()
      return stopPolling
    }
    const source = new EventSource(`/api/notifications/stream?workspace=${encodeURIComponent(slug)}`)
    source.addEventListener('ready', () => {
      stopPolling()
      // whatever arrived while the stream was down
      refresh()
    })
    source.addEventListener('notification', refresh)
    source.addEventListener('error', startPolling)
    return () => {
      source.close()
      stopPolling()
    }
  }, [slug, qc])
}

export const useMarkRead = () =>
  useWorkspaceMutation<string, unknown>(
    (id) => ({ path: `/notifications/${encodeURIComponent(id)}/read`, method: 'POST' }),
    { refresh: notificationsKey },
  )

export const useMarkAllRead = () =>
  useWorkspaceMutation<void, { marked: number }>(
    () => ({ path: '/notifications/read-all', method: 'POST' }),
    {
      refresh: notificationsKey,
    },
  )
