import {
  Badge,
  Button,
  Card,
  Center,
  EmptyState,
  Group,
  NativeSelect,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core'
import { IconHistory, IconListSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { formatDateTime, fromNow } from '../../app/format.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { AdminOnly, PageState } from '../../app/status-pages.tsx'
import type { AuditAction, AuditEvent } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { type Column, DataTable } from '../../ui/data-table.tsx'
import { FilterBar } from '../../ui/filter-bar.tsx'
import { useAuditTrail } from './audit-api.ts'
import { ACTION_LABELS, AUDIT_ACTIONS, actionColor, actionLabel, detailsOf, targetOf } from './audit-words.ts'

const ACTION_OPTIONS = [
  { value: '', label: 'All actions' },
  ...AUDIT_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] })),
]

const COLUMNS: Column<AuditEvent>[] = [
  {
    key: 'when',
    header: 'When',
    nowrap: true,
    cell: (e) => (
      <Tooltip label={formatDateTime(e.createdAt)}>
        <Text component="time" dateTime={e.createdAt} title={formatDateTime(e.createdAt)} fz="sm">
          {fromNow(e.createdAt)}
        </Text>
      </Tooltip>
    ),
  },
  {
    key: 'who',
    header: 'Who',
    // from where: the address under the name, the browser on hover
    cell: (e) => (
      <>
        <Text fz="sm" fw={500} style={{ overflowWrap: 'normal' }}>
          {e.actorLabel}
        </Text>
        <Tooltip label={e.userAgent ?? 'Unknown browser'} multiline maw={360} disabled={!e.userAgent}>
          <Text fz="xs" ff="monospace" c="dimmed" component="span">
            {e.ip ?? '—'}
          </Text>
        </Tooltip>
      </>
    ),
  },
  {
    key: 'action',
    header: 'Action',
    phone: 'title',
    cell: (e) => (
      // a long action wraps inside its badge rather than pushing the last column out of view
      <Badge
        variant="light"
        color={actionColor(e.action)}
        radius="sm"
        tt="none"
        fw={600}
        maw={190}
        styles={{ root: { height: 'auto', paddingBlock: 2 }, label: { whiteSpace: 'normal' } }}
      >
        {actionLabel(e.action)}
      </Badge>
    ),
  },
  { key: 'target', header: 'Target', cell: (e) => <Text fz="sm">{targetOf(e)}</Text> },
  {
    key: 'details',
    header: 'Details',
    minWidth: 160,
    cell: (e) => (
      <Text fz="sm" c="dimmed">
        {detailsOf(e) || '—'}
      </Text>
    ),
  },
]

export function AuditPage() {
  const { role } = useWorkspace()
  return (
    <>
      <PageHeader
        title="Audit trail"
        icon={<IconHistory size={24} stroke={1.6} />}
        description="Who did what in this workspace, when and from where. Secrets are personal data: every sign-in, role change, invitation and token use is recorded here and cannot be edited."
      />
      {role === 'admin' ? <AuditTable /> : <AdminOnly what="the audit trail" />}
    </>
  )
}

function AuditTable() {
  const [action, setAction] = useState<AuditAction | null>(null)
  const trail = useAuditTrail(action)
  const events = trail.data?.pages.flatMap((p) => p.events) ?? []

  return (
    <Card p={0}>
      <FilterBar
        summary={
          trail.data &&
          `${events.length} ${events.length === 1 ? 'event' : 'events'} shown${trail.hasNextPage ? ', more below' : ''}`
        }
      >
        <NativeSelect
          label="Action"
          data={ACTION_OPTIONS}
          value={action ?? ''}
          onChange={(e) => setAction((e.currentTarget.value || null) as AuditAction | null)}
          w={{ base: '100%', xs: 280 }}
        />
      </FilterBar>
      <PageState
        query={trail}
        loading={
          <Stack p="lg" pt={0}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} h={30} />
            ))}
          </Stack>
        }
      >
        {() =>
          events.length === 0 ? (
            <Center p="xl">
              <EmptyState
                icon={<IconListSearch size={26} />}
                title="No events"
                description={
                  action
                    ? `Nobody has “${ACTION_LABELS[action].toLowerCase()}” yet.`
                    : 'Nothing has happened yet.'
                }
                variant="light"
              />
            </Center>
          ) : (
            <>
              <DataTable
                label="Audit trail"
                rows={events}
                rowKey={(e) => String(e.id)}
                columns={COLUMNS}
                empty="No events"
              />
              <Group justify="center" p="lg">
                {trail.hasNextPage ? (
                  <Button
                    variant="default"
                    onClick={() => trail.fetchNextPage()}
                    loading={trail.isFetchingNextPage}
                  >
                    Load older
                  </Button>
                ) : (
                  <Text fz="sm" c="dimmed">
                    That's the beginning of the trail.
                  </Text>
                )}
              </Group>
            </>
          )
        }
      </PageState>
    </Card>
  )
}
