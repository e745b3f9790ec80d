import { BarChart } from '@mantine/charts'
import { Card, Grid, Group, SimpleGrid, Stack, Text } from '@mantine/core'
import {
  IconArrowDownRight,
  IconArrowUpRight,
  IconChartBar,
  IconHeartHandshake,
  IconListDetails,
  IconLock,
} from '@tabler/icons-react'
import { useState } from 'react'
import { ApiError } from '../../app/api.ts'
import { formatCount } from '../../app/format.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, PageState } from '../../app/status-pages.tsx'
import { CardHeader } from '../../ui/card-header.tsx'
import type { Column } from '../../ui/data-table.tsx'
import { Figure, FiguresSkeleton } from '../../ui/figure.tsx'
import { TableCard } from '../../ui/table-card.tsx'
import { CustomerLink } from '../customers/customer-link.tsx'
import { useCan } from './accountability-words.tsx'
import { type AccountDepth, type DepthOverview, useDepthOverview } from './relationship-depth-api.ts'
import {
  CLUE_LABELS,
  CLUE_SHORT,
  DEPTH_MAX,
  DepthMeter,
  dayText,
  NEXT_REASON,
  TREND_DAYS,
  TrendBadge,
} from './relationship-depth-words.tsx'

/** `/w/:slug/depth`: the leader's view of relationship depth across the key accounts (tier A). */
export function RelationshipDepthPage() {
  const allowed = useCan('depth.read_team')
  const overview = useDepthOverview(allowed)
  const refused = !allowed || (overview.error instanceof ApiError && overview.error.status === 403)
  return (
    <>
      <PageHeader
        title="Relationship depth"
        icon={<IconHeartHandshake size={24} stroke={1.6} />}
        description="How deep each key account’s trust runs, by the four clues: invited to their strategic planning, an office on their premises, no RFP for what we sell, never called a salesperson."
      />
      {refused ? (
        <EmptyCard
          icon={<IconLock size={28} />}
          title="Leaders and admins only"
          description="This view compares every key account and its owner. Each account’s own depth is on its customer page."
          color="gray"
        />
      ) : (
        <PageState query={overview} loading={<FiguresSkeleton />}>
          {(o) =>
            o.accounts === 0 ? (
              <EmptyCard
                icon={<IconHeartHandshake size={28} />}
                title="No key accounts yet"
                description="Key accounts are the tier A customers, who bring most of the revenue. Tiers come from purchases: import them, and the accounts appear here."
              />
            ) : (
              <Overview o={o} />
            )
          }
        </PageState>
      )}
    </>
  )
}

function Overview({ o }: { o: DepthOverview }) {
  const deep = (o.byDepth[3] ?? 0) + (o.byDepth[4] ?? 0)
  const data = o.byDepth.map((n, depth) => ({
    depth: `Depth ${depth}`,
    accounts: n,
  }))
  return (
    <Stack gap="xl">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <Figure label="Key accounts" value={formatCount(o.accounts)} hint="tier A customers" />
        <Figure label="Deep (3 or 4 clues)" value={formatCount(deep)} />
        <Figure
          label="Climbing"
          value={formatCount(o.climbing.length)}
          color={o.climbing.length ? 'green' : undefined}
          hint={`deeper than ${TREND_DAYS} days ago`}
        />
        <Figure
          label="Slipping"
          value={formatCount(o.slipping.length)}
          color={o.slipping.length ? 'red' : undefined}
          hint={`shallower than on ${dayText(o.since)}`}
        />
      </SimpleGrid>
      <Card>
        <CardHeader
          icon={<IconChartBar size={20} stroke={1.6} aria-hidden />}
          title="Accounts at each depth"
          description={`How many key accounts hold 0, 1, 2, 3 or all ${DEPTH_MAX} clues today.`}
          mb="md"
        />
        <BarChart
          h={220}
          data={data}
          dataKey="depth"
          series={[{ name: 'accounts', label: 'Key accounts', color: 'violet.6' }]}
          tickLine="y"
          gridAxis="y"
          yAxisProps={{ allowDecimals: false }}
          barProps={{ radius: [4, 4, 0, 0] }}
          tooltipProps={{ cursor: { fill: 'var(--mantine-color-default-hover)' } }}
          aria-label={`Key accounts at each depth: ${o.byDepth.map((n, d) => `depth ${d}: ${n}`).join(', ')}`}
          role="img"
        />
      </Card>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <MoversCard
            title="Climbing"
            icon={
              <IconArrowUpRight size={20} stroke={1.6} color="var(--mantine-color-green-6)" aria-hidden />
            }
            accounts={o.climbing}
            empty={`No key account is deeper than it was ${TREND_DAYS} days ago.`}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <MoversCard
            title="Slipping"
            icon={
              <IconArrowDownRight size={20} stroke={1.6} color="var(--mantine-color-red-6)" aria-hidden />
            }
            accounts={o.slipping}
            empty={`No key account has lost a clue against ${TREND_DAYS} days ago.`}
          />
        </Grid.Col>
      </Grid>
      <AllAccounts o={o} />
    </Stack>
  )
}

