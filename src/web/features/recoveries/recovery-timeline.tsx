import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Timeline,
  UnstyledButton,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import {
  IconAlertTriangle,
  IconBell,
  IconGift,
  IconMessage,
  IconNote,
  IconPhone,
  IconSend,
  IconTool,
} from '@tabler/icons-react'
import { type ReactNode, useEffect, useRef } from 'react'
import { draftFactsOf, draftMessage } from '../../../domain/recovery/contact-drafts.ts'
import { contactSchema } from '../../../schemas/recovery.schemas.ts'
import { FormError } from '../../app/form-error.tsx'
import { formatDateTime, fromNow } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { Form } from '../../ui/form.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { useRecordStep, useTone } from './recovery-api.ts'
import { useNow } from './recovery-clock.tsx'
import type { ContactInput, ContactKind, Oops, Step } from './recovery-types.ts'
import { CHANNEL_LABELS, CHANNELS, feedbackDeliveryWords, STEP_LABELS } from './recovery-words.ts'

type ComposerKind = ContactKind | 'note'
type Channel = (typeof CHANNELS)[number]

const STEP_ICONS: Record<Step['kind'], ReactNode> = {
  first_contact: <IconPhone size={14} />,
  status_report: <IconMessage size={14} />,
  follow_up: <IconMessage size={14} />,
  final_resolution: <IconSend size={14} />,
  fix: <IconTool size={14} />,
  surprise: <IconGift size={14} />,
  note: <IconNote size={14} />,
}
const STEP_COLORS: Partial<Record<Step['kind'], string>> = {
  fix: 'teal',
  surprise: 'grape',
  final_resolution: 'violet',
  note: 'gray',
}

