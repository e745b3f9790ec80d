import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core'
import {
  IconAlertTriangle,
  IconCheck,
  IconCopy,
  IconPencil,
  IconPlus,
  IconRefresh,
  IconSend,
  IconTrash,
  IconWebhook,
} from '@tabler/icons-react'
import { type FormEvent, Fragment, useState } from 'react'
import { errorMessage } from '../../app/api.ts'
import { FormError } from '../../app/form-error.tsx'
import { formatDateTime, fromNow } from '../../app/format.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
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
        <Alert color="gray" variant="light">
          Webhooks are managed by the admins of this workspace.
        </Alert>
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
}: {
  events: string[]
  value: string[]
  onChange: (v: string[]) => void
}) {
  return (
    <Checkbox.Group
      label="Events"
      description="Send these, and only these."
      value={value}
      onChange={onChange}
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
  const [url, setUrl] = useState('')
  const [chosen, setChosen] = useState<string[]>([
    'oops.opened',
    'oops.at_risk',
    'oops.breached',
    'oops.closed',
  ])
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate(
      { url: url.trim(), events: chosen },
      {
        onSuccess: (w) => {
          setUrl('')
          onCreated(w)
        },
      },
    )
  }
  return (
    <Card>
      <Group gap="sm" mb="md">
        <IconPlus size={20} stroke={1.6} />
        <Title order={2} fz="lg">
          New endpoint
        </Title>
      </Group>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={create.error} />
          <TextInput
            label="Address"
            placeholder="https://example.com/hooks/dazzle"
            description="http or https. It must answer 2xx within 5 seconds; anything else is retried."
            required
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          {events.length > 0 && <EventChoice events={events} value={chosen} onChange={setChosen} />}
          <Group>
            <Button
              type="submit"
              leftSection={<IconWebhook size={16} />}
              loading={create.isPending}
              disabled={!url.trim() || chosen.length === 0}
            >
              Add endpoint
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  )
}

