import { useQuery } from '@tanstack/react-query'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation, type WorkspaceRequest } from '../../app/workspace-mutation.ts'

export interface Webhook {
  id: string
  url: string
  events: string[]
  active: boolean
  createdAt: string
}
export interface CreatedWebhook extends Webhook {
  secret: string
}
export interface WebhookAttempt {
  attempt: number
  at: string
  responseStatus: number | null
  responseMs: number | null
  error: string | null
}
export interface WebhookDelivery {
  id: string
  event: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  responseStatus: number | null
  responseMs: number | null
  error: string | null
  nextAttemptAt: string | null
  deliveredAt: string | null
  createdAt: string
  attemptLog: WebhookAttempt[]
}
export interface PingResult {
  deliveryId: string
  delivered: boolean
  responseStatus: number | null
  responseMs: number
  error: string | null
}

/** What each event means, in the words of the recovery engine. */
export const EVENT_LABELS: Record<string, { label: string; description: string }> = {
  'oops.opened': { label: 'OOPS! opened', description: 'Someone reports a screw-up: the clock starts.' },
  'oops.at_risk': {
    label: 'OOPS! at risk',
    description: 'The recovery enters the last hours of its window.',
  },
  'oops.breached': {
    label: 'OOPS! breached',
    description: 'The window passed before the fix and the surprise were both done.',
  },
  'oops.closed': { label: 'OOPS! closed', description: 'The customer has had the final resolution.' },
  'secret.recorded': {
    label: 'Secret recorded',
    description: 'Whom it is about and its category — never the secret’s text.',
  },
  ping: { label: 'Test ping', description: 'Sent from this page.' },
}

const key = (slug: string) => ['workspace', slug, 'webhooks'] as const

export const useWebhooks = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: key(slug),
    queryFn: ({ signal }) =>
      api<{ webhooks: Webhook[]; events: string[] }>('/webhooks', { workspace: slug, signal }),
  })
}

export const useDeliveries = (id: string | null) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: [...key(slug), id, 'deliveries'],
    queryFn: ({ signal }) =>
      api<{ deliveries: WebhookDelivery[] }>(
        `/webhooks/${encodeURIComponent(id ?? '')}/deliveries?limit=50`,
        {
          workspace: slug,
          signal,
        },
      ).then((r) => r.deliveries),
    enabled: id !== null,
    // retries happen in the background: keep the log moving while it is open
    refetchInterval: 10_000,
  })
}

const useWebhookMutation = <V, R>(request: (v: V) => WorkspaceRequest) =>
  useWorkspaceMutation<V, R>(request, { refresh: key })

const hook = (id: string) => `/webhooks/${encodeURIComponent(id)}`

export const useCreateWebhook = () =>
  useWebhookMutation<{ url: string; events: string[] }, CreatedWebhook>((body) => ({
    path: '/webhooks',
    method: 'POST',
    body,
  }))

export const useUpdateWebhook = () =>
  useWebhookMutation<{ id: string; url?: string; events?: string[]; active?: boolean }, Webhook>(
    ({ id, ...patch }) => ({ path: hook(id), method: 'PATCH', body: patch }),
  )

export const useDeleteWebhook = () =>
  useWebhookMutation<string, unknown>((id) => ({ path: hook(id), method: 'DELETE' }))

export const useTestWebhook = () =>
  useWebhookMutation<string, PingResult>((id) => ({ path: `${hook(id)}/test`, method: 'POST' }))

export const useRedeliver = () =>
  useWebhookMutation<{ id: string; deliveryId: string }, unknown>(({ id, deliveryId }) => ({
    path: `${hook(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
    method: 'POST',
  }))
