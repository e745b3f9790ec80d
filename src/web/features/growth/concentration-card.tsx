import { LineChart } from '@mantine/charts'
import { Alert, Card, Skeleton, Text } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle, IconScale } from '@tabler/icons-react'
import { HHI_HIGH, HHI_MODERATE } from '../../../domain/growth/concentration-over-time.ts'
import { formatCount, formatShare } from '../../app/format.ts'
import { PageState } from '../../app/status-pages.tsx'
import { CardHeader } from '../../ui/card-header.tsx'
import { type Concentration, useConcentration } from './growth-api.ts'

type Quarter = Concentration['quarters'][number]

const LOOK = {
  unconcentrated: { color: 'teal', icon: <IconCircleCheck size={20} />, words: 'unconcentrated' },
  moderate: { color: 'yellow', icon: <IconInfoCircle size={20} />, words: 'moderately concentrated' },
  high: { color: 'red', icon: <IconAlertTriangle size={20} />, words: 'highly concentrated' },
} as const

/** The reading in plain words: the latest quarter with revenue, and how it moved since the first. */
const reading = (quarters: Quarter[]) => {
  const sold = quarters.filter((q) => q.customers > 0)
  const last = sold.at(-1)
  if (!last) return null
  const first = sold[0]!
  const trend =
    sold.length < 2 || Math.abs(last.hhi - first.hhi) < 100
      ? `about where it was in ${first.label}`
      : last.hhi > first.hhi
        ? `up from ${formatCount(first.hhi)} in ${first.label}: leaning on fewer customers`
        : `down from ${formatCount(first.hhi)} in ${first.label}: spreading wider`
  return {
    last,
    text: `In ${last.label} your top 10 customers brought ${formatShare(last.top10Share)} of revenue (${formatCount(last.customers)} customers bought). The HHI is ${formatCount(last.hhi)}, ${LOOK[last.level].words}; ${trend}.`,
  }
}

/** Diversify (seed 001): too much from too few? The top-10 share and the HHI by quarter. */
export function ConcentrationCard() {
  const query = useConcentration(true)
  return (
    <Card>
      <CardHeader
        icon={<IconScale size={20} stroke={1.6} aria-hidden />}
        title="Too much from too few?"
        description="Each quarter: the top 10 customers’ share of revenue, and the Herfindahl–Hirschman index (HHI), the sum of every customer’s squared share in percent: 0 is revenue spread thin, 10,000 is one customer bringing it all."
      />
      <PageState query={query} loading={<Skeleton h={260} />}>
        {(c) => <ConcentrationView quarters={c.quarters} />}
      </PageState>
    </Card>
  )
}

function ConcentrationView({ quarters }: { quarters: Quarter[] }) {
  const r = reading(quarters)
  if (!r)
    return (
      <Text fz="sm" c="dimmed">
        No purchases in the last 8 quarters yet: import purchases and the quarters show here.
      </Text>
    )
  const look = LOOK[r.last.level]
  const data = quarters.map((q) => ({
    quarter: q.label,
    // a quarter nobody bought in has no concentration to draw (not a concentration of 0)
    hhi: q.customers > 0 ? q.hhi : null,
    top10: q.customers > 0 ? Math.round(q.top10Share * 1000) / 10 : null,
  }))
  return (
    <>
      <Alert color={look.color} variant="light" icon={look.icon} mb="md">
        {r.text}
      </Alert>
      <LineChart
        h={260}
        data={data}
        dataKey="quarter"
        series={[
          { name: 'hhi', label: 'HHI', color: 'violet.6' },
          { name: 'top10', label: 'Top 10 share (%)', color: 'orange.6', yAxisId: 'right' },
        ]}
        curveType="linear"
        withLegend
        withRightYAxis
        yAxisProps={{ domain: [0, 10_000] }}
        rightYAxisProps={{ domain: [0, 100], unit: ' %' }}
        referenceLines={[
          { y: HHI_MODERATE, label: 'moderate', color: 'yellow.7' },
          { y: HHI_HIGH, label: 'high', color: 'red.6' },
        ]}
        valueFormatter={(v) => (v === null ? '—' : formatCount(v))}
        role="img"
        aria-label="The HHI and the top 10 customers’ share of revenue for each of the last 8 quarters"
      />
      <Text fz="xs" c="dimmed" mt="sm">
        Read against the US Department of Justice’s bands (2010 Horizontal Merger Guidelines): below{' '}
        {formatCount(HHI_MODERATE)} unconcentrated, {formatCount(HHI_MODERATE)}–{formatCount(HHI_HIGH)}{' '}
        moderately concentrated, above {formatCount(HHI_HIGH)} highly concentrated. Quarters are calendar
        quarters (UTC); a customer whose returns outweigh their buying in a quarter is left out of it.
      </Text>
    </>
  )
}
