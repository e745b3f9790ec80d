import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  type SimpleGridProps,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconClipboardCheck, IconPencil, IconPlus } from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { SOURCE_MIN_SECRET_WEIGHT } from '../../../domain/accountability/bonus-plan.ts'
import {
  DEFAULT_EFFECTIVENESS_WEIGHTS,
  EFFECTIVENESS_WEIGHT_HELP,
} from '../../../domain/accountability/effectiveness.ts'
import { CERTAINTY_LABELS } from '../../../domain/secrets/taxonomy.ts'
import {
  accountabilitySettingsPatchSchema,
  behaviourInputSchema,
} from '../../../schemas/accountability.schemas.ts'
import { FormError } from '../../app/form-error.tsx'
import { formatNumber } from '../../app/format.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { AdminOnly, PageState } from '../../app/status-pages.tsx'
import { CardHeader } from '../../ui/card-header.tsx'
import { FormButtons, FormModal } from '../../ui/form-modal.tsx'
import { orNull, useSchemaForm } from '../../ui/use-schema-form.ts'
import {
  type AccountabilitySettings,
  type Behaviour,
  useAccountabilitySettings,
  useAddBehaviour,
  useBehaviours,
  useChangeBehaviour,
  useChangeSettings,
  useReorderBehaviours,
} from './accountability-api.ts'
import { useCan } from './accountability-words.tsx'

/**
 * `/w/:slug/settings/report-card` (admins): the behaviours customers rate on the report card, and how
 * secret-gathering effectiveness and bonuses are measured.
 */
export function ReportCardSettingsPage() {
  const mayEdit = useCan('accountability.settings')
  if (!mayEdit) return <AdminOnly what="the report card’s settings" />
  return (
    <>
      <PageHeader
        title="Report card & bonus"
        icon={<IconClipboardCheck size={26} stroke={1.6} />}
        description="The behaviours of a secret agent that customers rate, and how secret gathering is measured and weighed in bonuses."
      />
      <Stack gap="lg">
        <BehavioursCard />
        <SettingsCard />
      </Stack>
    </>
  )
}

