import { Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core'
import {
  IconArrowRight,
  IconAward,
  IconClipboardCheck,
  IconLifebuoy,
  IconLockHeart,
  IconTargetArrow,
  IconUsersGroup,
  IconUsersPlus,
} from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { z } from 'zod'
import { AWARD_KINDS, AWARD_LABELS, type AwardKind } from '../../../domain/awards/award.ts'
import type { myRecoveriesSchema, oopsListSchema } from '../../../schemas/recovery.schemas.ts'
import { api } from '../../app/api.ts'
import { fromNow } from '../../app/format.ts'
import { ErrorPanel } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useReportCards } from '../accountability/accountability-api.ts'
import { planSummary, StateBadge } from '../accountability/performance-plan-card.tsx'
import { usePerformancePlans } from '../accountability/performance-plans-api.ts'
import { useAwards } from '../awards/awards-api.ts'
import { ClockBadge } from '../recoveries/recovery-clock.tsx'
import { OOPS_TYPE_LABELS, STEP_LABELS } from '../recoveries/recovery-words.ts'
import { useAudiences } from '../secrets/search-api.ts'
import { useMyTeam } from '../workspaces/workspaces-api.ts'

type MyRecoveries = z.input<typeof myRecoveriesSchema>
type OopsList = z.input<typeof oopsListSchema>

/** A home card: icon, title, what it holds, and the way to the page it summarises. */
export function HomeCard({
  icon,
  title,
  to,
  linkLabel,
  testId,
  aside,
  children,
}: {
  icon: ReactNode
  title: string
  to: string
  linkLabel: string
  testId: string
  aside?: ReactNode
  children: ReactNode
}) {
  return (
    <Card data-testid={testId} component="section" aria-label={title}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" gap="sm" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={36} radius="md" variant="light" aria-hidden>
              {icon}
            </ThemeIcon>
            <Text fw={650} fz="lg" component="h3" m={0}>
              {title}
            </Text>
          </Group>
          {aside}
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

const Loading = () => <Skeleton h={120} aria-busy="true" />

const useMyRecoveries = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: ['workspace', slug, 'oops', 'mine-home'],
    refetchInterval: 60_000,
    queryFn: ({ signal }) => api<MyRecoveries>('/me/recoveries', { workspace: slug, signal }),
  })
}

/** The service rep's and salesperson's own open recoveries, most urgent first, with clocks and due steps. */
export function MyRecoveriesCard() {
  const { slug } = useWorkspace()
  const mine = useMyRecoveries()
  return (
    <HomeCard
      icon={<IconLifebuoy size={22} stroke={1.6} />}
      title="My recoveries"
      to={`/w/${slug}/recoveries`}
      linkLabel="All recoveries"
      testId="home-my-recoveries"
      aside={
        mine.data && mine.data.counts.open > 0 ? (
          <Group gap={6}>
            {mine.data.counts.breached > 0 && (
              <Badge color="red" variant="filled">
                {mine.data.counts.breached} breached
              </Badge>
            )}
            {mine.data.counts.atRisk > 0 && (
              <Badge color="orange" variant="light">
                {mine.data.counts.atRisk} at risk
              </Badge>
            )}
          </Group>
        ) : undefined
      }
    >
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorPanel error={mine.error} onRetry={() => mine.refetch()} />
      ) : mine.data.oops.length === 0 ? (
        <Text fz="sm">
          No open recovery is yours. When a customer is let down, report the OOPS! and its 24-hour clock
          starts.
        </Text>
      ) : (
        <Stack gap="xs">
          {mine.data.oops.map((o) => {
            const next = [...o.due].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0]
            return (
              <Group key={o.id} justify="space-between" gap="xs" wrap="wrap" data-testid="home-oops">
                <Stack gap={0} style={{ flex: '1 1 220px', minWidth: 0 }}>
                  <Anchor component={Link} to={`/w/${slug}/recoveries/${o.id}`} fw={600} fz="sm">
                    {o.customer.name} · {OOPS_TYPE_LABELS[o.type]}
                  </Anchor>
                  <Text fz="xs" c={next?.overdue ? 'red.9' : 'dimmed'}>
                    {next
                      ? `${STEP_LABELS[next.kind]} ${next.overdue ? 'overdue since' : 'due'} ${fromNow(next.dueAt)}`
                      : 'No contact step due'}
                  </Text>
                </Stack>
                <ClockBadge oops={o} />
              </Group>
            )
          })}
          {mine.data.more && (
            <Text fz="xs" c="dimmed">
              {mine.data.counts.open - mine.data.oops.length} more on the recoveries page.
            </Text>
          )}
        </Stack>
      )}
    </HomeCard>
  )
}

