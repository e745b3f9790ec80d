import { LineChart } from '@mantine/charts'
import {
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core'
import { IconClipboardCheck, IconSend } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { formatDate, formatNumber } from '../../app/format.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, PageState } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { CardHeader } from '../../ui/card-header.tsx'
import { type Column, DataTable } from '../../ui/data-table.tsx'
import { Figure } from '../../ui/figure.tsx'
import { ListCard } from '../../ui/list-card.tsx'
import { useMyTeam } from '../workspaces/workspaces-api.ts'
import {
  type ReportCardPerson,
  type ReportCardResults,
  type Trend,
  useReportCards,
} from './accountability-api.ts'
import { commentColumn, monthLabel, needsText, useCan } from './accountability-words.tsx'
import { SendReportCardModal } from './send-report-card.tsx'

/**
 * `/w/:slug/report-cards`: what the customers say about each salesperson's secret gathering (seed
 * 004: "Who decides how effective the salesperson is at secret gathering? The customer of course").
 * Leaders see the team side by side; a salesperson sees their own card.
 */
export function ReportCardsPage() {
  const team = useCan('accountability.read_team')
  const maySend = useCan('report_cards.send')
  const results = useReportCards()
  const [sending, setSending] = useState(false)

  return (
    <>
      <PageHeader
        title="Report cards"
        icon={<IconClipboardCheck size={26} stroke={1.6} />}
        description={
          team
            ? 'Customers rate each salesperson on the behaviours of a secret agent. Each salesperson side by side, over the last 12 months.'
            : 'Your customers rate you on the behaviours of a secret agent. Here is what they said over the last 12 months.'
        }
        actions={
          maySend && (
            <Button leftSection={<IconSend size={16} />} onClick={() => setSending(true)}>
              Send a report card
            </Button>
          )
        }
      />
      <PageState
        query={results}
        loading={
          <SimpleGrid cols={{ base: 1, md: 2 }} aria-busy="true">
            <Skeleton h={320} radius="lg" />
            <Skeleton h={320} radius="lg" />
          </SimpleGrid>
        }
      >
        {(data) => <Results data={data} team={team} />}
      </PageState>
      <SendReportCardModal opened={sending} onClose={() => setSending(false)} />
    </>
  )
}

function Results({ data, team }: { data: ReportCardResults; team: boolean }) {
  // a leader with a reporting line sees their own team first, and everyone at a click
  const myTeam = useMyTeam()
  const [scope, setScope] = useState<'team' | 'all'>('team')
  const mine = new Set((myTeam.data?.team ?? []).map((m) => m.userId))
  const inTeam = data.people.filter((p) => mine.has(p.userId))
  const choose = team && inTeam.length > 0 && inTeam.length < data.people.length
  const people = choose && scope === 'team' ? inTeam : data.people
  if (data.people.length === 0) {
    return (
      <EmptyCard
        icon={<IconClipboardCheck size={28} />}
        title="No report cards yet"
        description="Send one to a customer who knows the salesperson well: their answers are the measure."
      />
    )
  }
  return (
    <Stack gap="lg">
      {choose && (
        <SegmentedControl
          aria-label="Whose report cards"
          w="fit-content"
          value={scope}
          onChange={(v) => setScope(v as 'team' | 'all')}
          data={[
            { value: 'team', label: `My team (${inTeam.length})` },
            { value: 'all', label: `Everyone (${data.people.length})` },
          ]}
        />
      )}
      {team && people.length > 1 && <TeamTrend people={people} />}
      <SimpleGrid cols={{ base: 1, md: people.length > 1 ? 2 : 1 }} spacing="lg">
        {people.map((p) => (
          <PersonCard key={p.userId} p={p} single={people.length === 1} />
        ))}
      </SimpleGrid>
      <SentCards people={people} team={team} />
    </Stack>
  )
}

const COLORS = ['violet.6', 'teal.6', 'orange.6', 'pink.6', 'indigo.6', 'lime.7', 'cyan.7', 'red.6']

/** Every salesperson's monthly mean on one chart: the team's report-card trend. */
function TeamTrend({ people }: { people: ReportCardPerson[] }) {
  const months = [...new Set(people.flatMap((p) => p.trend.map((t) => t.month)))].sort()
  if (months.length === 0) return null
  // recharts reads dotted keys as paths: the series are keyed by position, labelled by name
  const data = months.map((month) => {
    const row: Record<string, string | number | null> = { month: monthLabel(month) }
    people.forEach((p, i) => {
      row[`p${i}`] = p.trend.find((t) => t.month === month)?.mean ?? null
    })
    return row
  })
  return (
    <Card>
      <CardHeader
        title="The team’s trend"
        description="Each salesperson’s mean rating month by month, out of 5."
      />
      <LineChart
        h={240}
        data={data}
        dataKey="month"
        series={people.map((p, i) => ({ name: `p${i}`, label: p.name, color: COLORS[i % COLORS.length]! }))}
        connectNulls
        withLegend
        yAxisProps={{ domain: [1, 5], ticks: [1, 2, 3, 4, 5] }}
        valueFormatter={(v) => formatNumber(v)}
        role="img"
        aria-label={`Report-card trend by month for ${people.map((p) => p.name).join(', ')}`}
      />
    </Card>
  )
}

function PersonCard({ p, single }: { p: ReportCardPerson; single: boolean }) {
  const s = p.score
  return (
    <Card h="100%" data-testid="report-card-person">
      <Stack gap="md">
        <CardHeader
          title={p.name}
          mb="0"
          aside={
            <Badge variant="light" color={s.shown ? 'grape' : 'gray'}>
              {s.answers} of {p.sent} answered
            </Badge>
          }
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Figure
            label="Overall"
            value={s.shown && s.overall !== null ? `${formatNumber(s.overall)} / 5` : needsText(s)}
            hint={s.shown ? 'Mean of every rating given' : `A score shows from ${s.minAnswers} answers.`}
          />
          <Figure label="Answers" value={s.answers} hint={`${p.sent} sent in 12 months`} />
        </SimpleGrid>
        <Stack gap={10}>
          {s.perBehaviour.map((b) => (
            <div key={b.behaviourId}>
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Text fz="sm">{b.label}</Text>
                <Text fz="sm" fw={700} style={{ flexShrink: 0 }}>
                  {b.mean !== null ? formatNumber(b.mean) : '—'}
                </Text>
              </Group>
              <Progress
                value={b.mean !== null ? (b.mean / 5) * 100 : 0}
                size="sm"
                mt={4}
                color="grape"
                aria-label={`${b.label}: ${b.mean !== null ? `${formatNumber(b.mean)} out of 5` : 'no score yet'}`}
              />
              {b.cantSay > 0 && (
                <Text fz="xs" c="dimmed" mt={2}>
                  {b.cantSay} could not say
                </Text>
              )}
            </div>
          ))}
        </Stack>
        <TrendChart trend={p.trend} name={p.name} tall={single} />
      </Stack>
    </Card>
  )
}

function TrendChart({ trend, name, tall }: { trend: Trend; name: string; tall: boolean }) {
  if (trend.length === 0) {
    return <Text fz="sm">No answers yet to draw a trend.</Text>
  }
  return (
    <div>
      <Text fz="sm" fw={600} mb={6}>
        Trend
      </Text>
      <LineChart
        h={tall ? 220 : 160}
        data={trend.map((t) => ({ month: monthLabel(t.month), mean: t.mean, answers: t.answers }))}
        dataKey="month"
        series={[{ name: 'mean', label: 'Mean rating', color: 'grape.6' }]}
        yAxisProps={{ domain: [1, 5], ticks: [1, 2, 3, 4, 5] }}
        valueFormatter={(v) => formatNumber(v)}
        role="img"
        aria-label={`${name}’s report-card trend: ${trend.map((t) => `${monthLabel(t.month)} ${formatNumber(t.mean)}`).join(', ')}`}
      />
    </div>
  )
}

type SentRow = ReportCardPerson['cards'][number] & { salesperson: string }

const cardMean = (c: SentRow): number | null => {
  const given = Object.values(c.ratings ?? {}).filter((r): r is number => r !== null)
  return given.length ? given.reduce((a, b) => a + b, 0) / given.length : null
}

function CardStatus({ c }: { c: SentRow }) {
  if (c.answeredAt)
    return (
      <Badge color="teal" variant="light">
        Answered {formatDate(c.answeredAt)}
      </Badge>
    )
  if (new Date(c.expiresAt) < new Date())
    return (
      <Badge color="gray" variant="light">
        Expired
      </Badge>
    )
  return (
    <Badge color="yellow" variant="light">
      Waiting{c.remindedAt ? ', reminded' : ''}
    </Badge>
  )
}

function SentCards({ people, team }: { people: ReportCardPerson[]; team: boolean }) {
  const { slug } = useWorkspace()
  const rows: SentRow[] = people
    .flatMap((p) => p.cards.map((c) => ({ ...c, salesperson: p.name })))
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt))
  const columns: Column<SentRow>[] = [
    {
      key: 'customer',
      header: 'Customer',
      phone: 'title',
      cell: (c) => (
        <div>
          <Text fz="sm" fw={600} component={Link} to={`/w/${slug}/customers/${c.customerId}`} td="underline">
            {c.customerName}
          </Text>
          {c.personName && <Text fz="xs">{c.personName}</Text>}
        </div>
      ),
      sortValue: (c) => c.customerName,
    },
    ...(team
      ? [
          {
            key: 'salesperson',
            header: 'About',
            cell: (c: SentRow) => c.salesperson,
            sortValue: (c: SentRow) => c.salesperson,
          },
        ]
      : []),
    {
      key: 'sent',
      header: 'Sent',
      cell: (c) => formatDate(c.sentAt),
      sortValue: (c) => c.sentAt,
      nowrap: true,
    },
    { key: 'status', header: 'Status', cell: (c) => <CardStatus c={c} /> },
    {
      key: 'mean',
      header: 'Mean',
      align: 'right',
      cell: (c) => {
        const m = cardMean(c)
        return m === null ? '—' : `${formatNumber(m)} / 5`
      },
      sortValue: (c) => cardMean(c) ?? -1,
    },
    { ...commentColumn(), visibleFrom: 'md' },
  ]
  return (
    <ListCard
      title="Cards sent"
      description="Each link works once, without signing in, and expires after three weeks; one reminder goes out if it is unanswered."
    >
      <DataTable
        label="Report cards sent"
        rows={rows}
        rowKey={(c) => c.id}
        columns={columns}
        pageSize={10}
        empty="No report cards sent in the last 12 months."
      />
    </ListCard>
  )
}
