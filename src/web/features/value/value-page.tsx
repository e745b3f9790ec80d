import { LineChart } from '@mantine/charts'
import {
  Alert,
  Button,
  Card,
  Grid,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import {
  IconAlertTriangle,
  IconChartPie,
  IconCircleCheck,
  IconInfoCircle,
  IconLock,
  IconPlant2,
} from '@tabler/icons-react'
import { Link } from 'react-router'
import { ApiError } from '../../app/api.ts'
import {
  formatCount,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatShare,
  fromNow,
} from '../../app/format.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, PageState } from '../../app/status-pages.tsx'
import type { Tier, ValueReport } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import type { Column } from '../../ui/data-table.tsx'
import { Figure } from '../../ui/figure.tsx'
import { TableCard } from '../../ui/table-card.tsx'
import { CustomerLink, useCustomerPath } from '../customers/customer-link.tsx'
import { TIER_HELP, TierBadge } from '../customers/customer-words.tsx'
import { useValueReport } from './value-api.ts'

const ALLOWED = ['leader', 'admin'] as const

export function ValuePage() {
  const { role } = useWorkspace()
  const allowed = (ALLOWED as readonly string[]).includes(role)
  const report = useValueReport(allowed)
  const refused = !allowed || (report.error instanceof ApiError && report.error.status === 403)
  return (
    <>
      <PageHeader
        title="Value"
        icon={<IconChartPie size={24} stroke={1.6} />}
        description="Who brings the revenue: the precious few in tier A, how concentrated your revenue is, and the customers with room to grow."
      />
      {refused ? (
        <EmptyCard
          icon={<IconLock size={28} />}
          title="Leaders and admins only"
          description="The value report shows the whole workspace’s revenue. Ask a leader or an admin if you need a figure from it."
          color="gray"
        />
      ) : (
        <PageState
          query={report}
          loading={
            <Stack gap="lg">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {[0, 1, 2].map((i) => (
                  <Skeleton key={i} h={92} />
                ))}
              </SimpleGrid>
              <Skeleton h={320} />
            </Stack>
          }
        >
          {(r) =>
            r.customers === 0 ? (
              <EmptyCard
                icon={<IconChartPie size={28} />}
                title="No customers to measure yet"
                description="Once customers and their purchases are imported, this page shows the few who bring 80 % of revenue and where revenue is too concentrated."
              />
            ) : (
              <ValueReportView r={r} />
            )
          }
        </PageState>
      )}
    </>
  )
}

function ValueReportView({ r }: { r: ValueReport }) {
  const money = (n: number) => formatMoney(n, r.currency)
  return (
    <Stack gap="xl">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        <Figure size="xl" label="Customers" value={formatCount(r.customers)} />
        <Figure
          size="xl"
          label="With positive revenue"
          value={formatCount(r.withPositiveRevenue)}
          hint={
            r.customers ? `${formatShare(r.withPositiveRevenue / r.customers)} of all customers` : undefined
          }
        />
        <Figure
          size="xl"
          label="Total revenue"
          value={money(r.totalRevenue)}
          hint={r.computedAt ? `Computed ${fromNow(r.computedAt)}` : undefined}
        />
      </SimpleGrid>
      <TiersCard r={r} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ParetoCard r={r} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ConcentrationCard r={r} />
        </Grid.Col>
      </Grid>
      <GrowHereCard r={r} />
      {r.computedAt && (
        <Text fz="xs" c="dimmed" ta="center">
          Figures as of {formatDateTime(r.computedAt)}.
        </Text>
      )}
    </Stack>
  )
}

const TIER_COLORS: Record<Tier, string> = { A: 'yellow.5', B: 'violet.5', C: 'gray.5' }

function TiersCard({ r }: { r: ValueReport }) {
  const tiers: Tier[] = ['A', 'B', 'C']
  const total = r.totalRevenue || 1
  return (
    <Card>
      <Title order={2} fz="lg">
        Value tiers
      </Title>
      <Text fz="sm" c="dimmed" mb="md">
        Tier A is the smallest group of customers who together bring {formatShare(r.tierShare, 0)} of revenue.
        These are the customers to know by name, spouse and children.
      </Text>
      <Progress.Root size={22} mb="md" role="group" aria-label="Revenue by tier">
        {tiers.map((t) => (
          <Tooltip key={t} label={`Tier ${t}: ${formatShare(r.tierRevenue[t] / total)} of revenue`}>
            <Progress.Section
              value={(r.tierRevenue[t] / total) * 100}
              color={TIER_COLORS[t]}
              aria-label={`Tier ${t}`}
            >
              <Progress.Label c={t === 'A' ? 'dark.8' : undefined}>{t}</Progress.Label>
            </Progress.Section>
          </Tooltip>
        ))}
      </Progress.Root>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        {tiers.map((t) => (
          <Paper key={t} withBorder p="md">
            <Group justify="space-between" mb={6} wrap="nowrap">
              <TierBadge tier={t} long size="lg" />
              <Text fz="sm" c="dimmed">
                {formatShare(r.tierRevenue[t] / total)} of revenue
              </Text>
            </Group>
            <Text fz={22} fw={700} lh={1.2}>
              {formatCount(r.tiers[t])} {r.tiers[t] === 1 ? 'customer' : 'customers'}
            </Text>
            <Text fz="sm" mt={2}>
              {formatMoney(r.tierRevenue[t], r.currency)}
            </Text>
            <Text fz="xs" c="dimmed" mt={4}>
              {TIER_HELP[t].replace(/^Tier .: /, '')}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Card>
  )
}

function ParetoCard({ r }: { r: ValueReport }) {
  const data = r.pareto.map((p) => ({
    customers: Math.round(p.customerShare * 1000) / 10,
    revenue: Math.round(p.revenueShare * 1000) / 10,
  }))
  // where the curve crosses 80 % of revenue: "x % of customers bring 80 % of revenue"
  const at80 = r.pareto.find((p) => p.revenueShare >= 0.8)
  return (
    <Card h="100%">
      <Title order={2} fz="lg">
        The Pareto curve
      </Title>
      <Text fz="sm" c="dimmed" mb="md">
        {at80
          ? `${formatShare(at80.customerShare)} of customers bring 80 % of revenue.`
          : 'Cumulative share of revenue against the share of customers, most valuable first.'}
      </Text>
      <LineChart
        h={280}
        data={data}
        dataKey="customers"
        series={[{ name: 'revenue', label: 'Share of revenue', color: 'violet.6' }]}
        curveType="monotone"
        withDots={false}
        yAxisProps={{ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] }}
        xAxisProps={{ type: 'number', domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100], unit: ' %' }}
        xAxisLabel="Share of customers"
        yAxisLabel="Share of revenue"
        referenceLines={[{ y: 80, label: '80 % of revenue', color: 'red.6' }]}
        valueFormatter={(v) => `${formatNumber(v)} %`}
        tooltipProps={{
          labelFormatter: (label) => `Top ${formatNumber(Number(label))} % of customers`,
        }}
        role="img"
        aria-label="Pareto curve: cumulative share of revenue against share of customers"
      />
    </Card>
  )
}

const LEVEL_LOOK = {
  low: { color: 'teal', icon: <IconCircleCheck size={20} />, title: 'Low concentration' },
  moderate: { color: 'yellow', icon: <IconInfoCircle size={20} />, title: 'Moderate concentration' },
  high: { color: 'red', icon: <IconAlertTriangle size={20} />, title: 'High concentration' },
} as const

function ConcentrationCard({ r }: { r: ValueReport }) {
  const look = LEVEL_LOOK[r.concentration.level]
  return (
    <Card h="100%">
      <Title order={2} fz="lg" mb="md">
        Concentration
      </Title>
      <Stack gap="md">
        <Alert color={look.color} variant="light" icon={look.icon} title={look.title}>
          {r.concentration.warning ?? 'No single customer or small group carries too much of your revenue.'}
        </Alert>
        <Stack gap={0}>
          <Measure label="Top 10 customers" hint="their share of revenue" value={formatShare(r.top10Share)} />
          <Measure
            label="Top 20 % of customers"
            hint="their share of revenue"
            value={formatShare(r.top20PercentShare)}
          />
          <Measure
            label="Herfindahl–Hirschman index"
            hint="0 = spread thin, 10,000 = one customer has it all"
            value={formatCount(r.hhi)}
          />
        </Stack>
      </Stack>
    </Card>
  )
}

function Measure({ label, hint, value }: { label: string; hint: string; value: string }) {
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <div>
        <Text fz="sm" fw={600}>
          {label}
        </Text>
        <Text fz="xs" c="dimmed">
          {hint}
        </Text>
      </div>
      <Text fz="xl" fw={750} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Group>
  )
}

type GrowHere = ValueReport['growHere'][number]

function GrowHereCard({ r }: { r: ValueReport }) {
  const path = useCustomerPath()
  const columns: Column<GrowHere>[] = [
    {
      key: 'customer',
      header: 'Customer',
      phone: 'title',
      cell: (c) => (
        <>
          <CustomerLink id={c.id}>{c.name}</CustomerLink>
          {c.segment && (
            <Text fz="xs" c="dimmed">
              {c.segment}
            </Text>
          )}
        </>
      ),
    },
    { key: 'tier', header: 'Tier', cell: (c) => <TierBadge tier={c.value.tier} /> },
    {
      key: 'trailing12m',
      header: 'Last 12 months',
      align: 'right',
      nowrap: true,
      cell: (c) => <Text fz="sm">{formatMoney(c.value.trailing12mRevenue, c.currency)}</Text>,
    },
    {
      key: 'estimated',
      header: 'Estimated spend',
      align: 'right',
      nowrap: true,
      cell: (c) => (
        <Text fz="sm">
          {c.value.estimatedCategorySpend === null
            ? '—'
            : formatMoney(c.value.estimatedCategorySpend, c.currency)}
        </Text>
      ),
    },
    {
      key: 'walletShare',
      header: 'Wallet share',
      align: 'right',
      nowrap: true,
      cell: (c) =>
        c.value.walletShare === null ? (
          <Text fz="sm">—</Text>
        ) : (
          <Group gap="xs" justify="flex-end" wrap="nowrap">
            <Progress
              value={Math.min(100, c.value.walletShare * 100)}
              w={60}
              size="sm"
              color={c.value.walletShare < 0.25 ? 'orange' : 'violet'}
              aria-hidden
            />
            <Text fz="sm" fw={600}>
              {formatShare(c.value.walletShare)}
            </Text>
          </Group>
        ),
    },
    {
      key: 'plan',
      header: '',
      align: 'right',
      nowrap: true,
      // Engagements are logged when they happen; planning one is the customer page's engagement form
      cell: (c) => (
        <Button
          component={Link}
          to={`${path(c.id)}#engagements`}
          size="compact-sm"
          variant="light"
          aria-label={`Plan an engagement with ${c.name}`}
        >
          Plan an engagement
        </Button>
      ),
    },
  ]
  return (
    <TableCard
      icon={<IconPlant2 size={20} stroke={1.6} aria-hidden />}
      title="Grow here"
      description="Customers who spend a lot on what you sell, but little of it with you: their wallet share is low. Growing here diversifies revenue instead of leaning harder on the few who already carry it. Wallet share is the last 12 months’ revenue divided by their estimated yearly spend in your category; only customers who bought from you in the last 12 months are listed, most headroom first. “Plan an engagement” opens the customer, where its owner logs the meeting or call."
      table={{
        rows: r.growHere,
        rowKey: (c) => c.id,
        columns,
        empty:
          'No suggestions yet: record an estimated category spend on your larger customers and they will show up here when their wallet share is low.',
        minWidth: 720,
      }}
    />
  )
}
