import {
  Badge,
  Button,
  Card,
  Chip,
  Group,
  Input,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconPencil, IconPlus, IconScale, IconTrash } from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { ROLE_LABELS, ROLES, type Role } from '../../../domain/workspaces/roles.ts'
import { planInputSchema } from '../../../schemas/recovery.schemas.ts'
import { formatNumber } from '../../app/format.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, ErrorPanel } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { MutationFormModal } from '../../ui/mutation-form-modal.tsx'
import { orNull, useSchemaForm } from '../../ui/use-schema-form.ts'
import { TierBadge } from '../customers/customer-words.tsx'
import { usePlans, useRemovePlan, useSavePlan } from '../recoveries/recovery-api.ts'
import type { Plan, PlanInput, RecoveryKind } from '../recoveries/recovery-types.ts'
import { KIND_LABELS, RECOVERY_KINDS } from '../recoveries/recovery-words.ts'

type Tier = 'A' | 'B' | 'C'

/** The most specific plan first: tier and segment, tier, segment, the catch-all. */
const specificity = (p: Plan) => (p.tier ? 2 : 0) + (p.segment ? 1 : 0)

/**
 * `/w/:slug/settings/recovery-plans`: "for each customer segment, the range of recovery actions and
 * the level of investment — the higher the value, the more robust the recovery" (seed 002).
 */
export function RecoveryPlansPage() {
  const { role } = useWorkspace()
  const plans = usePlans()
  const remove = useRemovePlan()
  const mayEdit = role === 'admin' || role === 'leader'
  const [editing, setEditing] = useState<Plan | 'new' | null>(null)
  const [removing, setRemoving] = useState<Plan | null>(null)

  return (
    <>
      <PageHeader
        title="Recovery plans"
        icon={<IconScale size={26} stroke={1.6} />}
        description="Per value tier or segment: how long the window is, how often to report, what the surprise may cost and which kinds of recovery are allowed. The higher the value, the richer the recovery."
        actions={
          mayEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              Add a plan
            </Button>
          )
        }
      />
      {!mayEdit && (
        <Text fz="sm" c="dimmed" mb="md">
          Leaders and admins change the plans; here is what applies.
        </Text>
      )}
      {plans.isPending ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={220} radius="lg" />
          ))}
        </SimpleGrid>
      ) : plans.isError ? (
        <ErrorPanel error={plans.error} onRetry={() => plans.refetch()} />
      ) : plans.data.length === 0 ? (
        <EmptyCard
          icon={<IconScale size={28} />}
          title="No recovery plans"
          description="Without a plan every OOPS! gets a 24-hour window and no budget for a surprise. Add one per tier."
        />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {[...plans.data]
            .sort((a, b) => specificity(b) - specificity(a) || (a.tier ?? 'Z').localeCompare(b.tier ?? 'Z'))
            .map((p) => (
              <PlanCard
                key={p.id}
                p={p}
                actions={
                  mayEdit && (
                    <Group gap="xs">
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconPencil size={14} />}
                        onClick={() => setEditing(p)}
                        aria-label={`Edit ${p.name}`}
                      >
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        leftSection={<IconTrash size={14} />}
                        aria-label={`Remove ${p.name}`}
                        onClick={() => setRemoving(p)}
                      >
                        Remove
                      </Button>
                    </Group>
                  )
                }
              />
            ))}
        </SimpleGrid>
      )}
      <PlanModal plan={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        opened={!!removing}
        title={`Remove the plan “${removing?.name}”?`}
        confirmLabel="Remove plan"
        pending={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return
          const p = removing
          remove.mutate(p.id, {
            onSuccess: () => notifySuccess(`${p.name} is removed.`, 'Plan removed'),
            onError: (e) => notifyError(e),
            onSettled: () => setRemoving(null),
          })
        }}
      >
        Open OOPS! keep their terms.
      </ConfirmDialog>
    </>
  )
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={700} lts={0.4}>
        {label}
      </Text>
      <Text fz="sm" fw={600} mt={2}>
        {children}
      </Text>
    </div>
  )
}

function PlanCard({ p, actions }: { p: Plan; actions: ReactNode }) {
  return (
    <Card h="100%">
      <Stack gap="sm" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Title order={2} fz="lg" style={{ overflowWrap: 'anywhere' }}>
              {p.name}
            </Title>
            <Group gap={6} mt={4}>
              {p.tier ? <TierBadge tier={p.tier} long /> : null}
              {p.segment ? (
                <Badge variant="outline" color="gray">
                  Segment: {p.segment}
                </Badge>
              ) : null}
              {!p.tier && !p.segment && (
                <Badge variant="outline" color="gray">
                  Everyone else
                </Badge>
              )}
            </Group>
          </div>
        </Group>
        <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm">
          <Term label="Window">{formatNumber(p.windowHours)} h</Term>
          <Term label="At risk">last {formatNumber(p.atRiskHours)} h</Term>
          <Term label="Surprise budget">{formatNumber(p.investmentCap)}</Term>
          <Term label="First contact">within {formatNumber(p.firstContactHours)} h</Term>
          <Term label="Status report">every {formatNumber(p.statusEveryHours)} h</Term>
          <Term label="Above the cap">{ROLE_LABELS[p.approverRole]} approves</Term>
        </SimpleGrid>
        <Group gap={6}>
          {p.allowedKinds.map((k) => (
            <Badge key={k} variant="light" color="grape">
              {KIND_LABELS[k]}
            </Badge>
          ))}
        </Group>
        {actions && (
          <Group justify="flex-end" gap="xs" mt="auto">
            {actions}
          </Group>
        )}
      </Stack>
    </Card>
  )
}

