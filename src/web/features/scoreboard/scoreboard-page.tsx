import {
  ActionIcon,
  Badge,
  Box,
  Center,
  Group,
  Paper,
  Progress,
  RingProgress,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { useFullscreenElement } from '@mantine/hooks'
import { IconArrowRight, IconMaximize, IconMinimize, IconSparkles, IconTrophy } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { heroOrder } from '../../../domain/recovery/recovery-hero.ts'
import { formatDate, formatNumber, formatShare } from '../../app/format.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, ErrorPanel } from '../../app/status-pages.tsx'
import { type Column, DataTable } from '../../ui/data-table.tsx'
import { Figure } from '../../ui/figure.tsx'
import { ListCard } from '../../ui/list-card.tsx'
import { MomentsScoreCard } from '../moments/moments-score-card.tsx'
import { type Period, type Scoreboard, type ScoreLine, useScoreboard } from './scoreboard-api.ts'
import { TierACard, TrendCard } from './scoreboard-trend.tsx'

const PRESETS = ['30', '90', '365', 'custom'] as const
type Preset = (typeof PRESETS)[number]
const DAY = 86_400_000

const isoDay = (d: Date) => d.toISOString().slice(0, 10)

const share = (v: number | null) => (v === null ? '—' : formatShare(v, 0))
const hours = (v: number | null) => (v === null ? '—' : `${formatNumber(v)} h`)
const perRecovery = (l: ScoreLine) =>
  l.oops > 0 ? formatNumber(Math.round((l.handOvers / l.oops) * 10) / 10) : '—'
const nps = (v: number | null) => (v === null ? '—' : v > 0 ? `+${v}` : `${v}`.replace('-', '−'))

/** `/w/:slug/scoreboard`: "set recovery objectives and measure constantly; post results" (seed 003). */
export function ScoreboardPage() {
  const [preset, setPreset] = useState<Preset>('90')
  const [customFrom, setCustomFrom] = useState(() => isoDay(new Date(Date.now() - 30 * DAY)))
  const [customTo, setCustomTo] = useState(() => isoDay(new Date()))
  const [presetFrom, setPresetFrom] = useState(() => new Date(Date.now() - 90 * DAY).toISOString())
  const customError =
    preset === 'custom' && (!customFrom || !customTo || customFrom > customTo)
      ? 'The period must start before it ends.'
      : null
  const period: Period | null = useMemo(() => {
    if (preset !== 'custom') return { from: presetFrom }
    if (customError) return null
    // whole days, in this device's time zone
    return {
      from: new Date(`${customFrom}T00:00:00`).toISOString(),
      to: new Date(`${customTo}T23:59:59.999`).toISOString(),
    }
  }, [preset, presetFrom, customFrom, customTo, customError])
  const board = useScoreboard(period)
  const { ref, toggle, fullscreen } = useFullscreenElement()

  return (
    <>
      <PageHeader
        title="Scoreboard"
        icon={<IconTrophy size={26} stroke={1.6} />}
        description="Recovery objectives, measured constantly and posted for all: fixed and surprised inside the window, WOW from the customer, loyalty after the recovery."
      />
      <Group justify="space-between" align="flex-end" mb="lg" gap="sm" wrap="wrap">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label="Period"
            value={preset}
            onChange={(v) => {
              const p = v as Preset
              setPreset(p)
              if (p !== 'custom') setPresetFrom(new Date(Date.now() - Number(p) * DAY).toISOString())
            }}
            data={[
              { value: '30', label: '30 days' },
              { value: '90', label: '90 days' },
              { value: '365', label: 'Year' },
              { value: 'custom', label: 'Custom' },
            ]}
          />
          {preset === 'custom' && (
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                type="date"
                label="From"
                size="sm"
                value={customFrom}
                max={customTo}
                onChange={(e) => setCustomFrom(e.currentTarget.value)}
                error={customError ?? undefined}
              />
              <TextInput
                type="date"
                label="To"
                size="sm"
                value={customTo}
                min={customFrom}
                onChange={(e) => setCustomTo(e.currentTarget.value)}
              />
            </Group>
          )}
        </Group>
        <Tooltip label={fullscreen ? 'Leave full screen' : 'Full screen, for the wall'}>
          <ActionIcon
            variant="default"
            size="lg"
            onClick={toggle}
            aria-label={fullscreen ? 'Leave full screen' : 'Show full screen'}
            visibleFrom="sm"
          >
            {fullscreen ? <IconMinimize size={18} /> : <IconMaximize size={18} />}
          </ActionIcon>
        </Tooltip>
      </Group>

      <Box
        ref={ref}
        style={
          fullscreen
            ? { background: 'var(--dazzle-bg)', padding: 40, overflow: 'auto', fontSize: '120%' }
            : undefined
        }
      >
        {board.isPending && board.fetchStatus !== 'idle' ? (
          <Stack gap="lg" aria-busy="true">
            <Skeleton h={220} radius="lg" />
            <Skeleton h={260} radius="lg" />
          </Stack>
        ) : board.isError ? (
          <ErrorPanel error={board.error} onRetry={() => board.refetch()} />
        ) : board.data ? (
          <Board data={board.data} wall={fullscreen} />
        ) : null}
      </Box>
    </>
  )
}

function Board({ data, wall }: { data: Scoreboard; wall: boolean }) {
  const o = data.overall
  if (o.oops === 0) {
    return (
      <EmptyCard
        icon={<IconTrophy size={28} />}
        title="No recoveries in this period"
        description={`Nothing was let down between ${formatDate(data.from)} and ${formatDate(data.to)}. Choose a longer period — or enjoy it.`}
      />
    )
  }
  // chosen by the API: more dazzling recoveries first, then the higher dazzling share
  const hero = data.hero ?? undefined
  return (
    <Stack gap="lg">
      <Text fz="sm" c="dimmed">
        OOPS! let down between {formatDate(data.from)} and {formatDate(data.to)}.
      </Text>
      <Headline o={o} wall={wall} hero={hero} />
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <Figure
          size="xxl"
          label="Median time to fix"
          value={hours(o.medianHoursToFix)}
          hint="from the let-down"
        />
        <Figure
          size="xxl"
          label="Median time to surprise"
          value={hours(o.medianHoursToSurprise)}
          hint="from the let-down"
        />
        <Figure
          size="xxl"
          label="WOW rate"
          value={share(o.wowRate)}
          hint={`${o.answers} ${o.answers === 1 ? 'answer' : 'answers'} to “did we blow you away?”`}
          color="grape"
        />
        <Figure
          label="Loyalty (NPS)"
          value={
            <Group gap={6} wrap="nowrap" component="span">
              <span>{nps(o.npsBefore)}</span>
              <IconArrowRight size={20} style={{ opacity: 0.5, flexShrink: 0 }} aria-label="to" />
              <span>{nps(o.npsAfter)}</span>
            </Group>
          }
          size="xl"
          hint="before the recovery → after"
          color={o.npsAfter !== null && o.npsBefore !== null && o.npsAfter > o.npsBefore ? 'teal' : undefined}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <TierACard tierA={data.tierA} />
        <Figure
          label="Hand-overs per recovery"
          value={perRecovery(o)}
          size="xl"
          hint={`${o.handOvers} ${o.handOvers === 1 ? 'hand-over' : 'hand-overs'} · ${o.handedOver} of ${o.oops} OOPS! changed hands (fewer is better: one person owns it)`}
        />
      </SimpleGrid>
      <TrendCard trend={data.trend} wall={wall} />
      {!wall && <MomentsScoreCard />}
      <LinesTable
        title="Per owner"
        lines={[...data.byOwner].sort(heroOrder)}
        firstHeader="Owner"
        highlight={hero?.key ?? null}
        keepOrder
      />
      <LinesTable
        title="Per value tier"
        lines={data.byTier.map((l) => (/^[ABC]$/.test(l.label) ? { ...l, label: `Tier ${l.label}` } : l))}
        firstHeader="Tier"
      />
    </Stack>
  )
}

function Headline({ o, wall, hero }: { o: ScoreLine; wall: boolean; hero: ScoreLine | undefined }) {
  const value = o.dazzlingShare ?? 0
  return (
    <Paper
      p={{ base: 'lg', sm: 'xl' }}
      radius="lg"
      style={{
        background:
          'linear-gradient(135deg, var(--mantine-color-violet-8), var(--mantine-color-grape-7) 60%, var(--mantine-color-pink-6))',
        color: 'white',
      }}
      aria-label="Dazzling recoveries"
    >
      <Group justify="space-between" align="center" gap="xl" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 280px' }}>
          <Group gap={6}>
            <IconSparkles size={18} aria-hidden />
            <Text fw={700} tt="uppercase" lts={1} fz="sm">
              Dazzling recoveries
            </Text>
          </Group>
          <Text
            fz={wall ? 120 : { base: 64, sm: 88 }}
            fw={900}
            lh={1}
            style={{ letterSpacing: -2 }}
            data-testid="dazzling-share"
          >
            {o.dazzlingShare === null ? '—' : formatShare(value, 0)}
          </Text>
          <Text fz={wall ? 'xl' : 'md'} fw={500} style={{ opacity: 0.9 }} data-testid="dazzling-count">
            {o.dazzling} of {o.decided} decided {o.decided === 1 ? 'recovery' : 'recoveries'} fixed <i>and</i>{' '}
            surprised inside the window
            {o.oops > o.decided ? ` · ${o.oops - o.decided} still running` : ''}
          </Text>
          {hero && (
            <Badge
              mt="sm"
              size="lg"
              variant="white"
              color="grape"
              leftSection={<IconTrophy size={14} />}
              maw="100%"
              h="auto"
              py={4}
              // a long name on a phone wraps instead of pushing the page sideways
              styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
              w="fit-content"
            >
              Recovery hero: {hero.label} · {hero.dazzling} dazzling at {share(hero.dazzlingShare)}
            </Badge>
          )}
        </Stack>
        <Center visibleFrom="xs">
          <RingProgress
            size={wall ? 240 : 180}
            thickness={wall ? 22 : 16}
            roundCaps
            rootColor="rgba(255,255,255,0.2)"
            sections={[{ value: value * 100, color: 'white' }]}
            label={
              <Text ta="center" fw={800} fz={wall ? 32 : 24} c="white">
                {o.dazzling}/{o.decided}
              </Text>
            }
            aria-hidden
          />
        </Center>
      </Group>
    </Paper>
  )
}

function LinesTable({
  title,
  lines,
  firstHeader,
  highlight = null,
  keepOrder = false,
}: {
  title: string
  lines: ScoreLine[]
  firstHeader: string
  highlight?: string | null
  /** the lines come ranked already (owners: as the hero is chosen) */
  keepOrder?: boolean
}) {
  const sorted = keepOrder
    ? lines
    : [...lines].sort(
        (a, b) =>
          (b.dazzlingShare ?? -1) - (a.dazzlingShare ?? -1) || b.dazzling - a.dazzling || b.oops - a.oops,
      )
  const columns: Column<ScoreLine>[] = [
    {
      key: 'label',
      header: firstHeader,
      phone: 'title',
      nowrap: true,
      cell: (l) => (
        <Group gap={6} wrap="nowrap" fw={600} fz="sm">
          {l.label}
          {highlight !== null && l.key === highlight && (
            <IconTrophy size={16} color="var(--mantine-color-yellow-6)" aria-label="recovery hero" />
          )}
        </Group>
      ),
    },
    { key: 'oops', header: 'OOPS!', align: 'right', cell: (l) => l.oops },
    {
      key: 'dazzling',
      header: 'Dazzling',
      minWidth: 160,
      cell: (l) => (
        <Group gap={8} wrap="nowrap">
          <Progress
            value={(l.dazzlingShare ?? 0) * 100}
            color="grape"
            size="lg"
            radius="xl"
            w={80}
            aria-label={`${l.label}: dazzling share`}
          />
          <Text fz="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {share(l.dazzlingShare)}
          </Text>
          <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {l.dazzling}/{l.decided}
          </Text>
        </Group>
      ),
    },
    { key: 'fix', header: 'To fix', align: 'right', cell: (l) => hours(l.medianHoursToFix) },
    { key: 'surprise', header: 'To surprise', align: 'right', cell: (l) => hours(l.medianHoursToSurprise) },
    {
      key: 'wow',
      header: 'WOW',
      align: 'right',
      cell: (l) => (
        <>
          {share(l.wowRate)}
          {l.answers > 0 && (
            <Text span fz="xs" c="dimmed">
              {' '}
              ({l.answers})
            </Text>
          )}
        </>
      ),
    },
    {
      key: 'handovers',
      header: 'Hand-overs',
      align: 'right',
      nowrap: true,
      cell: (l) => (
        <>
          {l.handOvers}
          {l.handOvers > 0 && (
            <Text span fz="xs" c="dimmed">
              {' '}
              ({perRecovery(l)} each)
            </Text>
          )}
        </>
      ),
    },
    {
      key: 'nps',
      header: 'NPS',
      align: 'right',
      nowrap: true,
      cell: (l) => `${nps(l.npsBefore)} → ${nps(l.npsAfter)}`,
    },
  ]
  return (
    <ListCard title={title}>
      <DataTable
        label={title}
        rows={sorted}
        rowKey={(l) => l.key ?? l.label}
        columns={columns}
        empty="No one yet."
        minWidth={640}
      />
    </ListCard>
  )
}
