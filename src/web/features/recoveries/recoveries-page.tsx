import { Anchor, Badge, Button, Group, NativeSelect, Paper, Skeleton, Stack, Tabs, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconAlertTriangle, IconLifebuoy, IconMoodHappy, IconUser } from '@tabler/icons-react'
import { useMemo } from 'react'
import { Link, useSearchParams } from 'react-router'
import { formatDateTime, fromNow } from '../../app/format.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, ErrorPanel } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ScrollingTabList } from '../../ui/scrolling-tabs.tsx'
import { TierBadge } from '../customers/customer-words.tsx'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { type OopsFilters, useOopsList } from './recovery-api.ts'
import { ClockBadge, serverOffset } from './recovery-clock.tsx'
import type { ListState, OopsSummary } from './recovery-types.ts'
import { OOPS_TYPE_LABELS, SEVERITY_COLORS, SEVERITY_LABELS, STATUS_LABELS } from './recovery-words.ts'
import { ReportOopsModal, useCanRecover } from './report-oops.tsx'

const VIEWS = ['mine', 'at_risk', 'breached', 'open', 'recovered', 'closed', 'all'] as const
type View = (typeof VIEWS)[number]
const VIEW_LABELS: Record<View, string> = {
  mine: 'Mine',
  at_risk: 'At risk',
  breached: 'Breached',
  open: 'Open',
  recovered: 'Recovered',
  closed: 'Closed',
  all: 'All',
}
const EMPTY: Record<View, string> = {
  mine: 'Nothing open is yours right now. When you have a customer in front of you and something went wrong, report the OOPS! and own it.',
  at_risk: 'No recovery is in its last hours. Keep it that way: fix fast, surprise early.',
  breached: 'No open recovery has run past its window.',
  open: 'No OOPS! is open. When a promise is broken, a delivery is late or a bill is wrong, report it here and the clock starts.',
  recovered: 'No recovery is waiting for its final resolution.',
  closed: 'No recovery has been closed yet.',
  all: 'No OOPS! has been reported in this workspace yet.',
}

const isView = (v: string | null): v is View => !!v && (VIEWS as readonly string[]).includes(v)

/** `/w/:slug/recoveries`: every OOPS! on its clock — mine, at risk, breached… by tier and owner. */
export function RecoveriesPage() {
  const [params, setParams] = useSearchParams()
  const canRecover = useCanRecover()
  const [reporting, { open, close }] = useDisclosure(false)
  const view: View = isView(params.get('view')) ? (params.get('view') as View) : canRecover ? 'mine' : 'open'
  const tier = (['A', 'B', 'C'] as const).find((t) => t === params.get('tier')) ?? null
  const ownerParam = params.get('owner')
  const filters: OopsFilters = {
    state: (view === 'mine' ? 'open' : view) as ListState,
    owner: view === 'mine' ? 'me' : ownerParam,
    tier,
  }
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p)
        if (value) next.set(key, value)
        else next.delete(key)
        return next
      },
      { replace: true },
    )

  return (
    <>
      <PageHeader
        title="Recoveries"
        icon={<IconLifebuoy size={26} stroke={1.6} />}
        description="Every OOPS! on its clock. Fix it fast and surprise the customer with something personal — both inside the window."
        actions={
          canRecover && (
            <Button color="red" leftSection={<IconAlertTriangle size={16} />} onClick={open}>
              Report an OOPS!
            </Button>
          )
        }
      />
      <ReportOopsModal opened={reporting} onClose={close} customerId={null} />

      <Tabs value={view} onChange={(v) => set('view', v)} mb="md" keepMounted={false}>
        <ScrollingTabList label="Which recoveries" value={view}>
          {VIEWS.filter((v) => canRecover || v !== 'mine').map((v) => (
            <Tabs.Tab
              key={v}
              value={v}
              color={v === 'breached' ? 'red' : v === 'at_risk' ? 'orange' : undefined}
            >
              {VIEW_LABELS[v]}
            </Tabs.Tab>
          ))}
        </ScrollingTabList>
      </Tabs>

      <Filters
        view={view}
        tier={tier}
        owner={ownerParam}
        onTier={(t) => set('tier', t)}
        onOwner={(o) => set('owner', o)}
      />
      <OopsList filters={filters} view={view} />
    </>
  )
}