/** "in 1 h 20 min", "40 min ago": what is due, in words, moving with the clock. */
const dueWords = (dueAt: string, now: number): string => {
  const ms = Date.parse(dueAt) - now
  const abs = Math.abs(ms)
  const h = Math.floor(abs / 3_600_000)
  const m = Math.floor((abs % 3_600_000) / 60_000)
  const span = h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min` : 'less than a minute'
  return ms >= 0 ? `due in ${span}` : `overdue by ${span}`
}

/** What the owner owes the customer next; overdue in red. `onLog` opens the composer on it. */
export function DueList({ o, onLog }: { o: Oops; onLog?: ((k: ContactKind) => void) | undefined }) {
  const now = useNow()
  if (o.due.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        Nothing is due right now.
      </Text>
    )
  }
  return (
    <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Due next">
      {o.due.map((d) => {
        const overdue = Date.parse(d.dueAt) < now
        return (
          <li key={d.kind}>
            <Paper
              withBorder
              p="xs"
              px="sm"
              data-overdue={overdue || undefined}
              style={
                overdue
                  ? {
                      borderColor: 'var(--mantine-color-red-filled)',
                      background: 'var(--mantine-color-red-light)',
                    }
                  : undefined
              }
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                  <ThemeIcon size={26} radius="xl" variant="light" color={overdue ? 'red' : 'violet'}>
                    <IconBell size={14} />
                  </ThemeIcon>
                  <div style={{ minWidth: 0 }}>
                    <Text fz="sm" fw={600}>
                      {STEP_LABELS[d.kind]}
                    </Text>
                    <Text
                      fz="xs"
                      c={overdue ? 'red.9' : 'dimmed'}
                      fw={overdue ? 600 : 400}
                      title={formatDateTime(d.dueAt)}
                    >
                      {dueWords(d.dueAt, now)}
                    </Text>
                  </div>
                </Group>
                {onLog && (
                  <Button
                    size="xs"
                    variant={overdue ? 'filled' : 'light'}
                    color={overdue ? 'red' : undefined}
                    onClick={() => onLog(d.kind)}
                  >
                    Log it
                  </Button>
                )}
              </Group>
            </Paper>
          </li>
        )
      })}
    </Stack>
  )
}

/** The hyper-communication timeline: every contact, the fix and the surprise, newest last. */
export function StepsTimeline({ o }: { o: Oops }) {
  if (o.steps.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        Nothing logged yet. Contact the customer first: take responsibility, show you care, then say what you
        will do.
      </Text>
    )
  }
  const steps = [...o.steps].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  return (
    <Timeline bulletSize={26} lineWidth={2} active={steps.length - 1} aria-label="Timeline">
      {steps.map((s) => (
        <Timeline.Item
          key={s.id}
          bullet={STEP_ICONS[s.kind]}
          color={STEP_COLORS[s.kind] ?? 'violet'}
          title={
            <Group gap={6} wrap="wrap">
              <Text fw={600} fz="sm">
                {STEP_LABELS[s.kind]}
              </Text>
              {s.channel && (
                <Badge size="xs" variant="light" color="gray">
                  {CHANNEL_LABELS[s.channel as Channel] ?? s.channel}
                </Badge>
              )}
              {s.emailedTo && (
                <Badge size="xs" variant="light" color="blue">
                  emailed to {s.emailedTo}
                </Badge>
              )}
            </Group>
          }
        >
          {s.message && (
            <Text fz="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={12}>
              {s.message}
            </Text>
          )}
          <Text fz="xs" c="dimmed" mt={4} title={formatDateTime(s.at)}>
            {s.byName ? `${s.byName} · ` : ''}
            {fromNow(s.at)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  )
}

/** The draft of a contact for this OOPS!, filled from what it records and speaking for its owner. */
export const draftFor = (kind: ContactKind, o: Oops, writer: string, company: string) =>
  draftMessage(
    kind,
    draftFactsOf(
      {
        customerName: o.customer.name,
        customerKind: o.customerKind,
        personName: o.personName,
        description: o.description,
        fixedAt: o.fixedAt,
        fixNote: o.fixNote,
        ownerName: o.owner?.name ?? null,
        steps: o.steps,
        handoffs: o.handoffs,
      },
      { name: writer, company },
    ),
  )

/** The kinds the composer offers now, the way the API accepts them. */
const kindsFor = (o: Oops): ComposerKind[] => {
  if (o.status === 'closed') return ['follow_up', 'note']
  const firstDone = o.steps.some((s) => s.kind === 'first_contact')
  const kinds: ComposerKind[] = firstDone
    ? ['status_report', 'follow_up']
    : ['first_contact', 'status_report', 'follow_up']
  if (o.fixedAt) kinds.push('final_resolution')
  kinds.push('note')
  return kinds
}

export const defaultKind = (o: Oops): ComposerKind => {
  const kinds = kindsFor(o)
  const due = o.due.find((d) => kinds.includes(d.kind))
  return due?.kind ?? kinds[0]!
}

type ComposerValues = {
  channel: Channel
  message: string
  subject: string
  sendEmail: boolean
  /** only when the affected person has no address */
  emailTo: string
  npsBefore: number | null
}

/**
 * Writes to the customer: each contact step prefilled with its draft (what the case records, in
 * the owner's name), tone warnings as you type (policy quoting, blaming the customer), sent by
 * email if asked, the likelihood to recommend at the first contact; contactSchema checks it before
 * it goes. The final resolution closes the OOPS! and hands back the feedback link.
 */
export function Composer({
  o,
  kind,
  onKind,
  onClosed,
}: {
  o: Oops
  kind: ComposerKind
  onKind: (k: ComposerKind) => void
  onClosed: (feedbackLink: string) => void
}) {
  const { me, workspace } = useWorkspace()
  const record = useRecordStep(o.id)
  const kinds = kindsFor(o)
  const writer = me.user.name || me.user.email
  const draft = kind === 'note' ? null : draftFor(kind, o, writer, workspace.name)
  const filled = draft?.body ?? ''
  const subjectFilled = draft?.subject ?? 'A note from us'

  const toInput = (v: ComposerValues): ContactInput => ({
    kind,
    channel: v.sendEmail ? 'email' : v.channel,
    message: v.message.trim(),
    ...(v.sendEmail ? { sendEmail: true, subject: v.subject.trim() || subjectFilled } : {}),
    ...(v.sendEmail && !o.personEmail && v.emailTo.trim() ? { emailTo: v.emailTo.trim() } : {}),
    ...(kind === 'first_contact' && v.npsBefore !== null ? { npsBefore: v.npsBefore } : {}),
  })
  const form = useSchemaForm<ComposerValues>(
    contactSchema,
    {
      channel: 'phone',
      message: filled,
      subject: subjectFilled,
      sendEmail: false,
      emailTo: '',
      npsBefore: null,
    },
    { toInput },
  )
  const v = form.values
  const lastFilled = useRef(filled)

  // a new kind (or the case moving on) brings its draft, unless the owner has written something of their own
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new draft drives this
  useEffect(() => {
    const m = form.getValues().message
    if (m.trim() === '' || m === lastFilled.current) form.setFieldValue('message', filled)
    form.setFieldValue('subject', subjectFilled)
    lastFilled.current = filled
  }, [filled, subjectFilled])

  const [debounced] = useDebouncedValue(v.message, 400)
  const tone = useTone(kind === 'note' ? '' : debounced)
  const warnings = tone.data?.warnings ?? []
  const unfilled = /\[[^\]]{3,}\]/.test(v.message)

  const submit = form.onSubmit((values) =>
    record.mutate(toInput(values), {
      onSuccess: (after) => {
        const asked = after.feedbackLink ? feedbackDeliveryWords(after) : null
        notifySuccess(
          [
            values.sendEmail
              ? `Sent to ${o.personEmail ?? values.emailTo} and logged.`
              : 'Logged on the timeline.',
            // what really happened to "did we blow you away?": emailed, or a link to hand over
            asked && `“Did we blow you away?”: ${asked.title}.`,
          ]
            .filter(Boolean)
            .join(' '),
          STEP_LABELS[kind],
        )
        if (after.feedbackLink) onClosed(after.feedbackLink)
        // the next step starts from its own draft
        const next = defaultKind(after)
        const nextFilled = next === 'note' ? '' : draftFor(next, after, writer, workspace.name).body
        lastFilled.current = nextFilled
        form.setValues({ sendEmail: false, npsBefore: null, message: nextFilled })
        onKind(next)
      },
    }),
  )

  return (
    <Form onSubmit={submit} aria-label="Log a contact">
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" grow preventGrowOverflow={false} wrap="wrap">
          <NativeSelect
            label="Step"
            value={kind}
            onChange={(e) => onKind(e.currentTarget.value as ComposerKind)}
            data={kinds.map((k) => ({ value: k, label: STEP_LABELS[k] }))}
            miw={150}
          />
          <NativeSelect
            label="Channel"
            data={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
            miw={130}
            {...form.getInputProps('channel')}
            value={v.sendEmail ? 'email' : v.channel}
            disabled={v.sendEmail}
          />
        </Group>
        {kind === 'final_resolution' && (
          <Alert color="violet" variant="light" p="xs">
            <Text fz="sm">
              The final resolution closes the OOPS! and asks the customer at once:{' '}
              <b>“Did we blow you away?”</b>{' '}
              {o.personEmail
                ? `The link is emailed to ${o.personEmail}.`
                : 'There is no email address for the affected person: the link is made for you to copy and hand over.'}
            </Text>
          </Alert>
        )}
        {v.sendEmail && <TextInput label="Subject" maxLength={200} {...form.getInputProps('subject')} />}
        <Textarea
          label="Message"
          autosize
          minRows={6}
          maxRows={16}
          maxLength={10_000}
          description={
            kind === 'note'
              ? 'For the team: not sent to the customer.'
              : 'Take responsibility, empathy first, then the solution. Never quote policy.'
          }
          {...form.getInputProps('message')}
        />
        {(warnings.length > 0 || unfilled) && (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Before it goes out"
            role="status"
            aria-label="Tone warnings"
          >
            <List size="sm" spacing={2}>
              {warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
              {unfilled && <List.Item>Replace the [bracketed] parts with what really happened.</List.Item>}
            </List>
          </Alert>
        )}
        {kind === 'first_contact' && (
          <NpsPicker value={v.npsBefore} onChange={(n) => form.setFieldValue('npsBefore', n)} />
        )}
        {kind !== 'note' && (
          <Stack gap={6}>
            <Checkbox
              label={o.personEmail ? `Send it by email to ${o.personEmail}` : 'Send it by email'}
              {...form.getInputProps('sendEmail', { type: 'checkbox' })}
            />
            {v.sendEmail && !o.personEmail && (
              <TextInput
                type="email"
                label="Email to"
                description="We have no email address for the affected person."
                placeholder="name@example.com"
                {...form.getInputProps('emailTo')}
              />
            )}
          </Stack>
        )}
        <FormError error={record.error} title="Nothing was logged" />
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={record.isPending}
            leftSection={v.sendEmail ? <IconSend size={16} /> : <IconMessage size={16} />}
            color={kind === 'final_resolution' ? 'grape' : undefined}
          >
            {v.sendEmail
              ? `Send and log ${STEP_LABELS[kind].toLowerCase()}`
              : `Log ${STEP_LABELS[kind].toLowerCase()}`}
          </Button>
        </Group>
      </Stack>
    </Form>
  )
}

const ZERO_TO_TEN = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const

/** 0–10, "how likely are you to recommend us?", asked at the first contact: loyalty before. */
function NpsPicker({ value, onChange }: { value: number | null; onChange: (n: number | null) => void }) {
  return (
    <Box>
      <Text fz="sm" fw={500} id="nps-before-label">
        How likely are they to recommend us now?{' '}
        <Text span c="dimmed" fz="xs">
          (0–10, optional: loyalty before)
        </Text>
      </Text>
      <Group gap={4} mt={6} role="radiogroup" aria-labelledby="nps-before-label" wrap="wrap">
        {ZERO_TO_TEN.map((n) => (
          <UnstyledButton
            key={n}
            role="radio"
            aria-checked={value === n}
            aria-label={`${n} out of 10`}
            onClick={() => onChange(value === n ? null : n)}
            w={30}
            h={32}
            style={{
              borderRadius: 'var(--mantine-radius-sm)',
              textAlign: 'center',
              fontWeight: 600,
              fontSize: 'var(--mantine-font-size-sm)',
              border: '1px solid var(--mantine-color-default-border)',
              background:
                value === n
                  ? `var(--mantine-color-${n <= 6 ? 'red' : n <= 8 ? 'yellow' : 'teal'}-filled)`
                  : 'var(--mantine-color-body)',
              color: value === n ? 'white' : undefined,
            }}
          >
            {n}
          </UnstyledButton>
        ))}
      </Group>
    </Box>
  )
}
