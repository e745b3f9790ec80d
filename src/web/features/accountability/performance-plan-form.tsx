import { NativeSelect, NumberInput, SimpleGrid, Text } from '@mantine/core'
import { periodLabel } from '../../../domain/accountability/bonus-plan.ts'
import {
  EXPECTATION_KEYS,
  EXPECTATION_LABELS,
  type ExpectationKey,
  MAX_FIX_HOURS,
  type PlanPeriodKind,
} from '../../../domain/accountability/performance-plan.ts'
import {
  performancePlanInputSchema,
  performancePlanPatchSchema,
} from '../../../schemas/performance-plans.schemas.ts'
import { notifySuccess } from '../../app/notify.ts'
import { MutationFormModal } from '../../ui/mutation-form-modal.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import {
  type PerformancePlan,
  type PerformancePlanInput,
  type PerformancePlanPatch,
  useChangePlan,
  useSetPlan,
} from './performance-plans-api.ts'

type Num = number | string
type Values = { leaderUserId: string; period: string } & Record<ExpectationKey, Num>

const HINTS: Record<ExpectationKey, { suffix: string; description: string; max: number; step?: number }> = {
  dazzlingShareMin: {
    suffix: ' %',
    description: 'At least this share of decided recoveries dazzle',
    max: 100,
  },
  medianFixHoursMax: {
    suffix: ' h',
    description: 'Half the fixes done within this many hours',
    max: MAX_FIX_HOURS,
  },
  wowRateMin: {
    suffix: ' %',
    description: 'At least this share of answers say “you blew me away”',
    max: 100,
  },
  storiesMin: {
    suffix: '',
    description: 'Recovery stories the team tells in the period',
    max: 10_000,
    step: 1,
  },
  tierACoverageMin: {
    suffix: ' %',
    description: 'The team’s tier A customers with a secret known',
    max: 100,
  },
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The periods a plan may be set for: this month and the next two, this quarter and the next. */
export const periodChoices = (now = new Date()) => {
  const y = now.getUTCFullYear()
  const m = now.getUTCMonth()
  const at = (kind: PlanPeriodKind, index: number) => {
    const start = `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`
    return { value: `${kind}:${start}`, label: `${periodLabel(kind, start)} (${kind})` }
  }
  const q = y * 12 + m - (m % 3)
  return [
    at('month', y * 12 + m),
    at('month', y * 12 + m + 1),
    at('month', y * 12 + m + 2),
    at('quarter', q),
    at('quarter', q + 3),
  ]
}

const num = (v: Num): number | null => (v === '' || v === null || v === undefined ? null : Number(v))

const expectationsOf = (v: Values) =>
  Object.fromEntries(EXPECTATION_KEYS.map((k) => [k, num(v[k])])) as Record<ExpectationKey, number | null>

const toSetInput = (v: Values): PerformancePlanInput => {
  const [kind, start] = v.period.split(':') as [PlanPeriodKind, string]
  return { leaderUserId: v.leaderUserId, periodKind: kind, periodStart: start, ...expectationsOf(v) }
}

/**
 * Set a leader's plan (`leaders` given: the people the reader may set one for) or change an open
 * one's expectations (`plan` given). The shared schema checks the ranges in the browser with the
 * API's words; a field left empty is an expectation the plan does not carry.
 */
export function PerformancePlanModal({
  plan,
  leaders,
  onClose,
}: {
  plan?: PerformancePlan
  leaders?: { userId: string; name: string }[]
  onClose: () => void
}) {
  const set = useSetPlan()
  const change = useChangePlan(plan?.id ?? '')
  const choices = periodChoices()
  const initial: Values = {
    leaderUserId: plan?.leader.userId ?? leaders?.[0]?.userId ?? '',
    period: plan ? `${plan.period.kind}:${plan.period.start}` : choices[0]!.value,
    ...(Object.fromEntries(EXPECTATION_KEYS.map((k) => [k, plan?.expectations[k] ?? ''])) as Record<
      ExpectationKey,
      Num
    >),
  }
  const form = useSchemaForm<Values>(
    plan ? performancePlanPatchSchema : performancePlanInputSchema,
    initial,
    {
      toInput: plan ? expectationsOf : toSetInput,
    },
  )
  const fields = (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
      {EXPECTATION_KEYS.map((k) => (
        <NumberInput
          key={k}
          label={EXPECTATION_LABELS[k]}
          description={HINTS[k].description}
          suffix={HINTS[k].suffix}
          min={0}
          max={HINTS[k].max}
          step={HINTS[k].step ?? 1}
          allowDecimal={k !== 'storiesMin'}
          // the schema says what is wrong with 120 %, rather than the field quietly making it 100
          clampBehavior="none"
          placeholder="not expected"
          {...form.getInputProps(k)}
        />
      ))}
    </SimpleGrid>
  )
  if (plan) {
    return (
      <MutationFormModal<Values, PerformancePlanPatch, PerformancePlan>
        title={`${plan.leader.name}’s plan for ${plan.period.label}`}
        form={form}
        mutation={change}
        toInput={expectationsOf}
        onSaved={() => notifySuccess('The change is in the plan’s history.', 'Plan changed')}
        errorTitle="The plan was not changed"
        onClose={onClose}
        submitLabel="Save the expectations"
      >
        {fields}
      </MutationFormModal>
    )
  }
  return (
    <MutationFormModal<Values, PerformancePlanInput, PerformancePlan>
      title="Set a performance plan"
      form={form}
      mutation={set}
      toInput={toSetInput}
      onSaved={(p) =>
        notifySuccess(`${p.leader.name} sees it on their page.`, `Plan for ${p.period.label} set`)
      }
      errorTitle="The plan was not set"
      onClose={onClose}
      submitLabel="Set the plan"
    >
      <Text fz="sm" c="dimmed">
        What the leader’s team should reach, measured from the record as the period runs and frozen when it
        closes. Leave a field empty to leave it out.
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <NativeSelect
          label="Leader"
          data={(leaders ?? []).map((l) => ({ value: l.userId, label: l.name }))}
          {...form.getInputProps('leaderUserId')}
        />
        <NativeSelect label="Period" data={choices} {...form.getInputProps('period')} />
      </SimpleGrid>
      {fields}
    </MutationFormModal>
  )
}
