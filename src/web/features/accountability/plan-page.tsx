import { BarChart } from '@mantine/charts'
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconCoin, IconFileSpreadsheet, IconLock, IconPencil, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { COMPONENT_LABELS, type ComponentKind } from '../../../domain/accountability/bonus-plan.ts'
import { formatDateTime, formatMoney, formatNumber } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { CardHeader } from '../../ui/card-header.tsx'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { type Column, DataTable } from '../../ui/data-table.tsx'
import { DownloadButton } from '../../ui/download-button.tsx'
import { Figure } from '../../ui/figure.tsx'
import { ListCard } from '../../ui/list-card.tsx'
import {
  downloadStatementsCsv,
  type PlanStatements,
  type TeamStatement,
  useClosePlan,
  usePlanStatements,
  useRemoveBonusPlan,
} from './accountability-api.ts'
import {
  BonusPageState,
  PlanStatusBadge,
  percent,
  periodRange,
  SecretWeightBadge,
  useCan,
} from './accountability-words.tsx'
import { PlanModal } from './plan-form.tsx'

/** `/w/:slug/bonus/:planId`: the team on one plan, side by side; close the period; export for payroll. */
export function PlanPage() {
  const { planId = '' } = useParams()
  const plan = usePlanStatements(planId)
  return (
    <BonusPageState
      query={plan}
      notFound={{
        title: 'Plan not found',
        description: 'It may have been removed.',
      }}
    >
      {(data) => <PlanView data={data} />}
    </BonusPageState>
  )
}

/** A component's name in a table header, where the full one would push the columns off the edge. */
export const SHORT_LABELS: Record<ComponentKind, string> = {
  revenue: 'Revenue',
  secret_effectiveness: 'Effectiveness',
  report_card: 'Report card',
  recovery: 'Recoveries',
}

const BAR_COLORS: Record<string, string> = {
  revenue: 'indigo.6',
  secret_effectiveness: 'grape.6',
  report_card: 'pink.6',
  recovery: 'teal.6',
}

