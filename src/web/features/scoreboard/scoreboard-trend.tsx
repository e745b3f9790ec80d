import { LineChart } from '@mantine/charts'
import { Card, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconChartLine, IconCrown } from '@tabler/icons-react'
import { formatNumber, formatShare } from '../../app/format.ts'
import { CardHeader } from '../../ui/card-header.tsx'
import type { Scoreboard, TrendWeek } from './scoreboard-api.ts'

const weekLabel = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(iso),
  )
const pct = (v: number | null) => (v === null ? null : Math.round(v * 100))

/** "Secrets known about the customers that matter" (seed 004): tier A customers with a secret, as of now. */
export function TierACard({ tierA }: { tierA: Scoreboard['tierA'] }) {
  return (
    <Card data-testid="tier-a-coverage">
      <CardHeader
        icon={<IconCrown size={20} stroke={1.6} />}
        title="Secrets about tier A"
        description="The customers that matter most: how many we know a secret about, today."
      />
      {tierA.customers === 0 ? (
        <Text fz="sm" c="dimmed">
          No customer is in tier A yet: the value page sorts customers into tiers from what they buy.
        </Text>
      ) : (
        <Stack gap={6}>
          <Group gap="xs" align="baseline">
            <Text fz={36} fw={800} lh={1}>
              {formatShare(tierA.share ?? 0, 0)}
            </Text>
            <Text fz="sm" c="dimmed">
              {tierA.withSecrets} of {tierA.customers} tier A customers
            </Text>
          </Group>
          <Progress
            value={(tierA.share ?? 0) * 100}
            color="teal"
            size="lg"
            radius="xl"
            aria-label="Tier A customers with a secret"
          />
          <Text fz="sm">
            {tierA.withFreshSecrets} heard or confirmed in the last 180 days (
            {formatShare(tierA.freshShare ?? 0, 0)})
          </Text>
        </Stack>
      )}
    </Card>
  )
}

/** Week by week: the dazzling share and WOW rate (%), and the median time to fix (h). */
export function TrendCard({ trend, wall }: { trend: TrendWeek[]; wall: boolean }) {
  if (trend.length < 2) return null
  const data = trend.map((w) => ({
    week: weekLabel(w.weekStart),
    dazzling: pct(w.dazzlingShare),
    wow: pct(w.wowRate),
    fix: w.medianHoursToFix,
    oops: w.oops,
  }))
  const h = wall ? 300 : 220
  return (
    <Card data-testid="scoreboard-trend">
      <CardHeader
        icon={<IconChartLine size={20} stroke={1.6} />}
        title="Week by week"
        description="Each week of the period by let-down time; a quiet week has no point."
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap={4}>
          <Text fw={600} fz="sm">
            Dazzling share and WOW rate
          </Text>
          <LineChart
            h={h}
            data={data}
            dataKey="week"
            series={[
              { name: 'dazzling', label: 'Dazzling share', color: 'grape.6' },
              { name: 'wow', label: 'WOW rate', color: 'teal.6' },
            ]}
            connectNulls
            curveType="linear"
            withLegend
            unit=" %"
            yAxisProps={{ domain: [0, 100] }}
            valueFormatter={(v) => formatNumber(v)}
            role="img"
            aria-label="Weekly dazzling share and WOW rate, in per cent"
          />
        </Stack>
        <Stack gap={4}>
          <Text fw={600} fz="sm">
            Median time to fix
          </Text>
          <LineChart
            h={h}
            data={data}
            dataKey="week"
            series={[{ name: 'fix', label: 'Median hours to fix', color: 'violet.6' }]}
            connectNulls
            curveType="linear"
            withLegend
            unit=" h"
            valueFormatter={(v) => formatNumber(v)}
            role="img"
            aria-label="Weekly median time to fix, in hours"
          />
        </Stack>
      </SimpleGrid>
    </Card>
  )
}