type Hours = 'windowHours' | 'atRiskHours' | 'firstContactHours' | 'statusEveryHours' | 'investmentCap'
/** What the inputs hold: text, '' for any tier or segment, '' in a number box left empty. */
type Values = {
  name: string
  tier: '' | Tier
  segment: string
  allowedKinds: RecoveryKind[]
  approverRole: Role
} & Record<Hours, number | string>

const blank: Values = {
  name: '',
  tier: '',
  segment: '',
  windowHours: 24,
  atRiskHours: 6,
  firstContactHours: 2,
  statusEveryHours: 8,
  investmentCap: 50,
  allowedKinds: ['gift', 'service'],
  approverRole: 'leader',
}

const num = (n: number | string) => (typeof n === 'number' ? n : Number.NaN)

/** As the API reads it (planInputSchema: the limits and their words, the same the API checks). */
const toInput = (v: Values): PlanInput => ({
  name: v.name.trim(),
  tier: v.tier || null,
  segment: orNull(v.segment),
  windowHours: num(v.windowHours),
  atRiskHours: num(v.atRiskHours),
  firstContactHours: num(v.firstContactHours),
  statusEveryHours: num(v.statusEveryHours),
  investmentCap: num(v.investmentCap),
  allowedKinds: v.allowedKinds,
  approverRole: v.approverRole,
})

function PlanModal({ plan, onClose }: { plan: Plan | 'new' | null; onClose: () => void }) {
  // mounted only while open: each opening starts from the plan as it is now
  return plan === null ? null : <PlanForm plan={plan} onDone={onClose} />
}

function PlanForm({ plan, onDone }: { plan: Plan | 'new'; onDone: () => void }) {
  const save = useSavePlan()
  const form = useSchemaForm<Values>(
    planInputSchema,
    plan === 'new'
      ? blank
      : {
          name: plan.name,
          tier: plan.tier ?? '',
          segment: plan.segment ?? '',
          windowHours: plan.windowHours,
          atRiskHours: plan.atRiskHours,
          firstContactHours: plan.firstContactHours,
          statusEveryHours: plan.statusEveryHours,
          investmentCap: plan.investmentCap,
          allowedKinds: plan.allowedKinds,
          approverRole: plan.approverRole,
        },
    { toInput },
  )

  return (
    <MutationFormModal
      title={plan === 'new' ? 'Add a recovery plan' : `Edit ${plan.name}`}
      size="lg"
      form={form}
      mutation={save}
      toInput={(v) => ({ id: plan === 'new' ? null : plan.id, input: toInput(v) })}
      onSaved={(saved) => notifySuccess(`${saved.name} applies to new OOPS! from now on.`, 'Plan saved')}
      errorTitle="The plan was not saved"
      onClose={onDone}
      submitLabel="Save plan"
    >
      <TextInput label="Name" placeholder="Tier A: the precious few" {...form.getInputProps('name')} />
      <Group grow align="flex-start">
        <NativeSelect
          label="Value tier"
          data={[
            { value: '', label: 'Any tier' },
            { value: 'A', label: 'Tier A' },
            { value: 'B', label: 'Tier B' },
            { value: 'C', label: 'Tier C' },
          ]}
          {...form.getInputProps('tier')}
        />
        <TextInput label="Segment" placeholder="Any segment" {...form.getInputProps('segment')} />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        <NumberInput label="Window (h)" min={1} max={720} {...form.getInputProps('windowHours')} />
        <NumberInput label="At risk (last h)" min={0} max={719} {...form.getInputProps('atRiskHours')} />
        <NumberInput
          label="First contact (h)"
          min={0.25}
          max={720}
          decimalScale={2}
          {...form.getInputProps('firstContactHours')}
        />
        <NumberInput
          label="Status every (h)"
          min={0.5}
          max={720}
          decimalScale={2}
          {...form.getInputProps('statusEveryHours')}
        />
        <NumberInput
          label="Surprise budget"
          min={0}
          max={1_000_000}
          decimalScale={2}
          thousandSeparator=","
          {...form.getInputProps('investmentCap')}
        />
        <NativeSelect
          label="Above the budget"
          data={ROLES.filter((r) => r !== 'marketing').map((r) => ({
            value: r,
            label: `${ROLE_LABELS[r]} approves`,
          }))}
          {...form.getInputProps('approverRole')}
        />
      </SimpleGrid>
      <Input.Wrapper
        label="Kinds of recovery allowed"
        labelElement="div"
        id="kinds"
        error={form.errors.allowedKinds}
        inputWrapperOrder={['label', 'input', 'error']}
      >
        <Chip.Group
          multiple
          value={form.values.allowedKinds}
          onChange={(k) => form.setFieldValue('allowedKinds', k as RecoveryKind[])}
        >
          <Group gap={6} mt={6} aria-labelledby="kinds-label" role="group">
            {RECOVERY_KINDS.map((k) => (
              <Chip key={k} value={k} color="grape" variant="light">
                {KIND_LABELS[k]}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Input.Wrapper>
    </MutationFormModal>
  )
}
