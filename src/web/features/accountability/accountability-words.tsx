import { Badge, Group, Skeleton, Stack, Text, Tooltip } from '@mantine/core'
import { IconCoin, IconLock, IconLockOpen } from '@tabler/icons-react'
import type { ComponentProps, ReactNode } from 'react'
import { SOURCE_MIN_SECRET_WEIGHT } from '../../../domain/accountability/bonus-plan.ts'
import { can, type WorkspaceAction } from '../../../domain/workspaces/roles.ts'
import { formatDate, formatNumber } from '../../app/format.ts'
import { EmptyCard, PageState } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import type { Column } from '../../ui/data-table.tsx'
import type { Score } from './accountability-api.ts'

/** May the signed-in person do this (the API's own grants, so the UI offers only what it allows)? */
export const useCan = (action: WorkspaceAction): boolean => {
  const { me, role } = useWorkspace()
  return can({ userId: me.user.id, label: me.user.email, role }, action)
}

/** "4.2 / 5", or why there is no score yet. */
export const scoreText = (s: Pick<Score, 'shown' | 'overall' | 'answers' | 'minAnswers'>): string =>
  s.shown && s.overall !== null ? `${formatNumber(s.overall)} / 5` : needsText(s)

/** "needs 2 more answers" (a score shows from the workspace's minimum). */
export const needsText = (s: Pick<Score, 'answers' | 'minAnswers'>): string => {
  const n = Math.max(1, s.minAnswers - s.answers)
  return `needs ${n} more answer${n === 1 ? '' : 's'}`
}

/** A whole or one-decimal percent: "87.5 %". */
export const percent = (n: number): string => `${formatNumber(n)}\u00a0%`

/** "2026-10" → "Oct 2026", for a trend chart's axis. */
export const monthLabel = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString(undefined, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

/** The last day of a period whose `end` is the day after it. */
export const lastDay = (end: string): string => {
  const d = new Date(`${end}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return formatDate(d.toISOString(), 'UTC')
}

/** "1 Oct 2026 – 31 Dec 2026" for a period {start, end (exclusive)}. */
export const periodRange = (p: { start: string; end: string }): string =>
  `${formatDate(`${p.start}T00:00:00Z`, 'UTC')} – ${lastDay(p.end)}`

export function PlanStatusBadge({ closedAt }: { closedAt: string | null }) {
  return closedAt ? (
    <Badge color="gray" variant="light" leftSection={<IconLock size={12} aria-hidden />}>
      Closed
    </Badge>
  ) : (
    <Badge color="teal" variant="light" leftSection={<IconLockOpen size={12} aria-hidden />}>
      Accruing
    </Badge>
  )
}

/** The share of the bonus on secret gathering, red below the source's 25 %. */
export function SecretWeightBadge({ weight }: { weight: number }) {
  const ok = weight >= SOURCE_MIN_SECRET_WEIGHT
  return (
    <Tooltip label="Secret-gathering effectiveness and the customer report card, together">
      <Badge color={ok ? 'grape' : 'red'} variant="light" tabIndex={0}>
        {formatNumber(weight)} % on secret gathering
      </Badge>
    </Tooltip>
  )
}

/** A score with the number of answers behind it. */
export function ScoreLine({ score }: { score: Score }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text fw={700} fz="sm">
        {scoreText(score)}
      </Text>
      <Text fz="xs" c="dimmed">
        ({score.answers} answered)
      </Text>
    </Group>
  )
}

/** A bonus page's data (a plan, a statement): skeletons while it loads, a card if it is not there. */
export function BonusPageState<T>({
  query,
  notFound,
  children,
}: {
  query: ComponentProps<typeof PageState<T>>['query']
  notFound: { title: string; description: string }
  children: (data: T) => ReactNode
}) {
  return (
    <PageState
      query={query}
      loading={
        <Stack aria-busy="true">
          <Skeleton h={60} />
          <Skeleton h={300} radius="lg" />
        </Stack>
      }
      notFound={<EmptyCard icon={<IconCoin size={28} />} {...notFound} />}
    >
      {children}
    </PageState>
  )
}

/** A report card's comment in a table, in the customer's words (quoted), or a dash. */
export const commentColumn = <T extends { comment?: string | null }>(): Column<T> => ({
  key: 'comment',
  header: 'Comment',
  cell: (c) =>
    c.comment ? (
      <Text fz="sm" fs="italic">
        “{c.comment}”
      </Text>
    ) : (
      '—'
    ),
})