function Filters({
  view,
  tier,
  owner,
  onTier,
  onOwner,
}: {
  view: View
  tier: string | null
  owner: string | null
  onTier: (t: string | null) => void
  onOwner: (o: string | null) => void
}) {
  const members = useMembers()
  const { me } = useWorkspace()
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <NativeSelect
        label="Tier"
        size="sm"
        w={{ base: 'calc(50% - 6px)', xs: 160 }}
        value={tier ?? ''}
        onChange={(e) => onTier(e.currentTarget.value || null)}
        data={[
          { value: '', label: 'All tiers' },
          { value: 'A', label: 'Tier A' },
          { value: 'B', label: 'Tier B' },
          { value: 'C', label: 'Tier C' },
        ]}
      />
      <NativeSelect
        label="Owner"
        size="sm"
        w={{ base: 'calc(50% - 6px)', xs: 200 }}
        disabled={view === 'mine'}
        value={view === 'mine' ? 'me' : (owner ?? '')}
        onChange={(e) => onOwner(e.currentTarget.value || null)}
        data={[
          { value: '', label: 'Anyone' },
          { value: 'me', label: 'Me' },
          ...(members.data ?? [])
            .filter((m) => m.userId !== me.user.id)
            .map((m) => ({ value: m.userId, label: m.name })),
        ]}
      />
    </Group>
  )
}

function OopsList({ filters, view }: { filters: OopsFilters; view: View }) {
  const list = useOopsList(filters)
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.oops) ?? [], [list.data])
  // the server's clock, as seen in this answer: every badge counts from it
  const offset = useMemo(() => {
    const live = rows.find((r) => r.clock.remainingMs !== null)
    return live ? serverOffset(live.clock, list.dataUpdatedAt) : 0
  }, [rows, list.dataUpdatedAt])

  if (list.isPending) {
    return (
      <Stack gap="sm" aria-busy="true">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={92} radius="lg" />
        ))}
      </Stack>
    )
  }
  if (list.isError) return <ErrorPanel error={list.error} onRetry={() => list.refetch()} />
  if (rows.length === 0) {
    return (
      <EmptyCard
        icon={
          view === 'breached' || view === 'at_risk' ? <IconMoodHappy size={28} /> : <IconLifebuoy size={28} />
        }
        title={view === 'mine' ? 'Nothing on your plate' : `No ${VIEW_LABELS[view].toLowerCase()} recoveries`}
        description={EMPTY[view]}
      />
    )
  }
  return (
    <Stack gap="sm">
      <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Recoveries">
        {rows.map((o) => (
          <li key={o.id}>
            <OopsRow o={o} offset={offset} />
          </li>
        ))}
      </Stack>
      {list.hasNextPage && (
        <Button
          variant="default"
          onClick={() => list.fetchNextPage()}
          loading={list.isFetchingNextPage}
          mx="auto"
          mt="xs"
        >
          Load more
        </Button>
      )}
    </Stack>
  )
}

function OopsRow({ o, offset }: { o: OopsSummary; offset: number }) {
  const { slug } = useWorkspace()
  return (
    <Paper withBorder p="md" pos="relative" className="dazzle-card-link">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
            <Anchor
              component={Link}
              to={`/w/${slug}/recoveries/${o.id}`}
              className="dazzle-stretched-link"
              fw={700}
              c="var(--mantine-color-text)"
              underline="never"
              truncate="end"
            >
              {o.customer.name}
            </Anchor>
            <TierBadge tier={o.customer.tier} size="sm" />
          </Group>
          <ClockBadge oops={o} offsetMs={offset} size="md" />
        </Group>
        <Text fz="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          <Text component="span" fw={600} fz="sm">
            {OOPS_TYPE_LABELS[o.type]}
          </Text>
          {' — '}
          {o.description}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Badge size="sm" variant="light" color={SEVERITY_COLORS[o.severity]}>
            {SEVERITY_LABELS[o.severity]}
          </Badge>
          {o.status !== 'open' && (
            <Badge size="sm" variant="outline" color="gray">
              {STATUS_LABELS[o.status]}
            </Badge>
          )}
          {o.wow !== null && (
            <Badge size="sm" variant="light" color={o.wow >= 5 ? 'grape' : 'gray'}>
              WOW {o.wow}/5
            </Badge>
          )}
          <Group gap={4} wrap="nowrap">
            <IconUser size={14} aria-hidden style={{ opacity: 0.6 }} />
            <Text fz="xs" c="dimmed">
              {o.owner?.name ?? 'No owner'}
            </Text>
          </Group>
          <Text fz="xs" c="dimmed" title={formatDateTime(o.letDownAt)}>
            let down {fromNow(o.letDownAt)}
            {o.personName ? ` · ${o.personName}` : ''}
          </Text>
        </Group>
      </Stack>
    </Paper>
  )
}
