import {
  Alert,
  Badge,
  Button,
  Collapse,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Text,
  Textarea,
  type TextareaProps,
  TextInput,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import {
  IconArrowsExchange,
  IconCheck,
  IconChevronDown,
  IconChevronUp,
  IconGift,
  IconLock,
  IconPencil,
  IconQuote,
} from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { isRole, ROLE_LABELS, type Role } from '../../../domain/workspaces/roles.ts'
import { surpriseSchema } from '../../../schemas/recovery.schemas.ts'
import { ApiError } from '../../app/api.ts'
import { FormError } from '../../app/form-error.tsx'
import { formatDateTime } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { MutationFormModal } from '../../ui/mutation-form-modal.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { useRecordSurprise, useSuggestions } from './recovery-api.ts'
import type { Oops, RecoveryKind, SurpriseInput } from './recovery-types.ts'
import { KIND_LABELS, RECOVERY_KINDS } from './recovery-words.ts'
import type { Exclusion, Suggestion } from './suggestion-types.ts'

type Money = (n: number) => string

/** What the customer got, once recorded. */
export function SurpriseDone({ o, money }: { o: Oops; money: Money }) {
  const s = o.surprise
  if (!s) return null
  return (
    <Paper withBorder p="md" style={{ borderColor: 'var(--mantine-color-grape-filled)' }}>
      <Group gap="xs" mb={4}>
        <Badge color="grape" variant="filled" leftSection={<IconCheck size={12} />}>
          Surprise recorded
        </Badge>
        {o.surprisedAt && (
          <Text fz="xs" c="dimmed">
            {formatDateTime(o.surprisedAt)}
          </Text>
        )}
      </Group>
      <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
        {s.title}
      </Text>
      <Group gap="xs" mt={4}>
        {s.kind && (
          <Badge size="sm" variant="light" color="gray">
            {KIND_LABELS[s.kind as RecoveryKind] ?? s.kind}
          </Badge>
        )}
        {s.cost !== null && (
          <Text fz="sm" c="dimmed">
            {money(s.cost)}
          </Text>
        )}
        {s.approvedBy && (
          <Badge size="sm" variant="outline" color="orange">
            approved above the cap
          </Badge>
        )}
        {s.secretIds.length > 0 && (
          <Text fz="xs" c="dimmed">
            draws on {s.secretIds.length} {s.secretIds.length === 1 ? 'secret' : 'secrets'}
          </Text>
        )}
      </Group>
    </Paper>
  )
}

/**
 * "Surprise them with what they don't expect" (seed 001): the catalogue ranked for this customer,
 * each suggestion saying which secret it draws on; accept it, swap it for the next, or write your
 * own. Items over the plan's cap are shown with who must approve them.
 */
export function SurprisePicker({ o, money, canAct }: { o: Oops; money: Money; canAct: boolean }) {
  const { role } = useWorkspace()
  const suggestions = useSuggestions(o.id, !o.surprise && o.status !== 'closed')
  const [index, setIndex] = useState(0)
  const [showAll, { toggle: toggleAll }] = useDisclosure(false)
  const [custom, { open: openCustom, close: closeCustom }] = useDisclosure(false)
  const [confirm, setConfirm] = useState<Choice | null>(null)
  const fromApi = suggestions.data?.approverRole
  const approver: Role = isRole(fromApi) ? fromApi : (o.plan?.approverRole ?? 'leader')
  const mayApprove = role === approver || role === 'admin'

  const missing =
    suggestions.error instanceof ApiError &&
    suggestions.error.status === 404 &&
    suggestions.error.code !== 'oops_not_found'
  const list = suggestions.data?.suggestions ?? []
  const overCap = (suggestions.data?.excluded ?? []).filter(
    (x) => x.drawsOn.length > 0 && x.failed.every((f) => f.constraint === 'over_budget'),
  )
  const top = list[index % Math.max(1, list.length)]
  const late = suggestions.data?.late ?? null

  return (
    <Stack gap="sm">
      <Group gap="xs" justify="space-between">
        <Text fz="sm" c="dimmed">
          Budget for this customer: <b>{money(o.investmentCap)}</b>
          {o.plan ? ` (${o.plan.name})` : ''}
          {o.plan && o.plan.allowedKinds.length < RECOVERY_KINDS.length
            ? ` · ${o.plan.allowedKinds
                .map((k) => KIND_LABELS[k])
                .join(', ')
                .toLowerCase()}`
            : ''}
        </Text>
      </Group>

      {suggestions.isPending && suggestions.fetchStatus !== 'idle' ? (
        <Stack gap="xs" role="status" aria-busy="true" aria-label="Ranking surprises">
          <Skeleton h={110} radius="lg" />
        </Stack>
      ) : missing ? (
        <Alert color="gray" variant="light" p="sm">
          <Text fz="sm">
            Suggestions from the catalogue are not available here yet. Write a custom surprise below.
          </Text>
        </Alert>
      ) : suggestions.isError ? (
        <FormError error={suggestions.error} title="The suggestions did not load" />
      ) : late && list.length === 0 ? (
        <LateAdvice advice={late.advice} />
      ) : list.length === 0 ? (
        <Alert color="gray" variant="light" p="sm" title="Nothing in the catalogue fits">
          <Text fz="sm">
            No catalogue item draws on what we know of this customer within the budget and the time left.
            Write a custom surprise from their secrets — and record more secrets next time you talk.
          </Text>
        </Alert>
      ) : (
        top && (
          <>
            {late && <LateAdvice advice={late.advice} />}
            <SuggestionCard
              s={top}
              rank={(index % list.length) + 1}
              of={list.length}
              money={money}
              highlight
              actions={
                canAct && (
                  <Group gap="xs">
                    <Button
                      leftSection={<IconGift size={16} />}
                      color="grape"
                      onClick={() => setConfirm({ item: top.item, drawsOn: top.drawsOn })}
                    >
                      Choose this surprise
                    </Button>
                    {list.length > 1 && (
                      <Button
                        variant="default"
                        leftSection={<IconArrowsExchange size={16} />}
                        onClick={() => setIndex((i) => (i + 1) % list.length)}
                      >
                        Swap
                      </Button>
                    )}
                  </Group>
                )
              }
            />
            {list.length > 1 && (
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={toggleAll}
                rightSection={showAll ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
                w="fit-content"
              >
                {showAll ? 'Hide the ranking' : `All ${list.length} suggestions, ranked`}
              </Button>
            )}
            <Collapse expanded={showAll}>
              <Stack gap="xs">
                {list.map((s, i) =>
                  i === index % list.length ? null : (
                    <SuggestionCard
                      key={s.item.id}
                      s={s}
                      rank={i + 1}
                      of={list.length}
                      money={money}
                      actions={
                        canAct && (
                          <Button size="xs" variant="light" color="grape" onClick={() => setIndex(i)}>
                            Look at this one
                          </Button>
                        )
                      }
                    />
                  ),
                )}
              </Stack>
            </Collapse>
          </>
        )
      )}

      {overCap.length > 0 && (
        <Stack gap={6}>
          <Text fz="xs" fw={700} c="dimmed" tt="uppercase" lts={0.4}>
            Over the cap: needs a {ROLE_LABELS[approver].toLowerCase()}’s approval
          </Text>
          {overCap.slice(0, 3).map((x) => (
            <OverCapCard
              key={x.item.id}
              x={x}
              money={money}
              approverLabel={ROLE_LABELS[approver]}
              mayApprove={mayApprove && canAct}
              onApprove={() => setConfirm({ item: x.item, drawsOn: x.drawsOn })}
            />
          ))}
        </Stack>
      )}

      {canAct && (
        <Button variant="default" leftSection={<IconPencil size={16} />} onClick={openCustom} w="fit-content">
          Write a custom surprise
        </Button>
      )}

      <ConfirmSurprise o={o} money={money} choice={confirm} onClose={() => setConfirm(null)} />
      <CustomSurprise o={o} money={money} opened={custom} onClose={closeCustom} mayApprove={mayApprove} />
    </Stack>
  )
}

const FIT_WORDS: Record<Suggestion['fit'], string> = {
  strong: 'strong fit',
  fair: 'fair fit',
  weak: 'weak fit',
}

/** The clock has run out: what to do now, said plainly (the suggestions below it are late acts). */
function LateAdvice({ advice }: { advice: string }) {
  return (
    <Alert color="orange" variant="light" p="sm" title="The 24 hours are over: a late recovery">
      <Text fz="sm">{advice}</Text>
    </Alert>
  )
}

function SecretQuotes({ drawsOn }: { drawsOn: Suggestion['drawsOn'] }) {
  if (drawsOn.length === 0) return null
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Secrets it draws on">
      {drawsOn.slice(0, 3).map((d) => (
        <li key={d.secretId}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconQuote size={14} style={{ flexShrink: 0, marginTop: 3, opacity: 0.6 }} aria-hidden />
            <Text fz="sm" style={{ overflowWrap: 'anywhere' }}>
              <Text span fw={600} fz="sm">
                “{d.text}”
              </Text>
              <Text span c="dimmed" fz="xs">
                {' '}
                {d.personName ? `${d.personName} · ` : ''}
                {d.certainty.replace('_', '-')}
                {d.because.length > 0 ? ` · ${d.because.join(', ')}` : ''}
              </Text>
            </Text>
          </Group>
        </li>
      ))}
    </Stack>
  )
}

function SuggestionCard({
  s,
  rank,
  of,
  money,
  highlight = false,
  actions,
}: {
  s: Suggestion
  rank: number
  of: number
  money: Money
  highlight?: boolean
  actions?: ReactNode
}) {
  return (
    <Paper
      withBorder
      p="md"
      data-testid="surprise-suggestion"
      style={highlight ? { borderColor: 'var(--mantine-color-grape-4)', borderWidth: 2 } : undefined}
    >
      <Stack gap={8}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Group gap={6}>
              <Text fz="xs" c="dimmed" fw={600}>
                #{rank} of {of} · {Math.round(s.score * 100)} % fit · {FIT_WORDS[s.fit]}
              </Text>
              {s.late && (
                <Badge size="xs" color="orange" variant="light">
                  Late: after the 24 h
                </Badge>
              )}
            </Group>
            <Text fw={700} fz={highlight ? 'lg' : 'md'} style={{ overflowWrap: 'anywhere' }}>
              {s.item.title}
            </Text>
          </div>
          <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
            <Text fw={700}>{money(s.item.cost)}</Text>
            <Text fz="xs" c="dimmed">
              {s.item.leadTimeHours} h to arrange
            </Text>
          </Stack>
        </Group>
        {highlight && s.item.description && (
          <Text fz="sm" c="dimmed" lineClamp={3}>
            {s.item.description}
          </Text>
        )}
        <Text fz="xs" fw={700} c="grape.7" tt="uppercase" lts={0.4}>
          Why: what we know
        </Text>
        <SecretQuotes drawsOn={s.drawsOn} />
        {s.fitNote && (
          <Text fz="xs" c={s.fit === 'weak' ? 'orange.8' : 'dimmed'}>
            {s.fitNote}
          </Text>
        )}
        {actions}
      </Stack>
    </Paper>
  )
}

function OverCapCard({
  x,
  money,
  approverLabel,
  mayApprove,
  onApprove,
}: {
  x: Exclusion
  money: Money
  approverLabel: string
  mayApprove: boolean
  onApprove: () => void
}) {
  return (
    <Paper withBorder p="sm" style={{ borderStyle: 'dashed' }}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Text fw={600} fz="sm" style={{ overflowWrap: 'anywhere' }}>
            {x.item.title}
          </Text>
          <Text fw={700} fz="sm" style={{ flexShrink: 0 }}>
            {money(x.item.cost)}
          </Text>
        </Group>
        <Text fz="xs" c="dimmed">
          {x.failed.map((f) => f.message).join(' ')}
        </Text>
        <SecretQuotes drawsOn={x.drawsOn.slice(0, 1)} />
        <Group justify="flex-end">
          {mayApprove ? (
            <Button size="xs" color="orange" variant="light" onClick={onApprove}>
              Approve and choose
            </Button>
          ) : (
            <Badge size="sm" color="orange" variant="light" leftSection={<IconLock size={11} />}>
              {approverLabel} approves
            </Badge>
          )}
        </Group>
      </Stack>
    </Paper>
  )
}

type Choice = { item: Suggestion['item']; drawsOn: Suggestion['drawsOn'] }

/** '' (or only spaces) → left out: the note is optional. */
const noteOf = (note: string) => (note.trim() ? { note: note.trim() } : {})

function NoteField(props: TextareaProps) {
  return <Textarea label="Note (optional)" autosize minRows={2} {...props} />
}

/** "Choose this surprise": what it costs against the cap, the secrets it draws on, a note. */
function ConfirmSurprise({
  o,
  money,
  choice,
  onClose,
}: {
  o: Oops
  money: Money
  choice: Choice | null
  onClose: () => void
}) {
  // mounted only while a choice is open: each starts without a note
  return choice ? <ConfirmSurpriseForm o={o} money={money} choice={choice} onClose={onClose} /> : null
}

function ConfirmSurpriseForm({
  o,
  money,
  choice,
  onClose,
}: {
  o: Oops
  money: Money
  choice: Choice
  onClose: () => void
}) {
  const record = useRecordSurprise(o.id)
  const toInput = (v: { note: string }): SurpriseInput => ({
    itemId: choice.item.id,
    secretIds: choice.drawsOn.map((d) => d.secretId),
    ...noteOf(v.note),
  })
  const form = useSchemaForm(surpriseSchema, { note: '' }, { toInput })
  return (
    <MutationFormModal
      title="Record the surprise"
      form={form}
      mutation={record}
      toInput={toInput}
      onSaved={() => notifySuccess(`${choice.item.title} is on its way.`, 'Surprise recorded')}
      errorTitle="The surprise was not recorded"
      onClose={onClose}
      submitLabel="Record the surprise"
      submitColor="grape"
      submitIcon={<IconGift size={16} />}
    >
      <div>
        <Text fw={700}>{choice.item.title}</Text>
        <Text fz="sm" c="dimmed">
          {money(choice.item.cost)}
          {choice.item.cost > o.investmentCap
            ? ` — over the cap of ${money(o.investmentCap)}: you approve it by recording it.`
            : ''}
        </Text>
      </div>
      <SecretQuotes drawsOn={choice.drawsOn} />
      <NoteField placeholder="Hand-delivered with a card from the team" {...form.getInputProps('note')} />
    </MutationFormModal>
  )
}

type CustomValues = { custom: { title: string; cost: number | string; kind: RecoveryKind }; note: string }

/** A surprise of their own making, within the plan's kinds; over the cap only with approval. */
function CustomSurprise({
  opened,
  ...props
}: {
  o: Oops
  money: Money
  opened: boolean
  onClose: () => void
  mayApprove: boolean
}) {
  return opened ? <CustomSurpriseForm {...props} /> : null
}

function CustomSurpriseForm({
  o,
  money,
  onClose,
  mayApprove,
}: {
  o: Oops
  money: Money
  onClose: () => void
  mayApprove: boolean
}) {
  const record = useRecordSurprise(o.id)
  const kinds = (o.plan?.allowedKinds ?? [...RECOVERY_KINDS]) as RecoveryKind[]
  // the cost input holds '' until a number is typed: surpriseSchema then asks for one
  const toInput = (v: CustomValues): SurpriseInput => ({
    custom: {
      title: v.custom.title.trim(),
      cost: typeof v.custom.cost === 'number' ? v.custom.cost : Number.NaN,
      kind: v.custom.kind,
    },
    ...noteOf(v.note),
  })
  const form = useSchemaForm<CustomValues>(
    surpriseSchema,
    { custom: { title: '', cost: '', kind: kinds[0] ?? 'gift' }, note: '' },
    { toInput },
  )
  const cost = form.values.custom.cost
  const over = typeof cost === 'number' && cost > o.investmentCap
  const approver = ROLE_LABELS[o.plan?.approverRole ?? 'leader'].toLowerCase()

  return (
    <MutationFormModal
      title="A custom surprise"
      form={form}
      mutation={record}
      toInput={toInput}
      onSaved={(_, v) => notifySuccess(`${v.custom.title.trim()} is recorded.`, 'Surprise recorded')}
      errorTitle="The surprise was not recorded"
      onClose={onClose}
      submitLabel="Record the surprise"
      submitColor="grape"
    >
      <Text fz="sm" c="dimmed">
        Personal, relevant, compelling — drawn from what you know of them. Never a one-size trinket.
      </Text>
      <TextInput
        label="What you will do for them"
        placeholder="Two tickets to Saturday’s match for him and his daughter"
        {...form.getInputProps('custom.title')}
      />
      <Group grow align="flex-start">
        <NumberInput label="Cost" min={0} decimalScale={2} {...form.getInputProps('custom.cost')} />
        <NativeSelect
          label="Kind"
          data={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          {...form.getInputProps('custom.kind')}
        />
      </Group>
      {over && (
        <Alert color="orange" variant="light" p="xs" icon={<IconLock size={16} />}>
          <Text fz="sm">
            Over this customer’s cap of {money(o.investmentCap)}.{' '}
            {mayApprove
              ? 'You may approve it: recording it is your approval.'
              : `A ${approver} (or an admin) must approve it: ask them to record it, or choose within the cap.`}
          </Text>
        </Alert>
      )}
      <NoteField {...form.getInputProps('note')} />
    </MutationFormModal>
  )
}
