import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { IconPencil, IconPlus, IconRefresh, IconSend, IconTrash, IconWebhook } from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { createWebhookSchema } from '../../../schemas/webhooks.schemas.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { AdminOnly, PageState } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { actionsColumn, type Column, DataTable } from '../../ui/data-table.tsx'
import { FormCard } from '../../ui/form-card.tsx'
import { FormModal } from '../../ui/form-modal.tsx'
import { formatDateTime, fromNow } from '../../ui/format.ts'
import { ListCard } from '../../ui/list-card.tsx'
import { ShownOnceSecret } from '../../ui/shown-once-secret.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import {
  type CreatedWebhook,
  EVENT_LABELS,
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useRedeliver,
  useTestWebhook,
  useUpdateWebhook,
  useWebhooks,
  type Webhook,
  type WebhookDelivery,
} from './webhooks-api.ts'

const eventLabel = (e: string) => EVENT_LABELS[e]?.label ?? e

/** `/w/:slug/settings/webhooks`: admins add endpoints, see the secret once, watch each delivery. */
export function WebhooksPage() {
  const { role } = useWorkspace()
  const [created, setCreated] = useState<CreatedWebhook | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  if (role !== 'admin') {
    return (
      <>
        <PageHeader title="Webhooks" icon={<IconWebhook size={24} stroke={1.6} />} />
        <AdminOnly what="the webhooks" />
      </>
    )
  }
  return (
    <>
      <PageHeader
        title="Webhooks"
        icon={<IconWebhook size={24} stroke={1.6} />}
        description="Dazzle sends a signed JSON POST to your address the moment an OOPS! opens, turns at risk, breaches or closes, and when a secret is recorded (never its text). A failed delivery is tried again after 1 min, 5 min, 30 min, 2 h and 6 h."
      />
      <Stack gap="xl">
        {created && <NewSecretBox created={created} onDone={() => setCreated(null)} />}
        <CreateCard
          onCreated={(w) => {
            setCreated(w)
            setSelected(w.id)
          }}
        />
        <EndpointsCard selected={selected} onSelect={setSelected} />
        {selected && <DeliveryLog id={selected} />}
      </Stack>
    </>
  )
}

function EventChoice({
  events,
  value,
  onChange,
  error,
}: {
  events: string[]
  value: string[]
  onChange: (v: string[]) => void
  error?: ReactNode
}) {
  return (
    <Checkbox.Group
      label="Events"
      description="Send these, and only these."
      value={value}
      onChange={onChange}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {events.map((e) => (
          <Checkbox
            key={e}
            value={e}
            label={
              <Text fz="sm">
                <Code fz="xs">{e}</Code> {EVENT_LABELS[e]?.description}
              </Text>
            }
          />
        ))}
      </Stack>
    </Checkbox.Group>
  )
}

function CreateCard({ onCreated }: { onCreated: (w: CreatedWebhook) => void }) {
  const list = useWebhooks()
  const create = useCreateWebhook()
  const events = list.data?.events ?? []
  const form = useSchemaForm(createWebhookSchema, {
    url: '',
    events: ['oops.opened', 'oops.at_risk', 'oops.breached', 'oops.closed'],
  })
  const submit = form.onSubmit(({ url, events: chosen }) =>
    create.mutate(
      { url: url.trim(), events: chosen },
      {
        onSuccess: (w) => {
          form.setFieldValue('url', '')
          onCreated(w)
        },
      },
    ),
  )
  return (
    <FormCard
      icon={<IconPlus size={20} stroke={1.6} />}
      title="New endpoint"
      onSubmit={submit}
      error={create.error}
    >
      <TextInput
        label="Address"
        placeholder="https://example.com/hooks/dazzle"
        description="http or https. It must answer 2xx within 5 seconds; anything else is retried."
        required
        {...form.getInputProps('url')}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      {events.length > 0 && (
        <EventChoice
          events={events}
          value={form.values.events}
          onChange={(v) => form.setFieldValue('events', v)}
          error={form.errors.events}
        />
      )}
      <Group>
        <Button
          type="submit"
          leftSection={<IconWebhook size={16} />}
          loading={create.isPending}
          disabled={!form.values.url.trim() || form.values.events.length === 0}
        >
          Add endpoint
        </Button>
      </Group>
    </FormCard>
  )
}

function NewSecretBox({ created, onDone }: { created: CreatedWebhook; onDone: () => void }) {
  return (
    <ShownOnceSecret
      label="Signing secret"
      title="Copy the signing secret now"
      description="This is the only time Dazzle shows it. Your receiver uses it to check that each message really comes from Dazzle."
      value={created.secret}
      copyLabel="Copy secret"
      testId="webhook-secret"
      onDone={onDone}
    >
      Check <Code>X-Dazzle-Signature</Code> = <Code>sha256=</Code> + hex HMAC-SHA256 of{' '}
      <Code>{'<X-Dazzle-Timestamp>.<raw body>'}</Code> with this secret; refuse old timestamps, and use{' '}
      <Code>X-Dazzle-Delivery</Code> to ignore a message you already have.
    </ShownOnceSecret>
  )
}

