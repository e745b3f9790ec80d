import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core'
import { IconCoin, IconFileTypePdf, IconLock, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { BUILTIN_CATEGORIES, CERTAINTY_LABELS } from '../../../domain/secrets/taxonomy.ts'
import { adjustmentInputSchema } from '../../../schemas/accountability.schemas.ts'
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import type { Column } from '../../ui/data-table.tsx'
import { DownloadButton } from '../../ui/download-button.tsx'
import { Figure } from '../../ui/figure.tsx'
import { FormModal } from '../../ui/form-modal.tsx'
import { TableCard } from '../../ui/table-card.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { CustomerLink } from '../customers/customer-link.tsx'
import {
  type Adjustment,
  type AdjustmentInput,
  type ComponentResult,
  downloadStatementPdf,
  type Effectiveness,
  type Statement,
  type StatementView,
  useAddAdjustment,
  useStatement,
} from './accountability-api.ts'
import {
  BonusPageState,
  commentColumn,
  needsText,
  percent,
  periodRange,
  useCan,
} from './accountability-words.tsx'

/** `/w/:slug/bonus/:planId/:userId`: one person's statement, every figure with what is behind it. */
export function StatementPage() {
  const { planId = '', userId = '' } = useParams()
  const view = useStatement(planId, userId)
  return (
    <BonusPageState
      query={view}
      notFound={{
        title: 'Statement not found',
        description: 'This person is not on this plan, or the plan has been removed.',
      }}
    >
      {(v) => <StatementBody view={v} />}
    </BonusPageState>
  )
}

/** An actual as the person reads it: money, points, a rating out of 5, a share. */
export const actualText = (c: Pick<ComponentResult, 'kind' | 'actual'>, currency: string): string => {
  if (c.actual === null) return '—'
  switch (c.kind) {
    case 'revenue':
      return formatMoney(c.actual, currency)
    case 'secret_effectiveness':
      return `${formatNumber(c.actual)} points`
    case 'report_card':
      return `${formatNumber(c.actual)} / 5`
    case 'recovery':
      return percent(c.actual)
  }
}

const targetText = (c: Pick<ComponentResult, 'kind' | 'target'>, currency: string): string =>
  actualText({ kind: c.kind, actual: c.target }, currency)

function StatementBody({ view }: { view: StatementView }) {
  const { slug } = useWorkspace()
  const manage = useCan('bonus.manage')
  const team = useCan('accountability.read_team')
  const { plan, statement: s } = view
  const money = (n: number) => formatMoney(n, plan.currency)
  const [adding, setAdding] = useState(false)
  const adjusted = view.adjustments.reduce((a, x) => a + x.amount, 0)

  const columns: Column<ComponentResult>[] = [
    {
      key: 'component',
      header: 'Component',
      phone: 'title',
      minWidth: 180,
      cell: (c) => (
        <div>
          <Text fz="sm" fw={600}>
            {c.label}
          </Text>
          <Text fz="xs">{c.weight} % of the bonus</Text>
        </div>
      ),
    },
    {
      key: 'target',
      header: 'Target',
      align: 'right',
      nowrap: true,
      cell: (c) => targetText(c, plan.currency),
    },
    {
      key: 'actual',
      header: 'Actual',
      align: 'right',
      cell: (c) => (
        <div>
          <Text fz="sm">{actualText(c, plan.currency)}</Text>
          {c.note && <Text fz="xs">{c.note}</Text>}
        </div>
      ),
    },
    {
      key: 'attainment',
      header: 'Attainment',
      align: 'right',
      nowrap: true,
      cell: (c) => percent(c.attainment),
    },
    {
      key: 'payoutPercent',
      header: 'Pays',
      align: 'right',
      nowrap: true,
      cell: (c) => percent(c.payoutPercent),
    },
    {
      key: 'payout',
      header: 'Payout',
      align: 'right',
      nowrap: true,
      cell: (c) => (
        <div>
          <Text fz="sm" fw={700}>
            {money(c.payout)}
          </Text>
          <Text fz="xs">of {money(c.atTarget)}</Text>
        </div>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={`${s.name} · ${plan.periodLabel}`}
        icon={<IconCoin size={26} stroke={1.6} />}
        description={
          <>
            {team ? (
              <Anchor component={Link} to={`/w/${slug}/bonus/${plan.id}`} td="underline">
                {plan.name}
              </Anchor>
            ) : (
              plan.name
            )}{' '}
            · {periodRange(plan.period)}
          </>
        }
        actions={
          <Group gap="xs">
            <DownloadButton
              download={() => downloadStatementPdf(slug, plan, s)}
              failed="The PDF did not download"
              icon={<IconFileTypePdf size={16} />}
            >
              Download PDF
            </DownloadButton>
            {manage && view.frozen && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
                Add adjustment
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="lg">
        <Alert
          color={view.frozen ? 'gray' : 'teal'}
          variant="light"
          icon={view.frozen ? <IconLock size={18} /> : undefined}
          data-testid="statement-state"
        >
          {view.frozen && plan.closedAt
            ? `Frozen on ${formatDateTime(plan.closedAt)}. Later changes to the data do not move these figures; a correction is an adjustment below.`
            : `Accruing — figures as of ${formatDateTime(s.asOf)}. They move as the period goes on, until a leader closes it.`}
        </Alert>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <Figure
            label={view.frozen ? 'Bonus' : 'Bonus so far'}
            value={<span data-testid="statement-total">{money(view.total)}</span>}
            hint={`of ${money(s.targetBonus)} at target`}
            size="xl"
          />
          <Figure label="From the components" value={money(s.payout)} />
          <Figure label="Adjustments" value={money(adjusted)} hint={`${view.adjustments.length} recorded`} />
        </SimpleGrid>
        <TableCard
          title="Components"
          description="Each component’s target, what was reached, and what it pays by the plan’s table."
          table={{
            rows: s.components,
            rowKey: (c) => c.kind,
            columns,
            empty: 'This plan has no components.',
          }}
        />
        <EffectivenessSection e={s.details.effectiveness} />
        <ReportCardSection s={s} />
        <RecoveriesSection s={s} />
        <RevenueSection s={s} currency={plan.currency} />
        <AdjustmentsSection list={view.adjustments} currency={plan.currency} />
      </Stack>
      <AdjustmentModal
        opened={adding}
        planId={plan.id}
        userId={s.userId}
        name={s.name}
        currency={plan.currency}
        onClose={() => setAdding(false)}
      />
    </>
  )
}

const HOW_LABELS: Record<Effectiveness['used'][number]['how'], string> = {
  surprise: 'Cited by a surprise',
  read: 'Read by a colleague',
  search: 'Found by a search or audience',
}

/** A built-in category's label; a workspace's own category by its key, spaced out. */
const categoryLabel = (c: string) =>
  BUILTIN_CATEGORIES.find((x) => x.key === c)?.label ?? c.replaceAll('_', ' ')

const USED_SHOWN = 8

type Recorded = Effectiveness['recorded'][number]

function EffectivenessSection({ e }: { e: Effectiveness }) {
  const columns: Column<Recorded>[] = [
    {
      key: 'category',
      header: 'Secret',
      phone: 'title',
      cell: (r) => (
        <Group gap={6} data-secret-id={r.secretId}>
          <CustomerLink id={r.customerId}>{categoryLabel(r.category)}</CustomerLink>
          <Badge size="xs" variant="light" color={r.layer === 'secret' ? 'grape' : 'gray'}>
            {r.layer === 'secret' ? 'Secret' : 'Need'}
          </Badge>
        </Group>
      ),
    },
    { key: 'tier', header: 'Tier', cell: (r) => (r.tier ? `Tier ${r.tier}` : 'No tier') },
    {
      key: 'certainty',
      header: 'How sure',
      cell: (r) => (CERTAINTY_LABELS as Record<string, string>)[r.certainty] ?? r.certainty,
    },
    {
      key: 'when',
      header: 'Recorded',
      nowrap: true,
      sortValue: (r) => r.recordedAt,
      cell: (r) => formatDate(r.recordedAt),
    },
    {
      key: 'points',
      header: 'Points',
      align: 'right',
      sortValue: (r) => r.points,
      cell: (r) => (
        <Text fw={700} fz="sm">
          {formatNumber(r.points)}
        </Text>
      ),
    },
    { key: 'why', header: 'Why', cell: (r) => <Text fz="sm">{r.why}</Text> },
  ]
  return (
    <TableCard
      data-testid="effectiveness"
      title="Secret-gathering effectiveness"
      description="What was learnt, about which customers, and whether the rest of the company could use it — with the customers’ report card on top."
      summary={
        <Badge size="lg" color="grape" variant="light">
          {formatNumber(e.points)} points
        </Badge>
      }
      above={<EffectivenessLines e={e} />}
      table={{
        label: 'The secrets behind the figure',
        rows: e.recorded,
        rowKey: (r) => r.secretId,
        columns,
        initialSort: { column: 'when', direction: 'desc' },
        pageSize: 10,
        empty: 'No secrets recorded in this period yet.',
      }}
    >
      {e.used.length > 0 && (
        <Stack gap={4} px="lg" py="md">
          <Text fw={600} fz="sm">
            Used by others
          </Text>
          {e.used.slice(0, USED_SHOWN).map((u, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: uses have no id of their own
            <Text key={i} fz="sm">
              {HOW_LABELS[u.how]} — {u.byLabel}, {formatDate(u.at)}
            </Text>
          ))}
          {e.used.length > USED_SHOWN && <Text fz="sm">… and {e.used.length - USED_SHOWN} more.</Text>}
        </Stack>
      )}
      {(e.coverage.length > 0 || e.confirmed.length > 0) && (
        <Text fz="sm" px="lg" pb="md">
          {e.coverage.length} categories of high-value customers known for the first time ·{' '}
          {e.confirmed.length} stale secrets confirmed.
        </Text>
      )}
    </TableCard>
  )
}

/** The points line by line, and the heading of the table under them. */
function EffectivenessLines({ e }: { e: Effectiveness }) {
  return (
    <Stack gap="md" px="lg" pb="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs">
        {e.lines.map((l) => (
          <Group
            key={l.key}
            justify="space-between"
            gap="xs"
            wrap="nowrap"
            p="xs"
            style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}
          >
            <Text fz="sm">
              {l.label}{' '}
              <Text span fz="xs">
                ({formatNumber(l.count)})
              </Text>
            </Text>
            <Text fz="sm" fw={700}>
              {formatNumber(l.points)}
            </Text>
          </Group>
        ))}
      </SimpleGrid>
      <Text fw={600} fz="sm">
        The secrets behind the figure
      </Text>
    </Stack>
  )
}

type CardRow = Statement['details']['reportCard']['cards'][number]

function ReportCardSection({ s }: { s: Statement }) {
  const rc = s.details.reportCard
  const columns: Column<CardRow>[] = [
    {
      key: 'customer',
      header: 'Customer',
      phone: 'title',
      cell: (c) => <CustomerLink id={c.customerId}>{c.customerName}</CustomerLink>,
    },
    { key: 'answered', header: 'Answered', nowrap: true, cell: (c) => formatDate(c.answeredAt) },
    {
      key: 'mean',
      header: 'Mean',
      align: 'right',
      cell: (c) => (c.mean === null ? '—' : `${formatNumber(c.mean)} / 5`),
    },
    commentColumn(),
  ]
  return (
    <TableCard
      data-testid="report-card"
      title="Customer report card"
      description="What the customers said, on the behaviours of a secret agent."
      summary={
        <Badge size="lg" color={rc.shown ? 'grape' : 'gray'} variant="light" data-testid="report-card-score">
          {rc.shown && rc.overall !== null ? `${formatNumber(rc.overall)} / 5` : needsText(rc)}
        </Badge>
      }
      above={
        rc.perBehaviour.some((b) => b.mean !== null) && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} px="lg" pb="md">
            {rc.perBehaviour.map((b) => (
              <Group key={b.behaviourId} justify="space-between" wrap="nowrap" gap="xs">
                <Text fz="sm">{b.label}</Text>
                <Text fz="sm" fw={700}>
                  {b.mean === null ? '—' : formatNumber(b.mean)}
                </Text>
              </Group>
            ))}
          </SimpleGrid>
        )
      }
      table={{
        label: 'Report cards answered',
        rows: rc.cards,
        rowKey: (c) => c.id,
        columns,
        empty: 'No report card answered in this period yet.',
      }}
    />
  )
}

type Case = Statement['details']['recoveries']['cases'][number]

function RecoveriesSection({ s }: { s: Statement }) {
  const { slug } = useWorkspace()
  const r = s.details.recoveries
  const columns: Column<Case>[] = [
    {
      key: 'customer',
      header: 'Customer',
      phone: 'title',
      cell: (c) => (
        <Anchor component={Link} to={`/w/${slug}/recoveries/${c.oopsId}`} fz="sm" fw={600}>
          {c.customerName}
        </Anchor>
      ),
    },
    { key: 'resolved', header: 'Resolved', nowrap: true, cell: (c) => formatDate(c.resolvedAt) },
    {
      key: 'dazzling',
      header: 'Dazzling',
      cell: (c) =>
        c.dazzling ? (
          <Badge color="grape" variant="light">
            Fixed and surprised inside 24 h
          </Badge>
        ) : (
          <Badge color="gray" variant="light">
            Not dazzling
          </Badge>
        ),
    },
  ]
  return (
    <TableCard
      title="Recoveries"
      description="The OOPS! they owned that were decided in the period."
      summary={
        <Badge size="lg" variant="light" color="teal">
          {r.dazzling} of {r.decided} dazzling
          {r.share !== null ? ` · ${percent(Math.round(r.share * 10) / 10)}` : ''}
        </Badge>
      }
      table={{
        rows: r.cases,
        rowKey: (c) => c.oopsId,
        columns,
        empty: 'No recovery of theirs was decided in the period.',
      }}
    />
  )
}

type ByCustomer = Statement['details']['revenue']['byCustomer'][number]

function RevenueSection({ s, currency }: { s: Statement; currency: string }) {
  const rev = s.details.revenue
  const columns: Column<ByCustomer>[] = [
    {
      key: 'customer',
      header: 'Customer',
      phone: 'title',
      sortValue: (c) => c.customerName,
      cell: (c) => <CustomerLink id={c.customerId}>{c.customerName}</CustomerLink>,
    },
    {
      key: 'lines',
      header: 'Purchase lines',
      align: 'right',
      sortValue: (c) => c.lines,
      cell: (c) => c.lines,
    },
    {
      key: 'amount',
      header: 'Revenue',
      align: 'right',
      nowrap: true,
      sortValue: (c) => c.amount,
      cell: (c) => formatMoney(c.amount, currency),
    },
  ]
  return (
    <TableCard
      title="Revenue"
      description="Purchases in the period by the customers they own."
      summary={
        <Badge size="lg" variant="light" color="indigo">
          {formatMoney(rev.total, currency)}
          {rev.quota !== null ? ` of ${formatMoney(rev.quota, currency)}` : ''}
        </Badge>
      }
      table={{
        label: 'Revenue by customer',
        rows: rev.byCustomer,
        rowKey: (c) => c.customerId,
        columns,
        initialSort: { column: 'amount', direction: 'desc' },
        pageSize: 10,
        empty: 'No purchases by their customers in the period.',
      }}
    />
  )
}

function AdjustmentsSection({ list, currency }: { list: Adjustment[]; currency: string }) {
  const columns: Column<Adjustment>[] = [
    { key: 'reason', header: 'Reason', phone: 'title', cell: (a) => <Text fz="sm">{a.reason}</Text> },
    { key: 'by', header: 'By', cell: (a) => a.createdByName ?? '—' },
    { key: 'when', header: 'When', nowrap: true, cell: (a) => formatDateTime(a.createdAt) },
    {
      key: 'amount',
      header: 'Amount',
      align: 'right',
      nowrap: true,
      cell: (a) => (
        <Text fz="sm" fw={700} c={a.amount < 0 ? 'red.8' : undefined}>
          {formatMoney(a.amount, currency)}
        </Text>
      ),
    },
  ]
  return (
    <TableCard
      title="Adjustments"
      description="Corrections after the period was closed, each with its reason; each is in the audit trail."
      table={{ rows: list, rowKey: (a) => a.id, columns, empty: 'No adjustments.' }}
    />
  )
}

type AdjustmentValues = { amount: number | string; reason: string }
const toAdjustment = (v: AdjustmentValues): AdjustmentInput => ({
  amount: typeof v.amount === 'number' ? v.amount : Number.NaN,
  reason: v.reason.trim(),
})

function AdjustmentModal(props: {
  opened: boolean
  planId: string
  userId: string
  name: string
  currency: string
  onClose: () => void
}) {
  return props.opened ? <AdjustmentForm {...props} /> : null
}

function AdjustmentForm({
  planId,
  userId,
  name,
  currency,
  onClose,
}: {
  planId: string
  userId: string
  name: string
  currency: string
  onClose: () => void
}) {
  const add = useAddAdjustment(planId, userId)
  const form = useSchemaForm<AdjustmentValues>(
    adjustmentInputSchema,
    { amount: '', reason: '' },
    { toInput: toAdjustment },
  )
  return (
    <FormModal
      opened
      title={`Adjust ${name}’s statement`}
      onClose={onClose}
      onSubmit={form.onSubmit((v) =>
        add.mutate(toAdjustment(v), {
          onSuccess: (a) => {
            notifySuccess(`${formatMoney(a.amount, currency)} added to the statement.`, 'Adjustment recorded')
            onClose()
          },
        }),
      )}
      submitLabel="Add adjustment"
      pending={add.isPending}
      error={add.error}
    >
      <Text fz="sm">
        The frozen figures stay as they are; the adjustment is added to the total, with its reason.
      </Text>
      <NumberInput
        label="Amount"
        description="Negative to take something off."
        decimalScale={2}
        thousandSeparator=","
        suffix={` ${currency}`}
        {...form.getInputProps('amount')}
      />
      <Textarea label="Reason" autosize minRows={2} {...form.getInputProps('reason')} />
    </FormModal>
  )
}
