import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Collapse,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import {
  COMPONENT_KINDS,
  COMPONENT_LABELS,
  COMPONENT_TARGET_UNITS,
  type ComponentKind,
  DEFAULT_ACCELERATOR,
  DEFAULT_CAP,
  DEFAULT_STEPS,
  DEFAULT_TARGETS,
  PERIOD_KINDS,
  type PeriodKind,
  periodLabel,
  SECRET_GATHERING_KINDS,
  SOURCE_MIN_SECRET_WEIGHT,
} from '../../../domain/accountability/bonus-plan.ts'
import { bonusPlanInputSchema } from '../../../schemas/accountability.schemas.ts'
import { ApiError } from '../../app/api.ts'
import { formatNumber } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { FormModal } from '../../ui/form-modal.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { useMembers } from '../workspaces/workspaces-api.ts'
import {
  type BonusPlan,
  type BonusPlanInput,
  useAccountabilitySettings,
  useSaveBonusPlan,
} from './accountability-api.ts'

type Num = number | string
type StepValues = { attainment: Num; payout: Num }
type ComponentValues = {
  kind: ComponentKind
  weight: Num
  target: Num
  steps: StepValues[]
  accelerator: Num
  cap: Num
}
type MemberValues = { userId: string; targetBonus: Num; quota: Num }
type Values = {
  name: string
  periodKind: PeriodKind
  periodStart: string
  currency: string
  components: ComponentValues[]
  members: MemberValues[]
}

const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { month: 'Month', quarter: 'Quarter', year: 'Year' }

const num = (n: Num) => (typeof n === 'number' ? n : n.trim() === '' ? Number.NaN : Number(n))
const pad = (n: number) => String(n).padStart(2, '0')

/** The periods a plan may start on: a few behind (to settle a period just gone), more ahead. */
const periodStarts = (kind: PeriodKind, now = new Date()): string[] => {
  const y = now.getFullYear()
  const m = now.getMonth() // 0-based
  if (kind === 'year') return [y - 1, y, y + 1, y + 2].map((yy) => `${yy}-01-01`)
  const step = kind === 'quarter' ? 3 : 1
  const first = kind === 'quarter' ? m - (m % 3) : m
  const out: string[] = []
  for (let i = -2; i <= (kind === 'quarter' ? 5 : 11); i++) {
    const idx = y * 12 + first + i * step
    out.push(`${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}-01`)
  }
  return out
}
const currentStart = (kind: PeriodKind, now = new Date()) => periodStarts(kind, now)[kind === 'year' ? 1 : 2]!

const defaultComponent = (kind: ComponentKind, weight: number): ComponentValues => ({
  kind,
  weight,
  target: DEFAULT_TARGETS[kind],
  steps: DEFAULT_STEPS.map((s) => ({ ...s })),
  accelerator: DEFAULT_ACCELERATOR,
  cap: DEFAULT_CAP,
})

const blank = (): Values => ({
  name: '',
  periodKind: 'quarter',
  periodStart: currentStart('quarter'),
  currency: 'EUR',
  components: [
    defaultComponent('revenue', 60),
    defaultComponent('secret_effectiveness', 20),
    defaultComponent('report_card', 10),
    defaultComponent('recovery', 10),
  ],
  members: [],
})

const fromPlan = (p: BonusPlan): Values => ({
  name: p.name,
  periodKind: p.periodKind,
  periodStart: p.period.start,
  currency: p.currency,
  components: p.components.map((c) => ({ ...c, steps: c.steps.map((s) => ({ ...s })) })),
  members: p.members.map((m) => ({ userId: m.userId, targetBonus: m.targetBonus, quota: m.quota ?? '' })),
})

/** What the API reads (bonusPlanInputSchema: the limits and their words, the same the API checks). */
const toInput = (v: Values): BonusPlanInput => ({
  name: v.name.trim(),
  periodKind: v.periodKind,
  periodStart: v.periodStart,
  currency: v.currency,
  components: v.components.map((c) => ({
    kind: c.kind,
    weight: num(c.weight),
    target: num(c.target),
    steps: c.steps.map((s) => ({ attainment: num(s.attainment), payout: num(s.payout) })),
    accelerator: num(c.accelerator),
    cap: num(c.cap),
  })),
  members: v.members.map((m) => ({
    userId: m.userId,
    targetBonus: num(m.targetBonus),
    quota: String(m.quota).trim() === '' ? null : num(m.quota),
  })),
})

