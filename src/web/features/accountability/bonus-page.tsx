import { Anchor, Button, Card, Group, Skeleton, Stack, Text } from '@mantine/core'
import { IconCoin, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { SOURCE_MIN_SECRET_WEIGHT } from '../../../domain/accountability/bonus-plan.ts'
import { formatMoney } from '../../app/format.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, PageState } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { actionsColumn, type Column, DataTable } from '../../ui/data-table.tsx'
import { type BonusPlan, useBonusPlans } from './accountability-api.ts'
import { PlanStatusBadge, periodRange, SecretWeightBadge, useCan } from './accountability-words.tsx'
import { PlanModal } from './plan-form.tsx'

/**
 * `/w/:slug/bonus`: the bonus plans (seed 004: "ensure Sales compensation plans include [secret
 * gathering] as well otherwise it won't get done" — at least 25 % of the bonus on it).
 */
export function BonusPage() {
  const { slug, me } = useWorkspace()
  const navigate = useNavigate()
  const manage = useCan('bonus.manage')
  const plans = useBonusPlans()
  const [editing, setEditing] = useState<BonusPlan | 'new' | null>(null)
  const open = (p: BonusPlan) =>
    navigate(manage ? `/w/${slug}/bonus/${p.id}` : `/w/${slug}/bonus/${p.id}/${me.user.id}`)

  const columns: Column<BonusPlan>[] = [
    {
      key: 'name',
      header: 'Plan',
      phone: 'title',
      sortValue: (p) => p.name,
      cell: (p) => (
        <Anchor
          component={Link}
          to={manage ? `/w/${slug}/bonus/${p.id}` : `/w/${slug}/bonus/${p.id}/${me.user.id}`}
          fw={600}
        >
          {p.name}
        </Anchor>
      ),
    },
    {
      key: 'period',
      header: 'Period',
      sortValue: (p) => p.period.start,
      cell: (p) => (
        <div>
          <Text fz="sm" fw={600}>
            {p.periodLabel}
          </Text>
          <Text fz="xs">{periodRange(p.period)}</Text>
        </div>
      ),
    },
    { key: 'status', header: 'Status', cell: (p) => <PlanStatusBadge closedAt={p.closedAt} /> },
    {
      key: 'secret',
      header: 'Secret gathering',
      cell: (p) => <SecretWeightBadge weight={p.secretGatheringWeight} />,
    },
    {
      key: 'people',
      header: 'People',
      align: 'right',
      sortValue: (p) => p.members.length,
      cell: (p) => p.members.length,
    },
    {
      key: 'target',
      header: 'Target bonuses',
      align: 'right',
      nowrap: true,
      cell: (p) =>
        formatMoney(
          p.members.reduce((a, m) => a + m.targetBonus, 0),
          p.currency,
        ),
    },
    actionsColumn((p) => {
      const label = manage ? 'Statements' : 'My statement'
      return (
        <Button
          size="xs"
          variant="light"
          component={Link}
          to={manage ? `/w/${slug}/bonus/${p.id}` : `/w/${slug}/bonus/${p.id}/${me.user.id}`}
          aria-label={`${label}: ${p.name}, ${p.periodLabel}`}
        >
          {label}
        </Button>
      )
    }),
  ]

  return (
    <>
      <PageHeader
        title="Bonus"
        icon={<IconCoin size={26} stroke={1.6} />}
        description={`Bonus plans and their statements, explained figure by figure. At least ${SOURCE_MIN_SECRET_WEIGHT} % of every bonus rests on secret gathering: “otherwise it won’t get done.”`}
        actions={
          manage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              New plan
            </Button>
          )
        }
      />
      <PageState query={plans} loading={<Skeleton h={240} radius="lg" aria-busy="true" />}>
        {(list) =>
          list.length === 0 ? (
            <EmptyCard
              icon={<IconCoin size={28} />}
              title={manage ? 'No bonus plans yet' : 'You are on no bonus plan yet'}
              description={
                manage
                  ? 'Make one for a month, quarter or year: the people on it, what counts and how much it pays.'
                  : 'When a leader puts you on a plan, your statement shows here as it accrues.'
              }
            />
          ) : (
            <Card p={0}>
              <Stack gap={0}>
                <DataTable
                  label="Bonus plans"
                  rows={[...list].sort((a, b) => b.period.start.localeCompare(a.period.start))}
                  rowKey={(p) => p.id}
                  columns={columns}
                  onRowClick={open}
                  empty="No plans."
                />
              </Stack>
            </Card>
          )
        }
      </PageState>
      {!manage && (
        <Group mt="md">
          <Text fz="sm">Leaders make the plans; you see your own statement on each plan you are on.</Text>
        </Group>
      )}
      <PlanModal plan={editing} onClose={() => setEditing(null)} />
    </>
  )
}
