import { BarChart } from '@mantine/charts'
import {
  Alert,
  Button,
  Card,
  Group,
  List,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconLock,
  IconTarget,
  IconTrendingUp,
  IconUsersGroup,
} from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import {
  AT_RISK_GAP_MULTIPLE,
  AT_RISK_MIN_DAYS,
  GROUP_DIMENSIONS,
  type GroupDimension,
  PEER_MIN,
} from '../../../domain/growth/latent-potential.ts'
import { type GoalInputBody, goalInputSchema } from '../../../schemas/growth.schemas.ts'
import { ApiError } from '../../app/api.ts'
import { formatCount, formatDate, formatMoney } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, PageState } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { CardHeader } from '../../ui/card-header.tsx'
import { Figure } from '../../ui/figure.tsx'
import { FormCard } from '../../ui/form-card.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { ConcentrationCard } from './concentration-card.tsx'
import {
  type Goal,
  type GoalView,
  type GrowthAnswer,
  useGrowthAnswer,
  useGrowthGoal,
  useGrowthGroups,
  useSetGoal,
} from './growth-api.ts'

const ALLOWED = ['leader', 'admin'] as const

export function GrowthPage() {
  const { role } = useWorkspace()
  const allowed = (ALLOWED as readonly string[]).includes(role)
  const view = useGrowthGoal(allowed)
  const refused = !allowed || (view.error instanceof ApiError && view.error.status === 403)
  return (
    <>
      <PageHeader
        title="Growth"
        icon={<IconTrendingUp size={24} stroke={1.6} />}
        description="First decide how big you want to grow, then choose whom to serve: the group of customers whose untapped potential can deliver it."
      />
      {refused ? (
        <EmptyCard
          icon={<IconLock size={28} />}
          title="Leaders and admins only"
          description="The growth goal and whom to serve are the leaders’ call. Ask a leader if you need to know the goal."
          color="gray"
        />
      ) : (
        <PageState query={view} loading={<Skeleton h={320} />}>
          {(v) => <GrowthView v={v} />}
        </PageState>
      )}
    </>
  )
}

/** Goals and potentials are estimates of a year's revenue: whole units say as much as they know. */
const wholeMoney = (currency: string) => (n: number) =>
  formatMoney(Math.round(n), currency).replace(/[.,]00(?=\D*$)/, '')

function GrowthView({ v }: { v: GoalView }) {
  const money = wholeMoney(v.currency)
  return (
    <Stack gap="xl">
      <Title order={2} fz="xl">
        1. How big
      </Title>
      <GoalCard goal={v.goal} money={money} trailing12m={v.trailing12m} />
      <SimpleGrid cols={{ base: 1, md: v.history.length > 0 ? 2 : 1 }} spacing="lg">
        <GoalForm v={v} />
        {v.history.length > 0 && <History goals={v.history} money={money} />}
      </SimpleGrid>
      <Title order={2} fz="xl">
        2. Who to serve
      </Title>
      {v.goal ? (
        <WhoToServe goal={v.goal} money={money} />
      ) : (
        <EmptyCard
          icon={<IconUsersGroup size={28} />}
          title="Set a goal first"
          description="How big you want to grow decides whom to serve: once the goal is set, choose a group of customers and Dazzle says whether it can deliver."
        />
      )}
      <Title order={2} fz="xl">
        3. Diversify
      </Title>
      <ConcentrationCard />
      <MethodCard />
    </Stack>
  )
}

interface GoalValues extends Record<string, unknown> {
  kind: 'percent' | 'amount'
  percent: number | string
  amount: number | string
  months: number | string
  baseline: number | string
}

const numberOrNull = (x: number | string) => (x === '' || x === null ? null : Number(x))
const toInput = (v: GoalValues): GoalInputBody => ({
  kind: v.kind,
  percent: v.kind === 'percent' ? numberOrNull(v.percent) : null,
  amount: v.kind === 'amount' ? numberOrNull(v.amount) : null,
  months: v.months === '' ? (undefined as unknown as number) : Number(v.months),
  baseline: numberOrNull(v.baseline),
})

