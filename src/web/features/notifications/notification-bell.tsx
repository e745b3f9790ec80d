import {
  ActionIcon,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Indicator,
  Loader,
  Popover,
  ScrollArea,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
  UnstyledButton,
} from '@mantine/core'
import {
  IconAlarm,
  IconAlertTriangle,
  IconAward,
  IconBell,
  IconChecks,
  IconClockHour4,
  IconGift,
  IconMoodHappy,
} from '@tabler/icons-react'
import { type ComponentType, useState } from 'react'
import { useNavigate } from 'react-router'
import { errorMessage } from '../../app/api.ts'
import { formatDateTime, fromNow } from '../../app/format.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import {
  type AppNotification,
  useLiveNotifications,
  useMarkAllRead,
  useMarkRead,
  useNotifications,
} from './notifications-api.ts'

const KINDS: Record<string, { icon: ComponentType<{ size?: number; stroke?: number }>; color: string }> = {
  'oops.step_due': { icon: IconClockHour4, color: 'blue' },
  'oops.at_risk': { icon: IconAlertTriangle, color: 'orange' },
  'oops.breached': { icon: IconAlarm, color: 'red' },
  'oops.feedback': { icon: IconMoodHappy, color: 'teal' },
  'award.won': { icon: IconAward, color: 'yellow' },
  'moment.reminder': { icon: IconGift, color: 'pink' },
}
const OTHER = { icon: IconBell, color: 'violet' }

/** The bell in the header: unread count, live; the list opens in a popover, each item leads to its recovery. */
export function NotificationBell() {
  const [opened, setOpened] = useState(false)
  const list = useNotifications()
  useLiveNotifications()
  const unread = list.data?.unread ?? 0
  const label = unread ? `Notifications: ${unread} unread` : 'Notifications'
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width="min(380px, calc(100vw - 24px))"
      shadow="md"
      withinPortal
      trapFocus
    >
      <Popover.Target>
        <Tooltip label={label} disabled={opened}>
          <Indicator
            label={unread > 99 ? '99+' : unread}
            disabled={unread === 0}
            size={18}
            offset={4}
            color="red"
            withBorder
            fw={700}
          >
            <ActionIcon
              variant="default"
              size="lg"
              radius="md"
              aria-label={label}
              aria-haspopup="dialog"
              aria-expanded={opened}
              onClick={() => setOpened((o) => !o)}
            >
              <IconBell size={18} stroke={1.6} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label="Notifications">
        <NotificationList list={list} unread={unread} onOpen={() => setOpened(false)} />
      </Popover.Dropdown>
    </Popover>
  )
}

function NotificationList({
  list,
  unread,
  onOpen,
}: {
  list: ReturnType<typeof useNotifications>
  unread: number
  onOpen: () => void
}) {
  const markAll = useMarkAllRead()
  return (
    <>
      <Group justify="space-between" px="md" py="sm" wrap="nowrap">
        <Text fw={700}>Notifications</Text>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconChecks size={16} />}
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all read
        </Button>
      </Group>
      <Divider />
      {list.isPending ? (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      ) : list.isError ? (
        <Text c="red" fz="sm" p="md">
          {errorMessage(list.error)}
        </Text>
      ) : list.data.notifications.length === 0 ? (
        <Stack gap={4} p="lg" align="center">
          <IconBell size={28} stroke={1.4} opacity={0.5} />
          <Text fz="sm" c="dimmed" ta="center">
            Nothing yet. When a recovery of yours needs a contact, turns at risk or breaches, you hear it
            here.
          </Text>
        </Stack>
      ) : (
        <ScrollArea.Autosize mah="min(440px, 70dvh)" type="auto">
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {list.data.notifications.map((n) => (
              <NotificationItem key={n.id} n={n} onOpen={onOpen} />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </>
  )
}

function NotificationItem({ n, onOpen }: { n: AppNotification; onOpen: () => void }) {
  const { slug } = useWorkspace()
  const navigate = useNavigate()
  const markRead = useMarkRead()
  const kind = KINDS[n.kind] ?? OTHER
  const Icon = kind.icon
  const unread = n.readAt === null
  const open = () => {
    if (unread) markRead.mutate(n.id)
    onOpen()
    if (n.oopsId) navigate(`/w/${slug}/recoveries/${n.oopsId}`)
    else if (n.kind.startsWith('award.')) navigate(`/w/${slug}/awards`)
    else if (n.kind === 'moment.reminder') navigate(`/w/${slug}/moments`)
  }
  return (
    <Box component="li">
      <UnstyledButton
        onClick={open}
        w="100%"
        px="md"
        py="sm"
        className="dazzle-notification"
        aria-label={`${unread ? 'Unread: ' : ''}${n.title}`}
        style={{
          display: 'block',
          background: unread
            ? 'light-dark(var(--mantine-color-violet-0), rgba(132, 94, 247, 0.08))'
            : undefined,
          borderBottom: '1px solid var(--mantine-color-default-border)',
        }}
      >
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" color={kind.color} radius="xl" size={32} aria-hidden>
            <Icon size={18} stroke={1.7} />
          </ThemeIcon>
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Text fz="sm" fw={unread ? 700 : 500} lh={1.35}>
              {n.title}
            </Text>
            {n.body && (
              <Text fz="xs" c="dimmed" lineClamp={3}>
                {n.body}
              </Text>
            )}
            <Text fz="xs" c="dimmed" title={formatDateTime(n.createdAt)}>
              {fromNow(n.createdAt)}
            </Text>
          </Stack>
          {unread && (
            <Box
              mt={6}
              w={8}
              h={8}
              style={{ borderRadius: 8, flexShrink: 0, background: 'var(--mantine-color-violet-6)' }}
              aria-hidden
            />
          )}
        </Group>
      </UnstyledButton>
    </Box>
  )
}