function MoversCard({
  title,
  icon,
  accounts,
  empty,
}: {
  title: string
  icon: React.ReactNode
  accounts: AccountDepth[]
  empty: string
}) {
  return (
    <Card h="100%" component="section" aria-label={title}>
      <CardHeader
        icon={icon}
        title={title}
        description={`Depth now against ${TREND_DAYS} days ago, with the clue to work on next.`}
      />
      {accounts.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap="sm">
          {accounts.map((a) => (
            <Stack key={a.customerId} gap={2}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <CustomerLink id={a.customerId}>{a.customerName}</CustomerLink>
                <Text fz="sm" fw={600} c={a.change > 0 ? 'green' : 'red'} style={{ whiteSpace: 'nowrap' }}>
                  {a.before} → {a.depth}
                </Text>
              </Group>
              <Text fz="xs" c="dimmed">
                {a.ownerName ?? 'No owner'}
                {a.next ? ` · next: ${CLUE_SHORT[a.next.clue]}` : ' · all four clues hold'}
              </Text>
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  )
}

const COLUMNS: Column<AccountDepth>[] = [
  {
    key: 'customer',
    header: 'Key account',
    phone: 'title',
    sortable: true,
    sortValue: (a) => a.customerName,
    cell: (a) => <CustomerLink id={a.customerId}>{a.customerName}</CustomerLink>,
  },
  { key: 'owner', header: 'Owner', cell: (a) => <Text fz="sm">{a.ownerName ?? 'No owner'}</Text> },
  {
    key: 'depth',
    header: 'Depth',
    sortable: true,
    sortValue: (a) => a.depth,
    nowrap: true,
    cell: (a) => <DepthMeter depth={a.depth} size="sm" />,
  },
  {
    key: 'trend',
    header: `Against ${TREND_DAYS} days ago`,
    sortable: true,
    sortValue: (a) => a.change,
    cell: (a) => <TrendBadge trend={a.trend} before={a.before} />,
  },
  {
    key: 'next',
    header: 'Next clue',
    cell: (a) =>
      a.next ? (
        <Stack gap={0}>
          <Text fz="sm" fw={500}>
            {CLUE_LABELS[a.next.clue]}
          </Text>
          <Text fz="xs" c="dimmed">
            {a.next.reason === 'win_back' ? 'Win it back: lost lately' : 'Next up the ladder'}
          </Text>
        </Stack>
      ) : (
        <Text fz="sm" c="dimmed">
          All four hold: keep them
        </Text>
      ),
  },
  {
    key: 'last',
    header: 'Last marked',
    nowrap: true,
    sortable: true,
    sortValue: (a) => a.lastMarkedAt ?? '',
    cell: (a) => <Text fz="sm">{a.lastMarkedAt ? dayText(a.lastMarkedAt) : 'Never'}</Text>,
  },
]

const PAGE = 15

function AllAccounts({ o }: { o: DepthOverview }) {
  const [page, setPage] = useState(1)
  return (
    <TableCard
      icon={<IconListDetails size={20} stroke={1.6} aria-hidden />}
      title="Every key account"
      description={`${NEXT_REASON.win_back} Otherwise: ${NEXT_REASON.ladder.toLowerCase()}`}
      summary={`${formatCount(o.accounts)} accounts, deepest first`}
      table={{
        rows: o.all.slice((page - 1) * PAGE, page * PAGE),
        rowKey: (a) => a.customerId,
        columns: COLUMNS,
        empty: 'No key accounts.',
        minWidth: 720,
        page,
        pageSize: PAGE,
        total: o.all.length,
        onPage: setPage,
      }}
    />
  )
}
