import { Anchor, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import {
  IconArrowRight,
  IconClipboardCheck,
  IconCoin,
  IconLockHeart,
  IconUsersGroup,
} from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { formatMoney, formatNumber } from '../../app/format.ts'
import { ErrorPanel } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useBonusPlans, useMyAccountability, useReportCards } from './accountability-api.ts'
import { needsText, periodRange, scoreText, useCan } from './accountability-words.tsx'

/** The sales home's "my report card, my secret gathering, my bonus so far" (issue 11, part 6). */
export function MyAccountabilityCards() {
  const { slug, me } = useWorkspace()
  const mine = useMyAccountability()
  if (mine.isPending) {
    return (
      <SimpleGrid cols={{ base: 1, sm: 3 }} aria-busy="true">
        <Skeleton h={170} radius="lg" />
        <Skeleton h={170} radius="lg" />
        <Skeleton h={170} radius="lg" />
      </SimpleGrid>
    )
  }
  if (mine.isError) return <ErrorPanel error={mine.error} onRetry={() => mine.refetch()} />
  const { reportCard: rc, effectiveness: e, statement: st } = mine.data
  const top = [...e.lines]
    .filter((l) => l.points !== 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 4)
  return (
    <Stack gap="sm">
      <Title order={2} fz="lg">
        Your secret agent figures
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <HomeCard
          icon={<IconClipboardCheck size={22} stroke={1.6} />}
          title="My report card"
          to={`/w/${slug}/report-cards`}
          linkLabel="See what customers said"
          testId="home-report-card"
        >
          <Text fz={28} fw={800} lh={1.1}>
            {rc.shown && rc.overall !== null ? `${formatNumber(rc.overall)} / 5` : needsText(rc)}
          </Text>
          <Text fz="sm">
            {rc.answers} answered in 12 months
            {rc.trend.length > 1 ? `, ${trendWord(rc.trend)}` : ''}
          </Text>
        </HomeCard>
        <HomeCard
          icon={<IconLockHeart size={22} stroke={1.6} />}
          title="Secret gathering this period"
          to={st ? `/w/${slug}/bonus/${st.plan.id}/${me.user.id}` : `/w/${slug}/secrets`}
          linkLabel={st ? 'The secrets behind it' : 'Record what you hear'}
          testId="home-effectiveness"
        >
          <Text fz={28} fw={800} lh={1.1}>
            {formatNumber(e.points)} points
          </Text>
          <Text fz="xs">{periodRange(mine.data.period)}</Text>
          {top.length > 0 ? (
            <Stack gap={2}>
              {top.map((l) => (
                <Group key={l.key} justify="space-between" gap="xs" wrap="nowrap">
                  <Text fz="sm">
                    {l.label} ({formatNumber(l.count)})
                  </Text>
                  <Text fz="sm" fw={700}>
                    {formatNumber(l.points)}
                  </Text>
                </Group>
              ))}
            </Stack>
          ) : (
            <Text fz="sm">Nothing recorded this period yet: ask a question, listen, record.</Text>
          )}
        </HomeCard>
        <HomeCard
          icon={<IconCoin size={22} stroke={1.6} />}
          title="My bonus so far"
          to={st ? `/w/${slug}/bonus/${st.plan.id}/${me.user.id}` : `/w/${slug}/bonus`}
          linkLabel={st ? 'Open my statement' : 'Bonus plans'}
          testId="home-bonus"
        >
          {st ? (
            <>
              <Text fz={28} fw={800} lh={1.1}>
                {formatMoney(st.total, st.plan.currency)}
              </Text>
              <Text fz="sm">
                of {formatMoney(st.statement.targetBonus, st.plan.currency)} at target · {st.plan.periodLabel}
                {st.frozen ? ', closed' : ', accruing'}
              </Text>
            </>
          ) : (
            <Text fz="sm">You are on no bonus plan this period.</Text>
          )}
        </HomeCard>
      </SimpleGrid>
    </Stack>
  )
}

