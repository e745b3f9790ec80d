import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Chip,
  Collapse,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
  Tooltip,
} from '@mantine/core'
import {
  IconCalendarEvent,
  IconMail,
  IconMessage,
  IconPhone,
  IconPlus,
  IconTicket,
  IconTrash,
  IconUsers,
  IconWalk,
} from '@tabler/icons-react'
import { type FormEvent, type ReactNode, useState } from 'react'
import { FormError } from '../../app/form-error.tsx'
import { formatDateTime, fromNow } from '../../app/format.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import type { CustomerDetail } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { useAddEngagement, useEngagements, useRemoveEngagement } from './secrets-api.ts'
import type { EngagementChannel } from './secrets-types.ts'
import { CHANNEL_LABELS, ENGAGEMENT_CHANNELS } from './secrets-words.ts'

const CHANNEL_ICONS: Record<EngagementChannel, ReactNode> = {
  meeting: <IconUsers size={14} />,
  call: <IconPhone size={14} />,
  visit: <IconWalk size={14} />,
  message: <IconMessage size={14} />,
  email: <IconMail size={14} />,
  event: <IconTicket size={14} />,
  other: <IconCalendarEvent size={14} />,
}

/** The meetings, calls and visits secrets are heard in: a quick log and the timeline. */
export function EngagementsCard({ c }: { c: CustomerDetail }) {
  const { role, me } = useWorkspace()
  const mayLog = role !== 'marketing'
  const engagements = useEngagements(c.id)
  const members = useMembers()
  const remove = useRemoveEngagement(c.id)
  const [logging, setLogging] = useState(false)
  const list = engagements.data ?? []
  const person = (id: string) => c.people.find((p) => p.id === id)?.name
  const colleague = (id: string) => members.data?.find((m) => m.userId === id)?.name

  return (
    <Card component="section" aria-label="Engagements" id="engagements">
      <Group justify="space-between" mb="sm" gap="sm">
        <Group gap="sm">
          <IconCalendarEvent size={20} stroke={1.6} aria-hidden />
          <Title order={2} fz="lg">
            Engagements
          </Title>
        </Group>
        {mayLog && (
          <Button
            variant="light"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => setLogging((x) => !x)}
            aria-expanded={logging}
          >
            Log an engagement
          </Button>
        )}
      </Group>
      <Collapse expanded={logging}>
        {logging && <EngagementForm c={c} onDone={() => setLogging(false)} />}
      </Collapse>
      {engagements.isError ? (
        <Text c="red" fz="sm">
          The engagements did not load. {engagements.error.message}
        </Text>
      ) : list.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {engagements.isPending
            ? 'Loading…'
            : 'No meeting, call or visit logged yet. Log one, and link the secrets you hear in it.'}
        </Text>
      ) : (
        <Timeline bulletSize={24} lineWidth={2} mt="xs">
          {list.slice(0, 20).map((g) => {
            const who = [...g.personIds.map(person), ...g.userIds.map(colleague)].filter(
              (x): x is string => !!x,
            )
            const mayRemove = role === 'admin' || g.createdBy === me.user.id
            return (
              <Timeline.Item
                key={g.id}
                bullet={CHANNEL_ICONS[g.channel]}
                title={
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Text fz="sm" fw={600}>
                      {CHANNEL_LABELS[g.channel]}
                      {g.summary ? `: ${g.summary}` : ''}
                    </Text>
                    {mayRemove && (
                      <Tooltip label="Remove (its secrets stay)">
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          color="gray"
                          aria-label="Remove engagement"
                          onClick={() => remove.mutate(g.id, { onError: (e) => notifyError(e) })}
                        >
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                }
              >
                <Text fz="xs" c="dimmed">
                  <Tooltip label={formatDateTime(g.occurredAt)}>
                    <span>{fromNow(g.occurredAt)}</span>
                  </Tooltip>
                  {who.length > 0 ? ` · ${who.join(', ')}` : ''}
                </Text>
                {g.notes && (
                  <Text fz="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {g.notes}
                  </Text>
                )}
                {g.secretCount > 0 && (
                  <Badge size="xs" variant="light" mt={4}>
                    {g.secretCount} {g.secretCount === 1 ? 'secret' : 'secrets'} heard
                  </Badge>
                )}
              </Timeline.Item>
            )
          })}
        </Timeline>
      )}
    </Card>
  )
}

function EngagementForm({ c, onDone }: { c: CustomerDetail; onDone: () => void }) {
  const add = useAddEngagement(c.id)
  const [channel, setChannel] = useState<EngagementChannel>('meeting')
  const [summary, setSummary] = useState('')
  const [people, setPeople] = useState<string[]>([])
  const [when, setWhen] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    add.mutate(
      {
        channel,
        summary: summary.trim() || null,
        personIds: people,
        ...(when ? { occurredAt: new Date(when).toISOString() } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess('Secrets you record can now link to it.', 'Engagement logged')
          onDone()
        },
      },
    )
  }
  return (
    <form onSubmit={submit} aria-label="Log an engagement">
      <Stack
        gap="sm"
        mb="md"
        p="sm"
        style={{ borderRadius: 'var(--mantine-radius-md)', background: 'var(--dazzle-bg)' }}
      >
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect
            label="Channel"
            data={ENGAGEMENT_CHANNELS.map((x) => ({ value: x, label: CHANNEL_LABELS[x] }))}
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value as EngagementChannel)}
            w={{ base: '100%', xs: 140 }}
          />
          <TextInput
            label="Summary"
            placeholder="e.g. Quarterly review over lunch"
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            maxLength={200}
            style={{ flex: '1 1 220px' }}
            data-autofocus
          />
          <TextInput
            label="When"
            type="datetime-local"
            description="Empty: now"
            value={when}
            onChange={(e) => setWhen(e.currentTarget.value)}
            w={{ base: '100%', xs: 210 }}
          />
        </Group>
        {c.people.length > 0 && (
          <div>
            <Text fz="sm" fw={500} mb={4}>
              Who was there
            </Text>
            <Chip.Group multiple value={people} onChange={setPeople}>
              <Group gap={6}>
                {c.people.map((p) => (
                  <Chip key={p.id} value={p.id} size="xs">
                    {p.name}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </div>
        )}
        <FormError error={add.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="sm" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" size="sm" loading={add.isPending}>
            Log it
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
