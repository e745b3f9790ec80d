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
  Table,
  Text,
  Tooltip,
} from '@mantine/core'
import { IconHistory, IconListSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { formatDateTime, fromNow } from '../../app/format.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { AdminOnly, ErrorPanel } from '../../app/status-pages.tsx'
import type { AuditAction } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { FilterBar } from '../../ui/filter-bar.tsx'
import { useAuditTrail } from './audit-api.ts'
import { ACTION_LABELS, AUDIT_ACTIONS, actionColor, actionLabel, detailsOf, targetOf } from './audit-words.ts'

const ACTION_OPTIONS = [
  { value: '', label: 'All actions' },
  ...AUDIT_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] })),
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
      {trail.isError ? (
        <ErrorPanel error={trail.error} onRetry={() => trail.refetch()} />
      ) : trail.isPending ? (
        <Stack p="lg" pt={0}>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} h={30} />
          ))}
        </Stack>
      ) : events.length === 0 ? (
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
          <Table.ScrollContainer minWidth={900}>
            <Table className="dazzle-table" verticalSpacing="sm" style={{ whiteSpace: 'nowrap' }} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Target</Table.Th>
                  <Table.Th>Details</Table.Th>
                  <Table.Th>IP</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Tooltip label={formatDateTime(e.createdAt)}>
                        <Text
                          component="time"
                          dateTime={e.createdAt}
                          title={formatDateTime(e.createdAt)}
                          fz="sm"
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {fromNow(e.createdAt)}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" fw={500}>
                        {e.actorLabel}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={actionColor(e.action)} radius="sm" tt="none" fw={600}>
                        {actionLabel(e.action)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm">{targetOf(e)}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'normal' }} miw={200}>
                      <Text fz="sm" c="dimmed">
                        {detailsOf(e) || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Tooltip
                        label={e.userAgent ?? 'Unknown browser'}
                        multiline
                        maw={360}
                        disabled={!e.userAgent}
                      >
                        <Text fz="sm" ff="monospace" c="dimmed" component="span">
                          {e.ip ?? '—'}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
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
      )}
    </Card>
  )
}