function GoalForm({ v }: { v: GoalView }) {
  const save = useSetGoal()
  const g = v.goal
  const form = useSchemaForm<GoalValues>(
    goalInputSchema,
    {
      kind: g?.kind ?? 'percent',
      percent: g?.percent ?? 25,
      amount: g?.amount ?? '',
      months: g?.months ?? 12,
      baseline: g?.baselineKind === 'custom' ? g.baseline : '',
    },
    { toInput },
  )
  const money = wholeMoney(v.currency)
  return (
    <FormCard
      icon={<IconTarget size={20} stroke={1.6} aria-hidden />}
      title={g ? 'Change the goal' : 'Set the goal'}
      error={save.error}
      onSubmit={form.onSubmit((values) =>
        save.mutate(toInput(values), {
          onSuccess: (saved) =>
            notifySuccess(
              `The team now needs ${money(saved.needed)} more a year by ${formatDate(saved.deadline)}.`,
              'Growth goal set',
            ),
        }),
      )}
    >
      <SegmentedControl
        aria-label="Grow by"
        data={[
          { value: 'percent', label: 'A percentage' },
          { value: 'amount', label: 'An amount' },
        ]}
        {...form.getInputProps('kind')}
      />
      <Group grow align="flex-start">
        {form.values.kind === 'percent' ? (
          <NumberInput
            label="Grow revenue by"
            suffix=" %"
            allowDecimal
            decimalScale={1}
            {...form.getInputProps('percent')}
          />
        ) : (
          <NumberInput
            label="Grow revenue by"
            description={`Yearly revenue in ${v.currency}`}
            thousandSeparator=","
            {...form.getInputProps('amount')}
          />
        )}
        <NumberInput label="Within (months)" allowDecimal={false} {...form.getInputProps('months')} />
      </Group>
      <NumberInput
        label="From a baseline of (optional)"
        description={`Leave it empty to grow from the last 12 months: ${money(v.trailing12m)}.`}
        thousandSeparator=","
        min={0}
        {...form.getInputProps('baseline')}
      />
      <Group justify="flex-end">
        <Button type="submit" loading={save.isPending}>
          {g ? 'Change goal' : 'Set goal'}
        </Button>
      </Group>
    </FormCard>
  )
}

const goalWords = (g: Goal, money: (n: number) => string) =>
  g.kind === 'percent'
    ? `${g.percent! > 0 ? '+' : ''}${g.percent} % in ${g.months} ${g.months === 1 ? 'month' : 'months'}`
    : `${g.amount! > 0 ? '+' : ''}${money(g.amount!)} in ${g.months} ${g.months === 1 ? 'month' : 'months'}`

function GoalCard({
  goal,
  money,
  trailing12m,
}: {
  goal: Goal | null
  money: (n: number) => string
  trailing12m: number
}) {
  if (!goal)
    return (
      <Card>
        <CardHeader icon={<IconTrendingUp size={20} stroke={1.6} aria-hidden />} title="No goal yet" />
        <Text fz="sm" c="dimmed">
          In the last 12 months your customers brought {money(trailing12m)}. Say how much more you want, and
          by when.
        </Text>
      </Card>
    )
  return (
    <Card>
      <CardHeader
        icon={<IconTrendingUp size={20} stroke={1.6} aria-hidden />}
        title={`Goal: ${goalWords(goal, money)}`}
        description={`Set ${formatDate(goal.setAt)}${goal.setByName ? ` by ${goal.setByName}` : ''}; due ${formatDate(goal.deadline)}.`}
      />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        <Figure
          label="Baseline"
          value={money(goal.baseline)}
          hint={goal.baselineKind === 'trailing12m' ? 'the last 12 months, when set' : 'your own baseline'}
        />
        <Figure label="Target" value={money(goal.targetRevenue)} hint="a year’s revenue, by the deadline" />
        <Figure
          label="Revenue needed"
          value={money(goal.needed)}
          color={goal.needed > 0 ? 'violet' : undefined}
          hint="on top of the baseline"
        />
      </SimpleGrid>
    </Card>
  )
}

function History({ goals, money }: { goals: Goal[]; money: (n: number) => string }) {
  return (
    <Card>
      <CardHeader
        title="Earlier goals"
        description="Each goal replaced by the next one, kept as it was set."
      />
      <List spacing={4} fz="sm">
        {goals.map((g) => (
          <List.Item key={g.id}>
            {goalWords(g, money)}, needing {money(g.needed)} — set {formatDate(g.setAt)}
            {g.setByName ? ` by ${g.setByName}` : ''}, replaced {g.replacedAt ? formatDate(g.replacedAt) : ''}
          </List.Item>
        ))}
      </List>
    </Card>
  )
}

const DIMENSION_HEADINGS: Record<GroupDimension, string> = {
  segment: 'Segments',
  tier: 'Value tiers',
  country: 'Countries',
  owner: 'Owners',
}

function WhoToServe({ goal, money }: { goal: Goal; money: (n: number) => string }) {
  const groups = useGrowthGroups(true)
  const [group, setGroup] = useState<string | null>(null)
  // the first segment until the leader picks one
  useEffect(() => {
    if (group === null && groups.data?.groups[0]) setGroup(groups.data.groups[0].key)
  }, [group, groups.data])
  const answer = useGrowthAnswer(group, goal.id)
  const data = GROUP_DIMENSIONS.map((d) => ({
    group: DIMENSION_HEADINGS[d],
    items: (groups.data?.groups ?? [])
      .filter((g) => g.dimension === d)
      .map((g) => ({
        value: g.key,
        label: `${g.label} (${formatCount(g.customers)} ${g.customers === 1 ? 'customer' : 'customers'})`,
      })),
  })).filter((d) => d.items.length > 0)
  return (
    <Stack gap="lg">
      <Card>
        <CardHeader
          icon={<IconUsersGroup size={20} stroke={1.6} aria-hidden />}
          title="Choose a group of customers"
          description={`Can they bring the ${money(goal.needed)} more a year the goal needs?`}
        />
        <Select
          label="Customer group"
          placeholder={groups.isPending ? 'Loading groups…' : 'Pick a segment, tier, country or owner'}
          data={data}
          value={group}
          onChange={setGroup}
          searchable
          allowDeselect={false}
          maw={480}
        />
      </Card>
      {group && (
        <PageState query={answer} loading={<Skeleton h={360} />}>
          {(a) => <AnswerView a={a} money={money} />}
        </PageState>
      )}
    </Stack>
  )
}