function BehavioursCard() {
  const behaviours = useBehaviours()
  const change = useChangeBehaviour()
  const reorder = useReorderBehaviours()
  const [editing, setEditing] = useState<Behaviour | 'new' | null>(null)

  return (
    <Card>
      <CardHeader
        title="Behaviours"
        description="What the customer rates, in the customer’s words, from “Never” to “Every time”. A retired behaviour leaves new cards; the answers it had stay."
        aside={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Add a behaviour
          </Button>
        }
      />
      <PageState query={behaviours} loading={<Skeleton h={240} />}>
        {(list) => {
          const active = [...list].filter((b) => !b.retiredAt).sort((a, b) => a.position - b.position)
          const retired = list.filter((b) => b.retiredAt)
          const move = (i: number, by: -1 | 1) => {
            const ids = active.map((b) => b.id)
            const [id] = ids.splice(i, 1)
            ids.splice(i + by, 0, id!)
            reorder.mutate(ids, { onError: (e) => notifyError(e, 'The order was not saved') })
          }
          const retire = (b: Behaviour, retired: boolean) =>
            change.mutate(
              { id: b.id, patch: { retired } },
              {
                onSuccess: () =>
                  notifySuccess(
                    retired ? 'New cards no longer ask it.' : 'New cards ask it again.',
                    retired ? 'Retired' : 'Brought back',
                  ),
                onError: (e) => notifyError(e),
              },
            )
          return (
            <Stack gap="xs">
              {active.map((b, i) => (
                <Paper key={b.id} withBorder p="sm" data-testid="behaviour">
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                    <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
                      <Text fw={700} fz="sm" w={20} ta="right">
                        {i + 1}.
                      </Text>
                      <div style={{ minWidth: 0 }}>
                        <Text fz="sm" fw={600}>
                          {b.label}
                        </Text>
                        {b.hint && <Text fz="xs">{b.hint}</Text>}
                      </div>
                    </Group>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Move “${b.label}” up`}
                        disabled={i === 0 || reorder.isPending}
                        onClick={() => move(i, -1)}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Move “${b.label}” down`}
                        disabled={i === active.length - 1 || reorder.isPending}
                        onClick={() => move(i, 1)}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Edit “${b.label}”`}
                        onClick={() => setEditing(b)}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => retire(b, true)}
                        aria-label={`Retire “${b.label}”`}
                      >
                        Retire
                      </Button>
                    </Group>
                  </Group>
                </Paper>
              ))}
              {active.length === 0 && <Text fz="sm">No behaviour is asked: add one, or bring one back.</Text>}
              {retired.length > 0 && (
                <>
                  <Title order={3} fz="sm" mt="sm">
                    Retired
                  </Title>
                  {retired.map((b) => (
                    <Paper key={b.id} withBorder p="sm" bg="var(--mantine-color-default-hover)">
                      <Group justify="space-between" wrap="nowrap" gap="sm">
                        <Text fz="sm">{b.label}</Text>
                        <Button
                          size="compact-sm"
                          variant="light"
                          onClick={() => retire(b, false)}
                          aria-label={`Bring back “${b.label}”`}
                        >
                          Bring back
                        </Button>
                      </Group>
                    </Paper>
                  ))}
                </>
              )}
            </Stack>
          )
        }}
      </PageState>
      {editing !== null && <BehaviourForm behaviour={editing} onDone={() => setEditing(null)} />}
    </Card>
  )
}

type BehaviourValues = { label: string; hint: string }
const toBehaviour = (v: BehaviourValues) => ({ label: v.label.trim(), hint: orNull(v.hint) })

function BehaviourForm({ behaviour, onDone }: { behaviour: Behaviour | 'new'; onDone: () => void }) {
  const add = useAddBehaviour()
  const change = useChangeBehaviour()
  const form = useSchemaForm<BehaviourValues>(
    behaviourInputSchema,
    behaviour === 'new' ? { label: '', hint: '' } : { label: behaviour.label, hint: behaviour.hint ?? '' },
    { toInput: toBehaviour },
  )
  const pending = add.isPending || change.isPending
  return (
    <FormModal
      opened
      title={behaviour === 'new' ? 'Add a behaviour' : 'Edit the behaviour'}
      onClose={onDone}
      onSubmit={form.onSubmit((v) => {
        const done = { onSuccess: () => onDone() }
        if (behaviour === 'new') add.mutate(toBehaviour(v), done)
        else change.mutate({ id: behaviour.id, patch: toBehaviour(v) }, done)
      })}
      submitLabel={behaviour === 'new' ? 'Add behaviour' : 'Save'}
      pending={pending}
      error={add.error ?? change.error}
    >
      <TextInput
        label="What the customer rates"
        description="As the customer would say it: “Remembers my family by name”."
        {...form.getInputProps('label')}
      />
      <Textarea
        label="Hint (optional)"
        description="What it looks like, shown under it on the card."
        autosize
        minRows={2}
        {...form.getInputProps('hint')}
      />
    </FormModal>
  )
}

type Weights = AccountabilitySettings['weights']
const SIMPLE_WEIGHTS = [
  'secret',
  'need',
  'coverage',
  'usedBySurprise',
  'usedByRead',
  'usedBySearch',
  'confirmedStale',
  'reportCard',
] as const satisfies readonly (keyof Weights)[]

const WEIGHT_LABELS: Record<keyof Weights, string> = {
  secret: 'A secret',
  need: 'A need',
  tier: 'By value tier',
  certainty: 'By how sure',
  coverage: 'Coverage gained',
  usedBySurprise: 'Cited by a surprise',
  usedByRead: 'Read by a colleague',
  usedBySearch: 'Found by a search',
  confirmedStale: 'Stale secret confirmed',
  reportCard: 'Report-card score',
}

function SettingsCard() {
  const settings = useAccountabilitySettings()
  return (
    <Card>
      <CardHeader
        title="Measuring secret gathering"
        description="How effectiveness points are earned, how many answers a report card needs before it shows a score, and the least a bonus puts on secret gathering."
      />
      <PageState query={settings} loading={<Skeleton h={320} />}>
        {(s) => <SettingsForm settings={s} />}
      </PageState>
    </Card>
  )
}

function SettingsForm({ settings }: { settings: AccountabilitySettings }) {
  const save = useChangeSettings()
  const form = useSchemaForm<AccountabilitySettings>(accountabilitySettingsPatchSchema, settings)
  const w = (path: string, label: string, help: string | undefined, fallback: number) => (
    <NumberInput
      key={path}
      label={label}
      description={`${help ? `${help}. ` : ''}Default ${formatNumber(fallback)}.`}
      min={0}
      max={1000}
      decimalScale={2}
      {...form.getInputProps(path)}
    />
  )
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        save.mutate(v, {
          onSuccess: () => notifySuccess('New statements use these settings.', 'Settings saved'),
        }),
      )}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NumberInput
            label="Least weight on secret gathering (%)"
            description={`A bonus plan with less is refused. The source says ${SOURCE_MIN_SECRET_WEIGHT} %; it can only be raised.`}
            min={settings.minSecretWeight}
            max={100}
            allowDecimal={false}
            {...form.getInputProps('minSecretWeight')}
          />
          <NumberInput
            label="Answers before a report card shows a score"
            description="One angry — or one kind — customer is not a measure."
            min={1}
            max={100}
            allowDecimal={false}
            {...form.getInputProps('minAnswers')}
          />
        </SimpleGrid>
        <Title order={3} fz="md">
          Effectiveness points
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {SIMPLE_WEIGHTS.map((k) =>
            w(
              `weights.${k}`,
              WEIGHT_LABELS[k],
              EFFECTIVENESS_WEIGHT_HELP[k],
              DEFAULT_EFFECTIVENESS_WEIGHTS[k],
            ),
          )}
        </SimpleGrid>
        <WeightGroup kind="tier" cols={{ base: 2, sm: 4 }}>
          {(['A', 'B', 'C', 'none'] as const).map((t) =>
            w(
              `weights.tier.${t}`,
              t === 'none' ? 'No tier' : `Tier ${t}`,
              undefined,
              DEFAULT_EFFECTIVENESS_WEIGHTS.tier[t],
            ),
          )}
        </WeightGroup>
        <WeightGroup kind="certainty" cols={{ base: 1, xs: 3 }}>
          {(['heard', 'inferred', 'second_hand'] as const).map((c) =>
            w(
              `weights.certainty.${c}`,
              CERTAINTY_LABELS[c],
              undefined,
              DEFAULT_EFFECTIVENESS_WEIGHTS.certainty[c],
            ),
          )}
        </WeightGroup>
        <FormError error={save.error} title="The settings were not saved" />
        <FormButtons submitLabel="Save settings" pending={save.isPending} />
      </Stack>
    </form>
  )
}

/** A weight that is paid by kind (tier, certainty): its name, what it means, one input per kind. */
function WeightGroup({
  kind,
  cols,
  children,
}: {
  kind: 'tier' | 'certainty'
  cols: SimpleGridProps['cols']
  children: ReactNode
}) {
  return (
    <Paper withBorder p="sm">
      <Text fw={600} fz="sm">
        {WEIGHT_LABELS[kind]}
      </Text>
      <Text fz="xs" mb="xs">
        {EFFECTIVENESS_WEIGHT_HELP[kind]}
      </Text>
      <SimpleGrid cols={cols} spacing="sm">
        {children}
      </SimpleGrid>
    </Paper>
  )
}