function EndpointsCard({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const list = useWebhooks()
  const update = useUpdateWebhook()
  const test = useTestWebhook()
  const remove = useDeleteWebhook()
  const [editing, setEditing] = useState<Webhook | null>(null)
  const [removing, setRemoving] = useState<Webhook | null>(null)
  const sendTest = (w: Webhook) =>
    test.mutate(w.id, {
      onSuccess: (r) => {
        onSelect(w.id)
        if (r.delivered)
          notifySuccess(`It answered ${r.responseStatus} in ${r.responseMs} ms.`, 'Test ping delivered')
        else notifyError(new Error(r.error ?? 'No answer.'), 'Test ping not delivered')
      },
      onError: (e) => notifyError(e, 'Test ping not sent'),
    })
  return (
    <>
      <ListCard
        title="Endpoints"
        summary={list.data && `${list.data.webhooks.filter((w) => w.active).length} on`}
      >
        <PageState
          query={list}
          loading={
            <Stack p="lg" pt={0}>
              <Skeleton h={56} />
            </Stack>
          }
        >
          {({ webhooks }) =>
            webhooks.length === 0 ? (
              <Text c="dimmed" fz="sm" px="lg" pb="lg">
                No endpoints yet. Add one above to have Dazzle tell another system about recoveries as they
                happen.
              </Text>
            ) : (
              <Stack gap={0}>
                {webhooks.map((w) => (
                  <Group
                    key={w.id}
                    px="lg"
                    py="md"
                    gap="md"
                    justify="space-between"
                    wrap="wrap"
                    style={{
                      borderTop: '1px solid var(--mantine-color-default-border)',
                      background:
                        selected === w.id
                          ? 'light-dark(var(--mantine-color-violet-0), rgba(132, 94, 247, 0.08))'
                          : undefined,
                    }}
                  >
                    <Stack gap={6} style={{ minWidth: 0, flex: '1 1 300px' }}>
                      <Anchor
                        component="button"
                        type="button"
                        onClick={() => onSelect(w.id)}
                        ff="monospace"
                        fz="sm"
                        ta="left"
                        style={{ wordBreak: 'break-all' }}
                        aria-label={`Delivery log of ${w.url}`}
                      >
                        {w.url}
                      </Anchor>
                      <Group gap={6}>
                        {w.events.map((e) => (
                          <Badge key={e} variant="light" color="gray" size="sm" tt="none">
                            {eventLabel(e)}
                          </Badge>
                        ))}
                      </Group>
                    </Stack>
                    <Group gap="xs" wrap="nowrap">
                      <Switch
                        checked={w.active}
                        label={w.active ? 'On' : 'Off'}
                        aria-label={`${w.url} is ${w.active ? 'on' : 'off'}`}
                        onChange={(e) =>
                          update.mutate(
                            { id: w.id, active: e.currentTarget.checked },
                            { onError: (err) => notifyError(err) },
                          )
                        }
                      />
                      <Tooltip label="Send a test ping">
                        <Button
                          variant="default"
                          size="xs"
                          leftSection={<IconSend size={14} />}
                          loading={test.isPending && test.variables === w.id}
                          onClick={() => sendTest(w)}
                        >
                          Test
                        </Button>
                      </Tooltip>
                      <Tooltip label="Change address or events">
                        <Button
                          variant="subtle"
                          size="xs"
                          px={8}
                          aria-label="Edit"
                          onClick={() => setEditing(w)}
                        >
                          <IconPencil size={16} />
                        </Button>
                      </Tooltip>
                      <Tooltip label="Remove">
                        <Button
                          variant="subtle"
                          color="red"
                          size="xs"
                          px={8}
                          aria-label="Remove"
                          onClick={() => setRemoving(w)}
                        >
                          <IconTrash size={16} />
                        </Button>
                      </Tooltip>
                    </Group>
                  </Group>
                ))}
              </Stack>
            )
          }
        </PageState>
      </ListCard>
      {editing && list.data && (
        <EditModal webhook={editing} events={list.data.events} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={!!removing}
        title="Remove this endpoint?"
        confirmLabel="Remove endpoint"
        pending={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return
          remove.mutate(removing.id, {
            onError: (e) => notifyError(e, 'Not removed'),
            onSettled: () => setRemoving(null),
          })
        }}
      >
        <Text fz="sm">
          <Code>{removing?.url}</Code> gets nothing more, and its delivery log is deleted.
        </Text>
      </ConfirmDialog>
    </>
  )
}

function EditModal({
  webhook,
  events,
  onClose,
}: {
  webhook: Webhook
  events: string[]
  onClose: () => void
}) {
  const update = useUpdateWebhook()
  const form = useSchemaForm(createWebhookSchema, { url: webhook.url, events: [...webhook.events] })
  return (
    <FormModal
      opened
      onClose={onClose}
      title="Change endpoint"
      size="lg"
      onSubmit={form.onSubmit(({ url, events: chosen }) =>
        update.mutate({ id: webhook.id, url: url.trim(), events: chosen }, { onSuccess: onClose }),
      )}
      submitLabel="Save"
      submitDisabled={!form.values.url.trim() || form.values.events.length === 0}
      pending={update.isPending}
      error={update.error}
    >
      <TextInput
        label="Address"
        required
        {...form.getInputProps('url')}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <EventChoice
        events={events}
        value={form.values.events}
        onChange={(v) => form.setFieldValue('events', v)}
        error={form.errors.events}
      />
    </FormModal>
  )
}

const STATUS: Record<WebhookDelivery['status'], { label: string; color: string }> = {
  delivered: { label: 'Delivered', color: 'teal' },
  pending: { label: 'Retrying', color: 'orange' },
  failed: { label: 'Failed', color: 'red' },
}

const answer = (status: number | null, ms: number | null, error: string | null) =>
  status !== null ? `${status}${ms !== null ? ` · ${ms} ms` : ''}` : (error ?? '—')

function DeliveryLog({ id }: { id: string }) {
  const list = useWebhooks()
  const deliveries = useDeliveries(id)
  const redeliver = useRedeliver()
  const [open, setOpen] = useState<string | null>(null)
  const endpoint = list.data?.webhooks.find((w) => w.id === id)
  if (!endpoint) return null
  const columns: Column<WebhookDelivery>[] = [
    {
      key: 'event',
      header: 'Event',
      phone: 'title',
      cell: (d) => (
        <>
          <Text fz="sm" fw={600}>
            {eventLabel(d.event)}
          </Text>
          <Text fz="xs" c="dimmed" ff="monospace">
            {d.id.slice(0, 8)}
          </Text>
        </>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      cell: (d) => (
        <>
          <Badge color={STATUS[d.status].color} variant="light">
            {STATUS[d.status].label}
          </Badge>
          {d.status === 'pending' && d.nextAttemptAt && (
            <Text fz="xs" c="dimmed" mt={4} title={formatDateTime(d.nextAttemptAt)}>
              next attempt {fromNow(d.nextAttemptAt)}
            </Text>
          )}
        </>
      ),
    },
    {
      key: 'attempts',
      header: 'Attempts',
      cell: (d) =>
        d.attempts > 0 ? (
          <Anchor
            component="button"
            type="button"
            fz="sm"
            onClick={() => setOpen(open === d.id ? null : d.id)}
            aria-expanded={open === d.id}
          >
            {d.attempts} {open === d.id ? '▴' : '▾'}
          </Anchor>
        ) : (
          <Text fz="sm">0</Text>
        ),
    },
    {
      key: 'answer',
      header: 'Last answer',
      cell: (d) => (
        <Text fz="sm" c={d.status === 'delivered' ? undefined : 'red'} maw={260} lineClamp={2}>
          {answer(d.responseStatus, d.responseMs, d.error)}
        </Text>
      ),
    },
    {
      key: 'when',
      header: 'When',
      nowrap: true,
      cell: (d) => (
        <Text fz="sm" c="dimmed" title={formatDateTime(d.createdAt)} style={{ whiteSpace: 'nowrap' }}>
          {fromNow(d.createdAt)}
        </Text>
      ),
    },
    actionsColumn(
      (d) =>
        d.status !== 'pending' &&
        d.event !== 'ping' && (
          <Button
            variant="subtle"
            size="xs"
            loading={redeliver.isPending && redeliver.variables?.deliveryId === d.id}
            onClick={() =>
              redeliver.mutate(
                { id, deliveryId: d.id },
                {
                  onSuccess: () => notifySuccess('It goes out again in a moment.', 'Redelivery queued'),
                  onError: (e) => notifyError(e, 'Not redelivered'),
                },
              )
            }
          >
            Redeliver
          </Button>
        ),
    ),
  ]
  return (
    <ListCard
      title="Delivery log"
      description={
        <Text component="span" fz="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {endpoint.url}
        </Text>
      }
      actions={
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconRefresh size={14} />}
          loading={deliveries.isFetching}
          onClick={() => deliveries.refetch()}
        >
          Refresh
        </Button>
      }
      error={deliveries.error}
      onRetry={() => deliveries.refetch()}
    >
      <DataTable
        label="Deliveries"
        rows={deliveries.data}
        rowKey={(d) => d.id}
        loading={deliveries.isPending}
        empty="Nothing sent yet. Use “Test” to send a ping, or wait for the next event."
        columns={columns}
        pageSize={25}
        afterRow={(d) =>
          open === d.id && (
            <Stack gap={4}>
              {d.attemptLog.map((a) => (
                <Group key={a.attempt} gap="md" wrap="nowrap">
                  <Text fz="xs" w={70} c="dimmed">
                    attempt {a.attempt}
                  </Text>
                  <Text fz="xs" w={160} c="dimmed">
                    {formatDateTime(a.at)}
                  </Text>
                  <Text fz="xs" c={a.responseStatus && a.responseStatus < 300 ? 'teal' : 'red'}>
                    {answer(a.responseStatus, a.responseMs, a.error)}
                  </Text>
                </Group>
              ))}
            </Stack>
          )
        }
      />
    </ListCard>
  )
}