function NewSecretBox({ created, onDone }: { created: CreatedWebhook; onDone: () => void }) {
  return (
    <Paper
      p={{ base: 'lg', sm: 'xl' }}
      withBorder
      role="status"
      aria-label="Signing secret"
      style={{
        borderColor: 'var(--mantine-color-yellow-5)',
        borderWidth: 2,
        background: 'light-dark(var(--mantine-color-yellow-0), rgba(250, 176, 5, 0.08))',
      }}
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon color="yellow" variant="light" size={36} radius="md" aria-hidden>
            <IconAlertTriangle size={20} />
          </ThemeIcon>
          <Stack gap={2}>
            <Title order={2} fz="lg">
              Copy the signing secret now
            </Title>
            <Text fz="sm">
              This is the only time Dazzle shows it. Your receiver uses it to check that each message really
              comes from Dazzle.
            </Text>
          </Stack>
        </Group>
        <Code
          block
          p="md"
          data-testid="webhook-secret"
          style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
        >
          {created.secret}
        </Code>
        <Group gap="sm">
          <CopyButton value={created.secret}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                color={copied ? 'teal' : 'violet'}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              >
                {copied ? 'Copied' : 'Copy secret'}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            Done
          </Button>
        </Group>
        <Text fz="xs" c="dimmed">
          Check <Code>X-Dazzle-Signature</Code> = <Code>sha256=</Code> + hex HMAC-SHA256 of{' '}
          <Code>{'<X-Dazzle-Timestamp>.<raw body>'}</Code> with this secret; refuse old timestamps, and use{' '}
          <Code>X-Dazzle-Delivery</Code> to ignore a message you already have.
        </Text>
      </Stack>
    </Paper>
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
    <Card p={0}>
      <Group justify="space-between" p="lg" pb="sm">
        <Title order={2} fz="lg">
          Endpoints
        </Title>
        {list.data && (
          <Text fz="sm" c="dimmed">
            {list.data.webhooks.filter((w) => w.active).length} on
          </Text>
        )}
      </Group>
      {list.isError ? (
        <Alert color="red" m="lg" mt={0}>
          {errorMessage(list.error)}
        </Alert>
      ) : list.isPending ? (
        <Stack p="lg" pt={0}>
          <Skeleton h={56} />
        </Stack>
      ) : list.data.webhooks.length === 0 ? (
        <Text c="dimmed" fz="sm" px="lg" pb="lg">
          No endpoints yet. Add one above to have Dazzle tell another system about recoveries as they happen.
        </Text>
      ) : (
        <Stack gap={0}>
          {list.data.webhooks.map((w) => (
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
                  <Button variant="subtle" size="xs" px={8} aria-label="Edit" onClick={() => setEditing(w)}>
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
      )}
      {editing && list.data && (
        <EditModal webhook={editing} events={list.data.events} onClose={() => setEditing(null)} />
      )}
      <Modal
        opened={!!removing}
        onClose={() => setRemoving(null)}
        title={<Text fw={700}>Remove this endpoint?</Text>}
      >
        <Stack gap="lg">
          <Text fz="sm">
            <Code>{removing?.url}</Code> gets nothing more, and its delivery log is deleted.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setRemoving(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => {
                if (!removing) return
                remove.mutate(removing.id, {
                  onError: (e) => notifyError(e, 'Not removed'),
                  onSettled: () => setRemoving(null),
                })
              }}
            >
              Remove endpoint
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
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
  const [url, setUrl] = useState(webhook.url)
  const [chosen, setChosen] = useState(webhook.events)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    update.mutate({ id: webhook.id, url: url.trim(), events: chosen }, { onSuccess: onClose })
  }
  return (
    <Modal opened onClose={onClose} title={<Text fw={700}>Change endpoint</Text>} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={update.error} />
          <TextInput
            label="Address"
            required
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <EventChoice events={events} value={chosen} onChange={setChosen} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!url.trim() || chosen.length === 0}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
  return (
    <Card p={0}>
      <Group justify="space-between" p="lg" pb="sm" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={2} fz="lg">
            Delivery log
          </Title>
          <Text fz="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {endpoint.url}
          </Text>
        </Stack>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconRefresh size={14} />}
          loading={deliveries.isFetching}
          onClick={() => deliveries.refetch()}
        >
          Refresh
        </Button>
      </Group>
      {deliveries.isError ? (
        <Alert color="red" m="lg" mt={0}>
          {errorMessage(deliveries.error)}
        </Alert>
      ) : deliveries.isPending ? (
        <Stack p="lg" pt={0}>
          <Skeleton h={28} />
          <Skeleton h={28} />
        </Stack>
      ) : deliveries.data.length === 0 ? (
        <Text c="dimmed" fz="sm" px="lg" pb="lg">
          Nothing sent yet. Use “Test” to send a ping, or wait for the next event.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table className="dazzle-table" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Last answer</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.data.map((d) => (
                <Fragment key={d.id}>
                  <Table.Tr>
                    <Table.Td>
                      <Text fz="sm" fw={600}>
                        {eventLabel(d.event)}
                      </Text>
                      <Text fz="xs" c="dimmed" ff="monospace">
                        {d.id.slice(0, 8)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS[d.status].color} variant="light">
                        {STATUS[d.status].label}
                      </Badge>
                      {d.status === 'pending' && d.nextAttemptAt && (
                        <Text fz="xs" c="dimmed" mt={4} title={formatDateTime(d.nextAttemptAt)}>
                          next attempt {fromNow(d.nextAttemptAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {d.attempts > 0 ? (
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
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" c={d.status === 'delivered' ? undefined : 'red'} maw={260} lineClamp={2}>
                        {answer(d.responseStatus, d.responseMs, d.error)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text
                        fz="sm"
                        c="dimmed"
                        title={formatDateTime(d.createdAt)}
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        {fromNow(d.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {d.status !== 'pending' && d.event !== 'ping' && (
                        <Button
                          variant="subtle"
                          size="xs"
                          loading={redeliver.isPending && redeliver.variables?.deliveryId === d.id}
                          onClick={() =>
                            redeliver.mutate(
                              { id, deliveryId: d.id },
                              {
                                onSuccess: () =>
                                  notifySuccess('It goes out again in a moment.', 'Redelivery queued'),
                                onError: (e) => notifyError(e, 'Not redelivered'),
                              },
                            )
                          }
                        >
                          Redeliver
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                  {open === d.id && (
                    <Table.Tr>
                      <Table.Td colSpan={6} bg="var(--mantine-color-default-hover)">
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
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  )
}