function PlanView({ data }: { data: PlanStatements }) {
  const { slug } = useWorkspace()
  const navigate = useNavigate()
  const manage = useCan('bonus.manage')
  const { plan, views } = data
  const close = useClosePlan()
  const remove = useRemoveBonusPlan()
  const [closing, setClosing] = useState(false)
  const [removing, setRemoving] = useState(false)
  const [editing, setEditing] = useState(false)
  const closed = !!plan.closedAt
  const money = (n: number) => formatMoney(n, plan.currency)
  const payout = views.reduce((a, v) => a + v.total, 0)
  const target = plan.members.reduce((a, m) => a + m.targetBonus, 0)
  const asOf = views[0]?.statement.asOf

  const columns: Column<TeamStatement>[] = [
    {
      key: 'name',
      header: 'Person',
      phone: 'title',
      minWidth: 140,
      sortValue: (v) => v.statement.name,
      cell: (v) => (
        <Anchor component={Link} to={`/w/${slug}/bonus/${plan.id}/${v.statement.userId}`} fw={600}>
          {v.statement.name}
        </Anchor>
      ),
    },
    {
      key: 'payout',
      header: 'Payout',
      align: 'right',
      nowrap: true,
      sortValue: (v) => v.total,
      cell: (v) => (
        <div>
          <Text fz="sm" fw={700}>
            {money(v.total)}
          </Text>
          <Text fz="xs">of {money(v.statement.targetBonus)}</Text>
        </div>
      ),
    },
    ...plan.components.map(
      (c): Column<TeamStatement> => ({
        key: c.kind,
        header: `${SHORT_LABELS[c.kind]} (${c.weight}\u00a0%)`,
        align: 'right',
        sortValue: (v) => v.statement.components.find((x) => x.kind === c.kind)?.attainment ?? 0,
        cell: (v) => {
          const r = v.statement.components.find((x) => x.kind === c.kind)
          return r ? (
            <div>
              <Text fz="sm">{percent(r.attainment)}</Text>
              <Text fz="xs">pays {percent(r.payoutPercent)}</Text>
            </div>
          ) : (
            '—'
          )
        },
      }),
    ),
  ]

  const chart = views.map((v) => {
    const row: Record<string, string | number> = { name: v.statement.name }
    for (const c of v.statement.components) row[c.kind] = c.attainment
    return row
  })

  return (
    <>
      <PageHeader
        title={plan.name}
        icon={<IconCoin size={26} stroke={1.6} />}
        description={`${plan.periodLabel} · ${periodRange(plan.period)}`}
        actions={
          <Group gap="xs">
            <DownloadButton
              download={() => downloadStatementsCsv(slug, plan)}
              failed="The export did not work"
              icon={<IconFileSpreadsheet size={16} />}
            >
              Export CSV
            </DownloadButton>
            {manage && !closed && (
              <>
                <Button
                  variant="default"
                  leftSection={<IconPencil size={16} />}
                  onClick={() => setEditing(true)}
                >
                  Edit
                </Button>
                <Button
                  color="red"
                  variant="subtle"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setRemoving(true)}
                >
                  Remove
                </Button>
                <Button leftSection={<IconLock size={16} />} onClick={() => setClosing(true)}>
                  Close period
                </Button>
              </>
            )}
          </Group>
        }
      />
      <Stack gap="lg">
        <Group gap="xs" mt="-md">
          <PlanStatusBadge closedAt={plan.closedAt} />
          <SecretWeightBadge weight={plan.secretGatheringWeight} />
        </Group>
        <Text fz="sm" data-testid="plan-as-of">
          {closed
            ? `Frozen on ${formatDateTime(plan.closedAt!)}: later changes to the data do not move these figures; a correction is an adjustment.`
            : `Accruing — figures as of ${asOf ? formatDateTime(asOf) : 'now'}. They move as secrets are recorded, cards answered and purchases made, until the period is closed.`}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <Figure
            label={closed ? 'Payout' : 'Payout so far'}
            value={money(payout)}
            hint={`of ${money(target)} at target`}
          />
          <Figure label="People" value={views.length} />
          <Figure
            label="Components"
            value={plan.components.length}
            hint={plan.components.map((c) => `${COMPONENT_LABELS[c.kind]} ${c.weight} %`).join(' · ')}
          />
        </SimpleGrid>
        {views.length > 0 && (
          <Card>
            <CardHeader
              title="Attainment by component"
              description="Each person’s attainment against the component’s target, in %; 100 % pays the component’s share in full."
            />
            <BarChart
              h={Math.max(240, 60 * views.length)}
              data={chart}
              dataKey="name"
              orientation="vertical"
              yAxisProps={{ width: 110 }}
              series={plan.components.map((c) => ({
                name: c.kind,
                label: COMPONENT_LABELS[c.kind],
                color: BAR_COLORS[c.kind] ?? 'violet.6',
              }))}
              withLegend
              legendProps={{ verticalAlign: 'bottom' }}
              referenceLines={[{ x: 100, label: '100 %', color: 'red.6' }]}
              valueFormatter={(v) => `${formatNumber(v)} %`}
              role="img"
              aria-label={`Attainment by component: ${views
                .map(
                  (v) =>
                    `${v.statement.name} ${v.statement.components.map((c) => `${c.label} ${formatNumber(c.attainment)} %`).join(', ')}`,
                )
                .join('; ')}`}
            />
          </Card>
        )}
        <ListCard title="Statements" description="Open one for the figures behind each component.">
          <DataTable
            label="Statements"
            rows={views}
            rowKey={(v) => v.statement.userId}
            columns={columns}
            // narrow: the component headers wrap so the last one is in view at 1280 px, not scrolled off
            narrow
            minWidth={640}
            onRowClick={(v) => navigate(`/w/${slug}/bonus/${plan.id}/${v.statement.userId}`)}
            empty="Nobody is on this plan."
          />
        </ListCard>
        {closed && (
          <Group gap="xs">
            <Badge color="gray" variant="light">
              Closed
            </Badge>
            <Text fz="sm">Adjustments are added on each person’s statement.</Text>
          </Group>
        )}
      </Stack>
      <ConfirmDialog
        opened={closing}
        title={`Close ${plan.periodLabel} for ${plan.name}?`}
        confirmLabel="Close the period"
        color="violet"
        pending={close.isPending}
        error={close.error}
        onCancel={() => setClosing(false)}
        onConfirm={() =>
          close.mutate(plan.id, {
            onSuccess: (r) => {
              notifySuccess(`${r.statements} statements are frozen and ready for payroll.`, 'Period closed')
              setClosing(false)
            },
          })
        }
      >
        <Stack gap="xs">
          <Text fz="sm">
            Each person’s statement is frozen as it is now: later secrets, report cards, recoveries or
            purchases will not move it.
          </Text>
          <Text fz="sm">
            A correction after this is an adjustment, with its reason, recorded in the audit trail. The plan
            cannot be edited again.
          </Text>
        </Stack>
      </ConfirmDialog>
      <ConfirmDialog
        opened={removing}
        title={`Remove the plan “${plan.name}”?`}
        confirmLabel="Remove plan"
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => setRemoving(false)}
        onConfirm={() =>
          remove.mutate(plan.id, {
            onSuccess: () => {
              notifySuccess(`${plan.name} is removed.`, 'Plan removed')
              navigate(`/w/${slug}/bonus`)
            },
          })
        }
      >
        Its statements go with it; nobody has been paid from an open plan.
      </ConfirmDialog>
      <PlanModal plan={editing ? plan : null} onClose={() => setEditing(false)} />
    </>
  )
}