function AnswerView({ a, money }: { a: GrowthAnswer; money: (n: number) => string }) {
  const p = a.potential
  const chart = [
    { group: a.group.label, potential: p.potential, color: a.canDeliver ? 'teal.6' : 'orange.6' },
    ...a.others.slice(0, 6).map((g) => ({
      group: g.label,
      potential: g.potential.potential,
      color: a.closers.some((c) => c.key === g.key) ? 'violet.6' : 'gray.5',
    })),
  ]
  return (
    <Stack gap="lg">
      <Alert
        color={a.canDeliver ? 'teal' : 'orange'}
        variant="light"
        icon={a.canDeliver ? <IconCircleCheck size={22} /> : <IconAlertTriangle size={22} />}
        title={
          a.canDeliver ? `${a.group.label} can deliver the goal` : `${a.group.label} cannot deliver it alone`
        }
        role="status"
      >
        <Text fz="md">{a.verdict}</Text>
      </Alert>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <Figure label="Revenue needed" value={money(a.needed)} hint="a year, by the deadline" />
        <Figure
          label="Headroom"
          value={money(p.headroom)}
          hint={`${money(p.walletHeadroom)} from wallet estimates, ${money(p.peerHeadroom)} from peers`}
        />
        <Figure
          label="At risk"
          value={money(p.atRisk)}
          color={p.atRisk > 0 ? 'red' : undefined}
          hint={`${formatCount(p.atRiskCustomers)} of ${formatCount(p.customers)} customers gone quiet`}
        />
        <Figure
          label="Potential"
          value={money(p.potential)}
          color={a.canDeliver ? 'teal' : 'orange'}
          hint="headroom less what is at risk"
        />
      </SimpleGrid>
      <Card>
        <CardHeader
          title="Potential by group"
          description={`What each group could add to a year’s revenue; the others counted outside ${a.group.label}, so nothing is counted twice. The line is the revenue needed.`}
        />
        <BarChart
          h={Math.max(220, chart.length * 44)}
          data={chart}
          dataKey="group"
          orientation="vertical"
          series={[{ name: 'potential', label: 'Potential', color: 'violet.6' }]}
          valueFormatter={(n) => formatMoney(n, a.goal.currency, true)}
          yAxisProps={{ width: 120 }}
          gridAxis="x"
          referenceLines={[{ x: a.needed, label: 'Needed', color: 'red.6' }]}
          barProps={{ radius: [0, 4, 4, 0] }}
          tooltipProps={{ cursor: { fill: 'var(--mantine-color-default-hover)' } }}
          role="img"
          aria-label={`Potential of ${a.group.label} and the other groups against the ${money(a.needed)} needed`}
        />
        {!a.canDeliver && a.closers.length > 0 && (
          <Text fz="sm" mt="sm">
            {a.closersClose ? 'To close the gap, also serve ' : 'The most the other groups could add: '}
            {a.closers.map((c, i) => (
              <span key={c.key}>
                {i > 0 ? (i === a.closers.length - 1 ? ' and ' : ', ') : ''}
                <strong>{c.label}</strong> ({money(c.potential.potential)})
              </span>
            ))}
            {a.closersClose ? `: together ${money(a.withClosers)}.` : '.'}
          </Text>
        )}
      </Card>
    </Stack>
  )
}

function MethodCard() {
  return (
    <Card>
      <CardHeader title="How Dazzle works this out" />
      <List spacing="xs" fz="sm">
        <List.Item>
          <strong>Revenue needed</strong>: the baseline (the last 12 months’ revenue when the goal was set,
          unless you give one) times the percentage, or the amount you set.
        </List.Item>
        <List.Item>
          <strong>Headroom</strong>, where you have estimated what a customer spends in your category in a
          year: that estimate less what they spent with you in the last 12 months.
        </List.Item>
        <List.Item>
          Where there is no estimate, <strong>peers</strong>: bringing the customer up to what the top quarter
          of customers like it spend (the same value tier and segment; the whole tier when fewer than{' '}
          {PEER_MIN} share both).
        </List.Item>
        <List.Item>
          <strong>At risk</strong>: a customer who has not bought for more than {AT_RISK_GAP_MULTIPLE} times
          their usual gap between orders (and at least {AT_RISK_MIN_DAYS} days) may be slipping away, with
          their last 12 months’ revenue. It is taken off the potential, and their headroom is not counted: win
          them back first.
        </List.Item>
        <List.Item>
          <strong>Which other groups could close a gap</strong>: the fewest (up to three), each chosen for
          what it adds beyond the customers already counted.
        </List.Item>
      </List>
    </Card>
  )
}