/** A service rep's (or anyone's) bonus so far this period, from the statement of the plan they are on. */
export function MyBonusCard() {
  const { slug, me } = useWorkspace()
  const mine = useMyAccountability()
  const st = mine.data?.statement ?? null
  return (
    <HomeCard
      icon={<IconCoin size={22} stroke={1.6} />}
      title="My bonus so far"
      to={st ? `/w/${slug}/bonus/${st.plan.id}/${me.user.id}` : `/w/${slug}/bonus`}
      linkLabel={st ? 'Open my statement' : 'Bonus plans'}
      testId="home-bonus"
    >
      {mine.isPending ? (
        <Skeleton h={60} />
      ) : mine.isError ? (
        <ErrorPanel error={mine.error} onRetry={() => mine.refetch()} />
      ) : st ? (
        <>
          <Text fz={28} fw={800} lh={1.1}>
            {formatMoney(st.total, st.plan.currency)}
          </Text>
          <Text fz="sm">
            of {formatMoney(st.statement.targetBonus, st.plan.currency)} at target · {st.plan.periodLabel}
            {st.frozen ? ', closed' : ', accruing'}
          </Text>
        </>
      ) : (
        <Text fz="sm">You are on no bonus plan this period.</Text>
      )}
    </HomeCard>
  )
}

const trendWord = (t: { mean: number }[]) => {
  const last = t[t.length - 1]!.mean
  const before = t[t.length - 2]!.mean
  return last > before ? 'rising' : last < before ? 'falling' : 'steady'
}

/** A leader's home: the team's report cards and bonuses in one card, linking to both pages. */
export function TeamAccountabilityCard() {
  const { slug } = useWorkspace()
  const team = useCan('accountability.read_team')
  const cards = useReportCards()
  const plans = useBonusPlans()
  if (!team) return null
  const people = cards.data?.people ?? []
  const scored = people.filter((p) => p.score.shown && p.score.overall !== null)
  const open = (plans.data ?? []).filter((p) => !p.closedAt)
  return (
    <Card data-testid="home-team">
      <Group gap="sm" mb="sm" wrap="nowrap">
        <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
          <IconUsersGroup size={22} stroke={1.6} />
        </ThemeIcon>
        <Title order={2} fz="lg">
          Your team’s secret agents
        </Title>
      </Group>
      {cards.isPending || plans.isPending ? (
        <Skeleton h={80} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Stack gap={4}>
            <Text fw={600}>Report cards</Text>
            {people.length === 0 ? (
              <Text fz="sm">No salesperson has a report card yet.</Text>
            ) : (
              people.slice(0, 5).map((p) => (
                <Group key={p.userId} justify="space-between" gap="xs" wrap="nowrap">
                  <Text fz="sm">{p.name}</Text>
                  <Text fz="sm" fw={700}>
                    {scoreText(p.score)}
                  </Text>
                </Group>
              ))
            )}
            {scored.length > 0 && (
              <Text fz="xs">
                Team mean{' '}
                {formatNumber(scored.reduce((a, p) => a + (p.score.overall ?? 0), 0) / scored.length)} / 5
              </Text>
            )}
            <Anchor component={Link} to={`/w/${slug}/report-cards`} fz="sm" fw={600} td="underline">
              Report cards side by side
            </Anchor>
          </Stack>
          <Stack gap={4}>
            <Text fw={600}>Bonus plans</Text>
            {open.length === 0 ? (
              <Text fz="sm">No plan is accruing.</Text>
            ) : (
              open.slice(0, 3).map((p) => (
                <Group key={p.id} justify="space-between" gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={`/w/${slug}/bonus/${p.id}`} fz="sm">
                    {p.name}
                  </Anchor>
                  <Text fz="sm">
                    {p.periodLabel} · {p.members.length} people
                  </Text>
                </Group>
              ))
            )}
            <Anchor component={Link} to={`/w/${slug}/bonus`} fz="sm" fw={600} td="underline">
              All bonus plans
            </Anchor>
          </Stack>
        </SimpleGrid>
      )}
    </Card>
  )
}

function HomeCard({
  icon,
  title,
  to,
  linkLabel,
  testId,
  children,
}: {
  icon: ReactNode
  title: string
  to: string
  linkLabel: string
  testId: string
  children: ReactNode
}) {
  return (
    <Card data-testid={testId}>
      <Stack gap="xs" h="100%">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={36} radius="md" variant="light" aria-hidden>
            {icon}
          </ThemeIcon>
          <Text fw={650}>{title}</Text>
        </Group>
        {children}
        <Anchor component={Link} to={to} fz="sm" fw={600} mt="auto">
          <Group gap={4} component="span">
            {linkLabel}
            <IconArrowRight size={14} stroke={2} aria-hidden />
          </Group>
        </Anchor>
      </Stack>
    </Card>
  )
}