/** The salesperson's report cards that customers have not answered yet. */
export function ReportCardsWaitingCard() {
  const { slug, me } = useWorkspace()
  const cards = useReportCards()
  const now = Date.now()
  const mine = cards.data?.people.find((p) => p.userId === me.user.id)
  const waiting = (mine?.cards ?? []).filter((c) => !c.answeredAt && Date.parse(c.expiresAt) > now)
  return (
    <HomeCard
      icon={<IconClipboardCheck size={22} stroke={1.6} />}
      title="Report cards waiting"
      to={`/w/${slug}/report-cards`}
      linkLabel="My report cards"
      testId="home-cards-waiting"
    >
      {cards.isPending ? (
        <Loading />
      ) : waiting.length === 0 ? (
        <Text fz="sm">No report card is waiting for a customer’s answer.</Text>
      ) : (
        <Stack gap={4}>
          {waiting.slice(0, 5).map((c) => (
            <Group key={c.id} justify="space-between" gap="xs" wrap="nowrap">
              <Text fz="sm">
                {c.personName ? `${c.personName}, ` : ''}
                {c.customerName}
              </Text>
              <Text fz="xs" c="dimmed">
                sent {fromNow(c.sentAt)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </HomeCard>
  )
}

/** The leader's team at a glance: each person's open, at-risk and breached recoveries. */
export function TeamAtAGlanceCard() {
  const { slug } = useWorkspace()
  const team = useMyTeam()
  const open = useQuery({
    queryKey: ['workspace', slug, 'oops', 'team-home'],
    refetchInterval: 60_000,
    queryFn: ({ signal }) => api<OopsList>('/oops?state=open&limit=200', { workspace: slug, signal }),
  })
  const people = team.data?.team ?? []
  const byOwner = new Map<string, { open: number; atRisk: number; breached: number }>()
  for (const o of open.data?.oops ?? []) {
    if (!o.owner) continue
    const n = byOwner.get(o.owner.id) ?? { open: 0, atRisk: 0, breached: 0 }
    n.open++
    if (o.clock.state === 'at_risk') n.atRisk++
    if (o.clock.state === 'breached') n.breached++
    byOwner.set(o.owner.id, n)
  }
  return (
    <HomeCard
      icon={<IconUsersGroup size={22} stroke={1.6} />}
      title="My team at a glance"
      to={`/w/${slug}/recoveries`}
      linkLabel="Recoveries"
      testId="home-team-glance"
    >
      {team.isPending || open.isPending ? (
        <Loading />
      ) : people.length === 0 ? (
        <Text fz="sm">
          Nobody reports to you yet; an admin sets reporting lines under People &amp; roles.
        </Text>
      ) : (
        <Stack gap={4}>
          {people.map((p) => {
            const n = byOwner.get(p.userId) ?? { open: 0, atRisk: 0, breached: 0 }
            return (
              <Group
                key={p.userId}
                justify="space-between"
                gap="xs"
                wrap="nowrap"
                data-testid="home-team-member"
              >
                <Text fz="sm">
                  {p.name}
                  {p.depth > 1 ? ' (through their leader)' : ''}
                </Text>
                <Group gap={6} wrap="nowrap">
                  <Text fz="sm">{n.open} open</Text>
                  {n.atRisk > 0 && (
                    <Badge color="orange" variant="light" size="sm">
                      {n.atRisk} at risk
                    </Badge>
                  )}
                  {n.breached > 0 && (
                    <Badge color="red" variant="filled" size="sm">
                      {n.breached} breached
                    </Badge>
                  )}
                </Group>
              </Group>
            )
          })}
        </Stack>
      )}
    </HomeCard>
  )
}

/** The leader's own plan (and their team leaders'): each expectation's state, from part 4. */
export function ExpectationsCard() {
  const { slug, role } = useWorkspace()
  const plans = usePerformancePlans()
  const current = [...(plans.data?.mine ?? []), ...(plans.data?.team ?? [])].filter(
    (p) => p.status === 'running',
  )
  return (
    <HomeCard
      icon={<IconTargetArrow size={22} stroke={1.6} />}
      title="Expectations vs actuals"
      to={`/w/${slug}/performance-plans`}
      linkLabel="Performance plans"
      testId="home-expectations"
    >
      {plans.isPending ? (
        <Loading />
      ) : current.length === 0 ? (
        <Text fz="sm">
          {role === 'admin'
            ? 'No leader has a plan running this period.'
            : 'No plan is running for you this period; the leader you report to, or an admin, sets it.'}
        </Text>
      ) : (
        <Stack gap="sm">
          {current.map((p) => (
            <Stack key={p.id} gap={4}>
              <Text fz="sm" fw={600}>
                {p.leader.name} · {p.period.label}: {planSummary(p)}
              </Text>
              {p.lines.map((l) => (
                <Group key={l.key} justify="space-between" gap="xs" wrap="nowrap">
                  <Text fz="sm">{l.label}</Text>
                  <StateBadge state={l.state} />
                </Group>
              ))}
            </Stack>
          ))}
        </Stack>
      )}
    </HomeCard>
  )
}

const MONTHLY: AwardKind[] = AWARD_KINDS.filter((k) => k !== 'secrets_manual')

/** The awards of the current month (and the year's manual) that no leader has decided yet. */
export function AwardsToDecideCard() {
  const { slug } = useWorkspace()
  const awards = useAwards()
  const d = awards.data
  const open = d
    ? [
        ...MONTHLY.filter((k) => !d.awards.some((a) => a.kind === k && a.period === d.current.month)),
        ...(d.awards.some((a) => a.kind === 'secrets_manual' && a.period === d.current.year)
          ? []
          : (['secrets_manual'] as const)),
      ]
    : []
  return (
    <HomeCard
      icon={<IconAward size={22} stroke={1.6} />}
      title="Awards to decide"
      to={`/w/${slug}/awards`}
      linkLabel="Candidates and figures"
      testId="home-awards"
    >
      {awards.isPending ? (
        <Loading />
      ) : open.length === 0 ? (
        <Text fz="sm">Every award of this month and year is decided.</Text>
      ) : (
        <Stack gap={4}>
          {open.map((k) => (
            <Text key={k} fz="sm">
              {AWARD_LABELS[k]} · {k === 'secrets_manual' ? d?.current.year : monthWords(d?.current.month)}
            </Text>
          ))}
        </Stack>
      )}
    </HomeCard>
  )
}

const monthWords = (period: string | undefined) =>
  period
    ? new Date(`${period}-01T00:00:00Z`).toLocaleString('en-GB', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : ''

/** Marketing: the newest secrets recorded, as the live feed shows them. */
export function NewSecretsCard() {
  const { slug } = useWorkspace()
  const feed = useQuery({
    queryKey: ['workspace', slug, 'feed', 'home'],
    refetchInterval: 60_000,
    queryFn: ({ signal }) =>
      api<{
        items: { id: string; text: string; recordedAt: string; customer: { id: string; name: string } }[]
      }>('/secrets/feed?limit=5', { workspace: slug, signal }),
  })
  return (
    <HomeCard
      icon={<IconLockHeart size={22} stroke={1.6} />}
      title="New secrets"
      to={`/w/${slug}/secrets`}
      linkLabel="The live feed"
      testId="home-new-secrets"
    >
      {feed.isPending ? (
        <Loading />
      ) : feed.isError ? (
        <ErrorPanel error={feed.error} onRetry={() => feed.refetch()} />
      ) : feed.data.items.length === 0 ? (
        <Text fz="sm">No secret recorded yet.</Text>
      ) : (
        <Stack gap={6}>
          {feed.data.items.map((s) => (
            <Stack key={s.id} gap={0}>
              <Text fz="sm" lineClamp={2}>
                “{s.text}”
              </Text>
              <Text fz="xs" c="dimmed">
                <Anchor component={Link} to={`/w/${slug}/customers/${s.customer.id}`} inherit>
                  {s.customer.name}
                </Anchor>{' '}
                · {fromNow(s.recordedAt)}
              </Text>
            </Stack>
          ))}
        </Stack>
      )}
    </HomeCard>
  )
}

/** Marketing: the saved audiences, the newest first. */
export function AudiencesCard() {
  const { slug } = useWorkspace()
  const audiences = useAudiences()
  const list = [...(audiences.data?.audiences ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  return (
    <HomeCard
      icon={<IconUsersPlus size={22} stroke={1.6} />}
      title="Audiences"
      to={`/w/${slug}/secrets/audiences`}
      linkLabel="All audiences"
      testId="home-audiences"
    >
      {audiences.isPending ? (
        <Loading />
      ) : list.length === 0 ? (
        <Text fz="sm">No audience saved yet: search the secrets, then save the search as an audience.</Text>
      ) : (
        <Stack gap={4}>
          {list.slice(0, 5).map((a) => (
            <Group key={a.id} justify="space-between" gap="xs" wrap="nowrap">
              <Text fz="sm">{a.name}</Text>
              <Text fz="xs" c="dimmed">
                {a.createdByName ? `${a.createdByName}, ` : ''}
                {fromNow(a.createdAt)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </HomeCard>
  )
}

export function HomeGrid({ children }: { children: ReactNode }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {children}
    </SimpleGrid>
  )
}