const weightOf = (cs: readonly ComponentValues[], only?: readonly ComponentKind[]) =>
  cs
    .filter((c) => !only || only.includes(c.kind))
    .reduce((a, c) => a + (Number.isFinite(num(c.weight)) ? num(c.weight) : 0), 0)

/** "New plan" and "Edit plan": mounted only while open, so each opening starts afresh. */
export function PlanModal({ plan, onClose }: { plan: BonusPlan | 'new' | null; onClose: () => void }) {
  return plan === null ? null : <PlanForm plan={plan} onDone={onClose} />
}

function PlanForm({ plan, onDone }: { plan: BonusPlan | 'new'; onDone: () => void }) {
  const save = useSaveBonusPlan()
  const settings = useAccountabilitySettings()
  const members = useMembers()
  const minimum = settings.data?.minSecretWeight ?? SOURCE_MIN_SECRET_WEIGHT
  const form = useSchemaForm<Values>(bonusPlanInputSchema, plan === 'new' ? blank() : fromPlan(plan), {
    toInput,
  })
  const v = form.values
  const total = weightOf(v.components)
  const secret = weightOf(v.components, SECRET_GATHERING_KINDS)
  const refusedForWeight = save.error instanceof ApiError && save.error.code === 'bonus_plan_secret_weight'
  const unused = COMPONENT_KINDS.filter((k) => !v.components.some((c) => c.kind === k))
  const candidates = useMemo(
    () => (members.data ?? []).filter((m) => !v.members.some((x) => x.userId === m.userId)),
    [members.data, v.members],
  )
  const nameOf = (userId: string) => members.data?.find((m) => m.userId === userId)?.name ?? userId
  const [adding, setAdding] = useState('')

  return (
    <FormModal
      opened
      title={plan === 'new' ? 'New bonus plan' : `Edit ${plan.name}`}
      size="xl"
      onClose={onDone}
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          { id: plan === 'new' ? null : plan.id, input: toInput(values) },
          {
            onSuccess: (saved) => {
              notifySuccess(
                `${saved.name} accrues from today; everyone on it sees their statement.`,
                'Plan saved',
              )
              onDone()
            },
          },
        ),
      )}
      submitLabel="Save plan"
      pending={save.isPending}
      error={refusedForWeight ? null : save.error}
    >
      <TextInput label="Name" placeholder="Sales Q4 2026" {...form.getInputProps('name')} />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <NativeSelect
          label="Period"
          data={PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] }))}
          value={v.periodKind}
          onChange={(e) => {
            const kind = e.currentTarget.value as PeriodKind
            form.setFieldValue('periodKind', kind)
            form.setFieldValue('periodStart', currentStart(kind))
          }}
        />
        <NativeSelect
          label="Starting"
          data={periodStarts(v.periodKind).map((s) => ({ value: s, label: periodLabel(v.periodKind, s) }))}
          {...form.getInputProps('periodStart')}
        />
        <TextInput label="Currency" maxLength={3} {...form.getInputProps('currency')} />
      </SimpleGrid>

      <Stack gap="xs">
        <Title order={3} fz="md">
          Components
        </Title>
        <WeightTotals total={total} secret={secret} minimum={minimum} />
        {refusedForWeight && (
          <Alert
            color="red"
            variant="filled"
            icon={<IconAlertTriangle size={20} />}
            title="Not enough on secret gathering"
            role="alert"
          >
            {save.error?.message}
          </Alert>
        )}
        {v.components.map((c, i) => (
          <ComponentFields
            key={c.kind}
            form={form}
            index={i}
            c={c}
            currency={v.currency}
            onRemove={() => form.removeListItem('components', i)}
          />
        ))}
        {typeof form.errors.components === 'string' && (
          <Text c="red.8" fz="sm">
            {form.errors.components}
          </Text>
        )}
        {unused.length > 0 && (
          <Group gap="xs">
            {unused.map((k) => (
              <Button
                key={k}
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                onClick={() => form.insertListItem('components', defaultComponent(k, 0))}
              >
                {COMPONENT_LABELS[k]}
              </Button>
            ))}
          </Group>
        )}
      </Stack>

      <Stack gap="xs">
        <Title order={3} fz="md">
          People on the plan
        </Title>
        <Text fz="sm">
          Each person’s target bonus is what they earn at 100 % on every component; their quota is the revenue
          target (left empty, the component’s target applies).
        </Text>
        {v.members.map((m, i) => (
          <Paper key={m.userId} withBorder p="sm">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <Text fw={600} style={{ flex: '1 1 160px' }}>
                {nameOf(m.userId)}
              </Text>
              <NumberInput
                label="Target bonus"
                min={0}
                thousandSeparator=","
                suffix={` ${v.currency}`}
                w={170}
                {...form.getInputProps(`members.${i}.targetBonus`)}
                aria-label={`Target bonus for ${nameOf(m.userId)}`}
              />
              <NumberInput
                label="Quota"
                min={0}
                thousandSeparator=","
                suffix={` ${v.currency}`}
                placeholder="Component target"
                w={190}
                {...form.getInputProps(`members.${i}.quota`)}
                aria-label={`Revenue quota for ${nameOf(m.userId)}`}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Take ${nameOf(m.userId)} off the plan`}
                onClick={() => form.removeListItem('members', i)}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        {typeof form.errors.members === 'string' && (
          <Text c="red.8" fz="sm" role="alert">
            {form.errors.members}
          </Text>
        )}
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label="Add a person"
            style={{ flex: '1 1 220px' }}
            data={[
              { value: '', label: candidates.length ? 'Choose someone' : 'Everyone is on the plan' },
              ...candidates
                .sort(
                  (a, b) =>
                    Number(b.role === 'sales') - Number(a.role === 'sales') || a.name.localeCompare(b.name),
                )
                .map((m) => ({
                  value: m.userId,
                  label: m.role === 'sales' ? m.name : `${m.name} (${m.role})`,
                })),
            ]}
            value={adding}
            onChange={(e) => setAdding(e.currentTarget.value)}
          />
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            disabled={!adding}
            onClick={() => {
              form.insertListItem('members', { userId: adding, targetBonus: 10_000, quota: '' })
              setAdding('')
            }}
          >
            Add to the plan
          </Button>
        </Group>
      </Stack>
    </FormModal>
  )
}

/** Live: the weights against 100 %, and secret gathering against the minimum (seed 004's 25 %). */
function WeightTotals({ total, secret, minimum }: { total: number; secret: number; minimum: number }) {
  const totalOk = total === 100
  const secretOk = secret >= minimum
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" data-testid="weight-totals">
      <Paper withBorder p="sm">
        <Group justify="space-between" gap="xs">
          <Text fz="sm" fw={600}>
            Weights
          </Text>
          <Badge color={totalOk ? 'teal' : 'red'} variant="light">
            {formatNumber(total)} % of 100 %
          </Badge>
        </Group>
        <Progress
          mt={6}
          value={Math.min(100, total)}
          color={totalOk ? 'teal' : 'red'}
          aria-label={`Weights add up to ${formatNumber(total)} %`}
        />
        <Text fz="xs" mt={4}>
          {totalOk
            ? 'They add up to 100 %.'
            : `They must add up to 100 % (${total < 100 ? `${100 - total} to go` : `${total - 100} too many`}).`}
        </Text>
      </Paper>
      <Paper withBorder p="sm">
        <Group justify="space-between" gap="xs">
          <Text fz="sm" fw={600}>
            On secret gathering
          </Text>
          <Badge color={secretOk ? 'grape' : 'red'} variant="light" data-testid="secret-weight">
            {formatNumber(secret)} % · at least {minimum} %
          </Badge>
        </Group>
        <Progress
          mt={6}
          value={Math.min(100, (secret / Math.max(1, minimum)) * 100)}
          color={secretOk ? 'grape' : 'red'}
          aria-label={`${formatNumber(secret)} % on secret gathering, at least ${minimum} % needed`}
        />
        <Text fz="xs" mt={4}>
          Effectiveness and the customer report card together. “At least 25 % of the sales bonus should be
          based on secret gathering effectiveness.”
        </Text>
      </Paper>
    </SimpleGrid>
  )
}

type Form = ReturnType<typeof useSchemaForm<Values>>

function ComponentFields({
  form,
  index,
  c,
  currency,
  onRemove,
}: {
  form: Form
  index: number
  c: ComponentValues
  currency: string
  onRemove: () => void
}) {
  const [table, setTable] = useState(false)
  const label = COMPONENT_LABELS[c.kind]
  const path = `components.${index}`
  const secret = SECRET_GATHERING_KINDS.includes(c.kind)
  return (
    <Paper withBorder p="sm" data-testid={`component-${c.kind}`}>
      <Group justify="space-between" gap="xs" mb={6} wrap="nowrap">
        <Group gap={6}>
          <Text fw={700} fz="sm">
            {label}
          </Text>
          {secret && (
            <Badge size="xs" color="grape" variant="light">
              Secret gathering
            </Badge>
          )}
        </Group>
        <ActionIcon variant="subtle" color="red" aria-label={`Remove ${label}`} onClick={onRemove}>
          <IconTrash size={16} />
        </ActionIcon>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <NumberInput
          label={`${label}: weight (%)`}
          min={1}
          max={100}
          allowDecimal={false}
          suffix=" %"
          {...form.getInputProps(`${path}.weight`)}
        />
        <NumberInput
          label={`${label}: target`}
          description={COMPONENT_TARGET_UNITS[c.kind]}
          min={0}
          decimalScale={2}
          thousandSeparator=","
          suffix={c.kind === 'revenue' ? ` ${currency}` : undefined}
          {...form.getInputProps(`${path}.target`)}
        />
      </SimpleGrid>
      <Button
        variant="subtle"
        size="compact-sm"
        mt="xs"
        onClick={() => setTable((t) => !t)}
        aria-expanded={table}
      >
        {table ? 'Hide the payout table' : 'Payout table'}:{' '}
        {c.steps.map((s) => `${s.attainment}→${s.payout}`).join(', ')} %, ×{c.accelerator} above, cap {c.cap}{' '}
        %
      </Button>
      <Collapse expanded={table}>
        <PayoutTable form={form} index={index} c={c} label={label} />
      </Collapse>
    </Paper>
  )
}

/** Attainment → payout, as Spiff and CaptivateIQ do: nothing below the first step, straight lines between, an accelerator above, a cap. */
function PayoutTable({
  form,
  index,
  c,
  label,
}: {
  form: Form
  index: number
  c: ComponentValues
  label: string
}) {
  const path = `components.${index}`
  return (
    <Stack gap="xs" mt="xs">
      <Table withTableBorder verticalSpacing={4} aria-label={`${label}: payout table`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Attainment (% of target)</Table.Th>
            <Table.Th>Pays (% of its share)</Table.Th>
            <Table.Th>
              <VisuallyHidden>Remove</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.steps.map((_, s) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are edited in place, by position
            <Table.Tr key={s}>
              <Table.Td>
                <NumberInput
                  size="xs"
                  min={0}
                  max={1000}
                  aria-label={`${label}: step ${s + 1} attainment`}
                  {...form.getInputProps(`${path}.steps.${s}.attainment`)}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  min={0}
                  max={1000}
                  aria-label={`${label}: step ${s + 1} payout`}
                  {...form.getInputProps(`${path}.steps.${s}.payout`)}
                />
              </Table.Td>
              <Table.Td w={40}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  disabled={c.steps.length <= 1}
                  aria-label={`${label}: remove step ${s + 1}`}
                  onClick={() => form.removeListItem(`${path}.steps`, s)}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="sm" align="flex-end">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          disabled={c.steps.length >= 10}
          onClick={() => {
            const last = c.steps[c.steps.length - 1]
            form.insertListItem(`${path}.steps`, {
              attainment: (num(last?.attainment ?? 100) || 100) + 20,
              payout: (num(last?.payout ?? 100) || 100) + 40,
            })
          }}
        >
          Add a step
        </Button>
        <NumberInput
          size="xs"
          w={150}
          label="Accelerator above"
          min={0}
          max={10}
          decimalScale={2}
          {...form.getInputProps(`${path}.accelerator`)}
        />
        <NumberInput
          size="xs"
          w={120}
          label="Cap (%)"
          min={0}
          max={1000}
          {...form.getInputProps(`${path}.cap`)}
        />
      </Group>
    </Stack>
  )
}
